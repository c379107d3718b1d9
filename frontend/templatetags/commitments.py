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


@register.filter
def commitment_changes(step) -> list[tuple[str, str, str]]:
    """(field label, before, after) of an agreement step that changed a partner's
    commitment; empty for any other step."""
    from partnerships.models import AgreementAction, PartnerCommitment

    if step.action != AgreementAction.COMMITMENT_CHANGED or not step.changes:
        return []
    labels = {
        field.name: str(field.verbose_name)
        for field in PartnerCommitment._meta.get_fields()
        if hasattr(field, "verbose_name")
    }

    none = "\N{EN DASH}"

    def shown(value) -> str:
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or none
        return none if value in (None, "") else str(value)

    return [
        (labels.get(field, field), shown(before), shown(after))
        for field, (before, after) in step.changes.items()
    ]
