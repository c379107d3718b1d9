"""Programmes and applications in the API: public programmes; an organisation admin's
applications; a coordinator's decisions; errors as JSON; lists in constant queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from partnerships.models import Agreement, Application
from tests.factories import UserFactory, give_totp
from tests.partnerships.factories import OrganisationFactory, ProgrammeFactory, coordinator_make

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("count", [1, 6])
def test_the_public_programme_list_runs_a_constant_number_of_queries(
    django_assert_num_queries, count
):
    ProgrammeFactory.create_batch(count)
    with django_assert_num_queries(3):  # the count, the page, their focus areas
        body = client_for().get(reverse("programme-list")).json()
    assert len(body["results"]) == count
    assert body["results"][0]["questions"][0] == {
        "text": "Hvad vil I gøre for klimaet?",
        "required": True,
    }


def test_a_programme_names_its_partners_and_unknown_ones_are_404():
    programme = ProgrammeFactory()
    assert client_for().get(reverse("programme-detail", args=["nope"])).status_code == 404
    body = client_for().get(reverse("programme-detail", args=[programme.slug])).json()
    assert body["partners"] == [] and body["is_open"] is True


def test_an_admin_applies_and_a_coordinator_decides():
    coordinator = coordinator_make()
    give_totp(coordinator)
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    programme = ProgrammeFactory(coordinators=[coordinator])
    url = reverse("application-list")
    payload = {"programme": programme.slug, "organisation": organisation.slug, "answers": [""]}
    refused = client_for(admin).post(url, payload, format="json")
    assert refused.status_code == 400
    assert "answer_0" in refused.json()
    assert (
        client_for(UserFactory())
        .post(url, {**payload, "answers": ["Ja"]}, format="json")
        .status_code
        == 403
    )
    created = client_for(admin).post(url, {**payload, "answers": ["Ja"]}, format="json")
    assert created.status_code == 201
    application_id = created.json()["id"]
    assert [s["action"] for s in created.json()["steps"]] == ["submitted"]
    assert client_for(admin).get(url).json()["results"][0]["id"] == application_id

    decide = reverse("application-decision", args=[application_id])
    assert (
        client_for(admin)
        .post(decide, {"decision": "declined", "message": "Nej"}, format="json")
        .status_code
        == 403
    )
    review = (timezone.localdate() + timedelta(days=365)).isoformat()
    approved = client_for(coordinator).post(
        decide,
        {"decision": "approved", "message": "Velkommen", "review_date": review},
        format="json",
    )
    assert approved.status_code == 200
    assert approved.json()["agreement"]["review_date"] == review
    assert Agreement.objects.get().application_id == application_id
    again = client_for(coordinator).post(
        decide, {"decision": "declined", "message": "Nej"}, format="json"
    )
    assert again.status_code == 400 and "non_field_errors" in again.json()


def test_resubmission_after_changes_asked():
    coordinator = coordinator_make()
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin])
    programme = ProgrammeFactory(coordinators=[coordinator])
    from partnerships import services

    application = services.application_submit(
        programme=programme, organisation=organisation, actor=admin, answers=["Ja"]
    )
    resubmit = reverse("application-resubmit", args=[application.pk])
    assert client_for(admin).post(resubmit, {"answers": ["Nyt"]}, format="json").status_code == 400
    services.application_decide(
        application=application, actor=coordinator, decision="changes_requested", message="Mere"
    )
    response = client_for(admin).post(resubmit, {"answers": ["Meget mere"]}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert Application.objects.get().answers[0]["answer"] == "Meget mere"


@pytest.mark.parametrize("count", [1, 6])
def test_my_applications_run_a_constant_number_of_queries(django_assert_num_queries, count):
    admin = UserFactory()
    from partnerships import services

    for _ in range(count):
        organisation = OrganisationFactory(admins=[admin])
        services.application_submit(
            programme=ProgrammeFactory(), organisation=organisation, actor=admin, answers=["Ja"]
        )
    with django_assert_num_queries(2):  # the count and the page with programme, organisation
        body = client_for(admin).get(reverse("application-list")).json()
    assert len(body["results"]) == count
