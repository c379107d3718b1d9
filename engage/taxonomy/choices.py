"""The taxonomy as plain choices for filter forms, cached until a theme, area or SDG changes.

Themes, focus areas and SDGs are edited only by admins, yet every list page needs them:
one cache read replaces three queries. The key carries the taxonomy version
(engage.cache), which every save, delete or SDG link change bumps.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch

from engage.cache import filter_choices_key, focus_area_sdgs_key
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


def focus_area_sdgs_get(*, focus_area_id: int) -> list[SDG]:
    """The UN goals of a focus area, in order: one cache read when warm (a proposal's
    page shows them on every first view)."""
    key = focus_area_sdgs_key(focus_area_id=focus_area_id)
    sdgs = cache.get(key)
    if sdgs is None:
        sdgs = list(SDG.objects.filter(focus_areas=focus_area_id).order_by("number"))
        cache.set(key, sdgs, timeout=CHOICES_TTL_SECONDS)
    return sdgs
