"""The partner's commitments in the API: listed, added, read, changed and withdrawn with
the pages' rules and validation, errors as JSON keyed by field, constant queries; the
programme and application endpoints carry suggested and proposed commitments."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from partnerships import services
from partnerships.models import AgreementStep, ProgressReport, ProgressValue
from tests.factories import UserFactory, give_totp
from tests.partnerships.factories import (
    ProgrammeFactory,
    agreement_approve,
    coordinator_make,
)
from tests.partnerships.factories import emissions_commitment as stored_commitment

pytestmark = pytest.mark.django_db


def client_for(user=None, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        if getattr(user, "preferred_language", None) != language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        client.force_authenticate(user)
    return client


def emissions_commitment(**overrides) -> dict:
    """The factories' commitment with its values as JSON numbers."""
    data = stored_commitment(**overrides)
    for field in ("baseline_value", "target_value"):
        if isinstance(data.get(field), str):
            data[field] = float(data[field])
    return data


@pytest.fixture
def agreement():
    coordinator = coordinator_make()
    give_totp(coordinator)
    return agreement_approve(coordinator=coordinator)


def test_an_organisation_admin_adds_a_commitment_and_bad_data_is_refused_by_field(agreement):
    url = reverse("agreement-commitment-list", args=[agreement.pk])
    client = client_for(agreement.admin)
    cases = [
        ({"target_year": 2020}, "target_year", "The target year must come after"),
        ({"baseline_value": -1}, "baseline_value", "A quantity cannot be negative."),
        ({"unit": "kWh"}, "unit", "Unknown unit for greenhouse gas emitted"),
        ({"scope": None}, "scope", "Choose scope 1, 2 or 3 for emissions."),
        ({"target_value": 200}, "target_value", "To reduce, the target must be lower"),
        ({"sdgs": [19]}, "sdgs", "Unknown SDG: 19."),
        ({"focus_area": "nowhere"}, "focus_area", "Unknown focus area"),
    ]
    for change, field, message in cases:
        response = client.post(url, emissions_commitment(**change), format="json")
        assert response.status_code == 400, change
        assert response.json()[field][0].startswith(message), response.json()
    share = emissions_commitment(
        metric="renewable_share",
        scope=None,
        direction="increase",
        baseline_value=30,
        target_value=120,
    )
    assert client.post(url, share, format="json").json() == {
        "target_value": ["A share must be between 0 and 100 %."]
    }
    response = client.post(url, {**emissions_commitment(), "reason": "Start"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["unit"] == "tCO2e" and body["scope"] == 1 and body["sdgs"] == [7, 13]
    assert body["baseline_value"] == "120.500" and body["is_locked"] is False
    assert AgreementStep.objects.filter(action="commitment_added", reason="Start").exists()


def test_refusals_come_in_danish_for_a_danish_client(agreement):
    url = reverse("agreement-commitment-list", args=[agreement.pk])
    response = client_for(agreement.admin, "da").post(
        url, emissions_commitment(baseline_value=-1), format="json"
    )
    assert response.json() == {"baseline_value": ["En mængde kan ikke være negativ."]}


def test_who_may_read_and_write_the_commitments(agreement):
    list_url = reverse("agreement-commitment-list", args=[agreement.pk])
    services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment()
    )
    outsider, other_coordinator = UserFactory(), coordinator_make()
    give_totp(other_coordinator)
    ProgrammeFactory(coordinators=[other_coordinator])
    member = UserFactory()
    from partnerships.models import Membership

    Membership.objects.create(organisation=agreement.organisation, user=member, role="member")
    assert APIClient().get(list_url).status_code in {401, 403}
    for user, read, write in [
        (outsider, 403, 403),
        (other_coordinator, 403, 403),
        (member, 200, 403),
        (agreement.coordinator, 200, 201),
    ]:
        client = client_for(user)
        assert client.get(list_url).status_code == read, user
        assert client.post(list_url, emissions_commitment(), format="json").status_code == write
    assert (
        client_for(agreement.admin)
        .get(reverse("agreement-commitment-list", args=[99999]))
        .status_code
        == 404
    )


@pytest.mark.parametrize("count", [1, 6])
def test_the_list_runs_a_constant_number_of_queries(agreement, django_assert_num_queries, count):
    for n in range(count):
        services.partner_commitment_add(
            agreement=agreement,
            actor=agreement.admin,
            data=emissions_commitment(title=f"Mål {n}"),
        )
    client = client_for(agreement.admin)
    url = reverse("agreement-commitment-list", args=[agreement.pk])
    # The agreement with its programme's coordinators, its commitments and its steps; the
    # user's roles; the partner's commitments with their SDGs.
    with django_assert_num_queries(7):
        body = client.get(url).json()
    assert len(body) == count


def test_a_commitment_is_changed_in_part_locked_once_verified_and_withdrawn(agreement):
    commitment = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment()
    )
    url = reverse("agreement-commitment-detail", args=[agreement.pk, commitment.pk])
    client = client_for(agreement.coordinator)
    response = client.patch(url, {"target_value": 50, "reason": "Aftalt"}, format="json")
    assert response.status_code == 200
    assert response.json()["target_value"] == "50.000"
    assert response.json()["title"] == "Halvér udledningen fra vores varebiler"
    report = ProgressReport.objects.create(
        agreement=agreement,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        due_date=date(2024, 3, 1),
    )
    ProgressValue.objects.create(
        report=report, commitment=commitment, value=100, source="Kørebog", state="verified"
    )
    assert client.get(url).json()["is_locked"] is True
    response = client.patch(url, {"baseline_year": 2021}, format="json")
    assert response.status_code == 400
    assert "Withdraw the commitment and add a new one" in response.json()["baseline_year"][0]
    assert client.patch(url, {"title": "Elbiler"}, format="json").status_code == 200
    withdraw = reverse("agreement-commitment-withdraw", args=[agreement.pk, commitment.pk])
    assert client.post(withdraw, {}, format="json").status_code == 400
    response = client.post(withdraw, {"reason": "Solgt"}, format="json")
    assert response.status_code == 200 and response.json()["withdrawn_at"]
    assert client.patch(url, {"title": "Igen"}, format="json").json() == {
        "non_field_errors": ["This commitment is withdrawn: it can no longer change."]
    }
    assert (
        client.get(reverse("agreement-commitment-detail", args=[agreement.pk, 99999])).status_code
        == 404
    )


