"""The partner's measurable commitments through the services: each rule of a commitment
refused with its message, the application → approval → agreement flow, the festival's
green guide, and the history and notifications of every add, change and withdrawal."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from notifications.models import Notification
from partnerships import services
from partnerships.models import (
    AgreementStep,
    Kind,
    PartnerCommitment,
    ProgressReport,
    ProgressValue,
    ReportingRhythm,
)
from tests.factories import UserFactory
from tests.partnerships.factories import (
    FestivalFactory,
    ProgrammeFactory,
    agreement_approve,
    coordinator_make,
    emissions_commitment,
)

pytestmark = pytest.mark.django_db


def refused(data: dict) -> dict[str, str]:
    """{field: first message} of the refusal of one commitment, in English."""
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.commitment_clean(data=data)
    return {field: errors[0] for field, errors in exc.value.message_dict.items()}


def test_a_valid_commitment_is_cleaned_into_its_stored_shape():
    clean = services.commitment_clean(data=emissions_commitment(baseline_value="120,50"))
    assert clean == {
        "title": "Halvér udledningen fra vores varebiler",
        "description": "",
        "metric": "emissions",
        "checklist_action": "",
        "unit": "tCO2e",  # omitted, filled in
        "scope": 1,
        "direction": "reduce",
        "baseline_year": 2022,
        "baseline_value": "120.5",
        "target_year": 2030,
        "target_value": "60",
        "focus_area": "klimahandlingsplan",
        "sdgs": [7, 13],
        "sector": "transport",
    }


RULES = [
    ({"target_year": 2020}, "target_year", "The target year must come after the baseline year"),
    ({"target_year": 2022}, "target_year", "The target year must come after the baseline year"),
    ({"baseline_year": 1850}, "baseline_year", "A year must be between 1990 and 2100."),
    ({"target_year": "snart"}, "target_year", "Enter a year as a whole number."),
    ({"baseline_year": ""}, "baseline_year", "Give the baseline year."),
    ({"target_value": None}, "target_value", "Give the target value."),
    ({"baseline_value": "-3"}, "baseline_value", "A quantity cannot be negative."),
    ({"baseline_value": "mange"}, "baseline_value", "Enter a number."),
    ({"baseline_value": "1.0005"}, "baseline_value", "Give at most 3 decimals."),
    ({"target_value": "130"}, "target_value", "To reduce, the target must be lower than"),
    (
        {"direction": "increase", "target_value": "100"},
        "target_value",
        "To increase, the target must be higher than",
    ),
    ({"direction": ""}, "direction", "Choose whether the commitment reduces or increases."),
    ({"unit": "kg"}, "unit", "Unknown unit for greenhouse gas emitted: it is counted in “tCO2e”."),
    ({"scope": None}, "scope", "Choose scope 1, 2 or 3 for emissions."),
    ({"scope": 4}, "scope", "Choose scope 1, 2 or 3 for emissions."),
    ({"metric": "energy"}, "scope", "Only greenhouse gas emissions have a scope."),
    ({"metric": "happiness"}, "metric", "Unknown metric: choose one of the list."),
    ({"title": " "}, "title", "Give the commitment a title."),
    ({"focus_area": "ingen-steder"}, "focus_area", "Unknown focus area"),
    ({"sdgs": [13, 18]}, "sdgs", "Unknown SDG: 18. The SDGs are numbered 1 to 17."),
    ({"sector": "space"}, "sector", "Unknown emission sector"),
    ({"checklist_action": "reusable_cups"}, "checklist_action", "Only a green action"),
    (
        {
            "metric": "renewable_share",
            "scope": None,
            "direction": "increase",
            "target_value": "101",
        },
        "target_value",
        "A share must be between 0 and 100 %.",
    ),
    (
        {"metric": "custom", "scope": None, "unit": ""},
        "unit",
        "Name the unit of a custom metric.",
    ),
    (
        {"metric": "custom", "scope": None, "unit": "træer plantet i alt i kommunen"},
        "unit",
        "A unit may be at most 20 characters long.",
    ),
    (
        {"metric": "checklist", "checklist_action": "solar_sails", "scope": None},
        "checklist_action",
        "Unknown green action: choose one from the guide.",
    ),
]


@pytest.mark.parametrize(("change", "field", "message"), RULES, ids=lambda v: str(v)[:40])
def test_each_rule_refuses_bad_data_on_its_field(change, field, message):
    errors = refused(emissions_commitment(**change))
    assert field in errors, errors
    assert errors[field].startswith(message), errors[field]


def test_refusals_speak_danish_too():
    with translation.override("da"), pytest.raises(ValidationError) as exc:
        services.commitment_clean(data=emissions_commitment(target_year=2020, scope=None))
    messages = exc.value.message_dict
    assert messages["target_year"] == ["Målåret skal ligge efter basisåret (2022)."]
    assert messages["scope"] == ["Vælg scope 1, 2 eller 3 for udledninger."]


def test_a_custom_metric_keeps_its_own_unit_and_a_share_its_percent():
    clean = services.commitment_clean(
        data=emissions_commitment(
            metric="custom",
            scope=None,
            unit="træer",
            direction="increase",
            baseline_value="0",
            target_value="500",
        )
    )
    assert clean["unit"] == "træer"
    share = services.commitment_clean(
        data=emissions_commitment(
            metric="waste_sorted_share",
            scope="",
            unit="%",
            direction="increase",
            baseline_value="40",
            target_value="90",
        )
    )
    assert (share["unit"], share["scope"]) == ("%", None)


def test_a_green_action_needs_no_baseline_and_its_result_is_in_the_actions_unit():
    with translation.override("en"):
        clean = services.commitment_clean(
            data={"metric": "checklist", "checklist_action": "reusable_cups", "target_value": "90"}
        )
    assert clean["unit"] == "%" and clean["target_value"] == "90"
    assert clean["title"] == "Reusable cups and tableware instead of disposables"
    errors = refused(
        {"metric": "checklist", "checklist_action": "reusable_cups", "target_value": "120"}
    )
    assert errors == {"target_value": "A share must be between 0 and 100 %."}
    errors = refused(
        {"metric": "checklist", "checklist_action": "water_refill", "target_value": "3"}
    )
    assert errors == {"target_value": "This action is only ticked: it has no measured result."}
    errors = refused(
        {"metric": "checklist", "checklist_action": "bike_parking", "baseline_year": 2020}
    )
    assert list(errors) == ["baseline_year"]


def test_list_errors_name_the_commitment_and_its_field():
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.commitments_clean(
            items=[emissions_commitment(), emissions_commitment(baseline_value="-1")]
        )
    assert exc.value.message_dict == {
        "commitment_1_baseline_value": ["A quantity cannot be negative."]
    }
    with pytest.raises(ValidationError) as exc:
        services.commitments_clean(
            items=[{"metric": "checklist", "checklist_action": "reusable_cups"}],
            allow_checklist=False,
        )
    assert list(exc.value.message_dict) == ["commitment_0_metric"]


# --- programmes and applications -------------------------------------------------------


def test_a_programme_keeps_its_suggested_commitments_validated():
    actor = coordinator_make()
    kwargs = {
        "actor": actor,
        "name": "Klimaalliancen",
        "description": "For virksomheder.",
        "eligible_kinds": [Kind.COMPANY],
        "coordinators": [actor],
    }
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.programme_create(
            **kwargs, suggested_commitments=[emissions_commitment(target_year=2000)]
        )
    assert "commitment_0_target_year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            **kwargs,
            suggested_commitments=[{"metric": "checklist", "checklist_action": "reusable_cups"}],
        )
    assert "commitment_0_metric" in exc.value.message_dict  # not a festival programme
    programme = services.programme_create(**kwargs, suggested_commitments=[emissions_commitment()])
    assert programme.suggested_commitments[0]["unit"] == "tCO2e"
    # Saved without naming them, a programme keeps its suggestions.
    services.programme_update(programme=programme, **kwargs)
    programme.refresh_from_db()
    assert len(programme.suggested_commitments) == 1


def test_approval_turns_the_proposed_commitments_into_the_agreements():
    coordinator, admin = coordinator_make(), UserFactory()
    programme = ProgrammeFactory(coordinators=[coordinator])
    from tests.partnerships.factories import OrganisationFactory

    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.application_submit(
            programme=programme,
            organisation=organisation,
            actor=admin,
            answers=[""],
            proposed_commitments=[emissions_commitment(scope=None)],
        )
    # Every error at once: the missing answer and the commitment's field.
    assert set(exc.value.message_dict) == {"answer_0", "commitment_0_scope"}
    application = services.application_submit(
        programme=programme,
        organisation=organisation,
        actor=admin,
        answers=["Ja"],
        proposed_commitments=[
            emissions_commitment(),
            emissions_commitment(
                title="Mere vedvarende strøm",
                metric="renewable_share",
                scope=None,
                direction="increase",
                baseline_value="30",
                target_value="100",
                sdgs=[],
            ),
        ],
    )
    assert [c["title"] for c in application.proposed_commitments] == [
        "Halvér udledningen fra vores varebiler",
        "Mere vedvarende strøm",
    ]
    services.application_decide(
        application=application,
        actor=coordinator,
        decision="changes_requested",
        message="Sæt målet for strøm til 2028.",
    )
    proposed = list(application.proposed_commitments)
    proposed[1] = {**proposed[1], "target_year": 2028}
    services.application_resubmit(
        application=application, actor=admin, answers=["Ja"], proposed_commitments=proposed
    )
    services.application_decide(
        application=application,
        actor=coordinator,
        decision="approved",
        message="Velkommen.",
        review_date=timezone.localdate() + timedelta(days=365),
    )
    rows = list(application.agreement.partner_commitments.order_by("position"))
    assert [(r.title, r.metric, r.unit, r.scope, r.target_year) for r in rows] == [
        ("Halvér udledningen fra vores varebiler", "emissions", "tCO2e", 1, 2030),
        ("Mere vedvarende strøm", "renewable_share", "%", None, 2028),
    ]
    assert sorted(s.number for s in rows[0].sdgs.all()) == [7, 13]
    assert rows[0].focus_area.slug == "klimahandlingsplan"
    assert rows[0].created_by == coordinator


def test_a_festival_ticks_green_actions_from_the_guide():
    coordinator, admin = coordinator_make(), UserFactory()
    programme = ProgrammeFactory(
        coordinators=[coordinator],
        eligible_kinds=[Kind.FESTIVAL],
        reporting_rhythm=ReportingRhythm.PER_EVENT,
    )
    festival = FestivalFactory(admins=[admin], verified_at=timezone.now())
    cups = {"metric": "checklist", "checklist_action": "reusable_cups", "target_value": "90"}
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.application_submit(
            programme=programme,
            organisation=festival,
            actor=admin,
            answers=["Ja"],
            proposed_commitments=[cups, cups],
        )
    assert exc.value.message_dict == {
        "commitment_1_checklist_action": ["This green action is already on the list."]
    }
    agreement = agreement_approve(
        programme=programme, organisation=festival, coordinator=coordinator, admin=admin
    )
    assert agreement.partner_commitments.count() == 0
    row = services.partner_commitment_add(agreement=agreement, actor=admin, data=cups)
    assert (row.is_checklist, row.unit, row.target_value) == (True, "%", 90)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.partner_commitment_add(agreement=agreement, actor=admin, data=cups)
    assert exc.value.message_dict == {
        "checklist_action": ["The agreement already has this green action."]
    }
    refill = services.partner_commitment_add(
        agreement=agreement,
        actor=admin,
        data={"metric": "checklist", "checklist_action": "water_refill"},
    )
    assert (refill.unit, refill.target_value) == ("", None)


def test_a_company_programme_does_not_take_green_actions():
    agreement = agreement_approve()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.partner_commitment_add(
            agreement=agreement,
            actor=agreement.admin,
            data={"metric": "checklist", "checklist_action": "reusable_cups"},
        )
    assert exc.value.message_dict == {
        "metric": ["This programme does not use the green guide's checklist."]
    }


# --- an agreement's commitments: history and notifications ----------------------------


def inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("event__kind", flat=True))


def test_the_organisation_adds_and_the_coordinator_hears_of_it():
    agreement = agreement_approve()
    Notification.objects.all().delete()
    row = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment(), reason="Ny bil"
    )
    assert inbox(agreement.coordinator) == ["partnership.partner_commitment_changed"]
    assert inbox(agreement.admin) == []
    step = AgreementStep.objects.get(agreement=agreement, action="commitment_added")
    assert (step.actor, step.commitment, step.reason) == (agreement.admin, row, "Ny bil")
    assert step.changes["target_value"] == [None, "60"]
    with translation.override("en"):
        subject = Notification.objects.get(recipient=agreement.coordinator).event
        from partnerships.notifications import _partner_commitment_message

        assert "is added" in _partner_commitment_message(subject).subject


def test_the_coordinator_changes_and_the_organisation_admins_hear_of_it():
    agreement = agreement_approve()
    row = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment()
    )
    Notification.objects.all().delete()
    services.partner_commitment_update(
        commitment=row,
        actor=agreement.coordinator,
        data=emissions_commitment(target_value="50", sdgs=[13]),
        reason="Aftalt på mødet",
    )
    assert inbox(agreement.admin) == ["partnership.partner_commitment_changed"]
    assert inbox(agreement.coordinator) == []
    step = AgreementStep.objects.get(agreement=agreement, action="commitment_changed")
    assert step.changes == {"target_value": ["60", "50"], "sdgs": [[7, 13], [13]]}
    assert step.actor == agreement.coordinator
    row.refresh_from_db()
    assert row.target_value == 50
    assert [s.number for s in row.sdgs.all()] == [13]
    # Saved unchanged: nothing to keep, nobody told.
    services.partner_commitment_update(
        commitment=row,
        actor=agreement.coordinator,
        data=emissions_commitment(target_value="50", sdgs=[13]),
    )
    assert AgreementStep.objects.filter(action="commitment_changed").count() == 1


def test_a_withdrawn_commitment_stays_in_the_history_and_cannot_change():
    agreement = agreement_approve()
    row = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment()
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.partner_commitment_withdraw(commitment=row, actor=agreement.admin, reason=" ")
    assert exc.value.message_dict == {"reason": ["Say why."]}
    services.partner_commitment_withdraw(
        commitment=row, actor=agreement.admin, reason="Bilerne er solgt"
    )
    row.refresh_from_db()
    assert row.withdrawn_at is not None
    assert PartnerCommitment.objects.filter(pk=row.pk).exists()
    assert [s.action for s in agreement.steps.all()] == [
        "created",
        "commitment_added",
        "commitment_withdrawn",
    ]
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.partner_commitment_update(
            commitment=row, actor=agreement.admin, data=emissions_commitment()
        )
    assert exc.value.messages == ["This commitment is withdrawn: it can no longer change."]


def test_an_ended_agreement_takes_no_new_commitments():
    agreement = agreement_approve()
    services.agreement_act(
        agreement=agreement, actor=agreement.coordinator, action="ended", reason="Slut"
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.partner_commitment_add(
            agreement=agreement, actor=agreement.coordinator, data=emissions_commitment()
        )
    assert exc.value.messages == ["The agreement has ended: its commitments can no longer change."]


def test_a_verified_value_fixes_the_measure_but_not_the_words():
    agreement = agreement_approve()
    row = services.partner_commitment_add(
        agreement=agreement, actor=agreement.admin, data=emissions_commitment()
    )
    report = ProgressReport.objects.create(
        agreement=agreement,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        due_date=date(2024, 3, 1),
    )
    ProgressValue.objects.create(
        report=report, commitment=row, value=100, source="Kørebog", state="verified"
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.partner_commitment_update(
            commitment=row,
            actor=agreement.admin,
            data=emissions_commitment(baseline_value="130", scope=2),
        )
    assert set(exc.value.message_dict) == {"baseline_value", "scope"}
    assert "Withdraw the commitment and add a new one" in exc.value.message_dict["scope"][0]
    services.partner_commitment_update(
        commitment=row,
        actor=agreement.admin,
        data=emissions_commitment(title="Elbiler i stedet for varebiler", sector="energy"),
    )
    row.refresh_from_db()
    assert (row.title, row.sector, row.baseline_value) == (
        "Elbiler i stedet for varebiler",
        "energy",
        120.5,
    )
