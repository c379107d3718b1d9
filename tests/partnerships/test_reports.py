"""Progress reports: periods and due dates, each validation rule of a value, the submit →
verify/return → resubmit flow, evidence files, the derived status of commitments against
worked examples, the daily reminders and what people are told."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from notifications.models import Notification
from partnerships import selectors, services
from partnerships.models import (
    EntryChannel,
    ProgressReport,
    ReportingRhythm,
    ReportReminder,
    ReportStatus,
    ValueState,
)
from partnerships.services import ValueDecision, ValueEntry
from tests.factories import UserFactory
from tests.partnerships.factories import (
    ChecklistCommitmentFactory,
    OrganisationFactory,
    PartnerCommitmentFactory,
    ProgrammeFactory,
    ReportFactory,
    agreement_make,
    coordinator_make,
    verified_value_make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


@pytest.fixture(autouse=True)
def _in_english():
    """The messages below are the English ones (the site's default language is Danish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("event__kind", flat=True))


@pytest.fixture
def world():
    coordinator = coordinator_make()
    admin, member = UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[admin], members=[member])
    programme = ProgrammeFactory(coordinators=[coordinator])
    agreement = agreement_make(
        organisation=organisation, programme=programme, start_date=date(2023, 3, 1)
    )
    emissions = PartnerCommitmentFactory(agreement=agreement, title="Udledning")
    share = PartnerCommitmentFactory(
        agreement=agreement,
        title="Vedvarende energi",
        metric="renewable_share",
        unit="%",
        scope=None,
        direction="increase",
        baseline_value=Decimal("20"),
        target_value=Decimal("80"),
    )
    report = services.report_start(agreement=agreement, actor=member, year=2024)
    return {
        "coordinator": coordinator,
        "admin": admin,
        "member": member,
        "organisation": organisation,
        "programme": programme,
        "agreement": agreement,
        "emissions": emissions,
        "share": share,
        "report": report,
    }


def entry(commitment, value="90", source="Energiregnskab", **kwargs) -> ValueEntry:
    return ValueEntry(
        commitment_id=commitment.pk,
        value=Decimal(value) if value is not None else None,
        source=source,
        **kwargs,
    )


def fill(world, *, emissions="90", share="40"):
    return services.report_values_set(
        report=world["report"],
        actor=world["member"],
        entries=[entry(world["emissions"], emissions), entry(world["share"], share)],
        story="Vi skiftede til varmepumper.",
    )


# --- periods ----------------------------------------------------------------------------


