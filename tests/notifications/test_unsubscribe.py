"""Unsubscribe links (RFC 8058): GET shows, POST stops for one person the kinds the email
carried (one, or each kind in a digest or bundle), a token that does not hold changes
nothing."""

from datetime import datetime, timedelta
from email import message_from_bytes, policy
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core import mail, signing
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from engage.mail.services import outgoing_email_due_ids, outgoing_emails_send
from notifications import sending
from notifications.models import Delivery, Notification, Preference
from notifications.registry import Channel, kind_get
from notifications.services import preference_set
from notifications.unsubscribe import (
    SALT,
    email_masked,
    unsubscribe_token_check,
    unsubscribe_token_make,
    unsubscribe_url,
)
from proposals.lifecycle import Outcome, Status
from proposals.services.comments import comment_create
from proposals.services.moderation import content_hide, proposal_answer, proposal_set_under_review
from tests.factories import ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, ProposalFollowFactory, TeamFactory

pytestmark = pytest.mark.django_db

KIND = "author.answered"
ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def person():
    return UserFactory(email="karen.hansen@example.dk")


def url_for(user, kind: str = KIND) -> str:
    return reverse(
        "notification_unsubscribe", args=[unsubscribe_token_make(user_id=user.pk, kinds=[kind])]
    )


def one_click(url: str):
    """What a mail provider sends: a form-encoded body, no cookies, no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    return client.post(url, ONE_CLICK, content_type="application/x-www-form-urlencoded")


def channel_of(user, kind: str = KIND) -> str | None:
    return Preference.objects.filter(user=user, kind=kind).values_list("channel", flat=True).first()


def test_the_url_is_absolute_and_the_token_names_one_person_and_one_kind(person, settings):
    settings.SITE_URL = "https://hverdagsmaal.example.dk"
    url = unsubscribe_url(user_id=person.pk, kinds=[KIND])
    token = unsubscribe_token_make(user_id=person.pk, kinds=[KIND])
    assert url == f"https://hverdagsmaal.example.dk/afmeld/{token}/"
    found = unsubscribe_token_check(token=token)
    assert (found.user, [kind.key for kind in found.kinds]) == (person, [KIND])
    assert token != unsubscribe_token_make(user_id=person.pk, kinds=["follower.comment"])
    assert token != unsubscribe_token_make(user_id=UserFactory().pk, kinds=[KIND])


def test_get_shows_whose_mail_and_which_kind_and_changes_nothing(person):
    response = Client().get(url_for(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Afmeld</h1>" in html
    assert "k•••@example.dk" in html and "karen.hansen" not in html
    assert "Dit forslag er besvaret" in html  # the kind's label
    assert "Stop disse e-mails" in html and "Ugentligt overblik i stedet" in html
    assert 'name="robots" content="noindex"' in html
    assert channel_of(person) is None
    assert Client().head(url_for(person)).status_code == 200
    assert channel_of(person) is None


def test_the_page_is_in_the_persons_language_unless_the_visitor_chose_one(settings):
    english = UserFactory(preferred_language="en")
    assert "Stop these emails" in Client().get(url_for(english)).content.decode()
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    assert "Stop disse e-mails" in visitor.get(url_for(english)).content.decode()


def test_a_one_click_post_without_csrf_token_stops_that_kind(person):
    response = one_click(url_for(person))
    assert response.status_code == 200
    assert "Du er afmeldt" in response.content.decode()
    assert channel_of(person) == Channel.NONE
    assert Preference.objects.filter(user=person).count() == 1  # that kind alone


def test_the_second_button_moves_the_kind_to_the_weekly_digest(person):
    response = Client(enforce_csrf_checks=True).post(url_for(person), {"channel": "weekly"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "kommer nu i det ugentlige overblik" in html
    assert channel_of(person) == Channel.WEEKLY


def test_the_confirmation_links_to_exactly_that_setting(person):
    html = one_click(url_for(person)).content.decode()
    assert f'href="{reverse("notification_preferences")}#kind-author-answered"' in html


def test_after_unsubscribing_the_app_still_tells_but_no_email_is_owed(person):
    one_click(url_for(person))
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team, author=person)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja")
    assert Notification.objects.filter(recipient=person, kind=KIND).exists()
    assert not Delivery.objects.filter(recipient=person).exists()


def _tampered(token: str) -> str:
    payload, signature = token.split(":")
    return f"{payload}:{signature[:-2]}{'AA' if not signature.endswith('AA') else 'BB'}"


def _other_person(token: str, person) -> str:
    # The payload of someone else with the signature of this one.
    other = unsubscribe_token_make(user_id=person.pk + 1, kinds=[KIND])
    return f"{other.split(':')[0]}:{token.split(':')[1]}"


@pytest.mark.parametrize(
    "make",
    [
        lambda person: _tampered(unsubscribe_token_make(user_id=person.pk, kinds=[KIND])),
        lambda person: _other_person(
            unsubscribe_token_make(user_id=person.pk, kinds=[KIND]), person
        ),
        # Signed by this site, but for another purpose (another salt).
        lambda person: signing.Signer(salt="other").sign_object([person.pk, KIND]),
        lambda person: signing.Signer(salt=SALT).sign_object({"user": person.pk}),
        lambda person: unsubscribe_token_make(user_id=person.pk, kinds=["no.such.kind"]),
        lambda person: unsubscribe_token_make(user_id=person.pk + 1000, kinds=[KIND]),
        lambda person: "nonsense",
    ],
    ids=[
        "tampered",
        "foreign",
        "other salt",
        "other shape",
        "unknown kind",
        "nobody",
        "nonsense",
    ],
)
def test_a_token_that_does_not_hold_gets_a_clear_page_and_changes_nothing(person, make):
    url = reverse("notification_unsubscribe", args=[make(person)])
    for response in (Client().get(url), one_click(url), Client().post(url, {"channel": "weekly"})):
        assert response.status_code == 400
        html = response.content.decode()
        assert "<h1>Linket virker ikke</h1>" in html
        assert "Intet er ændret." in html
    assert not Preference.objects.exists()


def test_a_deleted_account_cannot_be_unsubscribed(person):
    url = url_for(person)
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert one_click(url).status_code == 400


def test_a_clear_page_in_english():
    response = Client(headers={"accept-language": "en"}).get("/afmeld/nonsense/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_email_masked():
    assert email_masked("karen.hansen@example.dk") == "k•••@example.dk"
    assert email_masked("not-an-address") == "•••"


# ---------- an email that carries several kinds: a digest or a bundle -----------------------

CPH = ZoneInfo("Europe/Copenhagen")
COMMENT, NEWS = "follower.comment", "follower.status_changed"
# Their labels as a Danish reader sees them.
LABELS = {
    COMMENT: "En ny kommentar til et forslag, du følger",
    NEWS: "Et forslag, du følger, skifter status eller bliver besvaret",
}


def sent_to(person) -> list:
    outgoing_emails_send(email_ids=outgoing_email_due_ids(older_than=timedelta(0)))
    return [email for email in mail.outbox if email.to == [person.email]]


def one_click_link(email) -> str:
    """The path of the email's List-Unsubscribe link, the one a mail program posts to."""
    parsed = message_from_bytes(email.message().as_bytes(), policy=policy.default)
    return urlsplit(parsed["List-Unsubscribe"][1:-1]).path


