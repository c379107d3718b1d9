"""A signed-in person's proposal page is rendered for them, from what everyone's page shows
(kept until the proposal changes) and what is their own (asked each time): nothing stale,
nothing of another person's."""

import pytest
from django.core.cache import cache

from engage.cache import proposal_page_data_key
from proposals import services
from proposals.selectors.page import schema_digest
from proposals.services.moderation import content_hide
from tests.factories import ModeratorFactory, UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db

SUPPORTED = "Du støtter dette forslag."
FOLLOWED = "Stop med at følge"


def _page(client, user, proposal) -> str:
    client.force_login(user)
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_own_support_and_follow_never_reach_another_person(client):
    proposal = ProposalFactory()
    fan, other = UserFactory(), UserFactory()
    services.proposal_support(proposal=proposal, user=fan)
    services.proposal_follow(proposal=proposal, user=fan)
    for _ in range(2):  # the second time from what was kept
        mine = _page(client, fan, proposal)
        assert SUPPORTED in mine and FOLLOWED in mine
        theirs = _page(client, other, proposal)
        assert SUPPORTED not in theirs and FOLLOWED not in theirs
    services.proposal_unsupport(proposal=proposal, user=fan)
    assert SUPPORTED not in _page(client, fan, proposal)


def test_a_comment_and_a_new_name_show_at_once_to_signed_in_people(client):
    from engage.accounts.services import user_update_profile

    proposal = ProposalFactory()
    author, reader = UserFactory(display_name="Dorte Borger"), UserFactory()
    services.comment_create(proposal=proposal, author=author, body="Første tanke")
    assert "Dorte Borger" in _page(client, reader, proposal)
    services.comment_create(proposal=proposal, author=author, body="Anden tanke")
    user_update_profile(user=author, display_name="Dorte Ny")
    page = _page(client, reader, proposal)
    assert "Anden tanke" in page and "Dorte Ny" in page and "Dorte Borger" not in page


def test_a_hidden_proposal_is_refused_at_once_to_signed_in_people(
    client, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory()
    reader = UserFactory()
    client.get(proposal.get_absolute_url())  # kept by a visitor not signed in
    _page(client, reader, proposal)
    with django_capture_on_commit_callbacks(execute=True):
        content_hide(target=proposal, actor=ModeratorFactory(), reason="Krænkende")
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert "Krænkende" in _page(client, proposal.author, proposal)


def test_what_is_kept_holds_no_email_or_password(client):
    proposal = ProposalFactory()
    CommentFactory(proposal=proposal)
    client.get(proposal.get_absolute_url())
    kept = cache.get(proposal_page_data_key(pk=proposal.pk, schema=schema_digest()))
    assert kept is not None and kept.comments
    for person in [kept.proposal.author, *(comment.author for comment in kept.comments)]:
        assert {"email", "password"} <= person.get_deferred_fields()
        assert person.public_name


def test_a_kept_signed_in_page_runs_a_constant_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reader = UserFactory()
    counts = []
    for comments in (1, 6):
        proposal = ProposalFactory()
        CommentFactory.create_batch(comments, proposal=proposal)
        _page(client, reader, proposal)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(proposal.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    # at most: the session's user and their roles; the person's support and follow
    assert counts[0] == counts[1] <= 4
