"""The partner's commitments on the pages: a programme's suggestions, an application that
starts from them (and a festival's green guide), the coordinator's view, approval, and the
agreement page's commitments with their add, change and withdraw pages."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import (
    AgreementStep,
    Application,
    Kind,
    PartnerCommitment,
    Programme,
    ProgressReport,
    ProgressValue,
    ReportingRhythm,
)
from tests.factories import UserFactory, give_totp
from tests.partnerships.factories import (
    FestivalFactory,
    OrganisationFactory,
    ProgrammeFactory,
    agreement_approve,
    coordinator_make,
    emissions_commitment,
    verified_value_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated():
    cache.clear()


def text_of(response) -> str:
    return response.content.decode()


def row(n: int, **values) -> dict:
    return {f"commitment_{n}_{name}": value for name, value in values.items()}


EMISSIONS_ROW = {
    "title": "Halvér udledningen fra varebilerne",
    "metric": "emissions",
    "scope": "1",
    "direction": "reduce",
    "baseline_year": "2022",
    "baseline_value": "120,5",
    "target_year": "2030",
    "target_value": "60",
    "focus_area": "klimahandlingsplan",
    "sdgs": "7, 13",
    "sector": "transport",
}


def programme_post(coordinator, **extra) -> dict:
    return {
        "name": "Klimaalliancen",
        "description": "For virksomheder.",
        "eligible_kinds": ["company"],
        "reporting_rhythm": "annual",
        "questions": "",
        "coordinators": [str(coordinator.pk)],
        "is_open": "on",
        **extra,
    }


def test_a_coordinator_suggests_commitments_and_errors_stay_on_their_row(client):
    coordinator = coordinator_make(preferred_language="en")
    give_totp(coordinator)
    client.force_login(coordinator)
    url = reverse("frontend:programme_create")
    page = text_of(client.get(url))
    assert 'name="commitment_0_metric"' in page and 'name="commitment_1_metric"' in page
    bad = {**EMISSIONS_ROW, "target_year": "2020"}
    response = client.post(
        url,
        programme_post(
            coordinator,
            **row(0, title="Tom række", remove="on"),
            **row(1),
            **row(2, **bad),
        ),
    )
    form = response.context["form"]
    # The third row's error is shown on the third row, though the service got one commitment.
    assert form.errors == {
        "commitment_2_target_year": ["The target year must come after the baseline year (2022)."]
    }
    page = text_of(response)
    assert 'value="Halvér udledningen fra varebilerne"' in page  # nothing typed is lost
    assert 'id="id_commitment_2_target_year_error"' in page
    assert not Programme.objects.exists()
    response = client.post(url, programme_post(coordinator, **row(2, **EMISSIONS_ROW)))
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert [c["title"] for c in programme.suggested_commitments] == [
        "Halvér udledningen fra varebilerne"
    ]
    edit = text_of(client.get(reverse("frontend:programme_edit", args=[programme.slug])))
    assert 'value="Halvér udledningen fra varebilerne"' in edit


def _applicant(programme=None):
    admin = UserFactory(preferred_language="en")
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    return admin, organisation


def test_an_application_starts_from_the_suggestions_and_approval_makes_the_commitments(
    client,
):
    coordinator = coordinator_make(preferred_language="en")
    give_totp(coordinator)
    programme = ProgrammeFactory(
        coordinators=[coordinator],
        suggested_commitments=[services.commitment_clean(data=emissions_commitment())],
    )
    admin, organisation = _applicant()
    client.force_login(admin)
    url = reverse("frontend:programme_apply", args=[programme.slug])
    page = text_of(client.get(url))
    assert 'name="commitment_0_title" value="Halvér udledningen fra vores varebiler"' in page
    assert "action_reusable_cups" not in page  # not a festival programme
    post = {
        "organisation": organisation.slug,
        "answer_0": "Vi skifter til elbiler.",
        **row(0, **{**EMISSIONS_ROW, "target_value": "130"}),
        **row(
            1,
            title="Flere cykler",
            metric="trips",
            direction="increase",
            baseline_year="2023",
            baseline_value="100",
            target_year="2026",
            target_value="400",
        ),
    }
    response = client.post(url, post)
    assert response.context["form"].errors == {
        "commitment_0_target_value": ["To reduce, the target must be lower than the baseline."]
    }
    assert 'value="Flere cykler"' in text_of(response)
    response = client.post(url, {**post, "commitment_0_target_value": "60"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert [c["metric"] for c in application.proposed_commitments] == ["emissions", "trips"]

    client.force_login(coordinator)
    detail = text_of(client.get(application.get_absolute_url()))
    assert "Flere cykler" in detail and "Greenhouse gas emitted (tonnes CO₂e)" in detail
    response = client.post(
        reverse("frontend:application_decide", args=[application.pk]),
        {"decision": "approved", "message": "Velkommen", "review_date": "01.01.2030"},
    )
    assert response.status_code == 302
    agreement = Application.objects.get().agreement
    assert list(agreement.partner_commitments.values_list("title", "unit")) == [
        ("Halvér udledningen fra varebilerne", "tCO2e"),
        ("Flere cykler", "trips"),
    ]
    page = text_of(client.get(agreement.get_absolute_url()))
    assert "Flere cykler" in page and "2022: 120.5 → 2030: 60" in page


def test_asked_for_changes_the_organisation_edits_its_commitments(client):
    coordinator = coordinator_make(preferred_language="en")
    programme = ProgrammeFactory(coordinators=[coordinator])
    admin, organisation = _applicant()
    application = services.application_submit(
        programme=programme,
        organisation=organisation,
        actor=admin,
        answers=["Ja"],
        proposed_commitments=[emissions_commitment()],
    )
    services.application_decide(
        application=application,
        actor=coordinator,
        decision="changes_requested",
        message="Et mere ambitiøst mål, tak.",
    )
    client.force_login(admin)
    url = reverse("frontend:application_resubmit", args=[application.pk])
    assert 'name="commitment_0_target_value" value="60"' in text_of(client.get(url))
    response = client.post(
        url, {"answer_0": "Ja", **row(0, **{**EMISSIONS_ROW, "target_value": "40"})}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.proposed_commitments[0]["target_value"] == "40"
    assert application.status == "submitted"


def test_a_festival_ticks_the_green_guide_with_target_results(client):
    coordinator = coordinator_make(preferred_language="en")
    give_totp(coordinator)
    programme = ProgrammeFactory(
        coordinators=[coordinator],
        eligible_kinds=[Kind.FESTIVAL],
        reporting_rhythm=ReportingRhythm.PER_EVENT,
        suggested_commitments=[
            {"metric": "checklist", "checklist_action": "reusable_cups", "target_value": "90"}
        ],
    )
    admin = UserFactory(preferred_language="en")
    festival = FestivalFactory(admins=[admin], verified_at=timezone.now())
    client.force_login(admin)
    url = reverse("frontend:programme_apply", args=[programme.slug])
    page = text_of(client.get(url))
    assert 'name="action_reusable_cups" id="id_action_reusable_cups" checked' in page or (
        'id="id_action_reusable_cups"' in page and "checked" in page
    )
    assert "Food and drink" in page and 'name="action_reusable_cups_target" value="90"' in page
    post = {
        "organisation": festival.slug,
        "answer_0": "Genbrugskrus",
        "action_reusable_cups": "on",
        "action_reusable_cups_target": "120",
        "action_shuttle_buses": "on",
        "action_shuttle_buses_target": "",
        "action_water_refill": "on",
    }
    response = client.post(url, post)
    assert response.context["form"].errors == {
        "action_reusable_cups_target": ["A share must be between 0 and 100 %."]
    }
    response = client.post(url, {**post, "action_reusable_cups_target": "90"})
    assert response.status_code == 302
    application = Application.objects.get()
    assert [
        (c["checklist_action"], c["target_value"]) for c in application.proposed_commitments
    ] == [
        ("reusable_cups", "90"),
        ("shuttle_buses", None),
        ("water_refill", None),
    ]
    services.application_decide(
        application=application,
        actor=coordinator,
        decision="approved",
        message="Velkommen",
        review_date=date(2030, 1, 1),
    )
    client.force_login(coordinator)
    page = text_of(client.get(Application.objects.get().agreement.get_absolute_url()))
    # In the list of what the partner commits to, grouped by the guide's topics.
    page = page[page.index('id="partner-commitments-heading"') :]
    assert page.index('<h4 class="mt-5">Waste</h4>') < page.index("Reusable cups")
    assert page.index('<h4 class="mt-5">Transport</h4>') < page.index("Shuttle buses")


def test_the_agreement_page_adds_changes_and_withdraws_a_partner_commitment(client):
    agreement = agreement_approve(
        admin=UserFactory(preferred_language="en"),
        coordinator=coordinator_make(preferred_language="en"),
    )
    client.force_login(agreement.admin)
    add = reverse("frontend:partner_commitment_add", args=[agreement.pk])
    response = client.post(
        add,
        {**EMISSIONS_ROW, "scope": "", "reason": "Vores første mål"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"scope": ["Choose scope 1, 2 or 3 for emissions."]}
    assert 'value="Halvér udledningen fra varebilerne"' in text_of(response)
    assert client.post(add, {**EMISSIONS_ROW, "reason": "Vores første mål"}).status_code == 302
    commitment = PartnerCommitment.objects.get()
    edit = reverse("frontend:partner_commitment_edit", args=[agreement.pk, commitment.pk])
    assert 'value="120.5"' in text_of(client.get(edit))
    response = client.post(edit, {**EMISSIONS_ROW, "target_value": "50"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.target_value == 50

    withdraw = reverse("frontend:partner_commitment_withdraw", args=[agreement.pk, commitment.pk])
    response = client.post(withdraw, {"reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["Say why."]}
    assert client.post(withdraw, {"reason": "Solgt"}).status_code == 302
    commitment.refresh_from_db()
    assert commitment.withdrawn_at is not None
    steps = list(AgreementStep.objects.filter(agreement=agreement).values_list("action", flat=True))
    assert steps == ["created", "commitment_added", "commitment_changed", "commitment_withdrawn"]
    page = text_of(client.get(agreement.get_absolute_url()))
    assert "One withdrawn commitment" in page
    assert client.get(edit).status_code == 302  # a withdrawn commitment is not edited


def test_a_locked_commitment_says_so_on_its_field(client):
    agreement = agreement_approve(
        admin=UserFactory(preferred_language="en"),
        coordinator=coordinator_make(preferred_language="en"),
    )
    commitment = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment()
    )
    report = ProgressReport.objects.create(
        agreement=agreement,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        due_date=date(2024, 3, 1),
    )
    ProgressValue.objects.create(
        report=report, commitment=commitment, value=100, source="Kørebog", state="verified"
    )
    client.force_login(agreement.admin)
    edit = reverse("frontend:partner_commitment_edit", args=[agreement.pk, commitment.pk])
    assert "can no longer change" in text_of(client.get(edit))
    response = client.post(
        edit,
        {**EMISSIONS_ROW, "baseline_value": "120.5", "title": "Ny", "target_value": "55"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["target_value"]
    assert "Withdraw the commitment and add a new one" in text_of(response)


@pytest.mark.parametrize("count", [1, 5])
def test_the_agreement_page_runs_a_constant_number_of_queries(
    client, django_assert_num_queries, count
):
    agreement = agreement_approve(
        admin=UserFactory(preferred_language="en"),
        coordinator=coordinator_make(preferred_language="en"),
    )
    for n in range(count):
        services.partner_commitment_add(
            agreement=agreement,
            actor=agreement.admin,
            data=emissions_commitment(title=f"Mål {n}", sdgs=[7, 13, 12]),
        )
    client.force_login(agreement.admin)
    url = agreement.get_absolute_url()
    client.get(url)  # warm the taxonomy and session caches
    # The same nine queries for one commitment or five: the partner's commitments, their
    # SDGs and their verified values are one query each.
    with django_assert_num_queries(9):
        response = client.get(url)
    assert text_of(response).count("Mål ") >= count


@pytest.mark.parametrize("count", [1, 5])
def test_the_agreement_page_asks_a_coordinator_no_more_than_a_member(
    client, django_assert_num_queries, count
):
    coordinator = coordinator_make(preferred_language="en")
    give_totp(coordinator)
    agreement = agreement_approve(
        admin=UserFactory(preferred_language="en"), coordinator=coordinator
    )
    for n in range(count):
        services.partner_commitment_add(
            agreement=agreement,
            actor=agreement.admin,
            data=emissions_commitment(title=f"Mål {n}", sdgs=[7, 13, 12]),
        )
    client.force_login(coordinator)
    url = agreement.get_absolute_url()
    client.get(url)  # warm the taxonomy and session caches
    # The coordinators read for the owner field answer the rules: no membership or
    # programme query of the coordinator's own, one query fewer than the member's page.
    with django_assert_num_queries(8):
        response = client.get(url)
    page = text_of(response)
    assert page.count("Mål ") >= count
    assert "Add a commitment" in page


def test_the_agreement_page_shows_each_commitment_once_with_its_progress(client):
    agreement = agreement_approve(
        admin=UserFactory(preferred_language="en"),
        coordinator=coordinator_make(preferred_language="en", display_name="Kim Koordinator"),
    )
    commitment = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment(sdgs=[13, 7, 12])
    )
    verified_value_make(commitment=commitment, year=2023, value="110")
    verified_value_make(
        commitment=commitment, year=2024, value="80", verifier=agreement.coordinator
    )
    client.force_login(agreement.admin)
    page = text_of(client.get(agreement.get_absolute_url()))
    rows = [tr.split("</tr>")[0] for tr in page.split("<tr>")[1:]]
    (row,) = [tr for tr in rows if "Halvér udledningen fra vores varebiler" in tr]
    # One row: what it measures, its target, its status and its latest verified value.
    assert "SDGs 7, 12, 13" in row and "2022: 120.5 → 2030: 60" in row
    assert "On track" in row and "80 tCO2e" in row and "(2024)" in row
    assert "Kim Koordinator" in row and "Elmåler" in row
    assert "110" not in row


def test_an_ended_agreement_offers_no_change(client):
    agreement = agreement_approve(
        admin=UserFactory(preferred_language="en"),
        coordinator=coordinator_make(preferred_language="en"),
    )
    services.agreement_act(
        agreement=agreement, actor=agreement.coordinator, action="ended", reason="Slut"
    )
    client.force_login(agreement.admin)
    page = text_of(client.get(agreement.get_absolute_url()))
    assert reverse("frontend:partner_commitment_add", args=[agreement.pk]) not in page
    response = client.get(reverse("frontend:partner_commitment_add", args=[agreement.pk]))
    assert response.status_code == 403


def test_the_history_says_what_changed_and_the_programme_page_shows_its_suggestions(client):
    agreement = agreement_approve(
        admin=UserFactory(preferred_language="en"),
        coordinator=coordinator_make(preferred_language="en"),
    )
    commitment = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment()
    )
    services.partner_commitment_update(
        commitment=commitment,
        actor=agreement.coordinator,
        data=emissions_commitment(target_value="45"),
        reason="Aftalt på mødet",
    )
    client.force_login(agreement.admin)
    page = text_of(client.get(agreement.get_absolute_url()))
    assert "Commitment changed" in page and "Target value: 60 → 45" in page
    assert "Aftalt på mødet" in page
    programme = ProgrammeFactory(
        suggested_commitments=[services.commitment_clean(data=emissions_commitment())]
    )
    page = text_of(client.get(programme.get_absolute_url()))
    assert "Suggested commitments" in page and "Halvér udledningen fra vores varebiler" in page