def daily_digest_of_comment_and_news(person):
    """`person`'s daily digest with a new comment and a status change of a proposal they
    follow: two kinds in one email."""
    proposal = ProposalFactory(status=Status.PUBLISHED, title="Grønne tage")
    ProposalFollowFactory(proposal=proposal, user=person)
    comment_create(proposal=proposal, author=UserFactory(), body="Gerne sedum på taget.")
    proposal_set_under_review(proposal=proposal, actor=StaffFactory(), note="Vi ser på det.")
    day = datetime(2026, 12, 1, 12, 0, tzinfo=CPH)
    Delivery.objects.filter(recipient=person).update(created_at=day)
    when = day + timedelta(hours=19)  # 07:00 the next morning
    period = sending.digest_period(channel=Channel.DAILY, now=when)
    due = sending.digests_due_recipient_ids(channel=Channel.DAILY, period=period)
    assert sending.digests_build(channel=Channel.DAILY, period=period, recipient_ids=due) == 1
    [digest] = sent_to(person)
    return digest


def test_a_digests_one_click_stops_exactly_the_kinds_it_carried(person, no_broker):
    digest = daily_digest_of_comment_and_news(person)
    assert "En ny kommentar til “Grønne tage”" in digest.body
    assert "Nyt om “Grønne tage”" in digest.body
    url = one_click_link(digest)

    page = Client().get(url).content.decode()
    assert "E-mailen til k•••@example.dk indeholdt disse slags beskeder:" in page
    for kind in (COMMENT, NEWS):
        assert f"“{LABELS[kind]}”. Lige nu: I det daglige overblik." in page
    assert "Dit forslag er besvaret" not in page  # a kind the email did not carry
    assert "“Stop disse e-mails” stopper e-mail om dem alle." in page
    assert "Ugentligt overblik i stedet" in page
    assert not Preference.objects.exists()

    response = one_click(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Du er afmeldt" in html
    assert f"“{LABELS[COMMENT]}”" in html and f"“{LABELS[NEWS]}”" in html
    assert dict(Preference.objects.filter(user=person).values_list("kind", "channel")) == {
        COMMENT: Channel.NONE,
        NEWS: Channel.NONE,
    }
    # The next comment is still in the app, and no email is owed for it.
    proposal = ProposalFactory(status=Status.PUBLISHED)
    ProposalFollowFactory(proposal=proposal, user=person)
    comment_create(proposal=proposal, author=UserFactory(), body="Og en til.")
    assert Notification.objects.filter(recipient=person, kind=COMMENT).count() == 2
    assert not Delivery.objects.filter(recipient=person, status="pending").exists()


def test_a_daily_digest_can_come_weekly_instead_and_a_stopped_kind_stays_stopped(person, no_broker):
    digest = daily_digest_of_comment_and_news(person)
    url = one_click_link(digest)
    # Since the digest was sent, the person stopped one of its kinds in their settings.
    preference_set(user=person, kind=kind_get(NEWS), channel=Channel.NONE)
    page = Client().get(url).content.decode()
    assert f"“{LABELS[NEWS]}”. Lige nu: Ingen e-mail." in page

    response = Client(enforce_csrf_checks=True).post(url, {"channel": "weekly"})

    html = response.content.decode()
    assert "om disse kommer nu i det ugentlige overblik" in html
    assert f"“{LABELS[COMMENT]}”" in html and f"“{LABELS[NEWS]}”" not in html
    assert channel_of(person, COMMENT) == Channel.WEEKLY
    assert channel_of(person, NEWS) == Channel.NONE  # not started again


def test_a_weekly_digest_offers_no_weekly_digest_instead(person):
    for kind in (COMMENT, NEWS):
        preference_set(user=person, kind=kind_get(kind), channel=Channel.WEEKLY)
    url = reverse(
        "notification_unsubscribe",
        args=[unsubscribe_token_make(user_id=person.pk, kinds=[COMMENT, NEWS])],
    )
    page = Client().get(url).content.decode()
    assert "Stop disse e-mails" in page
    assert "Ugentligt overblik i stedet" not in page
    assert "“Stop disse e-mails” stopper e-mail om dem alle." in page


@override_settings(NOTIFICATIONS_IMMEDIATE_PER_HOUR=1)
def test_a_bundles_one_click_stops_each_kind_it_carried(person, no_broker):
    moderator, member = ModeratorFactory(), StaffFactory()
    first, second, third = (
        ProposalFactory(status=Status.UNDER_REVIEW, author=person) for _ in range(3)
    )
    for proposal in (first, second):
        proposal_answer(proposal=proposal, actor=member, outcome=Outcome.ACCEPTED, text="Ja")
    content_hide(target=third, actor=moderator, reason="Personangreb")
    deliveries = Delivery.objects.filter(recipient=person).order_by("pk")
    for event_id in deliveries.values_list("event_id", flat=True):
        sending.deliveries_send_immediate(event_id=event_id)
    sending.deliveries_release_held(now=timezone.now() + timedelta(hours=1, minutes=1))
    [_first, bundle] = sent_to(person)
    assert bundle.subject == "2 nye beskeder fra Hverdagsmål"
    assert (
        "Kommunen har svaret på" in bundle.body
        and "En moderator har skjult dit indhold" in bundle.body
    )

    response = one_click(one_click_link(bundle))

    assert response.status_code == 200
    assert dict(Preference.objects.filter(user=person).values_list("kind", "channel")) == {
        "author.answered": Channel.NONE,
        "author.hidden": Channel.NONE,
    }


def test_a_token_names_a_set_of_kinds_whatever_their_order(person):
    token = unsubscribe_token_make(user_id=person.pk, kinds=[NEWS, COMMENT, COMMENT])
    assert token == unsubscribe_token_make(user_id=person.pk, kinds=[COMMENT, NEWS])
    found = unsubscribe_token_check(token=token)
    assert [kind.key for kind in found.kinds] == [NEWS, COMMENT]  # as the settings list them
    # A kind retired since the email was sent is left out; the rest still stops.
    retired = unsubscribe_token_make(user_id=person.pk, kinds=[COMMENT, "no.such.kind"])
    assert [kind.key for kind in unsubscribe_token_check(token=retired).kinds] == [COMMENT]


@pytest.mark.parametrize(
    "payload",
    [
        lambda person: [person.pk, []],
        lambda person: [person.pk, [COMMENT, 3]],
        lambda person: [person.pk, ["no.such.kind", "nor.this"]],
        lambda person: [True, [COMMENT]],
        lambda person: [person.pk, [COMMENT], "extra"],
    ],
    ids=["no kinds", "not a kind", "only unknown kinds", "not a person", "longer"],
)
def test_a_signed_set_that_does_not_hold_changes_nothing(person, payload):
    token = signing.Signer(salt=SALT).sign_object(payload(person))
    url = reverse("notification_unsubscribe", args=[token])
    assert one_click(url).status_code == 400
    assert not Preference.objects.exists()


def test_a_tampered_set_token_changes_nothing(person):
    token = unsubscribe_token_make(user_id=person.pk, kinds=[COMMENT, NEWS])
    url = reverse("notification_unsubscribe", args=[_tampered(token)])
    assert one_click(url).status_code == 400
    assert not Preference.objects.exists()
