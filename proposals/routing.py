"""Suggests focus areas for a proposal's text, in Danish or English, or says none fits.

A multinomial naive Bayes over word stems, the parts of Danish compounds and character
trigrams (proposals.routing_text). From day one it knows each focus area by its names,
description and vocabulary (engage.taxonomy.content) and by hand-labelled citizen
proposals (proposals.routing_examples), and it knows a class of its own for what no focus
area covers. Every routing decision a moderator makes adds the routed proposal's words to
its focus area, discounted by how few decisions back each word (learned_counts); a periodic
task folds those decisions into a stored model (RoutingModel).

Each focus area's word distribution is shrunk towards its theme's, and the theme's towards
that of all the text the suggester knows (hierarchical Dirichlet smoothing): a word seen
under a sibling area still counts for an area, and a word common everywhere costs an area
that lacks it little.

Scores are calibrated: a focus area's score estimates how often a suggestion scored so is
one a moderator accepts, and what the areas' scores leave of 1 is the chance that none
fits. Below FITS_MINIMUM the answer is "none fits well".
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from engage.taxonomy.content import THEMES
from proposals.routing_examples import EXAMPLES, OUT_OF_SCOPE
from proposals.routing_text import compound_parts, text_features, word_features, words

# Smoothing, in pseudo-counts (an area's day-one text weighs about 1,200): an area's word
# distribution is drawn towards its theme's with AREA_PRIOR, a theme's towards the whole
# text's with THEME_PRIOR, and a word's share of the whole text has BACKGROUND_PRIOR added.
# The two priors were chosen from a coarse grid on the tuning half of the evaluation set.
AREA_PRIOR = 1000.0
THEME_PRIOR = 1000.0
BACKGROUND_PRIOR = 0.5
NAME_WEIGHT = 3
KEYWORD_WEIGHT = 4
DESCRIPTION_WEIGHT = 1
TITLE_WEIGHT = 2  # in a proposal, title words say more than body words
# The hand-labelled examples count as much as a moderator's decision on a proposal.
EXAMPLE_WEIGHT = 1.0
OUT_OF_SCOPE_WEIGHT = 2
NONE = ""  # the class of text no focus area fits; never shown as a focus area

# Naive Bayes multiplies word evidence as if words were independent, which makes its
# probabilities extreme; dividing the log-likelihoods by TEMPER x (evidence ** TEMPER_POWER)
# keeps the ranking and makes the best area's share track how often it is right.
TEMPER = 0.7
TEMPER_POWER = 0.5
# The chance that some focus area fits: a logistic function of how much of the text the
# suggester knows and of how the areas fare against the none class. Fitted on the tuning
# half of tests/proposals/routing_evaluation.py (tests/bench/moderation.py
# routing_calibration_fit prints fresh values).
FIT_INTERCEPT = -3.76
FIT_KNOWN_WORDS = 1.59  # x log(1 + content words the suggester knows)
FIT_COVERAGE = -0.09  # x share of the content words it knows
FIT_AREA_SHARE = 0.38  # x logit of the areas' share against the none class
# A best score below this is "none of the focus areas fits well".
FITS_MINIMUM = 0.35
# A moderator's decision counts as much as one of the day-one examples (EXAMPLE_WEIGHT):
# both are a proposal in citizens' words under its focus area.
LEARNED_WEIGHT = 1.0
# Absolute discounting of learned words (as in Kneser-Ney smoothing): a word's learned count
# under a focus area loses LEARNED_DISCOUNT of the decisions that back it. A word used in one
# decision is mostly that proposal's own (its "sell", "good", "perfectly"), so one decision
# keeps a quarter of its weight and a word many decisions share keeps nearly all. 0.75 is
# the customary value; n1 / (n1 + 2 n2) over the tuning half's decisions gives 0.74. A word
# the day-one text lacks is discounted by a whole decision: its background share would come
# from the learned text alone, which makes it look rare and so far more telling than a known
# word, so it is learned only once two decisions share it.
LEARNED_DISCOUNT = 0.75
NEW_WORD_DISCOUNT = 1.0
# An area's learned words together weigh at most this (the pull of AREA_PRIOR towards its
# theme): more decisions sharpen the shape of what it learned, not its weight. Uncapped, an
# area many proposals are routed to grows so peaked on their words that its other topics
# lose to other areas, and its words crowd the background every area is measured against.
LEARNED_MASS_MAX = AREA_PRIOR


@dataclass(frozen=True)
class Suggestion:
    focus_area: str
    theme: str
    score: float


@dataclass(frozen=True)
class Ranking:
    """Focus areas best first, and the chance that none of them fits (1 minus their sum)."""

    suggestions: list[Suggestion]
    none: float

    @property
    def fits(self) -> bool:
        """Whether the best focus area is worth suggesting; if not, "none fits well"."""
        return bool(self.suggestions) and self.suggestions[0].score >= FITS_MINIMUM

    @property
    def best(self) -> Suggestion | None:
        return self.suggestions[0] if self.fits else None


@dataclass(frozen=True)
class AreaText:
    slug: str
    theme: str
    names: tuple[str, ...]
    descriptions: tuple[str, ...]
    keywords: tuple[str, ...]


@lru_cache(maxsize=1)
def compound_lexicon() -> frozenset[str]:
    """The stems compounds are split into: every word of the shipped prior.

    Static, so features learned in one process mean the same in every other.
    """
    texts = [" ".join(OUT_OF_SCOPE)]
    for theme in THEMES:
        for area in theme["focus_areas"]:
            texts += [area["name_da"], area["name_en"], area["description_da"]]
            texts += [area["description_en"], *area.get("keywords_da", ())]
            texts += list(area.get("keywords_en", ()))
    texts += [f"{title} {body}" for _language, title, body, _slug in EXAMPLES]
    return frozenset(stem for text in texts for word in words(text) for stem in word_features(word))


def document_features(*, title: str, body: str) -> Counter:
    known = compound_lexicon()
    counter = text_features(body, known=known)
    counter.update(text_features(title, known=known, weight=TITLE_WEIGHT))
    return counter


def vocabulary_counts(areas: list[AreaText]) -> dict[str, Counter]:
    """The day-one pseudo-counts per focus area and for NONE, before any routing decision."""
    known = compound_lexicon()
    counts: dict[str, Counter] = {}
    for area in areas:
        counter: Counter = Counter()
        for text in area.names:
            counter.update(text_features(text, known=known, weight=NAME_WEIGHT))
        for text in area.keywords:
            counter.update(text_features(text, known=known, weight=KEYWORD_WEIGHT))
        for text in area.descriptions:
            counter.update(text_features(text, known=known, weight=DESCRIPTION_WEIGHT))
        counts[area.slug] = counter
    for _language, title, body, slug in EXAMPLES:
        if slug in counts:
            for feature, n in document_features(title=title, body=body).items():
                counts[slug][feature] += n * EXAMPLE_WEIGHT
    counts[NONE] = Counter()
    for text in OUT_OF_SCOPE:
        counts[NONE].update(text_features(text, known=known, weight=OUT_OF_SCOPE_WEIGHT))
    return counts


def learned_counts(
    *, decisions: Iterable[tuple[str, str, str]], areas: list[AreaText]
) -> dict[str, dict[str, float]]:
    """The word counts a Suggester learns from routing decisions, per focus-area slug.

    `decisions` holds (focus-area slug, title, body), one per proposal (its latest
    decision). The product's training (RoutingModel) and the benchmark both call this.
    """
    known: set[str] = set()
    for counter in vocabulary_counts(areas).values():
        known.update(counter)
    weights: dict[str, Counter] = defaultdict(Counter)
    backing: dict[str, Counter] = defaultdict(Counter)  # decisions that use the word
    for slug, title, body in decisions:
        for feature, n in document_features(title=title, body=body).items():
            weights[slug][feature] += n * LEARNED_WEIGHT
            backing[slug][feature] += 1
    learned: dict[str, dict[str, float]] = {}
    for slug, counter in weights.items():
        kept = {}
        for feature, n in counter.items():
            decided = backing[slug][feature]
            discount = LEARNED_DISCOUNT if feature in known else NEW_WORD_DISCOUNT
            if decided > discount:
                kept[feature] = n * (decided - discount) / decided
        learned[slug] = kept
    return learned


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, x))))


@dataclass(frozen=True)
class Evidence:
    """What rank() decides from: the areas' tempered shares and what goes into the fit."""

    shares: dict[str, float]  # over the focus areas only, summing to one
    known_words: int
    coverage: float
    area_share: float  # the focus areas' joint share against NONE

    def calibration_inputs(self) -> tuple[float, float, float]:
        share = min(max(self.area_share, 1e-6), 1 - 1e-6)
        return math.log1p(self.known_words), self.coverage, math.log(share / (1 - share))


