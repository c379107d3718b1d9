"""Template tags for the site layout."""

import functools
import re
from collections.abc import Callable
from datetime import datetime

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone, is_aware
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from frontend.html import esc

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
        asset("frontend/vendor/dkfds/img/all-svg-icons.svg"),
        name,
    )


@register.simple_tag
def asset(path: str) -> str:
    """`{% static %}` asked of the storage once per process and STATIC_URL: every page
    links the same style sheets and scripts, and a table of fifty rows shows 150 icons."""
    return _static_url(settings.STATIC_URL, path)


@functools.lru_cache(maxsize=64)
def _static_url(static_url: str, path: str) -> str:
    return static(path)


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    """`?…&page=<number>`: the request's query string with another page, for page links.

    Django's {% querystring %} copies the whole query for each link; a list shows up to
    nine links, so the rest of the query is encoded once per rendering.
    """
    rest = context.render_context.get(_PAGE_QUERY_KEY)
    if rest is None:
        query = context["request"].GET.copy()
        query.pop("page", None)
        rest = context.render_context[_PAGE_QUERY_KEY] = query.urlencode()
    return f"?{rest}&page={number}" if rest else f"?page={number}"


_PAGE_QUERY_KEY = "engage_site.page_query"


@register.simple_tag(takes_context=True)
def page_items(context, page, page_numbers) -> str:
    """The numbered page links of frontend/includes/pagination.html, one <li> each, in
    one pass: looped over in the template, each number cost a dozen nodes and its own
    lookup of "Page" in the translations."""
    page_label = esc(gettext("Page"))
    items = []
    for number in page_numbers:
        if number == page.paginator.ELLIPSIS:
            items.append(
                '<li class="pagination-item pagination-overflow">'
                '<span aria-hidden="true">…</span></li>'
            )
            continue
        href = esc(page_query(context, number))
        if number == page.number:
            link = f'<a href="{href}" class="button current-page" aria-current="page">'
        else:
            link = f'<a href="{href}" class="button button-secondary">'
        items.append(
            f'<li class="pagination-item pagination-number">\n      {link}'
            f'<span class="sr-only">{page_label} </span>{esc(number)}</a>\n    </li>'
        )
    return mark_safe("\n    ".join(items))  # noqa: S308 (every value above is escaped)


@register.simple_tag
def time_tag(value, format_name: str = "DATE_FORMAT", *, classes: str = "") -> str:
    """`<time datetime="…">…</time>`: the moment in ISO 8601 for machines and in the
    language's `format_name` (DATE_FORMAT, SHORT_DATETIME_FORMAT, …) for people, in
    local time. Nothing for None."""
    return time_tag_maker(format_name, classes=classes)(value)


def time_tag_maker(format_name: str = "DATE_FORMAT", *, classes: str = "") -> Callable:
    """time_tag with the format and time zone looked up once, for tables that show a
    moment on each of fifty rows (the lookups cost more than writing the tag). A format
    that shows only the day is written once per day: rows of a queue share few days,
    and formatting cost more than the rest of the tag."""
    shown_format = get_format(format_name)
    zone = get_current_timezone() if settings.USE_TZ else None
    css = f' class="{esc(classes)}"' if classes else ""
    # Format characters that show a time of day or a time zone; "\x" is a literal x.
    by_day = not set(re.sub(r"\\.", "", shown_format)) & set("aABcefgGhHiIOPrsTuUZ")
    days: dict[tuple[int, int, int], str] = {}

    def make(value) -> str:
        if value is None or value == "":
            return ""
        if zone is not None and isinstance(value, datetime) and is_aware(value):
            value = value.astimezone(zone)  # template_localtime, as {{ value }} shows it
        if by_day:
            day = (value.year, value.month, value.day)
            if day not in days:
                days[day] = esc(dateformat.format(value, shown_format))
            shown = days[day]
        else:
            shown = esc(dateformat.format(value, shown_format))
        return mark_safe(f'<time{css} datetime="{esc(value.isoformat())}">{shown}</time>')  # noqa: S308

    return make
