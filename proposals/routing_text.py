"""Words → features for the focus-area suggester: Danish and English stems, the parts of
Danish compounds, and character trigrams, without stop words."""

import re
from collections import Counter
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)

# A word list reads best as prose.
STOP_WORDS = frozenset(
    """
    og i at det en den til er som på de med han af for ikke der var mig sig men et har om
    vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal
    selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle
    denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod
    disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan kan få
    gerne godt bare mere flere meget kunne burde synes tror vores jeg ja nej ingen helt
    the a an and or of to in on for with at by from is are was were be been it this that
    these those as not but if so we you they he she our your their my its can could
    would should will there here what which who whom when where why how all any more
    most some such no nor only own same than too very just also into about
    """.split()  # noqa: SIM905
)

# Each word's trigrams together weigh this much against one stem: they let "cyklerne" meet
# "cykler" and a misspelling meet its word, without outvoting whole words.
TRIGRAM_WEIGHT = 1.0
COMPOUND_MIN = 7  # shorter words are rarely compounds of two words the suggester knows
PART_MIN = 3

_danish = snowballstemmer.stemmer("danish")
_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """The Danish and the English stem of one lower-case word (one of them if they agree)."""
    da = _danish.stemWord(word)
    en = _english.stemWord(word)
    return (da,) if da == en else (da, en)


def words(text: str) -> list[str]:
    """The meaningful lower-case words of `text`, in order, repeats kept."""
    return [word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS]


def features(text: str) -> list[str]:
    """Every stem of every meaningful word of `text`, in order, repeats kept."""
    out: list[str] = []
    for word in words(text):
        out.extend(word_features(word))
    return out


def compound_parts(word: str, known: frozenset[str]) -> tuple[str, ...]:
    """The stems of the two known words a Danish compound is made of, if any.

    cykelparkering → cykel + parkering; a linking s or e (klimaplan, trafiksikkerhed,
    skoleskov) may join them. Words whose own stem is known are left whole.
    """
    if len(word) < COMPOUND_MIN or any(stem in known for stem in word_features(word)):
        return ()
    best: tuple[str, ...] = ()
    best_head = 0
    for cut in range(PART_MIN, len(word) - PART_MIN + 1):
        left, head = word[:cut], word[cut:]
        head_stems = [stem for stem in word_features(head) if stem in known]
        if not head_stems:
            continue
        lefts = [left, left[:-1]] if left[-1] in "se" and len(left) > PART_MIN else [left]
        left_stems = [s for candidate in lefts for s in word_features(candidate) if s in known]
        # In a Danish compound the last word names what it is: prefer the longest head.
        parts = (*left_stems[:1], head_stems[0])
        if len(parts) > len(best) or (len(parts) == len(best) and len(head) > best_head):
            best, best_head = parts, len(head)
    return best


def trigrams(word: str) -> list[str]:
    padded = f"<{word}>"
    return [f"#{padded[i : i + 3]}" for i in range(len(padded) - 2)]


def text_features(text: str, *, known: frozenset[str], weight: float = 1.0) -> Counter:
    """Weighted features of `text`: stems, compound parts (stems in `known`), trigrams."""
    counter: Counter = Counter()
    for word in words(text):
        for stem in word_features(word):
            counter[stem] += weight
        for part in compound_parts(word, known):
            counter[part] += weight
        grams = trigrams(word)
        share = weight * TRIGRAM_WEIGHT / len(grams)
        for gram in grams:
            counter[gram] += share
    return counter
