"""The taxonomy as this process keeps it: themes with their focus areas and UN goals, the
teams, and the same as plain choices for filter forms.

Themes, focus areas, SDGs and teams are edited only by admins, yet nearly every page
shows some of them. The process keeps one copy under the taxonomy version
(engage.cache), which every save, delete or SDG link change bumps in the shared cache
and each request reads with its other versions: a change made in any process shows at
the next request, and no page pays a query, a cache read or unpickling for them.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import get_language

from engage.cache import taxonomy_version
from engage.taxonomy.models import SDG, FocusArea, Team, Theme


@dataclass(frozen=True)
class FilterChoices:
    """Localized (value, label) pairs; focus areas grouped by theme name."""

    themes: tuple[tuple[str, str], ...]
    focus_areas: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    sdgs: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class KeptTaxonomy:
    """Shared between the requests of a process: read it, never change the objects."""

    themes: list[Theme]  # by position; theme.focus_areas.all() by position
    teams: list[Team]  # by name
    sdgs: list[SDG]  # by number
    theme_of: dict[int, Theme]
    area_of: dict[int, FocusArea]  # each with `theme` and `sdg_list` (its UN goals, in order)
    team_of: dict[int, Team]
    # FilterChoices per language, made on first use (the same for every request).
    choices: dict[str, FilterChoices] = field(default_factory=dict)


_kept: dict[int, KeptTaxonomy] = {}


def taxonomy_kept_get() -> KeptTaxonomy:
    """The whole taxonomy (see the module): four queries once per taxonomy version and
    process, none after."""
    version = taxonomy_version()
    kept = _kept.get(version)
    if kept is None:
        kept = _taxonomy_load()
        _kept.clear()
        _kept[version] = kept
    return kept


def _taxonomy_load() -> KeptTaxonomy:
    sdgs = list(SDG.objects.order_by("number"))
    areas = FocusArea.objects.order_by("position", "pk").prefetch_related(
        Prefetch("sdgs", queryset=SDG.objects.order_by("number"), to_attr="sdg_list")
    )
    themes = list(
        Theme.objects.order_by("position", "pk").prefetch_related(
            Prefetch("focus_areas", queryset=areas)
        )
    )
    area_of = {}
    for theme in themes:
        for area in theme.focus_areas.all():
            area.theme = theme
            area_of[area.pk] = area
    teams = list(Team.objects.order_by("name", "pk"))
    return KeptTaxonomy(
        themes=themes,
        teams=teams,
        sdgs=sdgs,
        theme_of={theme.pk: theme for theme in themes},
        area_of=area_of,
        team_of={team.pk: team for team in teams},
    )


def filter_choices_get() -> FilterChoices:
    """The taxonomy as choices in the active language, from taxonomy_kept_get."""
    kept = taxonomy_kept_get()
    language = get_language() or "da"
    choices = kept.choices.get(language)
    if choices is None:
        choices = FilterChoices(
            themes=tuple((theme.slug, theme.name) for theme in kept.themes),
            focus_areas=tuple(
                (theme.name, tuple((area.slug, area.name) for area in theme.focus_areas.all()))
                for theme in kept.themes
            ),
            sdgs=tuple((sdg.number, f"{sdg.number}. {sdg.name}") for sdg in kept.sdgs),
        )
        kept.choices[language] = choices
    return choices


@dataclass(frozen=True)
class Classification:
    theme: Theme | None
    focus_area: FocusArea | None
    sdgs: list[SDG]  # the focus area's UN goals, in order


def classification_get(*, theme_id: int | None, focus_area_id: int | None) -> Classification:
    """A proposal's theme, focus area and UN goals, from taxonomy_kept_get."""
    kept = taxonomy_kept_get()
    area = kept.area_of.get(focus_area_id) if focus_area_id else None
    if area is not None and area.theme_id == theme_id:
        theme = area.theme
    else:
        theme = kept.theme_of.get(theme_id) if theme_id else None
    return Classification(theme=theme, focus_area=area, sdgs=area.sdg_list if area else [])