class Suggester:
    def __init__(self, *, areas: list[AreaText], learned: dict[str, dict[str, float]]):
        self.themes = {area.slug: area.theme for area in areas}
        counts = vocabulary_counts(areas)
        for slug, terms in learned.items():
            mass = sum(terms.values())
            if slug in self.themes and mass > 0:
                scale = min(1.0, LEARNED_MASS_MAX / mass)
                counts[slug].update({feature: n * scale for feature, n in terms.items()})
        self.classes = [*sorted(self.themes), NONE]
        self.known = compound_lexicon()
        theme_of = {**self.themes, NONE: NONE}  # the none class is a theme of its own
        theme_counts: dict[str, Counter] = {}
        everything: Counter = Counter()
        for slug in self.classes:
            theme_counts.setdefault(theme_of[slug], Counter()).update(counts[slug])
            everything.update(counts[slug])
        total = sum(everything.values()) + BACKGROUND_PRIOR * len(everything)
        background = {f: (n + BACKGROUND_PRIOR) / total for f, n in everything.items()}
        theme_totals = {theme: sum(c.values()) + THEME_PRIOR for theme, c in theme_counts.items()}
        # log P(feature | class), less the part every class shares (log of the feature's
        # background share and the priors), is base[class] for a feature neither the class
        # nor its theme saw, base[class] + the theme's boost for one only its theme saw, and
        # base[class] + the theme's boost + the class's own for one the class saw: a
        # document costs one pass over its features, with a few additions each.
        self.base = [
            -math.log(theme_totals[theme_of[slug]])
            - math.log(sum(counts[slug].values()) + AREA_PRIOR)
            for slug in self.classes
        ]
        theme_index = {theme: i for i, theme in enumerate(sorted(theme_counts))}
        self.theme_of_class = [theme_index[theme_of[slug]] for slug in self.classes]
        boosts: dict[str, tuple[list[tuple[int, float]], list[tuple[int, float]]]] = {
            f: ([], []) for f in everything
        }
        for theme, in_theme in theme_counts.items():
            for feature, n_theme in in_theme.items():
                share = THEME_PRIOR * background[feature]
                boosts[feature][0].append((theme_index[theme], math.log1p(n_theme / share)))
        for index, slug in enumerate(self.classes):
            in_theme, theme_total = theme_counts[theme_of[slug]], theme_totals[theme_of[slug]]
            for feature, n in counts[slug].items():
                if n > 0:
                    share = THEME_PRIOR * background[feature]
                    # what the class's own count adds to its theme's boost
                    own = math.log1p(n * theme_total / (AREA_PRIOR * (in_theme[feature] + share)))
                    boosts[feature][1].append((index, own))
        self.boosts = boosts

    def evidence(self, *, title: str, body: str) -> Evidence:
        doc = document_features(title=title, body=body)
        logs = [0.0] * len(self.classes)
        theme_logs = [0.0] * (max(self.theme_of_class) + 1)
        mass = 0.0
        for feature, n in doc.items():
            found = self.boosts.get(feature)
            if found is None:
                continue  # a word no class has seen does not favour the smallest class
            mass += n
            for index, boost in found[0]:
                theme_logs[index] += n * boost
            for index, boost in found[1]:
                logs[index] += n * boost
        logs = [
            value + theme_logs[theme] + mass * base
            for value, theme, base in zip(logs, self.theme_of_class, self.base, strict=True)
        ]
        temper = TEMPER * max(1.0, mass) ** TEMPER_POWER
        top = max(logs)
        weights = [math.exp((value - top) / temper) for value in logs]
        areas_total = sum(weights[:-1])
        shares = {slug: w / areas_total for slug, w in zip(self.classes, weights, strict=False)}
        shares.pop(NONE, None)
        content = words(f"{title} {body}")
        known = sum(1 for word in content if self._knows(word))
        return Evidence(
            shares=shares,
            known_words=known,
            coverage=known / len(content) if content else 0.0,
            area_share=areas_total / (areas_total + weights[-1]),
        )

    def _knows(self, word: str) -> bool:
        return any(s in self.boosts for s in word_features(word)) or bool(
            compound_parts(word, self.known)
        )

    def rank(self, *, title: str, body: str, limit: int = 5) -> Ranking:
        """Focus areas ranked best first (at least three), with calibrated scores.

        The scores and `none` sum to one. Text the suggester knows no word of scores every
        area alike, and low.
        """
        evidence = self.evidence(title=title, body=body)
        known, coverage, area_logit = evidence.calibration_inputs()
        fit = _sigmoid(
            FIT_INTERCEPT
            + FIT_KNOWN_WORDS * known
            + FIT_COVERAGE * coverage
            + FIT_AREA_SHARE * area_logit
        )
        ranked = sorted(evidence.shares.items(), key=lambda item: (-item[1], item[0]))
        suggestions = [
            Suggestion(focus_area=slug, theme=self.themes[slug], score=round(fit * share, 4))
            for slug, share in ranked[: max(limit, 3)]
        ]
        return Ranking(suggestions=suggestions, none=round(1 - fit, 4))

    def suggest(self, *, title: str, body: str, limit: int = 5) -> list[Suggestion]:
        """rank()'s focus areas alone."""
        return self.rank(title=title, body=body, limit=limit).suggestions


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


_cache: dict[str, object] = {"suggester": None, "version": None}


def suggester_get() -> Suggester:
    """The current suggester, rebuilt once a newer RoutingModel is stored or the taxonomy
    changed, in this process or another (one indexed query and one cache read per call)."""
    from engage.cache import taxonomy_version
    from proposals.models import RoutingModel

    latest = RoutingModel.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    version = (latest, taxonomy_version())
    if _cache["suggester"] is None or version != _cache["version"]:
        learned = RoutingModel.objects.get(pk=latest).counts if latest else {}
        _cache["suggester"] = Suggester(areas=area_texts(), learned=learned)
        _cache["version"] = version
    return _cache["suggester"]


def suggester_reset() -> None:
    _cache.update(suggester=None, version=None)
