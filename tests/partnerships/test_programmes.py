"""Programmes, applications, agreements and commitments through the services: what
people see happen, what they are told, and what the history keeps."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from engage.audit.models import AuditEntry
from notifications.models import Notification
from partnerships import services
from partnerships.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    CommitmentReminder,
    Kind,
)
from tests.factories import UserFactory
from tests.partnerships.factories import (
    HousingFactory,
    OrganisationFactory,
    ProgrammeFactory,
    coordinator_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    coordinator, admin = coordinator_make(), UserFactory()
    programme = ProgrammeFactory(coordinators=[coordinator])
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    return {
        "coordinator": coordinator,
        "admin": admin,
        "programme": programme,
        "organisation": organisation,
    }


def apply(world, answers=("Vi skifter til varmepumper.", "")):
    return services.application_submit(
        programme=world["programme"],
        organisation=world["organisation"],
        actor=world["admin"],
        answers=list(answers),
    )


def approve(world, application, **kwargs):
    today = timezone.localdate()
    values = {"start_date": today, "review_date": today + timedelta(days=365), **kwargs}
    return services.application_decide(
        application=application,
        actor=world["coordinator"],
        decision=ApplicationStatus.APPROVED,
        message="Velkommen i alliancen.",
        **values,
    )


def inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("event__kind", flat=True))


def test_programme_create_needs_a_kind_and_real_coordinators():
    actor = coordinator_make()
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            actor=actor,
            name="Grønne skoler",
            description="For skoler.",
            eligible_kinds=[],
            coordinators=[UserFactory()],
        )
    assert set(exc.value.error_dict) == {"eligible_kinds", "coordinators"}
    programme = services.programme_create(
        actor=actor,
        name="Grønne skoler",
        description="For skoler.",
        eligible_kinds=[Kind.SCHOOL],
        coordinators=[actor],
        questions=[{"text": " Hvor mange elever? ", "required": True}, {"text": " "}],
        is_open=True,
    )
    assert programme.slug == "groenne-skoler"
    assert programme.questions == [{"text": "Hvor mange elever?", "required": True}]
    assert AuditEntry.objects.filter(action="programme.create").count() == 1


def test_an_application_tells_the_programme_coordinators(world):
    other_programme_coordinator = coordinator_make()
    ProgrammeFactory(coordinators=[other_programme_coordinator])
    application = apply(world)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.answers[0] == {
        "text": "Hvad vil I gøre for klimaet?",
        "required": True,
        "answer": "Vi skifter til varmepumper.",
    }
    assert inbox(world["coordinator"]) == ["partnership.application_submitted"]
    assert inbox(other_programme_coordinator) == []
    assert inbox(world["admin"]) == []  # the actor is never told
    assert [s.action for s in application.steps.all()] == ["submitted"]


def test_a_required_answer_is_enforced_in_the_persons_language(world):
    with translation.override("da"), pytest.raises(ValidationError) as exc:
        apply(world, answers=["  ", "Anna"])
    assert list(exc.value.error_dict) == ["answer_0"]
    assert "påkrævet" in exc.value.error_dict["answer_0"][0].messages[0]
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        apply(world, answers=[])
    assert "required" in exc.value.error_dict["answer_0"][0].messages[0]
    assert not Application.objects.exists()


def test_closed_programmes_wrong_kinds_and_second_applications_are_refused(world):
    apply(world)
    with pytest.raises(ValidationError) as exc:
        apply(world)
    assert exc.value.code == "in_progress"
    school = OrganisationFactory(kind=Kind.SCHOOL, cvr="", admins=[world["admin"]])
    with pytest.raises(ValidationError) as exc:
        services.application_submit(
            programme=world["programme"], organisation=school, actor=world["admin"], answers=["x"]
        )
    assert exc.value.code == "not_eligible"
    closed = ProgrammeFactory(is_open=False)
    with pytest.raises(ValidationError) as exc:
        services.application_submit(
            programme=closed,
            organisation=world["organisation"],
            actor=world["admin"],
            answers=["x"],
        )
    assert exc.value.code == "closed"


def test_approval_of_an_unverified_organisation_is_refused_until_it_is_verified(world):
    housing_admin = UserFactory()
    housing = HousingFactory(admins=[housing_admin])
    application = services.application_submit(
        programme=world["programme"], organisation=housing, actor=housing_admin, answers=["Ja"]
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        approve(world, application)
    assert exc.value.code == "unverified"
    assert "not verified" in exc.value.messages[0]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Agreement.objects.exists()
    services.organisation_verify(organisation=housing, actor=world["coordinator"])
    approve(world, application)
    assert Agreement.objects.get().organisation == housing


def test_approval_makes_an_agreement_and_tells_the_organisations_admins(world):
    application = approve(world, apply(world))
    agreement = application.agreement
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.review_date == timezone.localdate() + timedelta(days=365)
    assert [s.action for s in agreement.steps.all()] == ["created"]
    assert inbox(world["admin"]) == ["partnership.application_decided"]
    notification = Notification.objects.get(recipient=world["admin"])
    assert notification.event.data["message"] == "Velkommen i alliancen."
    assert AuditEntry.objects.filter(action="application.approved").exists()


def test_a_decision_needs_a_message_and_a_review_date_after_the_start(world):
    application = apply(world)
    with pytest.raises(ValidationError) as exc:
        services.application_decide(
            application=application, actor=world["coordinator"], decision="declined", message=" "
        )
    assert "message" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        approve(world, application, review_date=timezone.localdate())
    assert "review_date" in exc.value.error_dict


def test_changes_asked_then_resubmitted_then_declined_is_all_in_the_history(world):
    application = apply(world)
    services.application_decide(
        application=application,
        actor=world["coordinator"],
        decision=ApplicationStatus.CHANGES_REQUESTED,
        message="Skriv mere om jeres mål.",
    )
    with pytest.raises(ValidationError):  # only a submitted application is decided
        approve(world, application)
    with pytest.raises(ValidationError) as exc:
        services.application_resubmit(application=application, actor=world["admin"], answers=[""])
    assert "answer_0" in exc.value.error_dict
    services.application_resubmit(
        application=application, actor=world["admin"], answers=["Halvering inden 2030.", "Bo"]
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.answers[0]["answer"] == "Halvering inden 2030."
    services.application_decide(
        application=application,
        actor=world["coordinator"],
        decision=ApplicationStatus.DECLINED,
        message="Desværre.",
    )
    steps = [(s.action, s.message) for s in application.steps.order_by("created_at", "pk")]
    assert steps == [
        ("submitted", ""),
        ("changes_requested", "Skriv mere om jeres mål."),
        ("resubmitted", ""),
        ("declined", "Desværre."),
    ]
    assert inbox(world["coordinator"]) == ["partnership.application_submitted"] * 2
    assert inbox(world["admin"]) == ["partnership.application_decided"] * 2
    # Declined, the organisation may apply again.
    assert apply(world).status == ApplicationStatus.SUBMITTED


def test_agreement_actions_follow_the_table_and_keep_who_when_why(world):
    agreement = approve(world, apply(world)).agreement
    with pytest.raises(ValidationError):
        services.agreement_act(
            agreement=agreement, actor=world["coordinator"], action="resumed", reason="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.agreement_act(
            agreement=agreement, actor=world["coordinator"], action="paused", reason=""
        )
    assert "reason" in exc.value.error_dict
    services.agreement_act(
        agreement=agreement, actor=world["coordinator"], action="paused", reason="Ombygning"
    )
    services.agreement_act(
        agreement=agreement, actor=world["coordinator"], action="resumed", reason="Færdig"
    )
    new_review = timezone.localdate() + timedelta(days=700)
    services.agreement_act(
        agreement=agreement,
        actor=world["coordinator"],
        action="renewed",
        reason="Et år mere",
        review_date=new_review,
    )
    services.agreement_act(
        agreement=agreement, actor=world["coordinator"], action="ended", reason="Slut"
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED
    assert agreement.review_date == new_review
    steps = list(agreement.steps.order_by("created_at", "pk"))
    assert [(s.action, s.reason, s.actor) for s in steps[1:]] == [
        ("paused", "Ombygning", world["coordinator"]),
        ("resumed", "Færdig", world["coordinator"]),
        ("renewed", "Et år mere", world["coordinator"]),
        ("ended", "Slut", world["coordinator"]),
    ]
    assert inbox(world["admin"]).count("partnership.agreement_changed") == 4
    with pytest.raises(ValidationError):
        services.agreement_act(
            agreement=agreement, actor=world["coordinator"], action="paused", reason="x"
        )


def test_commitment_owner_must_coordinate_the_programme(world):
    agreement = approve(world, apply(world)).agreement
    with pytest.raises(ValidationError) as exc:
        services.commitment_add(
            agreement=agreement,
            actor=world["coordinator"],
            text="Energirådgivning",
            due_date=timezone.localdate(),
            owner=coordinator_make(),
        )
    assert "owner" in exc.value.error_dict
    commitment = services.commitment_add(
        agreement=agreement,
        actor=world["coordinator"],
        text="Energirådgivning",
        due_date=timezone.localdate(),
        owner=world["coordinator"],
    )
    services.commitment_update(
        commitment=commitment,
        actor=world["coordinator"],
        text="Energirådgivning",
        due_date=commitment.due_date,
        status="done",
        owner=world["coordinator"],
    )
    commitment.refresh_from_db()
    assert commitment.status == "done"


def test_the_daily_reminder_reminds_each_owner_once_a_day(world):
    agreement = approve(world, apply(world)).agreement
    today = timezone.localdate()
    owner = world["coordinator"]

    def add(text, days, **kwargs):
        return services.commitment_add(
            agreement=agreement,
            actor=owner,
            text=text,
            due_date=today + timedelta(days=days),
            **kwargs,
        )

    soon = add("Data om varmeforbrug", 7, owner=owner)
    late = add("Netværksmøde", -3, owner=owner)
    add("Byggetilladelse", 8, owner=owner)  # not yet
    add("Uden ejer", 1)  # nobody to remind
    done = add("Rådgivning", 2, owner=owner)
    services.commitment_update(
        commitment=done,
        actor=owner,
        text=done.text,
        due_date=done.due_date,
        status="done",
        owner=owner,
    )
    written = services.commitment_reminders_record(today=today)
    assert {r.commitment for r in written} == {soon, late}
    assert services.commitment_reminders_record(today=today) == []
    assert inbox(owner).count("partnership.commitment_due") == 2
    # The next day reminds again; an ended agreement reminds nobody.
    assert len(services.commitment_reminders_record(today=today + timedelta(days=1))) == 3
    services.agreement_act(agreement=agreement, actor=owner, action="ended", reason="Slut")
    assert services.commitment_reminders_record(today=today + timedelta(days=2)) == []
    assert CommitmentReminder.objects.count() == 5


def test_the_task_calls_the_service(world):
    from partnerships.tasks import remind_due_commitments

    assert remind_due_commitments() == 0


def test_beat_runs_the_reminder_daily_before_the_digest():
    from celery.schedules import crontab

    from engage.celery import app

    entry = app.conf.beat_schedule["remind-due-commitments"]
    assert entry["task"] == "partnerships.tasks.remind_due_commitments"
    assert entry["schedule"] == crontab(hour=6, minute=50)
    app.loader.import_default_modules()
    assert "partnerships.tasks.remind_due_commitments" in app.tasks
