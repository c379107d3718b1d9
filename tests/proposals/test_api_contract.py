"""What the OpenAPI schema promises and the API does, where they used to disagree.

tests/test_api_schemathesis.py walks the whole API; these pin each fix down by hand.
"""

import pytest
from rest_framework.test import APIClient

from proposals.api import views as api_views
from tests.factories import ModeratorFactory, UserFactory, give_totp
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def citizen_client():
    client = APIClient()
    client.force_login(UserFactory())
    return client


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": "ten"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
    ],
)
def test_a_page_or_page_size_that_is_not_a_whole_number_from_1_is_a_400(params, field):
    ProposalFactory()
    response = APIClient().get(f"{API}/proposals/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_page_past_the_last_is_a_json_404_and_an_empty_parameter_means_not_sent():
    ProposalFactory()
    client = APIClient()
    past = client.get(f"{API}/proposals/", {"page": "100000000000000000000"})
    assert past.status_code == 404
    assert "detail" in past.json()
    assert client.get(f"{API}/proposals/", {"sort": "", "page_size": ""}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"title": 5, "body": "Mere skygge"},
        {"title": "Træer", "body": True},
        {"title": "Træer", "body": "Mere skygge", "latitude": "57.0", "longitude": "9.9"},
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_and_named(citizen_client, body):
    response = citizen_client.post(f"{API}/proposals/", body, format="json")
    assert response.status_code == 400
    wrong = {name for name, value in body.items() if not isinstance(value, str)} | (
        {"latitude", "longitude"} if "latitude" in body else set()
    )
    assert set(response.json()) == wrong


def test_bulk_ids_must_be_numbers_not_strings():
    moderator = ModeratorFactory()
    give_totp(moderator, recovery_codes=False)
    client = APIClient()
    client.force_login(moderator)
    response = client.post(
        f"{API}/moderation/bulk-reject/",
        {"proposals": ["1"], "reason": "duplicate"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["proposals"]


def test_request_bodies_are_json(citizen_client):
    response = citizen_client.post(f"{API}/proposals/", {"title": "Træer", "body": "Skygge"})
    assert response.status_code == 415
    assert "detail" in response.json()


@pytest.mark.parametrize("path", ["/no-such-thing/", "/proposals/abc/", "/proposals/-1/"])
def test_an_unknown_api_path_is_a_json_404(path):
    response = APIClient().post(f"{API}{path}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_an_unexpected_error_in_an_api_view_is_a_json_500(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(api_views, "proposal_list_similar", broken)
    client = APIClient(raise_request_exception=False)
    response = client.get(f"{API}/proposals/similar/", {"title": "træer"})
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Der skete en fejl"}
