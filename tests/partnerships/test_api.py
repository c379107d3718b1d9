"""The organisations API: public profiles for everyone, your own organisations and their
members when signed in; lists run the same number of queries however long they are."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from partnerships.models import Organisation
from tests.factories import UserFactory, give_totp
from tests.partnerships.factories import HousingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "slug",
    "name",
    "url",
    "kind",
    "kind_display",
    "sector",
    "sector_display",
    "description",
    "website",
    "address",
    "size",
    "size_unit",
    "cvr",
    "logo",
    "verified",
    "verified_at",
}


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_public_list_shows_public_fields_only_and_is_paginated():
    admin = UserFactory(email="privat@example.dk")
    OrganisationFactory(name="Alfa ApS", admins=[admin])
    HousingFactory(name="Beta Boliger", verified_at=timezone.now())
    response = client_for().get(reverse("organisation-list"), {"page_size": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["next"]
    (item,) = body["results"]
    assert set(item) == PUBLIC_FIELDS
    assert item["name"] == "Alfa ApS" and item["verified"] is False
    assert "privat@example.dk" not in response.content.decode()
    second = client_for().get(body["next"]).json()["results"][0]
    assert second["verified"] is True and second["size_unit"] == "boliger"


def test_the_detail_and_a_missing_one():
    organisation = OrganisationFactory(name="Alfa ApS")
    response = client_for().get(reverse("organisation-detail", args=[organisation.slug]))
    assert response.json()["name"] == "Alfa ApS"
    missing = client_for().get(reverse("organisation-detail", args=["findes-ikke"]))
    assert missing.status_code == 404 and "detail" in missing.json()


@pytest.mark.parametrize("count", [1, 12])
def test_the_public_list_runs_a_constant_number_of_queries(django_assert_num_queries, count):
    OrganisationFactory.create_batch(count)
    client = client_for()
    with django_assert_num_queries(2):  # the count and the page
        assert len(client.get(reverse("organisation-list")).json()["results"]) == count


def test_my_organisations_need_sign_in_and_show_my_role():
    user = UserFactory()
    OrganisationFactory(name="Alfa ApS", admins=[user], members=[UserFactory()])
    HousingFactory(name="Beta Boliger", members=[user])
    OrganisationFactory(name="Fremmed", admins=[UserFactory()])
    assert client_for().get(reverse("organisation-mine")).status_code == 403
    body = client_for(user).get(reverse("organisation-mine")).json()
    assert [(o["name"], o["role"], o["member_count"]) for o in body["results"]] == [
        ("Alfa ApS", "admin", 2),
        ("Beta Boliger", "member", 1),
    ]


@pytest.mark.parametrize("count", [1, 8])
def test_my_organisations_run_a_constant_number_of_queries(django_assert_num_queries, count):
    user = UserFactory()
    for _ in range(count):
        OrganisationFactory(members=[user, UserFactory()])
    client = client_for(user)
    with django_assert_num_queries(1):  # the organisations, each with your role and its size
        assert len(client.get(reverse("organisation-mine")).json()["results"]) == count


def test_members_are_for_members_and_staff_not_for_another_organisations_members():
    member, outsider = UserFactory(display_name="Mette Medlem"), UserFactory()
    organisation = OrganisationFactory(members=[member], admins=[UserFactory()])
    OrganisationFactory(members=[outsider])
    url = reverse("organisation-members", args=[organisation.slug])
    assert client_for().get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 403
    body = client_for(member).get(url).json()
    assert [m["role"] for m in body] == ["admin", "member"]
    assert "Mette Medlem" in [m["name"] for m in body]
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
    give_totp(coordinator)
    assert client_for(coordinator).get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 9])
def test_members_run_a_constant_number_of_queries(django_assert_num_queries, count):
    member = UserFactory()
    organisation = OrganisationFactory(members=[member, *UserFactory.create_batch(count)])
    client = client_for(member)
    url = reverse("organisation-members", args=[organisation.slug])
    # The organisation, the member's roles for the rule, and the members with their users.
    with django_assert_num_queries(3):
        assert len(client.get(url).json()) == count + 1


def test_the_schema_describes_the_endpoints(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert {"/api/v1/organisations/", "/api/v1/organisations/mine/"} <= set(paths)
    assert "403" in paths["/api/v1/organisations/{slug}/members/"]["get"]["responses"]
    assert Organisation.objects.count() == 0


def test_proposals_in_the_api_name_the_organisation_they_are_written_for():
    from tests.proposals.factories import ProposalFactory

    author = UserFactory()
    organisation = OrganisationFactory(members=[author])
    written_for = ProposalFactory(author=author, organisation=organisation)
    ProposalFactory(author=author)
    items = client_for().get(reverse("proposal-list")).json()["results"]
    by_id = {item["id"]: item["organisation"] for item in items}
    assert by_id.pop(written_for.pk) == organisation.slug
    assert list(by_id.values()) == [None]
    detail = client_for().get(reverse("proposal-detail", args=[written_for.pk])).json()
    assert detail["organisation"] == organisation.slug


# --- writing a proposal on behalf of an organisation through the API ------------------------


def _draft(**overrides) -> dict:
    return {"title": "Cykelstativer ved stationen", "body": "Der mangler plads.", **overrides}


def test_a_member_writes_a_draft_on_behalf_of_the_organisation_and_changes_it():
    from proposals.models import Proposal

    author = UserFactory()
    first = OrganisationFactory(members=[author])
    second = OrganisationFactory(admins=[author])
    client = client_for(author)
    response = client.post(reverse("proposal-list"), _draft(organisation=first.slug), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["organisation"] == first.slug
    proposal = Proposal.objects.get()
    assert proposal.organisation == first
    url = reverse("proposal-detail", args=[proposal.pk])
    assert (
        client.patch(url, {"organisation": second.slug}, format="json").json()["organisation"]
        == second.slug
    )
    assert client.patch(url, {"organisation": None}, format="json").json()["organisation"] is None
    proposal.refresh_from_db()
    assert proposal.organisation is None


@pytest.mark.parametrize(
    ("language", "case", "words"),
    [
        ("en", "not a member", "You can only write on behalf of an organisation you belong to."),
        ("da", "not a member", "Du kan kun skrive på vegne af en organisation, du er medlem af."),
        ("en", "unknown", "There is no organisation with the address “nowhere”."),
        ("da", "unknown", "Der findes ingen organisation med adressen “nowhere”."),
        ("en", "not text", "Give the organisation's address (its slug) as text, or null."),
        ("en", "empty", "Give the organisation's address (its slug) as text, or null."),
    ],
)
def test_an_organisation_the_author_may_not_use_is_refused_with_a_clear_400(language, case, words):
    from proposals.lifecycle import Status
    from proposals.models import Proposal
    from tests.proposals.factories import ProposalFactory

    author = UserFactory()
    stranger = OrganisationFactory(admins=[UserFactory()])
    slug = {"not a member": stranger.slug, "unknown": "nowhere", "not text": 7, "empty": ""}[case]
    client = client_for(author)
    headers = {"Accept-Language": language}
    response = client.post(
        reverse("proposal-list"), _draft(organisation=slug), format="json", headers=headers
    )
    assert response.status_code == 400
    assert response.json()["organisation"] == [words]
    assert not Proposal.objects.exists()
    draft = ProposalFactory(author=author, status=Status.DRAFT)
    response = client.patch(
        reverse("proposal-detail", args=[draft.pk]),
        {"organisation": slug},
        format="json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["organisation"] == [words]
    draft.refresh_from_db()
    assert draft.organisation is None


def test_the_schema_describes_the_organisation_a_draft_is_written_for(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    body = schema["components"]["schemas"]
    write = next(
        body[name]
        for name in body
        if name.startswith("ProposalWrite") and "organisation" in body[name]["properties"]
    )
    field = write["properties"]["organisation"]
    assert field["type"] == "string" and field.get("nullable") is True
    assert "member" in field["description"]
