"""Every promise a page makes about being told, kept: the action as the person does it
(the page's own form), then the notification the promised person finds in the app and the
email delivery on their channel.

The promises, where they are made, and the test that keeps each:
- "You get a notification when the status changes or someone comments." (proposal page,
  _follow.html) and "You now follow this proposal and will hear when it changes."
  (proposal_engagement.proposal_follow): test_following_a_proposal_…, test_a_follower_…merge…
- "You get a notification when a new proposal is published here." (_focus_area_follow.html)
  and "You now follow this focus area and will hear about new proposals."
  (proposal_engagement.focus_area_follow): test_following_a_focus_area_…
- "You get a notification when it is published." (my_proposals.html):
  test_a_waiting_author_hears_when_…published
- "You get a notification when it answers." (my_proposals.html), "The answer is published on
  the proposal's page and sent to followers." (teams.team_answer) and "Published on the
  proposal's page and sent to its followers." (AnswerForm): test_an_answer_…
- "The author is told the reason and your explanation." (moderation/item.html), "reject it
  with a reason the author receives" (moderation/queue.html), "The author receives it."
  (RejectForm), "The author has been told why." (moderation.moderation_reject):
  test_a_rejected_author_…; "When rejecting, the authors receive it." (BulkForm):
  test_a_bulk_rejection_…
- "…when you hide something, its author is told why." (moderation/reports.html) and "Its
  author has been told why." (moderation.moderation_hide): test_hiding_…
- "…the author is told where it went." (moderation/item.html), "The author is told where
  the proposal went." and "N followers move along and hear about it from now on."
  (moderation/merge_confirm.html): test_a_merge_…, test_a_follower_…merge…
- "Tell the moderators if this proposal breaks the rules…" (_report_panel.html):
  test_a_report_tells_the_moderators
- "You are notified when the status of a proposal you have written or follow changes."
  (pages/about.html): the author and follower tests above, each a status change.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from notifications.models import Delivery, Notification
from notifications.registry import kind_get
from proposals.lifecycle import Outcome, Status
from proposals.models import Comment, Proposal, RejectionReason
from tests.factories import ModeratorFactory, StaffFactory, UserFactory, give_totp
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ProposalFollowFactory,
    TeamFactory,
    focus_area_get,
)

pytestmark = pytest.mark.django_db

AREA = "klimahandlingsplan"


def staff(factory, **kwargs):
    user = factory(**kwargs)
    give_totp(user)  # staff must use MFA, or every page sends them to enrolment
    return user


@pytest.fixture
def moderator():
    return staff(ModeratorFactory, display_name="Mona Moderator")


@pytest.fixture
def member():
    return staff(StaffFactory, display_name="Tove Team")


@pytest.fixture
def team(member):
    return TeamFactory(name="Klimateamet", members=[member], focus_areas=[AREA])


@pytest.fixture
def author():
    return UserFactory(display_name="Anna Forfatter")


@pytest.fixture
def citizen():
    return UserFactory(display_name="Bo Borger")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def flashes(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def told(person, kind: str) -> list:
    """The messages of `kind` that `person` finds in the app, newest first, in English."""
    with translation.override("en"):
        return [
            kind_get(n.kind).message(n.event)
            for n in Notification.objects.filter(recipient=person, kind=kind).select_related(
                "event"
            )
        ]


def kinds_of(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def channel(person, kind: str) -> str:
    return Delivery.objects.get(recipient=person, kind=kind).channel


def as_user(client, user):
    client.force_login(user)
    return client


def waiting_for(author, **kwargs) -> Proposal:
    return ProposalFactory(status=Status.SUBMITTED, author=author, focus_area=None, **kwargs)


def routed_to(team, **kwargs) -> Proposal:
    return ProposalFactory(status=Status.PUBLISHED, team=team, focus_area=AREA, **kwargs)


# ---------- following a proposal ----------------------------------------------------------


def test_following_a_proposal_tells_of_its_status_changes_and_its_comments(
    client, citizen, member, team
):
    proposal = routed_to(team, title="Træer på torvet")
    url = proposal.get_absolute_url()
    assert "Du får besked, når status ændres, eller nogen kommenterer." in page(
        as_user(client, citizen), url
    )
    response = client.post(
        reverse("frontend:proposal_follow", args=[proposal.pk]), {"action": "follow"}, follow=True
    )
    assert "Du følger nu dette forslag og får besked, når der sker noget." in flashes(response)

    as_user(client, member).post(
        reverse("frontend:team_under_review", args=[proposal.pk]), {"note": "Vi ser på det."}
    )
    [news] = told(citizen, "follower.status_changed")
    assert news.url == url and "Træer på torvet" in news.subject
    assert channel(citizen, "follower.status_changed") == "daily"

    as_user(client, UserFactory()).post(
        reverse("frontend:comment_create", args=[proposal.pk]), {"body": "Gerne egetræer."}
    )
    [comment] = told(citizen, "follower.comment")
    assert comment.url.startswith(f"{url}#comment-")  # the comment itself on the page
    assert channel(citizen, "follower.comment") == "daily"


def test_a_reply_to_your_comment_tells_you_once(client, citizen):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    as_user(client, citizen).post(
        reverse("frontend:comment_create", args=[proposal.pk]), {"body": "Et spørgsmål?"}
    )
    top = Comment.objects.get()
    as_user(client, UserFactory()).post(
        reverse("frontend:comment_create", args=[proposal.pk]),
        {"body": "Et svar.", "parent": top.pk},
    )
    assert kinds_of(citizen) == ["comment.reply"]  # a follower by commenting, told once
    assert channel(citizen, "comment.reply") == "immediate"


# ---------- following a focus area --------------------------------------------------------


def test_following_a_focus_area_tells_of_each_proposal_published_in_it(
    client, citizen, author, moderator, team
):
    area_url = reverse("frontend:focus_area", args=[AREA])
    assert "Du får besked, når et nyt forslag bliver offentliggjort her." in page(
        as_user(client, citizen), area_url
    )
    response = client.post(
        reverse("frontend:focus_area_follow", args=[AREA]), {"action": "follow"}, follow=True
    )
    assert "Du følger nu dette fokusområde og får besked om nye forslag." in flashes(response)
    proposal = waiting_for(author, title="Ladestandere")

    as_user(client, moderator).post(
        reverse("frontend:moderation_route", args=[proposal.pk]), {"focus_area": AREA}
    )

    [news] = told(citizen, "follower.focus_area")
    assert news.url == proposal.get_absolute_url() and "Ladestandere" in news.subject
    assert channel(citizen, "follower.focus_area") == "daily"


# ---------- an author's proposal ----------------------------------------------------------


@pytest.mark.parametrize("how", ["route", "accept"])
def test_a_waiting_author_hears_when_the_proposal_is_published(
    client, author, moderator, team, how
):
    proposal = waiting_for(author, title="Cykelparkering")
    mine = page(as_user(client, author), reverse("frontend:my_proposals"))
    assert "Du får besked, når det er offentliggjort." in mine

    if how == "route":
        url, data = reverse("frontend:moderation_route", args=[proposal.pk]), {"focus_area": AREA}
    else:
        url, data = reverse("frontend:moderation_accept", args=[proposal.pk]), {"accept": AREA}
    assert as_user(client, moderator).post(url, data).status_code == 302

    [published] = told(author, "author.published")
    assert published.url == proposal.get_absolute_url() and "Cykelparkering" in published.subject
    assert channel(author, "author.published") == "immediate"


def test_an_answer_tells_the_author_and_the_followers_what_it_says(
    client, author, citizen, member, team
):
    proposal = routed_to(team, author=author, title="Bænke i parken")
    ProposalFollowFactory(proposal=proposal, user=citizen)
    as_user(client, member).post(
        reverse("frontend:team_under_review", args=[proposal.pk]), {"note": ""}
    )
    mine = page(as_user(client, author), reverse("frontend:my_proposals"))
    assert "Du får besked, når kommunen svarer." in mine
    item = page(as_user(client, member), reverse("frontend:team_item", args=[proposal.pk]))
    assert "Offentliggøres på forslagets side og sendes til dem, der følger det." in item

    response = client.post(
        reverse("frontend:team_answer", args=[proposal.pk]),
        {"outcome": Outcome.ACCEPTED, "text": "Vi sætter tre bænke op i maj."},
        follow=True,
    )

    assert "Svaret er offentliggjort på forslagets side og sendt til følgerne." in flashes(response)
    [answered] = told(author, "author.answered")
    assert "Vi sætter tre bænke op i maj." in answered.body
    assert channel(author, "author.answered") == "immediate"
    news = told(citizen, "follower.status_changed")
    assert "Vi sætter tre bænke op i maj." in news[0].body  # the answer, the newest news
    assert Delivery.objects.filter(recipient=citizen, kind="follower.status_changed").exists()
    assert kinds_of(member) == []  # the team gave the answer


def test_a_rejected_author_is_told_the_reason_and_the_explanation(client, author, moderator):
    proposal = waiting_for(author, title="Motorvej gennem skoven")
    item = page(as_user(client, moderator), reverse("frontend:moderation_item", args=[proposal.pk]))
    assert "Forfatteren får begrundelsen og din forklaring." in item
    assert "Forfatteren modtager den." in item

    response = client.post(
        reverse("frontend:moderation_reject", args=[proposal.pk]),
        {"reason": RejectionReason.OUT_OF_SCOPE, "note": "Det er statens område."},
        follow=True,
    )

    assert "“Motorvej gennem skoven” blev afvist. Forfatteren har fået besked om hvorfor." in (
        flashes(response)
    )
    [rejected] = told(author, "author.rejected")
    assert "Out of scope" in rejected.body
    assert "Det er statens område." in rejected.body
    assert channel(author, "author.rejected") == "immediate"


def test_a_bulk_rejection_tells_each_author_the_reason(client, moderator):
    authors = [UserFactory(), UserFactory()]
    proposals = [waiting_for(person) for person in authors]
    queue = page(as_user(client, moderator), reverse("frontend:moderation_queue"))
    assert "Ved afvisning modtager forfatterne den." in queue
    assert "afvis det med en begrundelse, som forfatteren modtager." in queue

    client.post(
        reverse("frontend:moderation_bulk"),
        {
            "bulk-proposals": [proposal.pk for proposal in proposals],
            "bulk-action": "reject",
            "bulk-reason": RejectionReason.SPAM,
        },
    )

    for person in authors:
        [rejected] = told(person, "author.rejected")
        assert "Spam" in rejected.body
        assert channel(person, "author.rejected") == "immediate"


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_hiding_content_tells_its_author_why(client, moderator, kind):
    target = (
        ProposalFactory(status=Status.PUBLISHED, title="Højt og grimt")
        if kind == "proposal"
        else CommentFactory(proposal=ProposalFactory(status=Status.PUBLISHED))
    )
    reports = page(as_user(client, moderator), reverse("frontend:moderation_reports"))
    assert "når du skjuler noget, får forfatteren besked om hvorfor." in reports

    response = client.post(
        reverse("frontend:moderation_hide", args=[kind, target.pk]),
        {"reason": "Personangreb"},
        follow=True,
    )

    assert "Indholdet er skjult. Forfatteren har fået besked om hvorfor." in flashes(response)
    [hidden] = told(target.author, "author.hidden")
    assert "Personangreb" in hidden.body
    assert channel(target.author, "author.hidden") == "immediate"


def test_a_merge_tells_the_author_where_the_proposal_went(client, author, moderator):
    duplicate = waiting_for(author, title="Dubletten")
    target = ProposalFactory(status=Status.PUBLISHED, title="Originalen")
    item = page(
        as_user(client, moderator), reverse("frontend:moderation_item", args=[duplicate.pk])
    )
    assert "forfatteren får besked om, hvor forslaget er blevet af." in item
    confirm = client.post(
        reverse("frontend:moderation_merge", args=[duplicate.pk]), {"into": target.pk}
    ).content.decode()
    assert "Forfatteren får at vide, hvor forslaget er blevet af." in confirm

    client.post(
        reverse("frontend:moderation_merge", args=[duplicate.pk]),
        {"into": target.pk, "confirm": "True"},
    )

    [merged] = told(author, "author.merged")
    assert "Originalen" in merged.body
    assert merged.url == target.get_absolute_url()
    assert channel(author, "author.merged") == "immediate"


def test_a_follower_hears_of_the_merge_and_from_then_on_of_the_proposal_it_moved_to(
    client, citizen, moderator
):
    duplicate = ProposalFactory(status=Status.PUBLISHED, title="Dubletten")
    target = ProposalFactory(status=Status.PUBLISHED, title="Originalen")
    as_user(client, citizen).post(
        reverse("frontend:proposal_follow", args=[duplicate.pk]), {"action": "follow"}
    )
    confirm = as_user(client, moderator).post(
        reverse("frontend:moderation_merge", args=[duplicate.pk]), {"into": target.pk}
    )
    assert "1 følger flytter med og hører om det fremover." in confirm.content.decode()

    client.post(
        reverse("frontend:moderation_merge", args=[duplicate.pk]),
        {"into": target.pk, "confirm": "True"},
    )

    [news] = told(citizen, "follower.status_changed")
    assert "Dubletten" in news.subject and "Originalen" in news.body
    as_user(client, UserFactory()).post(
        reverse("frontend:comment_create", args=[target.pk]), {"body": "Godt samlet."}
    )
    [comment] = told(citizen, "follower.comment")
    assert comment.url.startswith(f"{target.get_absolute_url()}#comment-")


# ---------- staff ---------------------------------------------------------------------------


def test_a_report_tells_the_moderators(client, citizen, moderator):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    assert "Sig det til moderatorerne" in page(
        as_user(client, citizen), proposal.get_absolute_url()
    )
    client.post(
        reverse("frontend:proposal_report", args=[proposal.pk]),
        {"reason": "spam", "details": ""},
    )
    [report] = told(moderator, "staff.report")
    assert report.url == reverse("frontend:moderation_reports")
    assert channel(moderator, "staff.report") == "daily"


def test_routing_tells_the_team(client, author, moderator, member, team):
    proposal = waiting_for(author)
    as_user(client, moderator).post(
        reverse("frontend:moderation_route", args=[proposal.pk]), {"focus_area": AREA}
    )
    assert kinds_of(member) == ["staff.routed"]
    assert channel(member, "staff.routed") == "immediate"
    assert focus_area_get(AREA).team == team


# ---------- the same promises in the API's documentation -------------------------------------
# "Followers are told when the proposal changes status or gets comments." and "Followers hear
# about new proposals published in the focus area." (proposals/api/engagement.py), "The author
# is told the reason (and the note)." (proposals/api/moderation.py, reject), "Shown on the
# proposal's public timeline; followers are told." (proposals/api/teams.py, answer).

API = "/api/v1"


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_api_following_then_an_api_answer_tells_the_follower(citizen, member, team):
    proposal = routed_to(team, title="Lys på stien")
    assert api_as(citizen).post(f"{API}/proposals/{proposal.pk}/follow/").status_code == 201
    area = api_as(citizen).post(f"{API}/focus-areas/{AREA}/follow/")
    assert area.status_code == 201

    response = api_as(member).post(
        f"{API}/teams/proposals/{proposal.pk}/answer/",
        {"outcome": "in_progress", "text": "Lamperne kommer i oktober."},
        format="json",
    )

    assert response.status_code == 200, response.content
    [news] = told(citizen, "follower.status_changed")
    assert "Lamperne kommer i oktober." in news.body
    assert channel(citizen, "follower.status_changed") == "daily"


def test_an_api_rejection_tells_the_author_the_reason_and_the_note(author, moderator):
    proposal = waiting_for(author)
    response = api_as(moderator).post(
        f"{API}/moderation/proposals/{proposal.pk}/reject/",
        {"reason": "other", "note": "Det handler om en privat vej."},
        format="json",
    )
    assert response.status_code == 200, response.content
    [rejected] = told(author, "author.rejected")
    assert "Other" in rejected.body and "Det handler om en privat vej." in rejected.body
    assert channel(author, "author.rejected") == "immediate"


def test_an_api_route_tells_the_focus_area_followers(citizen, author, moderator, team):
    api_as(citizen).post(f"{API}/focus-areas/{AREA}/follow/")
    proposal = waiting_for(author)
    response = api_as(moderator).post(
        f"{API}/moderation/proposals/{proposal.pk}/route/", {"focus_area": AREA}, format="json"
    )
    assert response.status_code == 200, response.content
    assert [m.url for m in told(citizen, "follower.focus_area")] == [proposal.get_absolute_url()]
