"""The unread count in the header: right on every page without JavaScript, although the
header is a kept fragment, and polled by htmx with it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notification_mark_read, notifications_mark_all_read
from proposals.lifecycle import Outcome, Status
from proposals.services.moderation import proposal_answer
from tests.factories import StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

BADGES = reverse("notification_unread_badges")


def answered(author) -> None:
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team, author=author)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja.")


def badges(html: str) -> list[str]:
    """The text of each unread badge: the wide screens' link, the narrow screens' menu
    button and the link in their menu."""
    found = re.findall(r'<span class="badge unread-badge">(.*?)</span></span>', html)
    return [re.sub(r"<[^>]+>", "", text).removeprefix(", ") for text in found]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_header_shows_the_unread_count_with_words_for_screen_readers():
    author = UserFactory()
    answered(author)
    answered(author)
    html = signed_in(author).get("/").content.decode()
    assert badges(html) == ["2 ulæste"] * 3
    assert '<span class="sr-only">, </span>2<span class="sr-only"> ulæste</span>' in html


def test_one_unread_in_english():
    author = UserFactory(preferred_language="en")
    answered(author)
    html = signed_in(author).get("/").content.decode()
    assert badges(html) == ["1 unread"] * 3


@pytest.mark.parametrize("url", ["/", "/forslag/", "/konto/"])
def test_the_count_is_right_on_the_next_page_although_the_header_is_kept(url):
    author = UserFactory()
    client = signed_in(author)
    assert badges(client.get(url).content.decode()) == []  # rendered and kept
    answered(author)
    assert badges(client.get(url).content.decode()) == ["1 ulæst"] * 3
    answered(author)
    assert badges(client.get(url).content.decode()) == ["2 ulæste"] * 3
    notifications_mark_all_read(user=author)
    assert badges(client.get(url).content.decode()) == []


def test_marking_all_read_in_the_centre_clears_the_count_on_the_page_it_returns_to():
    author = UserFactory()
    answered(author)
    client = signed_in(author)
    assert badges(client.get(reverse("notification_centre")).content.decode())
    page = client.post(reverse("notification_centre"), follow=True)
    assert badges(page.content.decode()) == []


def test_one_persons_count_never_shows_in_anothers_header():
    author, other = UserFactory(), UserFactory()
    answered(author)
    assert badges(signed_in(author).get("/").content.decode())
    assert badges(signed_in(other).get("/").content.decode()) == []


def test_signed_in_pages_poll_for_the_count_and_signed_out_pages_do_not():
    html = signed_in(UserFactory()).get("/").content.decode()
    assert f'hx-get="{BADGES}" hx-trigger="every 60s" hx-swap="none"' in html
    assert BADGES not in Client().get("/").content.decode()


def test_the_polled_answer_swaps_every_badge_out_of_band():
    author = UserFactory()
    client = signed_in(author)
    empty = client.get(BADGES, headers={"HX-Request": "true"})
    assert empty.status_code == 200
    assert "no-store" in empty["Cache-Control"] or "no-cache" in empty["Cache-Control"]
    html = empty.content.decode()
    assert '<span id="unread-badge-desktop" hx-swap-oob="true"></span>' in html
    assert '<span id="unread-badge-mobile" hx-swap-oob="true"></span>' in html
    assert '<span id="unread-badge-menu" hx-swap-oob="true"></span>' in html
    answered(author)
    html = client.get(BADGES, headers={"HX-Request": "true"}).content.decode()
    assert badges(html) == ["1 ulæst"] * 3


def test_the_polled_answer_counts_only_after_a_change(django_assert_num_queries):
    author = UserFactory()
    client = signed_in(author)
    client.get(BADGES)
    with django_assert_num_queries(1):  # the user; the session keeps the count
        assert badges(client.get(BADGES).content.decode()) == []
    for _ in range(3):
        answered(author)
    assert badges(client.get(BADGES).content.decode()) == ["3 ulæste"] * 3  # counted, kept
    with django_assert_num_queries(1):
        assert badges(client.get(BADGES).content.decode()) == ["3 ulæste"] * 3


def test_reading_one_notification_lowers_the_count_on_the_next_page():
    author = UserFactory()
    answered(author)
    answered(author)
    client = signed_in(author)
    assert badges(client.get("/").content.decode()) == ["2 ulæste"] * 3
    notification = Notification.objects.filter(recipient=author).first()
    notification_mark_read(user=author, notification_id=notification.pk)
    assert badges(client.get("/").content.decode()) == ["1 ulæst"] * 3


def test_a_count_kept_in_one_session_is_not_anothers():
    # Two sessions of one person: each keeps its own copy, and both follow a change.
    author = UserFactory()
    phone, laptop = signed_in(author), signed_in(author)
    assert badges(phone.get("/").content.decode()) == []
    assert badges(laptop.get("/").content.decode()) == []
    answered(author)
    assert badges(phone.get("/").content.decode()) == ["1 ulæst"] * 3
    notifications_mark_all_read(user=author)
    assert badges(laptop.get("/").content.decode()) == []
    assert badges(phone.get("/").content.decode()) == []


def test_polling_stops_once_the_person_has_signed_out():
    response = Client().get(BADGES, headers={"HX-Request": "true"})
    assert response.status_code == 286  # htmx's "stop polling"
    assert response.content == b""
    plain = Client().get(BADGES)
    assert plain.status_code == 302
    assert plain["Location"].startswith(reverse("account_login"))


def test_a_notification_whose_bump_this_process_missed_shows_within_the_bound(monkeypatch):
    # As under `make run`, where the worker's reminders bump a memory cache of its own.
    import time

    from notifications import selectors

    author = UserFactory()
    client = signed_in(author)
    assert badges(client.get("/").content.decode()) == []
    with monkeypatch.context() as patched:
        patched.setattr("notifications.services.unread_changed", lambda **_kwargs: None)
        answered(author)
    assert badges(client.get("/").content.decode()) == []  # kept, for now
    later = time.time() + selectors.UNREAD_SESSION_SECONDS
    monkeypatch.setattr(selectors.time, "time", lambda: later)
    assert badges(client.get("/").content.decode()) == ["1 ulæst"] * 3
