"""No route answers 500 to an id a client can send, and the API answers JSON.

Walks every named URL pattern that takes an argument, so new routes are covered too.
"""

from contextlib import suppress

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ModeratorFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db

HUGE = [2**63 - 1, 2**63, 10**30]
METHODS = ["get", "post", "patch", "delete"]


def _named_patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, list[str]]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names = list(entry.pattern.regex.groupindex)
            if names:
                found.append((f"{namespace}{entry.name}", names))
    return found


def _all_urls(resolver: URLResolver, value: int) -> list[str]:
    """Every route with an argument, each argument `value` (a `kind` both kinds)."""
    urls = set()
    for name, kwargs in _named_patterns(resolver):
        kinds = ["proposal", "comment"] if "kind" in kwargs else [None]
        for kind in kinds:
            values = {key: str(value) for key in kwargs}
            if kind:
                values["kind"] = kind
            if "format" in values:
                values["format"] = "json"
            with suppress(NoReverseMatch):  # a pattern whose other arguments take no digits
                urls.add(reverse(name, kwargs=values))
    return sorted(urls)


def test_the_walk_finds_the_proposal_routes():
    urls = _all_urls(get_resolver(), 2**63)
    assert f"/forslag/{2**63}/" in urls
    assert f"/api/v1/proposals/{2**63}/images/{2**63}/" in urls
    assert f"/moderation/indhold/comment/{2**63}/skjul/" in urls
    assert len(urls) > 40


def _client(role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role == "citizen":
        client.force_login(UserFactory())
    elif role == "moderator":
        moderator = ModeratorFactory()
        give_totp(moderator)
        client.force_login(moderator)
    return client


@pytest.mark.parametrize("role", ["anonymous", "citizen", "moderator"])
@pytest.mark.parametrize("value", HUGE)
def test_no_route_answers_500_to_a_huge_id(role, value):
    client = _client(role)
    failures = []
    for url in _all_urls(get_resolver(), value):
        for method in METHODS:
            response = getattr(client, method)(url, content_type="application/json")
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url}: {response.status_code}")
            elif url.startswith("/api/") and response.status_code in (400, 404):
                assert response["Content-Type"].startswith("application/json"), url
    assert failures == []


@pytest.mark.parametrize("page", [str(10**20), str(2**63), "99999", "-1", "x", "1e400"])
def test_a_huge_page_number_shows_the_last_page(client, page):
    response = client.get("/forslag/", {"page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("page", [str(10**20), str(2**63)])
def test_a_huge_api_page_number_is_a_json_404(client, page):
    response = client.get("/api/v1/proposals/", {"page": page})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_an_api_404_for_a_huge_id_is_json(client):
    response = client.get(f"/api/v1/proposals/{10**30}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
