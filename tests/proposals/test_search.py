"""Danish full-text search on PostgreSQL; a plain word match on SQLite."""

import pytest
from django.db import connection

from proposals import search
from proposals.lifecycle import Status
from proposals.models import Proposal
from proposals.selectors.public import ProposalFilters, proposal_list_public
from proposals.services import proposal_create, proposal_update
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Danish stemming needs PostgreSQL full-text search"
)


def found(text: str, queryset=None, rank: bool = False) -> set[int]:
    queryset = Proposal.objects.all() if queryset is None else queryset
    return set(search.search_filter(queryset, text=text, rank=rank).values_list("pk", flat=True))


@postgres_only
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


@postgres_only
def test_body_and_place_are_searched_too():
    in_body = ProposalFactory(title="Forslag", body="Vi ønsker flere cykelstier.")
    in_place = ProposalFactory(title="Forslag", body="Tekst.", location_text="Cykelstien ved åen")
    ProposalFactory(title="Forslag", body="Tekst.")
    assert found("cykelsti") == {in_body.pk, in_place.pk}


@postgres_only
def test_every_word_must_match():
    both = ProposalFactory(title="Cykelstier i Nørresundby", body="Tekst.")
    ProposalFactory(title="Cykelstier i midtbyen", body="Tekst.")
    assert found("cykelsti nørresundby") == {both.pk}


@postgres_only
def test_title_matches_rank_first():
    in_body = ProposalFactory(title="Mere grønt", body="Vi vil have bedre affaldssortering nu.")
    in_title = ProposalFactory(title="Affaldssortering i boligerne", body="Tekst om det.")
    in_place = ProposalFactory(title="Et forslag", body="Tekst.", location_text="Affaldssortering")
    queryset = search.search_filter(
        Proposal.objects.all(), text="affaldssortering", rank=True
    ).order_by("-rank")
    assert [p.pk for p in queryset] == [in_title.pk, in_body.pk, in_place.pk]


@postgres_only
def test_search_vector_follows_the_services():
    proposal = proposal_create(author=UserFactory(), title="Bænke i parken", body="Flere bænke.")
    assert found("bænk") == {proposal.pk}
    proposal_update(proposal=proposal, title="Cykelstier i parken", body="Nye stier.")
    assert found("bænk") == set()
    assert found("cykelsti") == {proposal.pk}


@postgres_only
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


@postgres_only
def test_public_list_search_uses_stemming_and_hides_drafts():
    published = ProposalFactory(title="Cykelstierne skal fejes")
    ProposalFactory(title="Cykelstierne skal fejes", status=Status.DRAFT)
    rows = proposal_list_public(filters=ProposalFilters(q="cykelsti"))
    assert [p.pk for p in rows] == [published.pk]


# --- the SQLite branch, run directly on whatever database the suite uses ---


@pytest.fixture
def plain_matching(monkeypatch):
    """Take the fallback branch: a word match with icontains instead of tsvector."""
    monkeypatch.setattr(search, "uses_postgres", lambda: False)


def test_fallback_finds_substrings(plain_matching):
    bike = ProposalFactory(title="Flere cykelstier", body="Til skolen.")
    waste = ProposalFactory(title="Affald", body="Bedre SORTERINGEN af affald.")
    ProposalFactory(title="Træer", body="I parken.")
    assert found("cykel") == {bike.pk}
    assert found("sortering") == {waste.pk}
    assert found("CYKELSTIER skolen") == {bike.pk}
    assert found("cykelstier parken") == set()
    assert found("  ...  ") == set(Proposal.objects.values_list("pk", flat=True))


def test_fallback_similar_matches_titles_by_support(plain_matching):
    few = ProposalFactory(title="Cykelstier i byen", support_count=1)
    many = ProposalFactory(title="Sikre cykelstier", support_count=7)
    ProposalFactory(title="Træer", body="Cykelstier nævnt i teksten")
    rows = search.similar_filter(Proposal.objects.all(), text="Flere cykelstier")
    assert [p.pk for p in rows] == [many.pk, few.pk]
    assert list(search.similar_filter(Proposal.objects.all(), text="i på")) == []


def test_refresh_is_a_no_op_without_postgres(plain_matching):
    proposal = ProposalFactory(title="Cykelstier")
    Proposal.objects.filter(pk=proposal.pk).update(search_vector=None)
    search.search_vector_refresh(proposal_ids=[proposal.pk])
    assert Proposal.objects.get(pk=proposal.pk).search_vector is None
