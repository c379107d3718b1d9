"""Template tags for the site layout."""

import functools

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


@register.simple_tag
def icon(name: str, *, classes: str = "", label: str = "") -> str:
    """A DKFDS sprite icon: decorative (hidden from screen readers) unless it has a label.

    A tag rather than an included template: pages show dozens of icons, and an include
    costs a template lookup and a context push each time.
    """
    css = f"icon-svg {classes}" if classes else "icon-svg"
    if label:
        a11y = format_html(' role="img" aria-label="{}"', label)
    else:
        a11y = mark_safe(' aria-hidden="true"')  # a constant
    return format_html(
        '<svg class="{}" focusable="false"{}><use href="{}#{}"></use></svg>',
        css,
        a11y,
        _sprite_url(settings.STATIC_URL),
        name,
    )


@functools.lru_cache(maxsize=4)
def _sprite_url(static_url: str) -> str:
    """The icon sprite's URL, asked of the storage once per STATIC_URL (a table of fifty
    rows shows 150 icons)."""
    return static("frontend/vendor/dkfds/img/all-svg-icons.svg")