def test_programmes_and_applications_carry_their_commitments():
    coordinator = coordinator_make()
    programme = ProgrammeFactory(
        coordinators=[coordinator],
        suggested_commitments=[services.commitment_clean(data=emissions_commitment())],
    )
    body = client_for().get(reverse("programme-detail", args=[programme.slug])).json()
    assert body["suggested_commitments"][0]["unit"] == "tCO2e"
    assert body["uses_green_guide"] is False
    from django.utils import timezone

    from tests.partnerships.factories import OrganisationFactory

    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    payload = {
        "programme": programme.slug,
        "organisation": organisation.slug,
        "answers": ["Ja"],
        "proposed_commitments": [emissions_commitment(scope=None)],
    }
    client = client_for(admin)
    response = client.post(reverse("application-list"), payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"commitment_0_scope": ["Choose scope 1, 2 or 3 for emissions."]}
    payload["proposed_commitments"] = [emissions_commitment()]
    response = client.post(reverse("application-list"), payload, format="json")
    assert response.status_code == 201
    assert response.json()["proposed_commitments"][0]["scope"] == 1


def test_the_schema_describes_the_commitment_endpoints(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    schema = path.read_text()
    for endpoint in [
        "/api/v1/agreements/{id}/commitments/",
        "/api/v1/agreements/{id}/commitments/{commitment_pk}/",
        "/api/v1/agreements/{id}/commitments/{commitment_pk}/withdraw/",
    ]:
        assert f"  {endpoint}:" in schema, endpoint
    assert "suggested_commitments" in schema and "proposed_commitments" in schema
    assert "'404':" in schema


def test_a_resubmission_through_the_api_replaces_or_keeps_the_proposed_commitments():
    from django.utils import timezone

    from tests.partnerships.factories import OrganisationFactory

    coordinator, admin = coordinator_make(), UserFactory()
    programme = ProgrammeFactory(coordinators=[coordinator])
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    application = services.application_submit(
        programme=programme,
        organisation=organisation,
        actor=admin,
        answers=["Ja"],
        proposed_commitments=[stored_commitment()],
    )
    url = reverse("application-resubmit", args=[application.pk])
    for answers, proposed, expected in [
        (["Ja, igen"], None, "60"),  # left out: kept as they were
        (["Ja, tredje gang"], [emissions_commitment(target_value=40)], "40"),
    ]:
        services.application_decide(
            application=application,
            actor=coordinator,
            decision="changes_requested",
            message="Skarpere mål.",
        )
        payload = {"answers": answers}
        if proposed is not None:
            payload["proposed_commitments"] = proposed
        response = client_for(admin).post(url, payload, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["proposed_commitments"][0]["target_value"] == f"{expected}.000"


def test_approval_refuses_a_proposal_that_is_no_longer_valid():
    from django.core.exceptions import ValidationError
    from django.utils import timezone, translation

    from partnerships.models import Agreement, Application
    from tests.partnerships.factories import OrganisationFactory

    coordinator, admin = coordinator_make(), UserFactory()
    programme = ProgrammeFactory(coordinators=[coordinator])
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    application = services.application_submit(
        programme=programme,
        organisation=organisation,
        actor=admin,
        answers=["Ja"],
        proposed_commitments=[stored_commitment()],
    )
    Application.objects.filter(pk=application.pk).update(
        proposed_commitments=[{**application.proposed_commitments[0], "focus_area": "gone"}]
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.application_decide(
            application=application,
            actor=coordinator,
            decision="approved",
            message="Velkommen",
            review_date=date(2031, 1, 1),
        )
    assert "Ask the organisation for changes" in exc.value.messages[0]
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not Agreement.objects.filter(application=application).exists()
