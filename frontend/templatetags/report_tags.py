"""Template helpers for progress reports and the derived status of commitments."""

from decimal import Decimal

from django import template

register = template.Library()

STATUS_BADGES = {
    "achieved": "badge-success",
    "on_track": "badge-info",
    "behind": "badge-warning",
    "not_reported": "badge-error",
}


@register.filter
def plain_number(value):
    """A Decimal without trailing zeros (12.500 → 12.5, 100.000 → 100), still a number
    so the template localises it (12,5 in Danish). Empty for None."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        return value
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@register.filter
def status_badge(status: str | None) -> str:
    """The DKFDS badge class of a derived status."""
    return STATUS_BADGES.get(status or "", "")
