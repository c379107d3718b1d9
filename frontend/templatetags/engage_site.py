"""Template tags for the site layout."""

from django import template
from django.conf import settings
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Placeholders so the layout renders before the municipality sets MUNICIPALITY in settings.
_MUNICIPALITY_DEFAULTS = {
    "name": _("The Municipality"),
    "email": "kontakt@hverdagsmaal.local",
    "phone": "",
    "address": "",
}


@register.simple_tag
def municipality() -> dict[str, str]:
    """The data controller's name and contact details; settings.MUNICIPALITY overrides them."""
    return {**_MUNICIPALITY_DEFAULTS, **getattr(settings, "MUNICIPALITY", {})}
