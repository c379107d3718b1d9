"""What the proposals app's changes tell people in the app: who hears what, and never twice."""

import pytest
from django.utils import translation

from notifications.models import Delivery, Notification
from notifications.registry import kind_get
from proposals.lifecycle import Outcome, Status
from proposals.services.comments import comment_create
from proposals.services.moderation import proposal_answer, proposal_route
from tests.factories import ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import (
    ProposalFactory,
    ProposalFollowFactory,
    TeamFactory,
    focus_area_get,
)

pytestmark = pytest.mark.django_db


def told(person) -> list[tuple[str, str]]:
    """(kind, link of its message) of each notification `person` has, newest first."""
    return [
        (n.kind, kind_get(n.kind).message(n.event).url)
        for n in Notification.objects.filter(recipient=person).select_related("event")
    ]


def test_an_answer_tells_the_author_as_author_and_followers_as_followers_but_not_the_team():
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team)
    follower = ProposalFollowFactory(proposal=proposal).user
    member = StaffFactory()
    proposal.follows.get_or_create(user=proposal.author)
    proposal.follows.get_or_create(user=member)

    proposal_answer(proposal=proposal, actor=member, outcome=Outcome.ACCEPTED, text="Vi gør det.")

    url = proposal.get_absolute_url()
    assert told(proposal.author) == [("author.answered", url)]
    assert told(follower) == [("follower.status_changed", url)]
    assert told(member) == []
    channels = dict(Delivery.objects.values_list("recipient_id", "channel"))
    assert channels == {proposal.author_id: "immediate", follower.pk: "daily"}


def test_routing_tells_the_author_and_the_team_not_the_moderator():
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    member = StaffFactory()
    team.members.add(member)
    moderator = ModeratorFactory()
    proposal = ProposalFactory(status=Status.SUBMITTED)

    proposal_route(
        proposal=proposal,
        actor=moderator,
        focus_area=focus_area_get("klimahandlingsplan"),
        team=team,
    )

    # One message: published, and where it went (author.routed is for a later re-route).
    assert [k for k, _ in told(proposal.author)] == ["author.published"]
    assert [k for k, _ in told(member)] == ["staff.routed"]
    assert told(moderator) == []


def test_a_reply_tells_the_comment_author_and_a_comment_tells_the_followers():
    proposal = ProposalFactory(status=Status.PUBLISHED)
    first = UserFactory()
    top = comment_create(proposal=proposal, author=first, body="Godt forslag")
    replier = UserFactory()
    comment_create(proposal=proposal, author=replier, body="Enig", parent=top)

    assert "comment.reply" in [k for k, _ in told(first)]
    assert told(replier) == []


def test_a_follower_whose_comment_gets_a_reply_hears_of_it_once_as_a_reply():
    proposal = ProposalFactory(status=Status.PUBLISHED)
    url = proposal.get_absolute_url()
    first = UserFactory()  # commenting makes them a follower
    top = comment_create(proposal=proposal, author=first, body="Godt forslag")
    follower = ProposalFollowFactory(proposal=proposal).user
    replier = UserFactory()

    reply = comment_create(proposal=proposal, author=replier, body="Enig", parent=top)

    # The link leads to the reply itself on the proposal's page.
    url = f"{url}#comment-{reply.pk}"
    assert told(first) == [("comment.reply", url)]
    assert told(follower) == [("follower.comment", url)]
    assert told(replier) == []  # followed only from their own reply on
    deliveries = Delivery.objects.filter(recipient=first).values_list("kind", "channel")
    assert list(deliveries) == [("comment.reply", "immediate")]


def test_a_reply_to_your_own_comment_tells_you_nothing():
    proposal = ProposalFactory(status=Status.PUBLISHED)
    first = UserFactory()
    top = comment_create(proposal=proposal, author=first, body="Godt forslag")
    comment_create(proposal=proposal, author=first, body="Og en ting til", parent=top)
    assert told(first) == []


def test_the_author_is_told_which_focus_area_and_team_their_proposal_went_to():
    team = TeamFactory(focus_areas=["klimahandlingsplan"], name="Klimateamet")
    author = UserFactory(preferred_language="en")
    proposal = ProposalFactory(status=Status.SUBMITTED, author=author)
    area = focus_area_get("klimahandlingsplan")

    proposal_route(proposal=proposal, actor=ModeratorFactory(), focus_area=area, team=team)

    notification = Notification.objects.get(recipient=author, kind="author.published")
    with translation.override("en"):
        message = kind_get(notification.kind).message(notification.event)
    assert f"Focus area: {area.name_en}. Team: Klimateamet." in message.body
    with translation.override("da"):
        message = kind_get(notification.kind).message(notification.event)
    assert f"Fokusområde: {area.name_da}. Team: Klimateamet." in message.body
