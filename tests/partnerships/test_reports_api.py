"""Progress reports in the API: start, set values (recorded as entered through the API),
add evidence, submit, the coordinator's queue and verification round; errors as JSON keyed
by field; another organisation's report does not exist for you; lists in constant queries."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from partnerships.models import ProgressValue
from tests.factories import UserFactory
from tests.partnerships.factories import (
    ChecklistCommitmentFactory,
    OrganisationFactory,
    PartnerCommitmentFactory,
    ProgrammeFactory,
    agreement_make,
    coordinator_make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def world():
    coordinator = coordinator_make()
    member = UserFactory()
    organisation = OrganisationFactory(members=[member], admins=[UserFactory()])
    agreement = agreement_make(
        organisation=organisation,
        programme=ProgrammeFactory(coordinators=[coordinator]),
        start_date=date(2023, 1, 1),
    )
    return {
        "coordinator": coordinator,
        "member": member,
        "agreement": agreement,
        "emissions": PartnerCommitmentFactory(agreement=agreement, title="Udledning"),
        "action": ChecklistCommitmentFactory(agreement=agreement),
    }


def start(world, year=2024) -> dict:
    url = reverse("agreement-reports", args=[world["agreement"].pk])
    response = client_for(world["member"]).post(url, {"year": year}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_the_whole_flow_through_the_api(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    member, coordinator = client_for(world["member"]), client_for(world["coordinator"])
    report = start(world)
    assert (report["period"], report["due_date"], report["status"]) == (
        "2024",
        "2025-03-31",
        "draft",
    )
    values_url = reverse("report-values", args=[report["id"]])
    response = member.post(
        values_url,
        {
            "values": [
                {"commitment": world["emissions"].pk, "value": 88.25, "source": "Elmåler"},
                {"commitment": world["action"].pk, "done": True, "value": 75, "source": "Optalt"},
            ],
            "story": "Vi skiftede til genbrugskrus.",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    values = {v["commitment"]: v for v in response.json()["values"]}
    assert values[world["emissions"].pk]["value"] == "88.250"
    assert values[world["emissions"].pk]["entered_via"] == "api"
    assert values[world["emissions"].pk]["verified"] is None

    out = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(out, format="PNG")
    upload = SimpleUploadedFile("krus.png", out.getvalue(), content_type="image/png")
    response = member.post(
        reverse("report-evidence", args=[report["id"]]), {"file": upload}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "image/jpeg"

    assert member.post(reverse("report-submit", args=[report["id"]])).status_code == 200
    queue = coordinator.get(reverse("report-awaiting")).json()
    assert [r["id"] for r in queue["results"]] == [report["id"]]
    review_url = reverse("report-review", args=[report["id"]])
    ids = dict(ProgressValue.objects.values_list("commitment_id", "pk"))
    response = coordinator.post(
        review_url,
        {
            "decisions": [
                {"value": ids[world["emissions"].pk], "decision": "verify"},
                {"value": ids[world["action"].pk], "decision": "verify"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "verified"
    verified = body["values"][0]["verified"]
    assert verified["name"] == world["coordinator"].public_name and verified["at"]


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({"value": -3, "source": "Måler"}, "value"),
        ({"value": 5, "source": ""}, "source"),
        ({"value": "5", "source": "Måler"}, "value"),  # a string is not a JSON number
    ],
)
def test_bad_values_answer_400_with_errors_per_entry(world, entry, field):
    report = start(world)
    response = client_for(world["member"]).post(
        reverse("report-values", args=[report["id"]]),
        {"values": [{"commitment": world["emissions"].pk, **entry}]},
        format="json",
    )
    assert response.status_code == 400
    assert field in response.json()["values"]["0"]
    assert not ProgressValue.objects.exists()


def test_a_foreign_commitment_is_refused_on_its_entry(world):
    report = start(world)
    foreign = PartnerCommitmentFactory()
    response = client_for(world["member"]).post(
        reverse("report-values", args=[report["id"]]),
        {
            "values": [
                {"commitment": world["emissions"].pk, "value": 1, "source": "Måler"},
                {"commitment": foreign.pk, "value": 1, "source": "Måler"},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["values"]) == ["1"]
    assert "commitment" in response.json()["values"]["1"]


def test_an_unknown_year_is_a_field_error(world):
    url = reverse("agreement-reports", args=[world["agreement"].pk])
    response = client_for(world["member"]).post(url, {"year": 1999}, format="json")
    assert response.status_code == 400
    assert "year" in response.json()


def test_another_organisations_report_does_not_exist_for_you(world):
    report = start(world)
    stranger = UserFactory()
    OrganisationFactory(admins=[stranger])
    client = client_for(stranger)
    assert client.get(reverse("report-detail", args=[report["id"]])).status_code == 404
    response = client.post(
        reverse("report-values", args=[report["id"]]),
        {"values": [{"commitment": world["emissions"].pk, "value": 1, "source": "x"}]},
        format="json",
    )
    assert response.status_code == 404
    assert client_for().get(reverse("report-detail", args=[report["id"]])).status_code in (
        401,
        403,
    )
    # A coordinator sees nothing of a draft either.
    detail = client_for(world["coordinator"]).get(reverse("report-detail", args=[report["id"]]))
    assert detail.status_code == 404


def test_only_coordinators_review(world):
    report = start(world)
    response = client_for(world["member"]).post(
        reverse("report-review", args=[report["id"]]), {"decisions": []}, format="json"
    )
    assert response.status_code in (403, 404)
    assert client_for(world["member"]).get(reverse("report-awaiting")).status_code == 403


@pytest.mark.parametrize("count", [1, 5])
def test_the_queue_and_an_agreements_reports_take_constant_queries(
    django_assert_max_num_queries, count
):
    from partnerships.models import ProgressReport

    coordinator = coordinator_make()
    programme = ProgrammeFactory(coordinators=[coordinator])
    member = UserFactory()
    organisation = OrganisationFactory(members=[member])
    first = None
    for n in range(count):
        agreement = agreement_make(
            programme=programme,
            organisation=organisation if n == 0 else None,
            start_date=date(2020, 1, 1),
        )
        first = first or agreement
        commitment = PartnerCommitmentFactory(agreement=agreement)
        for year in (2021, 2022):
            report = ProgressReport.objects.create(
                agreement=agreement,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                due_date=date(year + 1, 3, 31),
                status="submitted",
            )
            report.values.create(commitment=commitment, value=Decimal(5), source="x")
    client = client_for(coordinator)
    with django_assert_max_num_queries(6):
        body = client.get(reverse("report-awaiting")).json()
    assert len(body["results"]) == 2 * count
    with django_assert_max_num_queries(6):
        listed = client_for(member).get(reverse("agreement-reports", args=[first.pk])).json()
    assert len(listed) == 2


# --- a partner's own system, with the organisation's API token ---------------------------


def token_client(plain: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return client


def test_a_partners_system_reports_with_its_organisations_token(world):
    from partnerships import services

    organisation = world["agreement"].organisation
    admin = organisation.memberships.get(role="admin").user
    system = token_client(
        services.organisation_token_create(
            organisation=organisation, actor=admin, name="Energistyring"
        ).plain
    )
    response = system.post(
        reverse("agreement-reports", args=[world["agreement"].pk]), {"year": 2024}, format="json"
    )
    assert response.status_code == 201, response.content
    report = response.json()["id"]
    response = system.post(
        reverse("report-values", args=[report]),
        {
            "values": [
                {"commitment": world["emissions"].pk, "value": 61.5, "source": "Energistyring"},
                {"commitment": world["action"].pk, "done": True, "source": "Optalt"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    entered = {v["commitment"]: v for v in response.json()["values"]}[world["emissions"].pk]
    assert entered["entered_via"] == "api"
    assert system.post(reverse("report-submit", args=[report])).status_code == 200

    # The coordinators' side does not take a partner's token, whoever created it.
    assert system.get(reverse("report-awaiting")).status_code in (401, 403)
    assert (
        system.post(reverse("report-review", args=[report]), {"decisions": []}, format="json")
    ).status_code in (401, 403)
    # A refused token is a 401 with a reason, not a fallback to anonymous.
    assert (
        token_client("hm_0000000000_" + "x" * 43)
        .get(reverse("report-detail", args=[report]))
        .status_code
        == 401
    )


def test_a_token_does_not_reach_another_organisations_reports(world):
    from partnerships import services

    other_admin = UserFactory()
    elsewhere = OrganisationFactory(admins=[other_admin])
    system = token_client(
        services.organisation_token_create(
            organisation=elsewhere, actor=other_admin, name="Andet system"
        ).plain
    )
    report = start(world)["id"]
    assert system.get(reverse("report-detail", args=[report])).status_code == 404
    response = system.post(
        reverse("agreement-reports", args=[world["agreement"].pk]), {"year": 2025}, format="json"
    )
    assert response.status_code in (403, 404)
