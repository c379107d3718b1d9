"""Every rate limit counts the same client address, and a client cannot choose it."""

import pytest
from django.test import override_settings

from engage.throttling import AnonRateThrottle, UserRateThrottle
from tests.accounts.conftest import login
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/themes/"


@pytest.fixture
def three_a_minute(monkeypatch):
    rates = {"anon": "3/min", "user": "3/min"}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_x_forwarded_for_does_not_change_who_is_throttled(
    client, three_a_minute
):
    for n in range(3):
        response = client.get(URL, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        assert response.status_code == 200
    response = client.get(URL, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    # Another connection's address is another client.
    assert client.get(URL, REMOTE_ADDR="192.0.2.2").status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_right_most_forwarded_address_counts(client, three_a_minute):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for made_up in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        forwarded = f"{made_up}, 198.51.100.5"
        assert client.get(URL, HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code == 200
    forwarded = "4.4.4.4, 198.51.100.5"
    assert client.get(URL, HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code == 429
    # Someone else behind the same proxy is not throttled.
    assert client.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.6", **proxy).status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_a_made_up_forwarded_address_does_not_reset_failed_sign_ins(client, settings):
    user = UserFactory()
    attempts = settings.ACCOUNT_GUESS_LIMITS["login_failed_account_ip"][0]
    for n in range(attempts):
        login(client, user.email, "forkert-adgangskode-123", HTTP_X_FORWARDED_FOR=f"10.1.0.{n}")
    response = login(client, user.email, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="10.1.0.200")
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_sign_in_failures_count_per_forwarded_client(client, settings):
    user = UserFactory()
    attempts = settings.ACCOUNT_GUESS_LIMITS["login_failed_account_ip"][0]
    for _ in range(attempts):
        login(client, user.email, "forkert-adgangskode-123", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert login(client, user.email, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429
    # The owner, elsewhere behind the same proxy, signs in.
    assert login(client, user.email, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
