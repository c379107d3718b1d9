"""Guessing is slowed down, and responses never tell whether an address has an account."""

import math
import re
import statistics
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client, override_settings
from django.urls import reverse

from engage.accounts.models import User
from tests.accounts.conftest import is_logged_in, login, main_text
from tests.factories import DEFAULT_PASSWORD, UserFactory, give_totp, totp_code

pytestmark = pytest.mark.django_db


def _without_tokens(response) -> str:
    # The CSRF token differs between any two responses; everything else must not.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main_text(response))


def _limit(settings, name: str) -> int:
    return settings.ACCOUNT_GUESS_LIMITS[name][0]


def _at(address: str) -> dict:
    return {"REMOTE_ADDR": address}


def _waiting_minutes(response) -> int:
    """The minutes the 429 page asks to wait; they match its Retry-After header."""
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    minutes = max(1, math.ceil(seconds / 60))
    text = main_text(response)
    if minutes == 1:
        assert "Vent et minut" in text
    else:
        assert f"Vent {minutes} minutter" in text
    return minutes


def test_failed_logins_from_one_address_are_answered_429_with_the_wait(client, settings):
    user = UserFactory()
    for _ in range(_limit(settings, "login_failed_account_ip")):
        response = login(client, user.email, "forkert-adgangskode-123", **_at("203.0.113.9"))
        assert response.status_code == 200
        assert "Forkert" in main_text(response) or "ikke korrekt" in main_text(response)

    # Now even the right password is refused from there for a while, and says how long.
    response = login(client, user.email, DEFAULT_PASSWORD, **_at("203.0.113.9"))
    assert not is_logged_in(client)
    period_minutes = settings.ACCOUNT_GUESS_LIMITS["login_failed_account_ip"][1] // 60
    assert 1 <= _waiting_minutes(response) <= period_minutes


def test_a_strangers_failed_logins_do_not_lock_the_owner_out(client, settings):
    owner = UserFactory()
    stranger = Client()
    for _ in range(_limit(settings, "login_failed_account_ip") + 3):
        login(stranger, owner.email, "forkert-adgangskode-123", **_at("198.51.100.7"))
    assert login(stranger, owner.email, DEFAULT_PASSWORD, **_at("198.51.100.7")).status_code == 429

    response = login(client, owner.email, DEFAULT_PASSWORD, **_at("203.0.113.20"))
    assert response.status_code == 302
    assert is_logged_in(client)


def test_one_address_guessing_many_accounts_is_stopped(client, settings):
    # Below allauth's own 30 logins a minute per address, so that one does not answer.
    settings.ACCOUNT_GUESS_LIMITS = {**settings.ACCOUNT_GUESS_LIMITS, "login_failed_ip": (8, 900)}
    for n in range(8):
        response = login(
            client, f"gaet{n}@example.dk", "forkert-adgangskode-123", **_at("192.0.2.50")
        )
        assert response.status_code == 200
    fresh = UserFactory()
    assert login(client, fresh.email, DEFAULT_PASSWORD, **_at("192.0.2.50")).status_code == 429
    # Another network is not affected.
    assert login(client, fresh.email, DEFAULT_PASSWORD, **_at("192.0.2.51")).status_code == 302


def test_unknown_and_known_addresses_are_limited_alike(client, settings):
    known = UserFactory()
    for email in (known.email, "ingen-konto@example.dk"):
        for _ in range(_limit(settings, "login_failed_account_ip")):
            assert login(client, email, "forkert-adgangskode-123").status_code == 200
        assert login(client, email, "forkert-adgangskode-123").status_code == 429


def _at_totp_step(client, user, address: str):
    response = login(client, user.email, DEFAULT_PASSWORD, **_at(address))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


def test_wrong_totp_codes_are_answered_429_per_person_and_address(settings):
    user = UserFactory()
    secret = give_totp(user)
    stranger = Client()
    _at_totp_step(stranger, user, "198.51.100.8")
    for _ in range(_limit(settings, "mfa_failed_account_ip")):
        response = stranger.post(
            reverse("mfa_authenticate"), {"code": "000000"}, **_at("198.51.100.8")
        )
        assert response.status_code == 200
    response = stranger.post(
        reverse("mfa_authenticate"), {"code": totp_code(secret)}, **_at("198.51.100.8")
    )
    _waiting_minutes(response)
    assert not is_logged_in(stranger)

    # The owner elsewhere signs in with a code; the wrong codes did not count as failed
    # passwords of the address either: someone else there signs in with a password.
    owner = Client()
    _at_totp_step(owner, user, "203.0.113.30")
    response = owner.post(
        reverse("mfa_authenticate"), {"code": totp_code(secret)}, **_at("203.0.113.30")
    )
    assert response.status_code == 302
    assert is_logged_in(owner)
    colleague = UserFactory()
    assert (
        login(Client(), colleague.email, DEFAULT_PASSWORD, **_at("198.51.100.8")).status_code == 302
    )


def _signup(client, email: str, password: str = DEFAULT_PASSWORD, **extra):
    data = {"email": email, "display_name": "", "password1": password, "password2": password}
    return client.post(reverse("account_signup"), data, **extra)


def test_a_school_class_signs_up_from_one_address_despite_typing_errors(client):
    for pupil in range(30):
        # Passwords that do not match, or are too short, do not count.
        response = _signup(client, f"elev{pupil}@skole.dk", "kort", **_at("192.0.2.80"))
        assert response.status_code == 200
        response = _signup(client, f"elev{pupil}@skole.dk", **_at("192.0.2.80"))
        assert response.status_code == 302, pupil
    assert User.objects.filter(email__endswith="@skole.dk").count() == 30


def test_signups_past_the_limit_say_how_long_to_wait(client, settings):
    limit, period = settings.ACCOUNT_GUESS_LIMITS["signup_ip"]
    for n in range(limit):
        assert _signup(client, f"person{n}@example.dk", **_at("192.0.2.90")).status_code == 302
    response = _signup(client, "en-for-meget@example.dk", **_at("192.0.2.90"))
    assert 1 <= _waiting_minutes(response) <= period // 60
    assert not User.objects.filter(email="en-for-meget@example.dk").exists()


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


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, as in every test) that counts the passwords it hashes and takes a
    measurable while doing so, standing in for the real hasher's cost."""

    algorithm = "counting_md5"
    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        time.sleep(0.02)
        return super().encode(password, salt)


def _timed_signup(client, email: str) -> tuple[float, int, str]:
    before = CountingHasher.calls
    started = time.perf_counter()
    response = _signup(client, email, follow=True)
    elapsed = time.perf_counter() - started
    return elapsed, CountingHasher.calls - before, _without_tokens(response).replace(email, "X")


@override_settings(PASSWORD_HASHERS=[f"{__name__}.CountingHasher"])
def test_signup_takes_as_long_for_a_registered_address_as_for_a_new_one(client):
    """Timing must not tell whether an address has an account: both hash a password."""
    taken_times, fresh_times = [], []
    for n in range(3):
        UserFactory(email=f"kendt{n}@example.dk")
        taken, taken_hashes, taken_page = _timed_signup(client, f"kendt{n}@example.dk")
        fresh, fresh_hashes, fresh_page = _timed_signup(client, f"ny{n}@example.dk")
        assert taken_hashes == fresh_hashes >= 1
        assert taken_page == fresh_page
        taken_times.append(taken)
        fresh_times.append(fresh)
    # Loose on purpose: the hasher's sleep dominates both, whatever the machine's load.
    assert statistics.median(taken_times) > 0.5 * statistics.median(fresh_times)
