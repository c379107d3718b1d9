"""Unsubscribe links (RFC 8058): GET shows, POST stops one kind for one person, a token
that does not hold changes nothing."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from notifications.models import Delivery, Notification, Preference
from notifications.registry import Channel
from notifications.unsubscribe import (
    SALT,
    email_masked,
    unsubscribe_token_check,
    unsubscribe_token_make,
    unsubscribe_url,
)
from proposals.lifecycle import Outcome, Status
from proposals.services.moderation import proposal_answer
from tests.factories import StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

KIND = "author.answered"
ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def person():
    return UserFactory(email="karen.hansen@example.dk")


def url_for(user, kind: str = KIND) -> str:
    return reverse(
        "notification_unsubscribe", args=[unsubscribe_token_make(user_id=user.pk, kind=kind)]
    )


def one_click(url: str):
    """What a mail provider sends: a form-encoded body, no cookies, no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    return client.post(url, ONE_CLICK, content_type="application/x-www-form-urlencoded")


def channel_of(user, kind: str = KIND) -> str | None:
    return Preference.objects.filter(user=user, kind=kind).values_list("channel", flat=True).first()


def test_the_url_is_absolute_and_the_token_names_one_person_and_one_kind(person, settings):
    settings.SITE_URL = "https://hverdagsmaal.example.dk"
    url = unsubscribe_url(user_id=person.pk, kind=KIND)
    token = unsubscribe_token_make(user_id=person.pk, kind=KIND)
    assert url == f"https://hverdagsmaal.example.dk/afmeld/{token}/"
    found = unsubscribe_token_check(token=token)
    assert (found.user, found.kind.key) == (person, KIND)
    assert token != unsubscribe_token_make(user_id=person.pk, kind="follower.comment")
    assert token != unsubscribe_token_make(user_id=UserFactory().pk, kind=KIND)


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
    other = unsubscribe_token_make(user_id=person.pk + 1, kind=KIND)
    return f"{other.split(':')[0]}:{token.split(':')[1]}"


@pytest.mark.parametrize(
    "make",
    [
        lambda person: _tampered(unsubscribe_token_make(user_id=person.pk, kind=KIND)),
        lambda person: _other_person(unsubscribe_token_make(user_id=person.pk, kind=KIND), person),
        # Signed by this site, but for another purpose (another salt).
        lambda person: signing.Signer(salt="other").sign_object([person.pk, KIND]),
        lambda person: signing.Signer(salt=SALT).sign_object({"user": person.pk}),
        lambda person: unsubscribe_token_make(user_id=person.pk, kind="no.such.kind"),
        lambda person: unsubscribe_token_make(user_id=person.pk + 1000, kind=KIND),
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
