"""The taxonomy as plain choices for filter forms, cached until a theme, area or SDG changes.

Themes, focus areas and SDGs are edited only by admins, yet every list page needs them:
one cache read replaces three queries. The key carries the taxonomy version
(engage.cache), which every save, delete or SDG link change bumps.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch

from engage.cache import classification_key, filter_choices_key
from engage.taxonomy.models import SDG, FocusArea, Theme

CHOICES_TTL_SECONDS = 24 * 3600


@dataclass(frozen=True)
class FilterChoices:
    """Localized (value, label) pairs; focus areas grouped by theme name."""

    themes: tuple[tuple[str, str], ...]
    focus_areas: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    sdgs: tuple[tuple[int, str], ...]


def _filter_choices_load() -> FilterChoices:
    areas = FocusArea.objects.order_by("position", "pk").only("slug", "name_da", "name_en", "theme")
    themes = list(
        Theme.objects.only("slug", "name_da", "name_en").prefetch_related(
            Prefetch("focus_areas", queryset=areas)
        )
    )
    return FilterChoices(
        themes=tuple((theme.slug, theme.name) for theme in themes),
        focus_areas=tuple(
            (theme.name, tuple((area.slug, area.name) for area in theme.focus_areas.all()))
            for theme in themes
        ),
        sdgs=tuple(
            (sdg.number, f"{sdg.number}. {sdg.name}")
            for sdg in SDG.objects.only("number", "name_da", "name_en").order_by("number")
        ),
    )


def filter_choices_get() -> FilterChoices:
    """The choices in the active language: one cache read when warm."""
    key = filter_choices_key()
    choices = cache.get(key)
    if choices is None:
        choices = _filter_choices_load()
        cache.set(key, choices, timeout=CHOICES_TTL_SECONDS)
    return choices


@dataclass(frozen=True)
class Classification:
    theme: Theme | None
    focus_area: FocusArea | None
    sdgs: list[SDG]  # the focus area's UN goals, in order


def classification_get(*, theme_id: int | None, focus_area_id: int | None) -> Classification:
    """A proposal's theme, focus area and UN goals: one cache read when warm, in place of
    two joins and a query on every first view of a proposal's page."""
    key = classification_key(theme_id=theme_id, focus_area_id=focus_area_id)
    found = cache.get(key)
    if found is None:
        areas = FocusArea.objects.select_related("theme").prefetch_related(
            Prefetch("sdgs", queryset=SDG.objects.order_by("number"), to_attr="sdg_list")
        )
        area = areas.filter(pk=focus_area_id).first() if focus_area_id else None
        if area is not None and area.theme_id == theme_id:
            theme = area.theme
        else:
            theme = Theme.objects.filter(pk=theme_id).first() if theme_id else None
        sdgs = area.sdg_list if area else []
        found = Classification(theme=theme, focus_area=area, sdgs=sdgs)
        cache.set(key, found, timeout=CHOICES_TTL_SECONDS)
    return found
