"""The settings page under /konto/beskeder/indstillinger/: how each kind comes by email."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Delivery, Preference
from notifications.registry import Channel, kind_get, kinds_all
from notifications.selectors import preference_setting_url
from proposals.lifecycle import Outcome, Status
from proposals.services.moderation import proposal_answer
from tests.factories import ModeratorFactory, StaffFactory, UserFactory, give_totp
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("notification_preferences")
CITIZEN_KINDS = [kind for kind in kinds_all() if not kind.staff_only]
STAFF_KINDS = [kind for kind in kinds_all() if kind.staff_only]


def anchor(key: str) -> str:
    return "kind-" + key.replace(".", "-")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def checked(html: str, key: str) -> str:
    """The channel whose radio is checked in one kind's fieldset."""
    start = html.index(f'<fieldset id="{anchor(key)}"')
    fieldset = html[start : html.index("</fieldset>", start)]
    [value] = re.findall(r'value="(\w+)" checked', fieldset)
    return value


def whole_form(**changes: str) -> dict[str, str]:
    """Every citizen kind at its default, with `changes` (kind key → channel)."""
    return {kind.key: changes.get(kind.key, kind.default_channel.value) for kind in CITIZEN_KINDS}


def test_the_page_lists_every_kind_for_a_citizen_grouped_with_defaults_checked():
    html = signed_in(UserFactory()).get(PAGE).content.decode()
    assert "<h1>Indstillinger for beskeder</h1>" in html
    assert "<h2" in html and "Det, du har skrevet" in html and "Det, du følger" in html
    for kind in CITIZEN_KINDS:
        assert f'<fieldset id="{anchor(kind.key)}"' in html
        assert checked(html, kind.key) == kind.default_channel.value
    for kind in STAFF_KINDS:
        assert anchor(kind.key) not in html
    for label in ("E-mail med det samme", "I det daglige overblik", "Ingen e-mail", "Standard:"):
        assert label in html
    assert "Dit arbejde for kommunen" not in html
    assert html.count('type="radio"') == 4 * len(CITIZEN_KINDS)


def test_the_page_is_complete_in_english():
    user = UserFactory(preferred_language="en")
    html = signed_in(user).get(PAGE).content.decode()
    assert "<h1>Notification settings</h1>" in html
    for text in ("What you have written", "What you follow", "Email at once", "No email"):
        assert text in html
    assert "Your work for the municipality" not in html


@pytest.mark.parametrize("role", ["team_member", "moderator", "staff"])
def test_people_who_do_staff_work_also_see_the_staff_kinds(role):
    if role == "team_member":
        user = UserFactory()
        TeamFactory(members=[user])
    else:
        user = ModeratorFactory() if role == "moderator" else StaffFactory()
        give_totp(user, recovery_codes=False)
    html = signed_in(user).get(PAGE).content.decode()
    for kind in kinds_all():
        assert f'<fieldset id="{anchor(kind.key)}"' in html
    assert "Dit arbejde for kommunen" in html


def test_the_current_choice_is_checked():
    user = UserFactory()
    Preference.objects.create(user=user, kind="follower.comment", channel=Channel.WEEKLY)
    html = signed_in(user).get(PAGE).content.decode()
    assert checked(html, "follower.comment") == "weekly"


def test_saving_the_whole_form_stores_what_differs_from_the_defaults():
    user = UserFactory()
    client = signed_in(user)
    data = whole_form(**{"follower.comment": "none", "author.answered": "daily"})
    response = client.post(PAGE, data)
    assert response.status_code == 302
    assert response["Location"] == PAGE
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    assert stored == {"follower.comment": "none", "author.answered": "daily"}

    page = client.get(PAGE).content.decode()
    assert "Dine indstillinger for beskeder er gemt." in page
    assert checked(page, "follower.comment") == "none"
    assert checked(page, "author.answered") == "daily"

    # Back to the default: the person's row goes, so a changed default reaches them.
    client.post(PAGE, whole_form(**{"follower.comment": "none"}))
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    assert stored == {"follower.comment": "none"}


def test_a_saved_choice_decides_the_email_of_the_next_notification():
    author = UserFactory()
    signed_in(author).post(PAGE, whole_form(**{"author.answered": "weekly"}))
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team, author=author)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja")
    [delivery] = Delivery.objects.filter(recipient=author)
    assert (delivery.kind, delivery.channel) == ("author.answered", "weekly")


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"no.such.kind": "none"}, 400, "Den slags besked findes ikke."),
        ({"follower.comment": "hourly"}, 400, "Vælg en af mulighederne for"),
        ({"staff.triage": "none"}, 403, "Kun kommunens medarbejdere kan vælge"),
    ],
    ids=["unknown kind", "unknown channel", "staff kind for a citizen"],
)
def test_bad_input_is_refused_in_the_persons_language_and_saves_nothing(data, status, message):
    user = UserFactory()
    response = signed_in(user).post(PAGE, {**whole_form(**{"author.answered": "none"}), **data})
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert "Dine indstillinger blev ikke gemt" in html
    assert not Preference.objects.filter(user=user).exists()  # all or none


def test_bad_input_is_refused_in_english_for_an_english_reader():
    user = UserFactory(preferred_language="en")
    response = signed_in(user).post(PAGE, {"follower.comment": "hourly"})
    assert response.status_code == 400
    assert "Choose one of the options for" in response.content.decode()


def test_a_team_member_may_choose_a_staff_kind():
    member = UserFactory()
    TeamFactory(members=[member])
    response = signed_in(member).post(PAGE, {"staff.routed": "daily"})
    assert response.status_code == 302
    assert Preference.objects.get(user=member, kind="staff.routed").channel == "daily"


def test_the_page_needs_sign_in():
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Client().post(PAGE, {"follower.comment": "none"}).status_code == 302


def test_the_page_runs_the_same_queries_with_few_and_many_choices():
    user = UserFactory()
    client = signed_in(user)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    for kind in CITIZEN_KINDS:
        Preference.objects.create(user=user, kind=kind.key, channel=Channel.NONE)
    with CaptureQueriesContext(connection) as many:
        html = client.get(PAGE).content.decode()
    assert all(checked(html, kind.key) == "none" for kind in CITIZEN_KINDS)
    # The user and the person's choices (the session keeps the header's unread count).
    assert len(few) == len(many) == 2


def test_saving_runs_the_same_queries_however_many_kinds_change():
    user = UserFactory()
    client = signed_in(user)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as one:
        client.post(PAGE, whole_form(**{"follower.comment": "none"}))
    with CaptureQueriesContext(connection) as all_of_them:
        client.post(PAGE, {kind.key: "weekly" for kind in CITIZEN_KINDS})
    assert len(all_of_them) <= len(one) + 1  # the delete of the first change's row


def test_the_setting_url_leads_to_the_kinds_fieldset(settings):
    settings.SITE_URL = "https://hverdagsmaal.example.dk/"
    url = preference_setting_url(kind_key="author.under_review")
    assert url == (
        "https://hverdagsmaal.example.dk/konto/beskeder/indstillinger/#kind-author-under_review"
    )
    path, fragment = url.removeprefix("https://hverdagsmaal.example.dk").split("#")
    assert path == PAGE
    assert f'id="{fragment}"' in signed_in(UserFactory()).get(path).content.decode()
    assert kind_get("author.under_review") is not None


def test_the_centre_and_the_account_page_link_to_the_settings():
    client = signed_in(UserFactory())
    assert f'href="{PAGE}"' in client.get(reverse("notification_centre")).content.decode()
    assert f'href="{PAGE}"' in client.get(reverse("account_settings")).content.decode()