def test_an_annual_report_covers_the_calendar_year_and_is_due_on_31_march(world):
    report = world["report"]
    assert (report.period_start, report.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert report.due_date == date(2025, 3, 31)
    assert report.status == ReportStatus.DRAFT


@pytest.mark.parametrize("year", [2022, 2100])
def test_an_annual_report_is_for_a_year_of_the_agreement_up_to_this_one(world, year):
    with pytest.raises(ValidationError) as exc:
        services.report_start(agreement=world["agreement"], actor=world["member"], year=year)
    assert "year" in exc.value.message_dict


def test_a_period_has_one_report(world):
    with pytest.raises(ValidationError) as exc:
        services.report_start(agreement=world["agreement"], actor=world["member"], year=2024)
    assert exc.value.message_dict["year"] == ["There is already a report for this period."]


def test_an_event_report_is_due_30_days_after_the_event_ends():
    programme = ProgrammeFactory(reporting_rhythm=ReportingRhythm.PER_EVENT)
    agreement = agreement_make(programme=programme, start_date=date(2024, 1, 1))
    report = services.report_start(
        agreement=agreement,
        actor=UserFactory(),
        event_name="Engfestival",
        event_start=date(2024, 6, 28),
        event_end=date(2024, 6, 30),
    )
    assert report.due_date == date(2024, 7, 30)
    assert report.event_name == "Engfestival"
    assert report.period_label == "Engfestival"


@pytest.mark.parametrize(
    ("name", "start", "end", "field"),
    [
        ("", date(2024, 6, 1), date(2024, 6, 2), "event_name"),
        ("Fest", date(2024, 6, 3), date(2024, 6, 2), "event_end"),
        ("Fest", date(2023, 6, 1), date(2023, 6, 2), "event_start"),
        ("Fest", date(2024, 6, 1), date(2100, 1, 1), "event_end"),
        ("Fest", None, date(2024, 6, 2), "event_start"),
    ],
)
def test_an_event_needs_a_name_and_dates_in_order_after_the_start(name, start, end, field):
    programme = ProgrammeFactory(reporting_rhythm=ReportingRhythm.PER_EVENT)
    agreement = agreement_make(programme=programme, start_date=date(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.report_start(
            agreement=agreement,
            actor=UserFactory(),
            event_name=name,
            event_start=start,
            event_end=end,
        )
    assert field in exc.value.message_dict


def test_an_ended_agreement_takes_no_new_report(world):
    world["agreement"].status = "ended"
    world["agreement"].save()
    with pytest.raises(ValidationError):
        services.report_start(agreement=world["agreement"], actor=world["member"], year=2025)


# --- values -------------------------------------------------------------------------------


def test_values_record_who_entered_them_when_and_how(world):
    values = services.report_values_set(
        report=world["report"],
        actor=world["member"],
        entries=[entry(world["emissions"], "87.5")],
        channel=EntryChannel.API,
    )
    (value,) = values
    assert value.value == Decimal("87.5")
    assert value.entered_by == world["member"]
    assert value.entered_via == EntryChannel.API
    assert value.entered_at is not None
    assert value.state == ValueState.PENDING


@pytest.mark.parametrize(
    ("which", "value", "source", "field", "message"),
    [
        ("emissions", "-1", "Måler", "value", "The value cannot be negative."),
        ("share", "100.5", "Måler", "value", "A share must be between 0 and 100 %."),
        ("share", "-0.1", "Måler", "value", "The value cannot be negative."),
        ("emissions", "10", "  ", "source", None),
        ("emissions", None, "Måler", "value", "Give the value in tCO2e."),
        ("emissions", "1.2345", "Måler", "value", None),
    ],
)
def test_each_bad_value_is_refused_with_an_error_on_its_field(
    world, which, value, source, field, message
):
    commitment = world[which]
    with pytest.raises(services.ReportValuesInvalid) as exc:
        services.report_values_set(
            report=world["report"],
            actor=world["member"],
            entries=[entry(world["emissions"], "90"), entry(commitment, value, source)]
            if which == "share"
            else [entry(commitment, value, source)],
        )
    errors = exc.value.by_commitment[commitment.pk]
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert exc.value.message_dict[f"{field}_{commitment.pk}"] == errors[field]
    assert not world["report"].values.exists()  # nothing saved, not even the good entry


def test_a_value_for_another_agreements_commitment_is_refused(world):
    foreign = PartnerCommitmentFactory()
    with pytest.raises(services.ReportValuesInvalid) as exc:
        services.report_values_set(
            report=world["report"], actor=world["member"], entries=[entry(foreign)]
        )
    assert exc.value.by_commitment[foreign.pk]["commitment"] == [
        "This commitment is not part of the report's agreement."
    ]


def test_a_green_action_is_done_or_not_with_an_optional_share(world):
    action = ChecklistCommitmentFactory(agreement=world["agreement"])
    with pytest.raises(services.ReportValuesInvalid) as exc:
        services.report_values_set(
            report=world["report"], actor=world["member"], entries=[entry(action, None)]
        )
    assert "done" in exc.value.by_commitment[action.pk]
    with pytest.raises(services.ReportValuesInvalid) as exc:
        services.report_values_set(
            report=world["report"],
            actor=world["member"],
            entries=[entry(action, "120", done=True)],
        )
    assert "value" in exc.value.by_commitment[action.pk]
    (value,) = services.report_values_set(
        report=world["report"], actor=world["member"], entries=[entry(action, None, done=True)]
    )
    assert value.done is True and value.value is None


def test_a_story_longer_than_the_limit_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.report_values_set(
            report=world["report"], actor=world["member"], entries=[], story="x" * 4001
        )
    assert "story" in exc.value.message_dict


# --- submit, verify or return, resubmit ---------------------------------------------------


def test_a_report_needs_a_value_for_every_commitment_to_be_submitted(world):
    services.report_values_set(
        report=world["report"], actor=world["member"], entries=[entry(world["emissions"])]
    )
    with pytest.raises(ValidationError) as exc:
        services.report_submit(report=world["report"], actor=world["member"])
    assert "Vedvarende energi" in exc.value.message_dict["values"][0]


def test_submit_verify_return_resubmit_verify(world):
    report, member, coordinator, admin = (
        world["report"],
        world["member"],
        world["coordinator"],
        world["admin"],
    )
    emissions, share = fill(world)
    report = services.report_submit(report=report, actor=member)
    assert report.status == ReportStatus.SUBMITTED
    assert inbox(coordinator) == ["partnership.report_submitted"]
    # Submitted: frozen for the organisation until the coordinator has decided.
    with pytest.raises(ValidationError):
        services.report_values_set(report=report, actor=member, entries=[entry(share, "50")])

    report = services.report_review(
        report=report,
        actor=coordinator,
        decisions=[
            ValueDecision(emissions.pk, "verify"),
            ValueDecision(share.pk, "return", "Tallet ser for lavt ud; send elregningen."),
        ],
    )
    assert report.status == ReportStatus.RETURNED
    emissions.refresh_from_db()
    share.refresh_from_db()
    assert (emissions.state, emissions.verified_by, emissions.verified_at is not None) == (
        ValueState.VERIFIED,
        coordinator,
        True,
    )
    assert share.state == ValueState.RETURNED
    assert share.review_comment.startswith("Tallet ser for lavt ud")
    # One message to the admins for the whole round, none to the member.
    assert inbox(admin) == ["partnership.report_reviewed"]
    assert inbox(member) == []

    # The verified value is frozen; the returned one can be corrected.
    with pytest.raises(services.ReportValuesInvalid) as exc:
        services.report_values_set(
            report=report, actor=member, entries=[entry(world["emissions"], "1")]
        )
    assert "verified" in exc.value.by_commitment[world["emissions"].pk]["value"][0]
    with pytest.raises(ValidationError):  # not before the returned value is corrected
        services.report_submit(report=report, actor=member)
    services.report_values_set(report=report, actor=member, entries=[entry(world["share"], "45")])
    share.refresh_from_db()
    assert (share.state, share.value) == (ValueState.PENDING, Decimal("45"))
    report = services.report_submit(report=report, actor=member)
    assert inbox(coordinator) == ["partnership.report_submitted"] * 2

    report = services.report_review(
        report=report, actor=coordinator, decisions=[ValueDecision(share.pk, "verify")]
    )
    assert report.status == ReportStatus.VERIFIED
    assert inbox(admin) == ["partnership.report_reviewed"] * 2


def test_a_review_round_decides_every_pending_value_and_a_return_needs_a_comment(world):
    emissions, share = fill(world)
    report = services.report_submit(report=world["report"], actor=world["member"])
    with pytest.raises(ValidationError) as exc:
        services.report_review(
            report=report,
            actor=world["coordinator"],
            decisions=[ValueDecision(emissions.pk, "return", " ")],
        )
    assert set(exc.value.message_dict) == {f"comment_{emissions.pk}", f"value_{share.pk}"}
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert inbox(world["admin"]) == []


def test_only_a_submitted_report_can_be_reviewed(world):
    emissions, _share = fill(world)
    with pytest.raises(ValidationError) as exc:
        services.report_review(
            report=world["report"],
            actor=world["coordinator"],
            decisions=[ValueDecision(emissions.pk, "verify")],
        )
    assert exc.value.code == "not_submitted"


# --- evidence -------------------------------------------------------------------------


def pdf(size: int = 200, name: str = "faktura.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n" + b"0" * max(0, size - 15) + b"\n%%EOF"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def png(name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_pdf_is_kept_and_an_image_re_encoded(world, media):
    report = world["report"]
    kept = services.evidence_add(report=report, actor=world["member"], upload=pdf())
    assert (kept.content_type, kept.original_name) == ("application/pdf", "faktura.pdf")
    assert kept.file.read().startswith(b"%PDF-")
    assert not kept.file.name.endswith("faktura.pdf")  # stored under a name of our own
    image = services.evidence_add(report=report, actor=world["member"], upload=png())
    assert image.content_type == "image/jpeg"
    assert Image.open(image.file).format == "JPEG"


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("faktura.pdf", b"<html><script>1</script>", "application/pdf"),
        SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not an image", "image/jpeg"),
    ],
    ids=["html-named-pdf", "exe-named-jpg"],
)
def test_a_file_is_judged_by_its_content_not_its_name_or_type(world, media, upload):
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(report=world["report"], actor=world["member"], upload=upload)
    assert exc.value.message_dict["file"] == [
        "Upload a PDF document or an image (JPEG, PNG, WebP or GIF)."
    ]
    assert not world["report"].evidence.exists()


def test_a_pdf_over_10_mb_is_refused(world, media):
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            report=world["report"],
            actor=world["member"],
            upload=pdf(size=services.EVIDENCE_PDF_MAX_BYTES + 10),
        )
    assert "10 MB" in exc.value.message_dict["file"][0]


def test_a_report_has_at_most_10_files(world, media):
    for _ in range(services.EVIDENCE_MAX_FILES):
        services.evidence_add(report=world["report"], actor=world["member"], upload=pdf())
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(report=world["report"], actor=world["member"], upload=pdf())
    assert exc.value.code == "too_many_files"


def test_no_file_is_added_to_a_submitted_report(world, media):
    fill(world)
    services.report_submit(report=world["report"], actor=world["member"])
    with pytest.raises(ValidationError):
        services.evidence_add(report=world["report"], actor=world["member"], upload=pdf())


# --- the derived status ------------------------------------------------------------------


def status_of(commitment, today):
    (progress,) = selectors.commitment_progress(
        commitments=type(commitment).objects.filter(pk=commitment.pk), today=today
    )
    return progress


# Emissions from 100 t (2022) to 50 t (2030): the path is 100 - 6.25 t a year, so
# 93.75 in 2023 and 87.5 in 2024; after 2030, the target itself.
@pytest.mark.parametrize(
    ("year", "value", "status"),
    [
        (2024, "87.5", "on_track"),  # exactly on the path
        (2024, "80", "on_track"),
        (2024, "88", "behind"),
        (2024, "50", "achieved"),  # meets the target early
        (2024, "49", "achieved"),
    ],
)
def test_a_reduction_against_the_straight_path(year, value, status):
    commitment = PartnerCommitmentFactory()
    verified_value_make(commitment=commitment, year=year, value=Decimal(value))
    progress = status_of(commitment, today=date(2025, 6, 1))
    assert progress.status == status
    assert progress.path_value == Decimal("87.5")


# Renewable share from 20 % (2022) to 80 % (2030): 27.5 % in 2023.
@pytest.mark.parametrize(
    ("value", "status"), [("27.5", "on_track"), ("27", "behind"), ("80", "achieved")]
)
def test_an_increase_against_the_straight_path(value, status):
    commitment = PartnerCommitmentFactory(
        metric="renewable_share",
        unit="%",
        scope=None,
        direction="increase",
        baseline_value=Decimal("20"),
        target_value=Decimal("80"),
    )
    verified_value_make(commitment=commitment, year=2023, value=Decimal(value))
    assert status_of(commitment, today=date(2024, 2, 1)).status == status


def test_after_the_target_year_the_path_is_the_target():
    commitment = PartnerCommitmentFactory(
        agreement=agreement_make(start_date=date(2022, 1, 1)), baseline_year=2020, target_year=2022
    )
    verified_value_make(commitment=commitment, year=2023, value=Decimal("60"))
    progress = status_of(commitment, today=date(2024, 2, 1))
    assert (progress.status, progress.path_value) == ("behind", Decimal("50"))


def test_without_a_verified_value_for_the_last_due_period_it_is_not_reported():
    commitment = PartnerCommitmentFactory()
    coordinator = coordinator_make()
    verified_value_make(commitment=commitment, year=2023, value=Decimal("10"), verifier=coordinator)
    # On 1 April 2025 the report for 2024 is due: the 2023 value is too old.
    progress = status_of(commitment, today=date(2025, 4, 1))
    assert progress.status == "not_reported"
    assert progress.value.verified_by == coordinator  # the last value and its provenance
    assert progress.reported_at is not None
    # On 31 March 2025 the 2024 report is not yet overdue: 2023 is the last due period.
    assert status_of(commitment, today=date(2025, 3, 31)).status == "achieved"


def test_a_pending_or_returned_value_does_not_count(world):
    fill(world, emissions="10")
    services.report_submit(report=world["report"], actor=world["member"])
    progress = status_of(world["emissions"], today=date(2025, 4, 1))
    assert (progress.status, progress.value) == ("not_reported", None)


def test_a_green_action_is_achieved_when_done_and_behind_when_not():
    done = ChecklistCommitmentFactory()
    undone = ChecklistCommitmentFactory(agreement=done.agreement)
    never = ChecklistCommitmentFactory(agreement=done.agreement)
    verified_value_make(commitment=done, year=2024, done=True)
    verified_value_make(commitment=undone, year=2024, done=False)
    statuses = {
        p.commitment.pk: p.status
        for p in selectors.agreement_progress(agreement=done.agreement, today=date(2025, 4, 1))
    }
    assert statuses == {done.pk: "achieved", undone.pk: "behind", never.pk: "not_reported"}


def test_a_withdrawn_commitment_has_no_status():
    from django.utils import timezone

    commitment = PartnerCommitmentFactory(withdrawn_at=timezone.now())
    verified_value_make(commitment=commitment, year=2024, value=Decimal("10"))
    assert status_of(commitment, today=date(2025, 4, 1)).status is None


def test_per_event_the_last_period_is_the_latest_event_due():
    programme = ProgrammeFactory(reporting_rhythm=ReportingRhythm.PER_EVENT)
    agreement = agreement_make(programme=programme, start_date=date(2024, 1, 1))
    action = ChecklistCommitmentFactory(agreement=agreement)
    first = ReportFactory(
        agreement=agreement,
        event_name="Sommerfest",
        period_start=date(2024, 6, 1),
        period_end=date(2024, 6, 2),
        due_date=date(2024, 7, 2),
        status="verified",
    )
    action.values.create(report=first, done=True, source="Optælling", state="verified")
    ReportFactory(
        agreement=agreement,
        event_name="Vinterfest",
        period_start=date(2024, 12, 1),
        period_end=date(2024, 12, 2),
        due_date=date(2025, 1, 1),
    )
    assert status_of(action, today=date(2024, 12, 20)).status == "achieved"
    assert status_of(action, today=date(2025, 1, 5)).status == "not_reported"


def test_the_status_of_all_commitments_takes_three_queries(django_assert_num_queries):
    festivals = ProgrammeFactory(reporting_rhythm=ReportingRhythm.PER_EVENT)
    agreements = [agreement_make(start_date=date(2023, 1, 1)) for _ in range(2)]
    agreements.append(agreement_make(programme=festivals, start_date=date(2023, 1, 1)))
    for agreement in agreements:
        for year in (2023, 2024):
            commitment = PartnerCommitmentFactory(agreement=agreement)
            verified_value_make(commitment=commitment, year=year, value=Decimal("80"))
            ChecklistCommitmentFactory(agreement=agreement)
    with django_assert_num_queries(3):
        progress = selectors.commitment_progress(today=date(2025, 6, 1))
    assert len(progress) == 12


# --- reminders ----------------------------------------------------------------------------


def test_reminders_of_reports_due_and_overdue_are_sent_once(world):
    admin, agreement = world["admin"], world["agreement"]
    # 2023 is overdue (due 31 March 2024); 2024 (a draft) is due within 30 days.
    today = date(2025, 3, 10)
    written = services.report_reminders_record(today=today)
    assert sorted((r.period_end.year, r.kind) for r in written) == [
        (2023, "overdue"),
        (2024, "due"),
    ]
    assert services.report_reminders_record(today=today) == []
    assert inbox(admin).count("partnership.report_due") == 2
    assert inbox(world["member"]) == []
    # The next day: the due one is not repeated, nor the overdue one (30 days).
    assert services.report_reminders_record(today=today + timedelta(days=1)) == []
    # 30 days later the overdue ones (2023 and now 2024) are reminded again; not twice.
    later = today + timedelta(days=30)
    assert sorted(
        (r.period_end.year, r.kind) for r in services.report_reminders_record(today=later)
    ) == [(2023, "overdue"), (2024, "overdue")]
    assert services.report_reminders_record(today=later) == []
    assert ReportReminder.objects.filter(agreement=agreement).count() == 4


def test_a_submitted_report_is_no_longer_reminded(world):
    fill(world)
    services.report_submit(report=world["report"], actor=world["member"])
    ProgressReport.objects.create(
        agreement=world["agreement"],
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        due_date=date(2024, 3, 31),
        status="verified",
    )
    assert services.report_reminders_record(today=date(2025, 4, 10)) == []


def test_the_reminder_task_runs_daily_before_the_digest():
    from celery.schedules import crontab

    from engage.celery import app
    from partnerships.tasks import remind_due_reports

    assert remind_due_reports() == 0
    entry = app.conf.beat_schedule["remind-due-reports"]
    assert entry["task"] == "partnerships.tasks.remind_due_reports"
    assert entry["schedule"] == crontab(hour=6, minute=55)


def test_a_returned_value_kept_as_it_is_can_be_resubmitted(world):
    emissions, share = fill(world)
    report = services.report_submit(report=world["report"], actor=world["member"])
    report = services.report_review(
        report=report,
        actor=world["coordinator"],
        decisions=[
            ValueDecision(emissions.pk, "verify"),
            ValueDecision(share.pk, "return", "Er det rigtigt?"),
        ],
    )
    services.report_values_set(
        report=report, actor=world["admin"], entries=[entry(world["share"], "40")]
    )
    share.refresh_from_db()
    assert (share.state, share.entered_by) == (ValueState.PENDING, world["admin"])
    assert services.report_submit(report=report, actor=world["admin"]).status == "submitted"
