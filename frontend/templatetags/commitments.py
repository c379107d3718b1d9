"""Template filters for the partner's commitments."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def measure(value) -> str:
    """A commitment's value without trailing zeros, in the page's language (120,5 in
    Danish); empty for None."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    places = max(-number.as_tuple().exponent, 0) if number.is_finite() else 0
    return number_format(number, decimal_pos=places)
