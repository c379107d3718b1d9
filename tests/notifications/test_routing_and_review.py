"""What an author and the followers of a focus area hear when a proposal is routed from
triage, re-routed later, and when a review ends without an answer: each thing once, and
what each message says is true."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import translation

from engage.mail.services import outgoing_email_due_ids, outgoing_emails_send
from notifications import sending
from notifications.models import Delivery, Notification
from notifications.registry import kind_get
from proposals.lifecycle import Status
from proposals.services.moderation import (
    proposal_reroute,
    proposal_route,
    proposal_set_under_review,
)
from proposals.services.proposals import proposal_transition
from tests.factories import ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import (
    FocusAreaFollowFactory,
    ProposalFactory,
    ProposalFollowFactory,
    TeamFactory,
    focus_area_get,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]

CLIMATE, NATURE = "klimahandlingsplan", "vild-natur"


@pytest.fixture
def climate_team():
    return TeamFactory(name="Klimateamet", focus_areas=[CLIMATE])


@pytest.fixture
def nature_team():
    return TeamFactory(name="Naturteamet", focus_areas=[NATURE])


def emails_to(person) -> list:
    """The emails `person` gets at once, sent as the worker sends them."""
    for event_id in set(
        Delivery.objects.filter(recipient=person, channel="immediate").values_list(
            "event_id", flat=True
        )
    ):
        sending.deliveries_send_immediate(event_id=event_id)
    outgoing_emails_send(email_ids=outgoing_email_due_ids(older_than=timedelta(0)))
    return [email for email in mail.outbox if email.to == [person.email]]


def told(person, kind: str | None = None) -> list:
    """The messages `person` finds in the app (of `kind`), newest first, in English."""
    notifications = Notification.objects.filter(recipient=person).select_related("event")
    if kind:
        notifications = notifications.filter(kind=kind)
    with translation.override("en"):
        return [kind_get(n.kind).message(n.event) for n in notifications]


def kinds_of(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def routed_from_triage(author, team, area=CLIMATE, **kwargs):
    proposal = ProposalFactory(status=Status.SUBMITTED, author=author, **kwargs)
    proposal_route(
        proposal=proposal, actor=ModeratorFactory(), focus_area=focus_area_get(area), team=team
    )
    return proposal


# ---------- routing from triage -----------------------------------------------------------


def test_routing_from_triage_emails_the_author_once_that_it_is_published_and_where_it_went(
    climate_team,
):
    author = UserFactory(preferred_language="en")
    member = StaffFactory()
    climate_team.members.add(member)

    routed_from_triage(author, climate_team, title="Ladestandere")

    [email] = emails_to(author)
    assert email.subject == "Your proposal “Ladestandere” is published"
    area = focus_area_get(CLIMATE)
    assert f"Focus area: {area.name_en}. Team: Klimateamet." in email.body
    assert kinds_of(author) == ["author.published"]
    assert kinds_of(member) == ["staff.routed"]  # the team still hears it is theirs


def test_the_published_message_is_in_danish_for_a_danish_author(climate_team):
    author = UserFactory(preferred_language="da")
    routed_from_triage(author, climate_team, title="Cykelsti")
    [email] = emails_to(author)
    assert email.subject == "Dit forslag “Cykelsti” er offentliggjort"
    area = focus_area_get(CLIMATE)
    assert f"Fokusområde: {area.name_da}. Team: Klimateamet." in email.body


def test_a_later_reroute_tells_the_author_where_it_went_and_the_first_message_stays_true(
    climate_team, nature_team
):
    author = UserFactory(preferred_language="en")
    proposal = routed_from_triage(author, climate_team, title="Vandhuller")
    emails_to(author)

    proposal_reroute(
        proposal=proposal,
        actor=StaffFactory(),
        team=nature_team,
        focus_area=focus_area_get(NATURE),
        note="Det hører til naturen",
    )

    [_first, rerouted] = emails_to(author)
    assert rerouted.subject == "“Vandhuller” was passed on"
    assert f"Focus area: {focus_area_get(NATURE).name_en}. Team: Naturteamet." in rerouted.body
    assert "Det hører til naturen" not in rerouted.body  # the note is for the team
    assert kinds_of(author) == ["author.routed", "author.published"]
    # The message about publication still names where it went then.
    [published] = told(author, "author.published")
    assert f"Focus area: {focus_area_get(CLIMATE).name_en}. Team: Klimateamet." in published.body


# ---------- a re-route into another focus area --------------------------------------------


def test_a_reroute_into_a_new_focus_area_tells_its_followers_once(climate_team, nature_team):
    def follower_of(*slugs, user=None):
        user = user or UserFactory()
        for slug in slugs:
            FocusAreaFollowFactory(user=user, focus_area=focus_area_get(slug))
        return user

    new_area_only = follower_of(NATURE)
    both_areas = follower_of(CLIMATE, NATURE)
    old_area_only = follower_of(CLIMATE)
    author = follower_of(NATURE)
    proposal = routed_from_triage(author, climate_team, title="Vandhuller")
    reader = follower_of(NATURE)  # already follows the proposal itself
    ProposalFollowFactory(proposal=proposal, user=reader)
    actor = follower_of(NATURE, user=StaffFactory())

    proposal_reroute(
        proposal=proposal,
        actor=actor,
        team=nature_team,
        focus_area=focus_area_get(NATURE),
        note="Det hører til naturen",
    )

    url = proposal.get_absolute_url()
    assert [(m.subject, m.url) for m in told(new_area_only)] == [
        ("A new proposal: “Vandhuller”", url)
    ]
    assert Delivery.objects.get(recipient=new_area_only).channel == "daily"
    assert kinds_of(both_areas) == ["follower.focus_area"]  # at publication, not again
    assert kinds_of(old_area_only) == ["follower.focus_area"]
    assert "follower.focus_area" not in kinds_of(author)
    assert kinds_of(reader) == []
    assert kinds_of(actor) == []


def test_a_reroute_within_the_focus_area_tells_its_followers_nothing_new(climate_team, nature_team):
    follower = UserFactory()
    FocusAreaFollowFactory(user=follower, focus_area=focus_area_get(CLIMATE))
    proposal = routed_from_triage(UserFactory(), climate_team)

    proposal_reroute(proposal=proposal, actor=StaffFactory(), team=nature_team, note="Videre")

    assert kinds_of(follower) == ["follower.focus_area"]


def test_an_author_who_follows_the_focus_area_hears_of_publication_once(climate_team):
    author = UserFactory()
    FocusAreaFollowFactory(user=author, focus_area=focus_area_get(CLIMATE))
    routed_from_triage(author, climate_team)
    assert kinds_of(author) == ["author.published"]


# ---------- a review that ends without an answer ------------------------------------------


def test_a_review_ended_without_an_answer_tells_the_author_so_and_not_that_it_is_published(
    climate_team,
):
    author = UserFactory(preferred_language="en")
    proposal = routed_from_triage(author, climate_team, title="Bænke")
    follower = ProposalFollowFactory(proposal=proposal).user
    member = StaffFactory()
    proposal_set_under_review(proposal=proposal, actor=member)
    before = len(emails_to(author))

    proposal_transition(proposal=proposal, target=Status.PUBLISHED, actor=member)

    [ended] = emails_to(author)[before:]
    assert ended.subject == "The municipality is no longer looking into “Bænke”"
    assert (
        "It is still published, and the municipality can take it up again or answer it."
        in ended.body
    )
    assert kinds_of(author) == ["author.review_ended", "author.under_review", "author.published"]
    assert kinds_of(follower) == ["follower.status_changed", "follower.status_changed"]


def test_a_review_ended_with_a_public_note_passes_the_note_on(climate_team):
    author = UserFactory(preferred_language="da")
    proposal = routed_from_triage(author, climate_team, title="Bænke")
    member = StaffFactory()
    proposal_set_under_review(proposal=proposal, actor=member)

    proposal_transition(
        proposal=proposal, target=Status.PUBLISHED, actor=member, note="Vi venter på budgettet."
    )

    [ended] = told(author, "author.review_ended")
    assert "Vi venter på budgettet." in ended.body


# ---------- a merge undone ----------------------------------------------------------------


def test_an_undone_merge_tells_the_author_it_is_their_own_proposal_again(climate_team):
    from proposals.services.moderation import proposal_merge, proposal_unmerge

    author = UserFactory(preferred_language="en")
    proposal = routed_from_triage(author, climate_team, title="Bænke")
    into = ProposalFactory(status=Status.PUBLISHED, title="Flere bænke")
    moderator = ModeratorFactory()
    proposal_merge(proposal=proposal, into=into, actor=moderator)
    before = len(emails_to(author))

    proposal_unmerge(proposal=proposal, actor=moderator, note="Forkert match")

    [undone] = emails_to(author)[before:]
    assert undone.subject == "“Bænke” is its own proposal again"
    assert "The merge with “Flere bænke” was undone" in undone.body
    assert "Forkert match" in undone.body
    # Not "published" again: it was published before the merge, and is so once more.
    assert kinds_of(author) == ["author.unmerged", "author.merged", "author.published"]
