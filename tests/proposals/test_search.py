"""Danish full-text search: stemmed on PostgreSQL (tsvector) and on SQLite (FTS5), with the
same results for the same queries on both."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from proposals import search
from proposals.lifecycle import Status
from proposals.models import Proposal
from proposals.selectors.public import ProposalFilters, proposal_list_public
from proposals.services import proposal_create, proposal_delete_draft, proposal_update
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL index; SQLite has its FTS5 table"
)


def found(text: str, queryset=None, rank: bool = False) -> set[int]:
    queryset = Proposal.objects.all() if queryset is None else queryset
    return set(search.search_filter(queryset, text=text, rank=rank).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Bedre sortering af affald", "sorteringen"),
        ("Sorteringen af affald er svær", "sortering"),
        ("Flere cykelstier til skolen", "cykelsti"),
        ("En ny cykelsti ved havnen", "cykelstier"),
        ("En ny cykelsti ved havnen", "Cykelstien"),
    ],
)
def test_danish_stemming_matches_word_forms(written, searched):
    match = ProposalFactory(title=written, body="Tekst.")
    ProposalFactory(title="Noget helt andet", body="Om træer og bænke.")
    assert found(searched) == {match.pk}


def test_body_and_place_are_searched_too():
    in_body = ProposalFactory(title="Forslag", body="Vi ønsker flere cykelstier.")
    in_place = ProposalFactory(title="Forslag", body="Tekst.", location_text="Cykelstien ved åen")
    ProposalFactory(title="Forslag", body="Tekst.")
    assert found("cykelsti") == {in_body.pk, in_place.pk}


def test_every_word_must_match():
    both = ProposalFactory(title="Cykelstier i Nørresundby", body="Tekst.")
    ProposalFactory(title="Cykelstier i midtbyen", body="Tekst.")
    assert found("cykelsti nørresundby") == {both.pk}


def test_title_matches_rank_first():
    in_body = ProposalFactory(title="Mere grønt", body="Vi vil have bedre affaldssortering nu.")
    in_title = ProposalFactory(title="Affaldssortering i boligerne", body="Tekst om det.")
    in_place = ProposalFactory(title="Et forslag", body="Tekst.", location_text="Affaldssortering")
    queryset = search.search_filter(
        Proposal.objects.all(), text="affaldssortering", rank=True
    ).order_by("-rank")
    assert [p.pk for p in queryset] == [in_title.pk, in_body.pk, in_place.pk]


def test_search_vector_follows_the_services():
    proposal = proposal_create(author=UserFactory(), title="Bænke i parken", body="Flere bænke.")
    assert found("bænk") == {proposal.pk}
    proposal_update(proposal=proposal, title="Cykelstier i parken", body="Nye stier.")
    assert found("bænk") == set()
    assert found("cykelsti") == {proposal.pk}


def test_websearch_syntax_is_safe():
    match = ProposalFactory(title="Cykelstier til skolen")
    for text in ['"cykelstier til"', "cykelstier -bænke", "cykelstier & | ! ( :*", "'; drop"]:
        list(search.search_filter(Proposal.objects.all(), text=text, rank=True))
    assert match.pk in found('"cykelstier til skolen"')


@postgres_only
def test_gin_index_exists():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            ["proposals_proposal", "proposal_search_gin"],
        )
        row = cursor.fetchone()
    assert row is not None
    assert "USING gin (search_vector)" in row[0]


def test_public_list_search_uses_stemming_and_hides_drafts():
    published = ProposalFactory(title="Cykelstierne skal fejes")
    ProposalFactory(title="Cykelstierne skal fejes", status=Status.DRAFT)
    rows = proposal_list_public(filters=ProposalFilters(q="cykelsti"))
    assert [p.pk for p in rows] == [published.pk]


def test_a_deleted_draft_is_no_longer_found():
    author = UserFactory()
    draft = proposal_create(author=author, title="Bænke i parken", body="Flere bænke.")
    proposal_delete_draft(proposal=draft)
    keeper = proposal_create(author=author, title="Bænke ved åen", body="Tekst.")
    assert found("bænk") == {keeper.pk}


# --- one set of Danish queries, the same answers on PostgreSQL and on SQLite ---------------

CORPUS = {
    "waste": ("Affaldet skal sorteres bedre", "Sortering af affald i boligerne.", ""),
    "paths": ("Flere cykelstier til skolen", "Cykelstierne er for smalle.", ""),
    "parking": ("Cykel-parkering ved stationen", "Der mangler plads til cykler.", ""),
    "postbike": ("En ny cykel til postbudet", "Cyklen er gammel.", ""),
    "trees": ("Træer i parken", "Vi vil have flere træer og bænke.", "Vestparken"),
}
EVERY = set(CORPUS)
# query → the proposals (CORPUS keys) it must find
QUERIES = {
    "affaldet": {"waste"},
    "sortere": {"waste"},
    "sortering": {"waste"},
    "cykelstierne": {"paths"},
    "CYKELSTIEN": {"paths"},
    "cykelsti skolen": {"paths"},
    "cykelsti parken": set(),
    "cykel": {"parking", "postbike"},
    "cykler": {"parking", "postbike"},
    "cyklerne": {"parking", "postbike"},
    "vestparken": {"trees"},
    "træet": set(),
    "bænkene træer": {"trees"},
    '"flere cykelstier"': {"paths"},
    '"cykelstier flere"': set(),
    '"flere cykelstier': {"paths"},
    "træer or affald": {"trees", "waste"},
    "cykler -postbudet": {"parking"},
    "-cykel": {"waste", "paths", "trees"},
    "og i at": set(),
    "": EVERY,
    "  ...  ": EVERY,
    'cykel" AND (NEAR * ^ : {x}': set(),
    "'; DROP TABLE proposals_search; --": set(),
    "cykel & | ! ( :*": {"parking", "postbike"},
    # `or` is the operator only between two operands, elsewhere a word like any other.
    "cykel OR": set(),
    "or cykel": set(),
    "og or cykel": {"parking", "postbike"},
    "træer or or affald": {"trees"},
    "cykel - postbudet": {"parking"},
    '-"flere cykelstier"': {"waste", "parking", "postbike", "trees"},
    "cykel-parkering": {"parking"},
    "NOT cykel": set(),
}


@pytest.fixture
def corpus() -> dict[int, str]:
    """The CORPUS as proposals, written through the services: pk → CORPUS key."""
    author = UserFactory()
    return {
        proposal_create(author=author, title=title, body=body, location_text=place).pk: key
        for key, (title, body, place) in CORPUS.items()
    }


def test_danish_queries_find_the_expected_proposals(corpus):
    answers = {
        query: {corpus[pk] for pk in found(query, rank=bool(query.strip()))} for query in QUERIES
    }
    wrong = {q: (answers[q], QUERIES[q]) for q in QUERIES if answers[q] != QUERIES[q]}
    assert not wrong, f"{connection.vendor}: query → (found, expected): {wrong}"


def test_similar_proposals_by_stem(corpus):
    rows = search.similar_filter(Proposal.objects.all(), text="Sikre cykler og affaldet")
    assert {corpus[p.pk] for p in rows} == {"parking", "postbike", "waste"}
    assert list(search.similar_filter(Proposal.objects.all(), text="i på")) == []


@pytest.mark.skipif(connection.vendor == "sqlite", reason="this run is the SQLite half")
def test_the_same_queries_on_the_embedded_sqlite_default():
    """The suite runs on PostgreSQL in CI: run the query tests above once more on SQLite
    (the embedded default of `make run`), in a pytest of their own, through the migrations,
    services and search of that database."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TEST_DATABASE_URL": "sqlite://:memory:"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            f"{Path(__file__).relative_to(root)}",
            "-p",
            "no:cacheprovider",
            "-k",
            "not test_the_same_queries_on_the_embedded_sqlite_default and not gin_index",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "database: sqlite3 (sqlite)" in result.stdout  # the header of tests/conftest.py
    assert " failed" not in result.stdout and " passed" in result.stdout
