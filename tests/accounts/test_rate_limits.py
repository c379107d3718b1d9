"""Guessing is slowed down, and responses never tell whether an address has an account."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from engage.accounts.models import User
from tests.accounts.conftest import is_logged_in, login, main_text
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _without_tokens(response) -> str:
    # The CSRF token differs between any two responses; everything else must not.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main_text(response))


def test_repeated_failed_logins_for_one_address_are_refused(client, settings):
    user = UserFactory()
    attempts = int(settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")[1].split("/")[0])
    for _ in range(attempts):
        response = login(client, user.email, "forkert-adgangskode-123")
        assert response.status_code == 200
        assert "Der er for mange" not in main_text(response)

    # Now even the right password is refused for a while.
    response = login(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert not is_logged_in(client)
    assert "Der er for mange mislykkede" in main_text(response)


@override_settings(ACCOUNT_RATE_LIMITS={"login": "3/m/ip", "login_failed": False})
def test_login_attempts_per_ip_get_http_429(client):
    user = UserFactory()
    for _ in range(3):
        assert login(client, user.email, "forkert-adgangskode-123").status_code == 200
    response = login(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert "For mange forsøg" in main_text(response) or "Too many" in main_text(response)


@override_settings(ACCOUNT_RATE_LIMITS={"reset_password": "2/m/ip"})
def test_password_reset_requests_are_limited(client):
    for _ in range(2):
        response = client.post(reverse("account_reset_password"), {"email": "a@example.dk"})
        assert response.status_code == 302
    response = client.post(reverse("account_reset_password"), {"email": "a@example.dk"})
    assert response.status_code == 429


def test_password_reset_response_is_the_same_for_unknown_addresses(client, mailoutbox):
    user = UserFactory()
    known = client.post(reverse("account_reset_password"), {"email": user.email}, follow=True)
    unknown = client.post(
        reverse("account_reset_password"), {"email": "ukendt@example.dk"}, follow=True
    )
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_tokens(known) == _without_tokens(unknown)
    # Each address gets a mail (the unknown one is told no account exists), so even the
    # time taken and the mail count look alike.
    assert [m.to for m in mailoutbox] == [[user.email], ["ukendt@example.dk"]]


def test_signup_with_a_registered_address_looks_like_any_signup(client, mailoutbox):
    existing = UserFactory(email="kendt@example.dk")
    data = {"display_name": "", "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD}

    url = reverse("account_signup")
    taken = client.post(url, {"email": "kendt@example.dk", **data}, follow=True)
    fresh = client.post(url, {"email": "ny@example.dk", **data}, follow=True)

    assert taken.status_code == fresh.status_code == 200
    assert taken.redirect_chain == fresh.redirect_chain
    assert _without_tokens(taken).replace("kendt@example.dk", "X") == _without_tokens(
        fresh
    ).replace("ny@example.dk", "X")
    assert User.objects.filter(email="kendt@example.dk").count() == 1
    existing.refresh_from_db()
    assert existing.check_password(DEFAULT_PASSWORD)
    # The owner of the registered address is told someone tried to sign up with it.
    assert [m.to for m in mailoutbox] == [["kendt@example.dk"], ["ny@example.dk"]]
