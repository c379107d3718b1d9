"""Suggests focus areas for a proposal's text, in Danish or English.

A multinomial naive Bayes over word stems. From day one it knows each focus area by its
names, description and a vocabulary written for it (engage.taxonomy.content); every
routing decision a moderator makes adds the routed proposal's words to its focus area,
and a periodic task folds those decisions into a stored model (RoutingModel).
"""

import math
import time
from collections import Counter
from dataclasses import dataclass

from engage.taxonomy.content import THEMES
from proposals.routing_text import features

ALPHA = 0.1  # smoothing: small, because the day-one vocabulary is small and precise
NAME_WEIGHT = 3
KEYWORD_WEIGHT = 2
DESCRIPTION_WEIGHT = 1
TITLE_WEIGHT = 2  # in a proposal, title words say more than body words
MODEL_TTL_SECONDS = 60


@dataclass(frozen=True)
class Suggestion:
    focus_area: str
    theme: str
    score: float


@dataclass(frozen=True)
class AreaText:
    slug: str
    theme: str
    names: tuple[str, ...]
    descriptions: tuple[str, ...]
    keywords: tuple[str, ...]


def vocabulary_counts(areas: list[AreaText]) -> dict[str, Counter]:
    """The day-one pseudo-counts per focus area, before any routing decision."""
    counts: dict[str, Counter] = {}
    for area in areas:
        counter: Counter = Counter()
        for text in area.names:
            counter.update({f: NAME_WEIGHT for f in features(text)})
        for text in area.keywords:
            counter.update({f: KEYWORD_WEIGHT for f in features(text)})
        for text in area.descriptions:
            for feature in features(text):
                counter[feature] += DESCRIPTION_WEIGHT
        counts[area.slug] = counter
    return counts


def document_features(*, title: str, body: str) -> Counter:
    counter = Counter(features(body))
    for feature in features(title):
        counter[feature] += TITLE_WEIGHT
    return counter


class Suggester:
    def __init__(self, *, areas: list[AreaText], learned: dict[str, dict[str, float]]):
        self.themes = {area.slug: area.theme for area in areas}
        self.counts = vocabulary_counts(areas)
        for slug, terms in learned.items():
            if slug in self.counts:
                self.counts[slug].update(terms)
        self.totals = {slug: sum(c.values()) for slug, c in self.counts.items()}
        self.vocabulary = set().union(*(c.keys() for c in self.counts.values()))

    def suggest(self, *, title: str, body: str, limit: int = 5) -> list[Suggestion]:
        """Focus areas ranked best first with probabilities that sum to one over all areas.

        Words no focus area has ever been seen with are ignored, so an unknown word does
        not favour the area with the smallest vocabulary.
        """
        doc = document_features(title=title, body=body)
        known = {f: n for f, n in doc.items() if f in self.vocabulary}
        size = len(self.vocabulary)
        logs = {}
        for slug, counter in self.counts.items():
            denominator = math.log(self.totals[slug] + ALPHA * size)
            logs[slug] = sum(
                n * (math.log(counter.get(f, 0) + ALPHA) - denominator) for f, n in known.items()
            )
        # Naive Bayes multiplies word evidence as if words were independent, which makes
        # its probabilities extreme; tempering by the square root of the word count keeps
        # the ranking and gives scores a moderator can read as confidence.
        temper = math.sqrt(max(1, sum(known.values())))
        top = max(logs.values())
        weights = {slug: math.exp((value - top) / temper) for slug, value in logs.items()}
        total = sum(weights.values())
        ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
        return [
            Suggestion(focus_area=slug, theme=self.themes[slug], score=round(w / total, 4))
            for slug, w in ranked[: max(limit, 3)]
        ]


def area_texts() -> list[AreaText]:
    """Names and descriptions from the database (admins may edit them), words from content."""
    from engage.taxonomy.models import FocusArea

    keywords = {
        area["slug"]: tuple(area.get("keywords_da", ())) + tuple(area.get("keywords_en", ()))
        for theme in THEMES
        for area in theme["focus_areas"]
    }
    return [
        AreaText(
            slug=area.slug,
            theme=area.theme.slug,
            names=(area.name_da, area.name_en),
            descriptions=(area.description_da, area.description_en),
            keywords=keywords.get(area.slug, ()),
        )
        for area in FocusArea.objects.select_related("theme")
    ]


_cache: dict[str, object] = {"suggester": None, "version": None, "checked": 0.0}


def suggester_get() -> Suggester:
    """The current suggester, rebuilt when a newer RoutingModel is stored (checked each minute)."""
    from proposals.models import RoutingModel

    now = time.monotonic()
    if _cache["suggester"] is not None and now - _cache["checked"] < MODEL_TTL_SECONDS:
        return _cache["suggester"]
    latest = RoutingModel.objects.order_by("-pk").only("pk").first()
    version = latest.pk if latest else 0
    if _cache["suggester"] is None or version != _cache["version"]:
        learned = RoutingModel.objects.get(pk=version).counts if version else {}
        _cache["suggester"] = Suggester(areas=area_texts(), learned=learned)
        _cache["version"] = version
    _cache["checked"] = now
    return _cache["suggester"]


def suggester_reset() -> None:
    _cache.update(suggester=None, version=None, checked=0.0)
