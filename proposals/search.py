"""Danish full-text search: a stored tsvector on PostgreSQL, an FTS5 table on SQLite.

Both stem with Snowball's Danish stemmer and drop the same Danish stop words, and both read
a query the way PostgreSQL's websearch_to_tsquery does (words: all of them; "a phrase";
`or`; -word), so the embedded default finds what production finds. On SQLite the words are
stemmed in Python, on write (search_vector_refresh) and on query, and FTS5 only matches
the stems; its table is created by migration 0009, on SQLite only. Two known differences:
PostgreSQL also indexes a hyphenated word whole ("e-mail" besides "e" and "mail"), and
counts a stop word's position inside a quoted phrase; SQLite matches the parts and skips it.
"""

import re
from dataclasses import dataclass

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

SEARCH_CONFIG = "danish"
FTS_TABLE = "proposals_search"
# Every name put into the SQL below is one of these constants; values go as parameters.
# The columns of the FTS5 table, weighted as the tsvector's A, B and C (1, 0.4, 0.2).
FTS_COLUMNS = ("title", "body", "location_text")
FTS_WEIGHTS = (1.0, 0.4, 0.2)
FTS_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    + ", ".join(FTS_COLUMNS)
    # Stems are lower-case already; keeping diacritics keeps "år" apart from "ar".
    + ", tokenize='unicode61 remove_diacritics 0')"
)
FTS_INSERT = f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FTS_COLUMNS)}) VALUES (%s, %s, %s, %s)"  # noqa: S608

# Letters and digits; an underscore separates words, as in PostgreSQL's parser.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# websearch syntax: a dash, "a phrase" (an unclosed quote runs to the end), or a word.
_QUERY_PART = re.compile(r'(-)|"([^"]*)"?|([^\W_]+)', re.UNICODE)
# PostgreSQL's danish.stop (the Snowball list): the words its "danish" configuration drops.
STOP_WORDS = frozenset(
    """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har
    om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal
    selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne
    end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse hvis
    din nogle hos blive mange ad bliver hendes været thi jer sådan
    """.split()  # noqa: SIM905
)
_danish = snowballstemmer.stemmer("danish")


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def stems(text: str) -> list[str]:
    """The Danish stems of the words of `text` that are not stop words, in order."""
    words = [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]
    return _danish.stemWords(words)


@dataclass(frozen=True)
class Term:
    """One word or "phrase" of a query, as stems; `negated` for -word."""

    stems: tuple[str, ...]
    negated: bool = False

    def fts(self) -> str:
        # Stems are letters and digits only, so a quoted FTS5 string can hold no syntax.
        return '"' + " ".join(self.stems) + '"'


def _query_tokens(text: str) -> list[tuple[str, str, bool]]:
    """(kind, text, negated) for each word or "phrase" of a websearch query; a dash at the
    start or after a space negates what follows ("a-b" is one hyphenated word)."""
    tokens: list[tuple[str, str, bool]] = []
    negate = False
    for match in _QUERY_PART.finditer(text):
        dash, phrase, word = match.groups()
        if dash is not None:
            before = text[: match.start()]
            negate = not before or before[-1].isspace()
        elif phrase is not None:
            tokens.append(("phrase", phrase, negate))
            negate = False
        else:
            tokens.append(("word", word, negate))
            negate = False
    return tokens


def query_parse(text: str) -> list[list[Term]]:
    """A websearch query as alternatives (split at `or`) of terms that must all match.

    As websearch_to_tsquery: `or` between two operands is the operator, elsewhere a word;
    stop words and punctuation are dropped.
    """
    tokens = _query_tokens(text)
    alternatives: list[list[Term]] = [[]]
    after_operand = False
    for index, (kind, value, negated) in enumerate(tokens):
        is_last = index == len(tokens) - 1
        is_operator = kind == "word" and value.lower() == "or" and not negated
        if is_operator and after_operand and not is_last:
            alternatives.append([])
            after_operand = False
            continue
        found = stems(value)
        if found:
            alternatives[-1].append(Term(tuple(found), negated=negated))
        after_operand = True
    return [terms for terms in alternatives if terms]


