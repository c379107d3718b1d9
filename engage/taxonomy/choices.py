"""The taxonomy as plain choices for filter forms, cached until a theme, area or SDG changes.

Themes, focus areas and SDGs are edited only by admins, yet every list page needs them:
one cache read replaces four queries. The cache key carries a version that every save,
delete or SDG link change bumps (engage.taxonomy.apps wires the signals), so a page never
shows a renamed or removed entry.
"""

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import get_language

from engage.taxonomy.models import SDG, FocusArea, Theme
from engage.taxonomy.selectors import sdg_list

logger = logging.getLogger(__name__)

VERSION_KEY = "taxonomy:version"
CHOICES_TTL_SECONDS = 24 * 3600


@dataclass(frozen=True)
class FilterChoices:
    """Localized (value, label) pairs; focus areas grouped by theme name."""

    themes: tuple[tuple[str, str], ...]
    focus_areas: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    sdgs: tuple[tuple[int, str], ...]


def taxonomy_version() -> int:
    """The current taxonomy version; starts at a clock value so a reset cache never reuses one."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: the next reader starts a fresh one
        cache.set(VERSION_KEY, time.time_ns() // 1000, timeout=None)
    except Exception:  # an unreachable cache must not undo an admin's save or a migrate
        logger.warning("Could not bump the taxonomy cache version", exc_info=True)


def taxonomy_version_bump(**_signal_kwargs) -> None:
    """Invalidate every cached taxonomy structure and fragment (it is a signal receiver).

    Bumps now and again after the commit: a request that read the old rows just before
    the commit could otherwise cache them under the new version.
    """
    _bump()
    transaction.on_commit(_bump)


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


def filter_choices() -> tuple[int, FilterChoices]:
    """(taxonomy version, choices in the active language): two cache reads when warm."""
    version = taxonomy_version()
    key = f"taxonomy:filter-choices:{version}:{get_language() or 'da'}"
    choices = cache.get(key)
    if choices is None:
        choices = _filter_choices_load()
        cache.set(key, choices, timeout=CHOICES_TTL_SECONDS)
    return version, choices


@dataclass(frozen=True)
class TaxonomyLookup:
    """Themes and focus areas by id, each area with its theme and SDGs already attached.

    Pages that show one proposal's theme, area and goals take them from here instead of
    joining three tables and prefetching a fourth for every request. The instances are
    shared between requests: read them, never change their fields. The one thing kept on
    them is renderings of what they show (frontend proposal_tags.proposal_facts), which
    live and die with this copy.
    """

    themes: dict[int, Theme]
    focus_areas: dict[int, FocusArea]


_lookup_memo: tuple[int, TaxonomyLookup] | None = None


def _taxonomy_lookup_load() -> TaxonomyLookup:
    themes = {theme.pk: theme for theme in Theme.objects.all()}
    areas = FocusArea.objects.prefetch_related(Prefetch("sdgs", queryset=sdg_list()))
    focus_areas = {}
    for area in areas:
        area.theme = themes[area.theme_id]
        focus_areas[area.pk] = area
    return TaxonomyLookup(themes=themes, focus_areas=focus_areas)


def taxonomy_lookup(*, reload: bool = False) -> TaxonomyLookup:
    """The taxonomy by id: one cache read when this process has the current version.

    Held in process memory, not the shared cache: it is small, and unpickling two dozen
    model instances per request would cost more than the joins it replaces. The version
    comes from the shared cache, so an admin's edit reaches every process. `reload`
    reads the database anyway: for a row this copy does not know yet, which can happen
    when each process has a cache of its own.
    """
    global _lookup_memo
    version = taxonomy_version()
    memo = _lookup_memo
    if reload or memo is None or memo[0] != version:
        memo = (version, _taxonomy_lookup_load())
        _lookup_memo = memo
    return memo[1]
