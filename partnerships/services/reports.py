"""Progress reports: the reporting periods and their due dates, the partner's values with
their sources and evidence, submission, the coordinator's verification, and the daily
reminder of reports due or overdue.

Keyword-only and typed. Every write to a report locks its row, so a submission, a review
and an edit cannot interleave. A verified value is frozen; a returned one can be corrected
and the report resubmitted. The report's status follows its values.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.audit.services import audit_record
from engage.cache import climate_dashboard_changed
from notifications.services import event_record
from partnerships.metrics import GREEN_ACTIONS, METRIC_UNITS
from partnerships.models import (
    Agreement,
    AgreementStatus,
    EntryChannel,
    Evidence,
    PartnerCommitment,
    ProgressReport,
    ProgressValue,
    ReportingRhythm,
    ReportReminder,
    ReportReminderKind,
    ReportStatus,
    ValueState,
)
from partnerships.notifications import EventKind
from proposals import images

__all__ = [
    "EVIDENCE_MAX_FILES",
    "EVIDENCE_PDF_MAX_BYTES",
    "REPORT_REMIND_DAYS_BEFORE",
    "REPORT_REMIND_OVERDUE_EVERY_DAYS",
    "Period",
    "ReportValuesInvalid",
    "ValueDecision",
    "ValueEntry",
    "agreement_last_due_period",
    "agreement_periods_due",
    "evidence_add",
    "evidence_remove",
    "report_reminders_record",
    "report_review",
    "report_start",
    "report_submit",
    "report_values_set",
]

EVIDENCE_MAX_FILES = 10
EVIDENCE_PDF_MAX_BYTES = 10 * 1024 * 1024
SOURCE_MAX_LENGTH = 300
STORY_MAX_LENGTH = 4000
COMMENT_MAX_LENGTH = 2000
EVENT_NAME_MAX_LENGTH = 120
REPORT_REMIND_DAYS_BEFORE = 30
REPORT_REMIND_OVERDUE_EVERY_DAYS = 30
# A report of an annual programme is due on this day of the year after its period.
ANNUAL_DUE_MONTH_DAY = (3, 31)
EVENT_DUE_DAYS_AFTER = 30

EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


# --- periods: the one place that knows when a report is due ------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    due_date: date
    event_name: str = ""

    @property
    def label(self) -> str:
        return self.event_name or str(self.end.year)


def annual_period(year: int) -> Period:
    """The calendar year `year`, due on 31 March of the year after."""
    month, day = ANNUAL_DUE_MONTH_DAY
    return Period(date(year, 1, 1), date(year, 12, 31), date(year + 1, month, day))


def event_period(*, event_name: str, start: date, end: date) -> Period:
    """One event, due EVENT_DUE_DAYS_AFTER days after it ends."""
    return Period(start, end, end + timedelta(days=EVENT_DUE_DAYS_AFTER), event_name)


def agreement_periods_due(*, agreement: Agreement, today: date) -> list[Period]:
    """The annual periods of `agreement` from the year it started whose reports are due
    by `today` + REPORT_REMIND_DAYS_BEFORE days, oldest first. A per-event programme's
    periods are the events its organisation names: none are known in advance."""
    if agreement.programme.reporting_rhythm != ReportingRhythm.ANNUAL:
        return []
    horizon = today + timedelta(days=REPORT_REMIND_DAYS_BEFORE)
    periods = []
    year = agreement.start_date.year
    while (period := annual_period(year)).due_date <= horizon:
        periods.append(period)
        year += 1
    return periods


def agreement_last_due_period(
    *, rhythm: str, start_date: date, today: date, latest_event_end: date | None = None
) -> date | None:
    """The end of the latest period whose report is due (its due date has passed), or
    None when none is yet. Annual: the latest such year from the start year on; per event:
    the latest reported event whose due date has passed (`latest_event_end`, which the
    caller reads)."""
    if rhythm == ReportingRhythm.PER_EVENT:
        return latest_event_end
    year = today.year - 1
    if today <= annual_period(year).due_date:
        year -= 1
    return date(year, 12, 31) if year >= start_date.year else None


def event_due_cutoff(*, today: date) -> date:
    """An event that ended before this day has its report due (its due date passed)."""
    return today - timedelta(days=EVENT_DUE_DAYS_AFTER)


# --- starting a report ---------------------------------------------------------------------


def _agreement_reportable(agreement: Agreement) -> None:
    if agreement.status == AgreementStatus.ENDED:
        raise ValidationError(
            _("The agreement has ended: no new reports can be made for it."), code="ended"
        )


@transaction.atomic
def report_start(
    *,
    agreement: Agreement,
    actor: User,
    year: int | None = None,
    event_name: str = "",
    event_start: date | None = None,
    event_end: date | None = None,
) -> ProgressReport:
    """A draft report for one period: a calendar year (annual programmes, from the year
    the agreement started to this year) or an event the organisation names with its dates
    (per-event programmes). Raises ValidationError keyed by field; a report for the same
    period that exists already is refused."""
    agreement = (
        Agreement.objects.select_for_update().select_related("programme").get(pk=agreement.pk)
    )
    _agreement_reportable(agreement)
    today = timezone.localdate()
    if agreement.programme.reporting_rhythm == ReportingRhythm.PER_EVENT:
        period = _event_period_clean(
            agreement, event_name=event_name, start=event_start, end=event_end, today=today
        )
    else:
        if year is None:
            raise ValidationError({"year": _("Choose the year the report is for.")})
        if not agreement.start_date.year <= year <= today.year:
            raise ValidationError(
                {
                    "year": _("Choose a year from %(first)d to %(last)d.")
                    % {"first": agreement.start_date.year, "last": today.year}
                }
            )
        period = annual_period(year)
    report = ProgressReport(
        agreement=agreement,
        period_start=period.start,
        period_end=period.end,
        event_name=period.event_name,
        due_date=period.due_date,
    )
    if ProgressReport.objects.filter(
        agreement=agreement,
        period_start=period.start,
        period_end=period.end,
        event_name=period.event_name,
    ).exists():
        raise _period_taken(agreement)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:  # the unique index, should two people start at once
        raise _period_taken(agreement) from exc
    audit_record(actor=actor, action="report.start", target=agreement, data={"report": report.pk})
    return report


def _period_taken(agreement: Agreement) -> ValidationError:
    field = "event_name" if agreement.programme.reporting_rhythm == "per_event" else "year"
    return ValidationError({field: _("There is already a report for this period.")})


def _event_period_clean(
    agreement: Agreement, *, event_name: str, start: date | None, end: date | None, today: date
) -> Period:
    errors: dict[str, list] = {}
    event_name = event_name.strip()
    if not event_name:
        errors["event_name"] = [_("Name the event.")]
    elif len(event_name) > EVENT_NAME_MAX_LENGTH:
        errors["event_name"] = [
            _("The name may be at most %(max)d characters long.") % {"max": EVENT_NAME_MAX_LENGTH}
        ]
    if start is None:
        errors["event_start"] = [_("Give the date the event began.")]
    if end is None:
        errors["event_end"] = [_("Give the date the event ended.")]
    if start and end:
        if end < start:
            errors["event_end"] = [_("The event cannot end before it begins.")]
        elif end > today:
            errors["event_end"] = [_("Report on an event once it has ended.")]
        elif start < agreement.start_date:
            errors["event_start"] = [_("The event must be after the agreement started.")]
    if errors:
        raise ValidationError(errors)
    return event_period(event_name=event_name, start=start, end=end)


# --- values and the story --------------------------------------------------------------


@dataclass(frozen=True)
class ValueEntry:
    """One commitment's value as entered: `value` in its unit (for a green action, the
    optional measured result) and `done` (green actions only)."""

    commitment_id: int
    source: str
    value: Decimal | None = None
    done: bool | None = None


class ReportValuesInvalid(ValidationError):
    """Some entries were refused: `by_commitment` is {commitment id: {field: [messages]}}
    (an unknown commitment id is listed under its id too). Nothing was saved. As a plain
    ValidationError its fields are "<field>_<commitment id>" ("value_12"), the names the
    report form uses."""

    def __init__(self, by_commitment: dict[int, dict[str, list[str]]]):
        self.by_commitment = by_commitment
        super().__init__(
            {
                f"{field}_{commitment_id}": messages
                for commitment_id, errors in by_commitment.items()
                for field, messages in errors.items()
            }
        )


def _is_share(commitment: PartnerCommitment) -> bool:
    if commitment.is_checklist:
        action = GREEN_ACTIONS.get(commitment.checklist_action)
        return bool(action and action.result_is_share)
    unit = METRIC_UNITS.get(commitment.metric)
    return bool(unit and unit.is_share) or commitment.unit == "%"


def _entry_errors(commitment: PartnerCommitment, entry: ValueEntry) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not entry.source.strip():
        errors["source"] = [_("Say where the figure comes from (a meter, an invoice, a count).")]
    elif len(entry.source.strip()) > SOURCE_MAX_LENGTH:
        errors["source"] = [
            _("The source may be at most %(max)d characters long.") % {"max": SOURCE_MAX_LENGTH}
        ]
    if commitment.is_checklist:
        if entry.done is None:
            errors["done"] = [_("Say whether the action was carried out.")]
    elif entry.value is None:
        errors["value"] = [
            _("Give the value in %(unit)s.") % {"unit": commitment.unit},
        ]
    if entry.value is not None:
        if not entry.value.is_finite():
            errors["value"] = [_("Give a number.")]
        elif entry.value < 0:
            errors["value"] = [_("The value cannot be negative.")]
        elif _is_share(commitment) and entry.value > 100:
            errors["value"] = [_("A share must be between 0 and 100 %.")]
        elif entry.value.as_tuple().exponent < -3 or abs(entry.value) >= Decimal(10) ** 13:
            errors["value"] = [_("Give the value with at most 13 digits and 3 decimals.")]
    return errors


def _report_locked(report: ProgressReport) -> ProgressReport:
    return (
        ProgressReport.objects.select_for_update()
        .select_related("agreement__programme", "agreement__organisation")
        .get(pk=report.pk)
    )


def _editable_check(report: ProgressReport) -> None:
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("The report is %(status)s: it cannot be changed now.")
            % {"status": report.get_status_display().lower()},
            code="not_editable",
        )
    _agreement_reportable(report.agreement)


@transaction.atomic
def report_values_set(
    *,
    report: ProgressReport,
    actor: User,
    entries: list[ValueEntry],
    channel: str = EntryChannel.PAGE,
    story: str | None = None,
) -> list[ProgressValue]:
    """Enter or correct values (and, when given, the story) of a draft or returned report.

    Each entry is checked against its commitment (one of the report's agreement's, not
    withdrawn; in its unit; not negative; a share within 0-100; with a source). A verified
    value is frozen; a returned one, once corrected, awaits verification again. Raises
    ReportValuesInvalid (nothing saved) or ValidationError; returns the values written.
    """
    report = _report_locked(report)
    _editable_check(report)
    if story is not None:
        story = story.strip()
        if len(story) > STORY_MAX_LENGTH:
            raise ValidationError(
                {
                    "story": _("The story may be at most %(max)d characters long.")
                    % {"max": STORY_MAX_LENGTH}
                }
            )
    commitments = {
        c.pk: c
        for c in PartnerCommitment.objects.filter(
            agreement_id=report.agreement_id, withdrawn_at__isnull=True
        )
    }
    existing = {v.commitment_id: v for v in report.values.select_for_update()}
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[int] = set()
    for entry in entries:
        commitment = commitments.get(entry.commitment_id)
        if commitment is None:
            errors[entry.commitment_id] = {
                "commitment": [_("This commitment is not part of the report's agreement.")]
            }
            continue
        if entry.commitment_id in seen:
            errors[entry.commitment_id] = {"commitment": [_("Give each commitment's value once.")]}
            continue
        seen.add(entry.commitment_id)
        current = existing.get(entry.commitment_id)
        if current is not None and current.state == ValueState.VERIFIED:
            errors[entry.commitment_id] = {
                "value": [_("This value is verified and can no longer be changed.")]
            }
            continue
        if entry_errors := _entry_errors(commitment, entry):
            errors[entry.commitment_id] = entry_errors
    if errors:
        raise ReportValuesInvalid(errors)
    now = timezone.now()
    written = []
    for entry in entries:
        commitment = commitments[entry.commitment_id]
        value = existing.get(entry.commitment_id) or ProgressValue(
            report=report, commitment=commitment
        )
        new = (entry.value, entry.done if commitment.is_checklist else None, entry.source.strip())
        unchanged = value.pk is not None and (value.value, value.done, value.source) == new
        if unchanged and value.state != ValueState.RETURNED:
            continue  # keeps who entered it and when
        # A returned value saved as it is stands by it: it awaits verification again.
        value.value, value.done, value.source = new
        value.entered_by = actor
        value.entered_via = channel
        value.entered_at = now
        value.state = ValueState.PENDING
        value.save()
        written.append(value)
    update = ["updated_at"]
    if story is not None:
        report.story = story
        update.append("story")
    report.updated_at = now
    report.save(update_fields=update)
    return written


# --- evidence --------------------------------------------------------------------------


@dataclass(frozen=True)
class _CleanFile:
    content: ContentFile
    content_type: str


def _evidence_clean(upload: UploadedFile) -> _CleanFile:
    """A PDF (checked by its header, at most EVIDENCE_PDF_MAX_BYTES) kept as it is, or an
    image re-encoded like a proposal's images; anything else is refused. The client's
    file name and content type are not trusted."""
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        if upload.size is not None and upload.size > EVIDENCE_PDF_MAX_BYTES:
            raise _pdf_too_large()
        data = upload.read(EVIDENCE_PDF_MAX_BYTES + 1)
        if len(data) > EVIDENCE_PDF_MAX_BYTES:
            raise _pdf_too_large()
        return _CleanFile(ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), "application/pdf")
    try:
        clean = images.image_clean(upload=upload)
    except ValidationError as exc:
        if exc.code == "invalid_image" or exc.code == "format":
            raise ValidationError(
                _("Upload a PDF document or an image (JPEG, PNG, WebP or GIF)."),
                code="file_type",
            ) from exc
        raise
    extension = clean.content.name.rsplit(".", 1)[-1]
    content_type = "image/png" if extension == "png" else "image/jpeg"
    return _CleanFile(
        ContentFile(clean.content.read(), name=f"{uuid.uuid4().hex}.{extension}"), content_type
    )


def _pdf_too_large() -> ValidationError:
    return ValidationError(
        _("The PDF is larger than %(mb)d MB. Please choose a smaller one.")
        % {"mb": EVIDENCE_PDF_MAX_BYTES // (1024 * 1024)},
        code="too_large",
    )


def _evidence_add_check(report: ProgressReport, *, count: int) -> None:
    _editable_check(report)
    if count >= EVIDENCE_MAX_FILES:
        raise ValidationError(
            _("A report can have at most %(count)d evidence files.")
            % {"count": EVIDENCE_MAX_FILES},
            code="too_many_files",
        )


def evidence_add(
    *,
    report: ProgressReport,
    actor: User,
    upload: UploadedFile,
    value: ProgressValue | None = None,
) -> Evidence:
    """Attach a file to a draft or returned report, optionally to one of its values that
    is not verified. Checked (and an image re-encoded) before the transaction opens; the
    report's state and file count are checked again under its lock. Raises
    ValidationError keyed by "file" or "value"."""
    _evidence_add_check(report, count=report.evidence.count())
    try:
        clean = _evidence_clean(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "evidence"
    with transaction.atomic():
        report = _report_locked(report)
        _evidence_add_check(report, count=report.evidence.count())
        if value is not None:
            value = ProgressValue.objects.filter(pk=value.pk, report=report).first()
            if value is None:
                raise ValidationError({"value": _("Choose a value of this report.")})
            if value.state == ValueState.VERIFIED:
                raise ValidationError(
                    {"value": _("This value is verified and can no longer be changed.")}
                )
        evidence = Evidence(
            report=report,
            value=value,
            original_name=name,
            content_type=clean.content_type,
            size=clean.content.size,
            uploaded_by=actor,
        )
        evidence.file.save(clean.content.name, clean.content, save=False)
        try:
            evidence.save()
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor: User) -> None:
    """Remove a file from a draft or returned report, unless the value it backs is
    verified. The file goes once the row is gone for good."""
    report = _report_locked(evidence.report)
    _editable_check(report)
    evidence = Evidence.objects.select_related("value").get(pk=evidence.pk)
    if evidence.value is not None and evidence.value.state == ValueState.VERIFIED:
        raise ValidationError(
            _("This file backs a verified value and can no longer be removed."),
            code="verified",
        )
    file = evidence.file
    evidence.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))


# --- submission and verification -----------------------------------------------------------


@transaction.atomic
def report_submit(*, report: ProgressReport, actor: User) -> ProgressReport:
    """Send a draft, or a returned report whose returned values are all corrected, to the
    programme's coordinators for verification (they are told). Every active commitment of
    the agreement must have a value."""
    report = _report_locked(report)
    _editable_check(report)
    values = list(report.values.select_related("commitment"))
    errors: dict[str, list] = {}
    have = {v.commitment_id for v in values}
    missing = list(
        PartnerCommitment.objects.filter(
            agreement_id=report.agreement_id, withdrawn_at__isnull=True
        )
        .exclude(pk__in=have)
        .order_by("position", "pk")
        .values_list("title", flat=True)
    )
    if missing:
        errors["values"] = [
            _("Give a value for every commitment. Missing: %(titles)s.")
            % {"titles": ", ".join(missing)}
        ]
    if any(v.state == ValueState.RETURNED for v in values):
        errors.setdefault("values", []).append(
            _("Correct the values the coordinator sent back before you submit again.")
        )
    if not values and not missing:
        errors["values"] = [_("The agreement has no commitments to report on.")]
    if errors:
        raise ValidationError(errors)
    resubmitted = report.submitted_at is not None
    now = timezone.now()
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = now
    report.submitted_by = actor
    report.updated_at = now
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    event_record(
        kind=EventKind.REPORT_SUBMITTED,
        target=report,
        actor=actor,
        data={"resubmitted": resubmitted, "period": _period_label(report)},
    )
    return report


def _period_label(report: ProgressReport) -> str:
    return report.event_name or str(report.period_end.year)


VERIFY = "verify"
RETURN = "return"


@dataclass(frozen=True)
class ValueDecision:
    value_id: int
    decision: str  # VERIFY or RETURN
    comment: str = ""


@transaction.atomic
def report_review(
    *, report: ProgressReport, actor: User, decisions: list[ValueDecision]
) -> ProgressReport:
    """One decision round on a submitted report: every value awaiting verification is
    verified or sent back with a comment. The report becomes verified when all its values
    are, returned otherwise; the organisation's admins get one message for the round.
    Raises ValidationError keyed by "decisions" (or a value's id)."""
    report = _report_locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(
            _("The report is not awaiting verification (it is: %(status)s).")
            % {"status": report.get_status_display().lower()},
            code="not_submitted",
        )
    pending = {v.pk: v for v in report.values.select_for_update().filter(state=ValueState.PENDING)}
    by_value: dict[int, ValueDecision] = {}
    errors: dict[str, list] = {}
    for decision in decisions:
        if decision.value_id not in pending:
            errors.setdefault("decisions", []).append(
                _("Value %(id)s is not awaiting verification in this report.")
                % {"id": decision.value_id}
            )
        elif decision.decision not in (VERIFY, RETURN):
            errors[f"value_{decision.value_id}"] = [_("Verify the value or send it back.")]
        elif decision.decision == RETURN and not decision.comment.strip():
            errors[f"comment_{decision.value_id}"] = [
                _("Say what should be corrected when you send a value back.")
            ]
        elif len(decision.comment.strip()) > COMMENT_MAX_LENGTH:
            errors[f"comment_{decision.value_id}"] = [
                _("The comment may be at most %(max)d characters long.")
                % {"max": COMMENT_MAX_LENGTH}
            ]
        else:
            by_value[decision.value_id] = decision
    undecided = [pk for pk in pending if pk not in by_value and f"value_{pk}" not in errors]
    for pk in undecided:
        if f"comment_{pk}" not in errors:
            errors[f"value_{pk}"] = [_("Verify the value or send it back.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    verified = returned = 0
    for pk, decision in by_value.items():
        value = pending[pk]
        value.review_comment = decision.comment.strip()
        if decision.decision == VERIFY:
            value.state = ValueState.VERIFIED
            value.verified_by = actor
            value.verified_at = now
            verified += 1
        else:
            value.state = ValueState.RETURNED
            value.verified_by = None
            value.verified_at = None
            returned += 1
        value.save(update_fields=["state", "verified_by", "verified_at", "review_comment"])
    previous = report.status
    report.status = ReportStatus.RETURNED if returned else ReportStatus.VERIFIED
    report.updated_at = now
    report.save(update_fields=["status", "updated_at"])
    if verified:
        climate_dashboard_changed()  # verified values count there
    audit_record(
        actor=actor,
        action=f"report.{report.status}",
        target=report.agreement,
        from_state=previous,
        to_state=report.status,
        data={"report": report.pk, "verified": verified, "returned": returned},
    )
    event_record(
        kind=EventKind.REPORT_REVIEWED,
        target=report,
        actor=actor,
        data={
            "status": report.status,
            "verified": verified,
            "returned": returned,
            "period": _period_label(report),
            "comments": [d.comment.strip() for d in by_value.values() if d.decision == RETURN],
        },
    )
    return report


# --- the daily reminder --------------------------------------------------------------------


def _unsubmitted(report: ProgressReport | None) -> bool:
    return report is None or report.status in EDITABLE_STATUSES


@transaction.atomic
def report_reminders_record(*, today: date) -> list[ReportReminder]:
    """Remind the admins of each active agreement's organisation of a report due within
    REPORT_REMIND_DAYS_BEFORE days (once per period) and of an overdue one (on the first
    day it is overdue, then at most every REPORT_REMIND_OVERDUE_EVERY_DAYS days), until it
    is submitted (a returned report counts as not submitted).

    Annual programmes: every year from the agreement's start; per event: the events the
    organisation has started a report for. Each agreement's row is locked while its
    reminders are decided, so a concurrent run waits and then finds them written; the
    unique index on (period, kind, day) backs that up. Returns the reminders written.
    """
    agreements = list(
        Agreement.objects.filter(status=AgreementStatus.ACTIVE)
        .select_related("programme", "organisation")
        .order_by("pk")
    )
    if not agreements:
        return []
    horizon = today + timedelta(days=REPORT_REMIND_DAYS_BEFORE)
    reports: dict[tuple, ProgressReport] = {}
    events: dict[int, list[Period]] = {}
    for report in ProgressReport.objects.filter(
        agreement__in=agreements, due_date__lte=horizon
    ).order_by("period_end", "pk"):
        key = (report.agreement_id, report.period_start, report.period_end, report.event_name)
        reports[key] = report
        if report.event_name:
            events.setdefault(report.agreement_id, []).append(
                Period(report.period_start, report.period_end, report.due_date, report.event_name)
            )
    latest: dict[tuple, date] = {}
    for row in ReportReminder.objects.filter(agreement__in=agreements).values(
        "agreement_id", "period_start", "period_end", "event_name", "kind", "day"
    ):
        key = (
            row["agreement_id"],
            row["period_start"],
            row["period_end"],
            row["event_name"],
            row["kind"],
        )
        latest[key] = max(latest.get(key, row["day"]), row["day"])
    written = []
    for agreement in agreements:
        if agreement.programme.reporting_rhythm == ReportingRhythm.PER_EVENT:
            periods = events.get(agreement.pk, [])
        else:
            periods = agreement_periods_due(agreement=agreement, today=today)
        for period in periods:
            key = (agreement.pk, period.start, period.end, period.event_name)
            if not _unsubmitted(reports.get(key)):
                continue
            kind = ReportReminderKind.OVERDUE if period.due_date < today else ReportReminderKind.DUE
            last = latest.get((*key, kind))
            if last is not None and (
                kind == ReportReminderKind.DUE
                or (today - last).days < REPORT_REMIND_OVERDUE_EVERY_DAYS
            ):
                continue
            reminder = _reminder_write(agreement, period, kind=kind, today=today)
            if reminder is not None:
                written.append(reminder)
    return written


def _reminder_write(
    agreement: Agreement, period: Period, *, kind: str, today: date
) -> ReportReminder | None:
    locked = Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
    if locked is None:
        return None
    lookup = {
        "agreement": agreement,
        "period_start": period.start,
        "period_end": period.end,
        "event_name": period.event_name,
        "kind": kind,
    }
    # Under the lock, look again: a concurrent run may have written it meanwhile.
    previous = ReportReminder.objects.filter(**lookup).order_by("-day").first()
    if previous is not None and (
        kind == ReportReminderKind.DUE
        or (today - previous.day).days < REPORT_REMIND_OVERDUE_EVERY_DAYS
    ):
        return None
    try:
        with transaction.atomic():
            reminder = ReportReminder.objects.create(**lookup, due_date=period.due_date, day=today)
    except IntegrityError:
        return None
    event_record(
        kind=EventKind.REPORT_DUE,
        target=reminder,
        actor=None,
        data={
            "overdue": kind == ReportReminderKind.OVERDUE,
            "due_date": period.due_date.isoformat(),
            "period": period.label,
            "programme": agreement.programme.name,
            "organisation": agreement.organisation.name,
            "agreement": agreement.pk,
        },
    )
    return reminder