def _fts_ids(expression: str) -> RawSQL:
    # The ORM cannot say MATCH: the one hand-written query of the SQLite search.
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
    return RawSQL(sql, [expression])  # noqa: S611


def _fts_condition(alternatives: list[list[Term]]) -> tuple[Q, str]:
    """The filter for `alternatives`, and the FTS5 expression that ranks (may be "")."""
    condition = Q(pk__in=[])
    ranked: list[str] = []
    for terms in alternatives:
        wanted = [t.fts() for t in terms if not t.negated]
        unwanted = [t.fts() for t in terms if t.negated]
        if wanted:
            # FTS5's NOT is binary ("a NOT b"), so an alternative needs a wanted term.
            expression = "(" + " AND ".join(wanted) + ")"
            expression += "".join(f" NOT {u}" for u in unwanted)
            ranked.append(expression)
            condition |= Q(pk__in=_fts_ids(expression))
        else:
            condition |= ~Q(pk__in=_fts_ids(" OR ".join(unwanted)))
    return condition, " OR ".join(ranked)


def _fts_rank(queryset: QuerySet, expression: str) -> QuerySet:
    """Annotate `rank`, higher for a better match (FTS5's bm25 is lower for better)."""
    if not expression:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    table = queryset.model._meta.db_table
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    return queryset.annotate(
        rank=RawSQL(  # noqa: S611
            # bm25() exists only inside an FTS5 query, which the ORM cannot write.
            f"SELECT -bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "  # noqa: S608
            f'WHERE {FTS_TABLE} MATCH %s AND rowid = "{table}"."id"',
            [expression],
        )
    )


def search_vector_refresh(*, proposal_ids: list[int]) -> None:
    """Re-index the given proposals: the stored tsvector on PostgreSQL, the FTS5 rows on
    SQLite. Called by every service that writes a proposal's title, body or place, and
    after a delete (a deleted proposal's FTS5 row goes)."""
    if not proposal_ids:
        return
    from proposals.models import Proposal, ProposalSearchRow

    if uses_postgres():
        Proposal.objects.filter(pk__in=proposal_ids).update(
            search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("body", weight="B", config=SEARCH_CONFIG)
            + SearchVector("location_text", weight="C", config=SEARCH_CONFIG)
        )
        return
    if connection.vendor != "sqlite":
        return
    rows = Proposal.objects.filter(pk__in=proposal_ids).values_list("pk", *FTS_COLUMNS)
    ProposalSearchRow.objects.filter(pk__in=proposal_ids).delete()
    ProposalSearchRow.objects.bulk_create(
        ProposalSearchRow(
            pk=pk,
            **{c: " ".join(stems(v)) for c, v in zip(FTS_COLUMNS, values, strict=True)},
        )
        for pk, *values in rows
    )


def search_filter(queryset: QuerySet, *, text: str, rank: bool) -> QuerySet:
    """Proposals matching `text` as a websearch query, stemmed in Danish.

    With `rank`, annotates `rank` (higher is better). A query of stop words alone finds
    nothing; one without any word filters nothing.
    """
    if not _WORD.search(text):
        return queryset
    if uses_postgres():
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        queryset = queryset.filter(search_vector=query)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(F("search_vector"), query))
        return queryset
    alternatives = query_parse(text)
    if not alternatives:
        return queryset.none()
    condition, ranked = _fts_condition(alternatives)
    queryset = queryset.filter(condition)
    return _fts_rank(queryset, ranked) if rank else queryset


def similar_filter(queryset: QuerySet, *, text: str) -> QuerySet:
    """Proposals sharing any meaningful word with `text`, best match first."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 2][:12]
    if not words:
        return queryset.none()
    if uses_postgres():
        query = SearchQuery(" OR ".join(words), config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-support_count")
        )
    terms = sorted({stem for word in words for stem in stems(word)})
    if not terms:
        return queryset.none()
    expression = " OR ".join(Term((stem,)).fts() for stem in terms)
    return _fts_rank(queryset.filter(pk__in=_fts_ids(expression)), expression).order_by(
        "-rank", "-support_count"
    )
