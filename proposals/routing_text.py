"""Words → features for the focus-area suggester: Danish and English stems, no stop words."""

import re
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

_danish = snowballstemmer.stemmer("danish")
_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """The Danish and the English stem of one lower-case word (one of them if they agree)."""
    da = _danish.stemWord(word)
    en = _english.stemWord(word)
    return (da,) if da == en else (da, en)


def features(text: str) -> list[str]:
    """Every stem of every meaningful word of `text`, in order, repeats kept."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        if word not in STOP_WORDS:
            out.extend(word_features(word))
    return out
