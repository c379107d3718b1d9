"""Writes for programmes, applications, agreements and the municipality's commitments.

Keyword-only and typed. Decisions and agreement actions lock the row they change, so two
coordinators acting at once cannot both decide one application or both end one agreement;
applying locks the organisation, so two of its admins applying at once make one
application. Every step is kept in the object's history (ApplicationStep, AgreementStep)
and, for the municipality's decisions, in the audit trail.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.audit.services import audit_record
from engage.cache import climate_dashboard_changed
from engage.taxonomy.models import FocusArea
from notifications.services import event_record
from partnerships.models import (
    Agreement,
    AgreementAction,
    AgreementStatus,
    AgreementStep,
    Application,
    ApplicationAction,
    ApplicationStatus,
    ApplicationStep,
    Commitment,
    CommitmentStatus,
    Kind,
    Organisation,
    Programme,
    ReportingRhythm,
)
from partnerships.notifications import EventKind
from partnerships.rules import coordinated_programmes_forget
from partnerships.services.commitments import commitments_clean, commitments_from_application

__all__ = [
    "AGREEMENT_ACTIONS",
    "DECISIONS",
    "agreement_act",
    "application_decide",
    "application_resubmit",
    "application_submit",
    "commitment_add",
    "commitment_update",
    "programme_create",
    "programme_update",
]

QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 4000
MESSAGE_MAX_LENGTH = 4000

# Paths under /klimapartnerskaber/ that are pages of their own.
_RESERVED_SLUGS = {"ny", "ansoegninger", "aftaler", "rapporter"}
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


# --- programmes ------------------------------------------------------------------------


def _programme_slug(name: str) -> str:
    base = slugify(name.translate(_DANISH_LETTERS))[:120] or "programme"
    slug, n = base, 1
    while slug in _RESERVED_SLUGS or Programme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _questions_clean(questions: list[dict]) -> list[dict]:
    clean = []
    for question in questions:
        text = str(question.get("text", "")).strip()
        if not text:
            continue
        if len(text) > QUESTION_MAX_LENGTH:
            raise ValidationError(
                {
                    "questions": _("A question may be at most %(max)d characters long.")
                    % {"max": QUESTION_MAX_LENGTH}
                }
            )
        clean.append({"text": text, "required": bool(question.get("required"))})
    return clean


def _programme_fill(
    programme: Programme,
    *,
    name: str,
    description: str,
    eligible_kinds: list[str],
    reporting_rhythm: str,
    questions: list[dict],
    is_open: bool,
    coordinators: list[User],
    suggested_commitments: list[dict] | None,
) -> None:
    errors: dict[str, list] = {}
    programme.name = name.strip()
    programme.description = description.strip()
    programme.reporting_rhythm = reporting_rhythm
    programme.is_open = is_open
    kinds = [kind for kind in Kind.values if kind in set(eligible_kinds)]
    if not kinds or len(set(eligible_kinds)) != len(kinds):
        errors["eligible_kinds"] = [
            ValidationError(
                _("Choose at least one kind of organisation that may apply."), code="kinds"
            )
        ]
    programme.eligible_kinds = kinds
    if reporting_rhythm not in ReportingRhythm.values:
        errors["reporting_rhythm"] = [ValidationError(_("Unknown reporting rhythm."))]
    try:
        programme.questions = _questions_clean(questions)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        programme.suggested_commitments = commitments_clean(
            items=programme.suggested_commitments
            if suggested_commitments is None
            else suggested_commitments,
            allow_checklist=programme.uses_green_guide,
        )
    except ValidationError as exc:
        errors.update(exc.error_dict)
    # A programme's coordinators must hold the role: its pages and decisions are theirs.
    not_coordinators = [
        user
        for user in coordinators
        if not user.groups.filter(name=settings.COORDINATOR_GROUP).exists()
    ]
    if not_coordinators:
        errors["coordinators"] = [
            ValidationError(
                _("%(name)s is not a partnership coordinator.")
                % {"name": not_coordinators[0].public_name},
                code="not_coordinator",
            )
        ]
    if errors:
        raise ValidationError(errors)
    programme.full_clean(exclude=["slug"] if programme.pk is None else None)


def _programme_relations_set(
    programme: Programme, *, focus_areas: list[FocusArea], coordinators: list[User]
) -> None:
    before = set(programme.coordinators.values_list("pk", flat=True))
    programme.focus_areas.set(focus_areas)
    programme.coordinators.set(coordinators)
    for user in coordinators:
        coordinated_programmes_forget(user)
    if before - {user.pk for user in coordinators}:
        # Someone removed in this request may be the actor, whose kept ids are now wrong.
        for user in User.objects.filter(pk__in=before):
            coordinated_programmes_forget(user)


@transaction.atomic
def programme_create(
    *,
    actor: User,
    name: str,
    description: str,
    eligible_kinds: list[str],
    focus_areas: list[FocusArea] = (),
    coordinators: list[User] = (),
    reporting_rhythm: str = ReportingRhythm.ANNUAL,
    questions: list[dict] = (),
    is_open: bool = False,
    suggested_commitments: list[dict] = (),
) -> Programme:
    """A new programme; `suggested_commitments` (validated as commitments, errors under
    `commitment_<n>_<field>`) are what applicants may start from."""
    programme = Programme()
    _programme_fill(
        programme,
        name=name,
        description=description,
        eligible_kinds=list(eligible_kinds),
        reporting_rhythm=reporting_rhythm,
        questions=list(questions),
        is_open=is_open,
        coordinators=list(coordinators),
        suggested_commitments=list(suggested_commitments),
    )
    programme.slug = _programme_slug(programme.name)
    programme.save()
    _programme_relations_set(
        programme, focus_areas=list(focus_areas), coordinators=list(coordinators)
    )
    coordinated_programmes_forget(actor)
    climate_dashboard_changed()  # the dashboard's programme filter
    audit_record(actor=actor, action="programme.create", target=programme)
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    actor: User,
    name: str,
    description: str,
    eligible_kinds: list[str],
    focus_areas: list[FocusArea] = (),
    coordinators: list[User] = (),
    reporting_rhythm: str = ReportingRhythm.ANNUAL,
    questions: list[dict] = (),
    is_open: bool = False,
    suggested_commitments: list[dict] | None = None,
) -> Programme:
    """Change a programme (its suggested commitments stay as they are when None).
    Applications already made keep the questions they answered and the commitments they
    proposed."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    was_open = programme.is_open
    _programme_fill(
        programme,
        name=name,
        description=description,
        eligible_kinds=list(eligible_kinds),
        reporting_rhythm=reporting_rhythm,
        questions=list(questions),
        is_open=is_open,
        coordinators=list(coordinators),
        suggested_commitments=None
        if suggested_commitments is None
        else list(suggested_commitments),
    )
    programme.updated_at = timezone.now()
    programme.save()
    _programme_relations_set(
        programme, focus_areas=list(focus_areas), coordinators=list(coordinators)
    )
    coordinated_programmes_forget(actor)
    climate_dashboard_changed()  # its name in the breakdown and the filter
    audit_record(
        actor=actor,
        action="programme.update",
        target=programme,
        from_state="open" if was_open else "closed",
        to_state="open" if programme.is_open else "closed",
    )
    return programme


# --- applications ----------------------------------------------------------------------


def _answers_clean(questions: list[dict], answers: list[str]) -> list[dict]:
    """The questions with their answers; required ones must be answered (errors per
    question, as `answer_<n>`, n counting from 0)."""
    answers = list(answers) + [""] * (len(questions) - len(answers))
    errors: dict[str, list] = {}
    result = []
    for n, (question, answer) in enumerate(zip(questions, answers, strict=False)):
        answer = str(answer or "").strip()
        if question.get("required") and not answer:
            errors[f"answer_{n}"] = [
                ValidationError(_("Answer this question: it is required."), code="required")
            ]
        elif len(answer) > ANSWER_MAX_LENGTH:
            errors[f"answer_{n}"] = [
                ValidationError(
                    _("An answer may be at most %(max)d characters long.")
                    % {"max": ANSWER_MAX_LENGTH},
                    code="max_length",
                )
            ]
        result.append(
            {"text": question["text"], "required": bool(question.get("required")), "answer": answer}
        )
    if errors:
        raise ValidationError(errors)
    return result


def _application_content_clean(
    programme: Programme, questions: list[dict], answers: list[str], proposed: list[dict]
) -> tuple[list[dict], list[dict]]:
    """(answers, proposed commitments), or every error of both at once."""
    errors: dict[str, list] = {}
    clean_answers, clean_proposed = [], []
    try:
        clean_answers = _answers_clean(questions, answers)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        clean_proposed = commitments_clean(
            items=proposed, allow_checklist=programme.uses_green_guide
        )
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    return clean_answers, clean_proposed


@transaction.atomic
def application_submit(
    *,
    programme: Programme,
    organisation: Organisation,
    actor: User,
    answers: list[str],
    proposed_commitments: list[dict] = (),
) -> Application:
    """An organisation (through one of its admins) applies to an open programme its kind
    may join, with its answers and the commitments it proposes (validated as commitments,
    errors under `commitment_<n>_<field>`; a green action only where the programme uses the
    green guide). An unverified organisation may apply; it must be verified before
    approval. The programme's coordinators are told."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    programme = Programme.objects.get(pk=programme.pk)
    if not programme.is_open:
        raise ValidationError(
            _("“%(name)s” is not open for applications.") % {"name": programme.name},
            code="closed",
        )
    if not programme.accepts_kind(organisation.kind):
        raise ValidationError(
            _("%(kind)s cannot apply to “%(name)s”. It is for: %(kinds)s.")
            % {
                "kind": organisation.get_kind_display(),
                "name": programme.name,
                "kinds": ", ".join(programme.eligible_kind_labels).lower(),
            },
            code="not_eligible",
        )
    if Application.objects.filter(
        programme=programme, organisation=organisation, status__in=_open_statuses()
    ).exists():
        raise ValidationError(
            _("“%(name)s” already has an application to this programme in progress.")
            % {"name": organisation.name},
            code="in_progress",
        )
    if (
        Agreement.objects.filter(programme=programme, organisation=organisation)
        .exclude(status=AgreementStatus.ENDED)
        .exists()
    ):
        raise ValidationError(
            _("“%(name)s” already has an agreement in this programme.")
            % {"name": organisation.name},
            code="has_agreement",
        )
    clean_answers, clean_proposed = _application_content_clean(
        programme, programme.questions, answers, list(proposed_commitments)
    )
    now = timezone.now()
    application = Application(
        programme=programme,
        organisation=organisation,
        answers=clean_answers,
        proposed_commitments=clean_proposed,
        submitted_by=actor,
        created_at=now,
        submitted_at=now,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # defence in depth: the unique index on open applications
        raise ValidationError(
            _("“%(name)s” already has an application to this programme in progress.")
            % {"name": organisation.name},
            code="in_progress",
        ) from exc
    ApplicationStep.objects.create(
        application=application, action=ApplicationAction.SUBMITTED, actor=actor, created_at=now
    )
    event_record(
        kind=EventKind.APPLICATION_SUBMITTED,
        target=application,
        actor=actor,
        data={"resubmitted": False},
    )
    return application


def _open_statuses() -> list[str]:
    return [ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED]


@transaction.atomic
def application_resubmit(
    *,
    application: Application,
    actor: User,
    answers: list[str],
    proposed_commitments: list[dict] | None = None,
) -> Application:
    """After a coordinator asked for changes: new answers to the same questions and, unless
    None (kept as they are), new proposed commitments; the application waits for a
    decision again. The coordinators are told."""
    application = (
        Application.objects.select_for_update().select_related("programme").get(pk=application.pk)
    )
    if application.status != ApplicationStatus.CHANGES_REQUESTED:
        raise ValidationError(
            _("Only an application the municipality asked to change can be resubmitted."),
            code="not_changes_requested",
        )
    questions = [{"text": a["text"], "required": a["required"]} for a in application.answers]
    if proposed_commitments is None:
        proposed_commitments = application.proposed_commitments
    clean_answers, clean_proposed = _application_content_clean(
        application.programme, questions, answers, list(proposed_commitments)
    )
    now = timezone.now()
    application.answers = clean_answers
    application.proposed_commitments = clean_proposed
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    application.submitted_by = actor
    application.save(
        update_fields=[
            "answers",
            "proposed_commitments",
            "status",
            "submitted_at",
            "submitted_by",
        ]
    )
    ApplicationStep.objects.create(
        application=application, action=ApplicationAction.RESUBMITTED, actor=actor, created_at=now
    )
    event_record(
        kind=EventKind.APPLICATION_SUBMITTED,
        target=application,
        actor=actor,
        data={"resubmitted": True},
    )
    return application


DECISIONS = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.CHANGES_REQUESTED,
)


@transaction.atomic
def application_decide(
    *,
    application: Application,
    actor: User,
    decision: str,
    message: str,
    start_date: date | None = None,
    review_date: date | None = None,
) -> Application:
    """Approve, decline or ask for changes, with a message to the organisation, whose
    admins are told. Approval needs a verified organisation and makes the agreement
    (`start_date`, today by default, and `review_date`, after it) with the application's
    proposed commitments as the partner's commitments, in the same transaction."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose a decision.")})
    message = message.strip()
    if not message:
        raise ValidationError(
            {"message": _("Write a message to the organisation about the decision.")}
        )
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _("The message may be at most %(max)d characters long.")
                % {"max": MESSAGE_MAX_LENGTH}
            }
        )
    application = (
        Application.objects.select_for_update().select_related("programme").get(pk=application.pk)
    )
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            _("This application is not awaiting a decision (it is: %(status)s).")
            % {"status": application.get_status_display().lower()},
            code="not_submitted",
        )
    if decision == ApplicationStatus.APPROVED:
        # Locked: a verification cannot be undone, but the organisation's row is the one
        # the agreement hangs on, and two approvals must not race past the check below.
        organisation = Organisation.objects.select_for_update().get(pk=application.organisation_id)
        if organisation.verified_at is None:
            raise ValidationError(
                _(
                    "“%(name)s” is not verified yet. Verify the organisation before you "
                    "approve its application."
                )
                % {"name": organisation.name},
                code="unverified",
            )
        start_date = start_date or timezone.localdate()
        if review_date is None:
            raise ValidationError({"review_date": _("Give the date of the first review.")})
        if review_date <= start_date:
            raise ValidationError(
                {"review_date": _("The review date must come after the start date.")}
            )
        if (
            Agreement.objects.filter(programme=application.programme, organisation=organisation)
            .exclude(status=AgreementStatus.ENDED)
            .exists()
        ):
            raise ValidationError(
                _("“%(name)s” already has an agreement in this programme.")
                % {"name": organisation.name},
                code="has_agreement",
            )
        try:
            # Checked again: a focus area may have gone since the organisation applied.
            proposed = commitments_clean(
                items=application.proposed_commitments,
                allow_checklist=application.programme.uses_green_guide,
            )
        except ValidationError as exc:
            raise ValidationError(
                _(
                    "A proposed commitment is no longer valid (%(error)s). Ask the "
                    "organisation for changes."
                )
                % {"error": " ".join(exc.messages)},
                code="proposed_invalid",
            ) from exc
    now = timezone.now()
    previous = application.status
    application.status = decision
    application.decided_at = now if decision != ApplicationStatus.CHANGES_REQUESTED else None
    application.save(update_fields=["status", "decided_at"])
    ApplicationStep.objects.create(
        application=application, action=decision, actor=actor, message=message, created_at=now
    )
    audit_record(
        actor=actor,
        action=f"application.{decision}",
        target=application,
        from_state=previous,
        to_state=decision,
        reason=message,
    )
    if decision == ApplicationStatus.APPROVED:
        agreement = Agreement.objects.create(
            application=application,
            programme=application.programme,
            organisation_id=application.organisation_id,
            start_date=start_date,
            review_date=review_date,
            created_at=now,
        )
        AgreementStep.objects.create(
            agreement=agreement,
            action=AgreementAction.CREATED,
            actor=actor,
            reason=message,
            review_date=review_date,
            created_at=now,
        )
        commitments_from_application(agreement=agreement, actor=actor, items=proposed)
        climate_dashboard_changed()
    event_record(
        kind=EventKind.APPLICATION_DECIDED,
        target=application,
        actor=actor,
        data={"decision": decision, "message": message},
    )
    return application


# --- agreements ------------------------------------------------------------------------

# action: (statuses it may follow, status it leads to; None keeps the status)
AGREEMENT_ACTIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    AgreementAction.PAUSED: ((AgreementStatus.ACTIVE,), AgreementStatus.PAUSED),
    AgreementAction.RESUMED: ((AgreementStatus.PAUSED,), AgreementStatus.ACTIVE),
    AgreementAction.RENEWED: ((AgreementStatus.ACTIVE, AgreementStatus.PAUSED), None),
    AgreementAction.ENDED: (
        (AgreementStatus.ACTIVE, AgreementStatus.PAUSED),
        AgreementStatus.ENDED,
    ),
}


@transaction.atomic
def agreement_act(
    *,
    agreement: Agreement,
    actor: User,
    action: str,
    reason: str,
    review_date: date | None = None,
) -> Agreement:
    """Pause, resume, renew (with a new review date) or end an agreement, saying why.
    The organisation's admins are told."""
    if action not in AGREEMENT_ACTIONS:
        raise ValidationError({"action": _("Choose what to do with the agreement.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why.")})
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    allowed_from, to = AGREEMENT_ACTIONS[action]
    if agreement.status not in allowed_from:
        raise ValidationError(
            _("An agreement that is %(status)s cannot be %(action)s.")
            % {
                "status": agreement.get_status_display().lower(),
                "action": AgreementAction(action).label.lower(),
            },
            code="transition",
        )
    update = []
    if action == AgreementAction.RENEWED:
        if review_date is None:
            raise ValidationError({"review_date": _("Give the new review date.")})
        if review_date <= timezone.localdate():
            raise ValidationError({"review_date": _("The new review date must be in the future.")})
        agreement.review_date = review_date
        update.append("review_date")
    previous = agreement.status
    if to is not None:
        agreement.status = to
        update.append("status")
    agreement.save(update_fields=update)
    AgreementStep.objects.create(
        agreement=agreement,
        action=action,
        actor=actor,
        reason=reason,
        review_date=review_date if action == AgreementAction.RENEWED else None,
    )
    if agreement.status != previous:
        climate_dashboard_changed()  # only an active agreement counts there
    audit_record(
        actor=actor,
        action=f"agreement.{action}",
        target=agreement,
        from_state=previous,
        to_state=agreement.status,
        reason=reason,
    )
    event_record(
        kind=EventKind.AGREEMENT_CHANGED,
        target=agreement,
        actor=actor,
        data={
            "action": action,
            "reason": reason,
            "review_date": review_date.isoformat() if review_date else "",
        },
    )
    return agreement


# --- the municipality's commitments ----------------------------------------------------


def _commitment_check(agreement: Agreement, *, text: str, owner: User | None) -> dict:
    errors: dict[str, list] = {}
    if agreement.status == AgreementStatus.ENDED:
        raise ValidationError(
            _("The agreement has ended: its commitments can no longer change."), code="ended"
        )
    if not text.strip():
        errors["text"] = [ValidationError(_("Describe the commitment."))]
    if owner is not None and not agreement.programme.coordinators.filter(pk=owner.pk).exists():
        errors["owner"] = [
            ValidationError(
                _("The responsible person must be a coordinator of the programme."),
                code="owner",
            )
        ]
    return errors


@transaction.atomic
def commitment_add(
    *,
    agreement: Agreement,
    actor: User,
    text: str,
    due_date: date,
    owner: User | None = None,
) -> Commitment:
    """Something the municipality promises the partner, with a due date and the
    coordinator who answers for it (reminded daily from 7 days before it is due)."""
    agreement = (
        Agreement.objects.select_for_update().select_related("programme").get(pk=agreement.pk)
    )
    errors = _commitment_check(agreement, text=text, owner=owner)
    if errors:
        raise ValidationError(errors)
    commitment = Commitment(agreement=agreement, text=text.strip(), due_date=due_date, owner=owner)
    commitment.full_clean()
    commitment.save()
    audit_record(
        actor=actor,
        action="commitment.add",
        target=agreement,
        data={"commitment": commitment.pk, "text": commitment.text},
    )
    return commitment


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    actor: User,
    text: str,
    due_date: date,
    status: str,
    owner: User | None = None,
) -> Commitment:
    commitment = (
        Commitment.objects.select_for_update()
        .select_related("agreement__programme")
        .get(pk=commitment.pk)
    )
    errors = _commitment_check(commitment.agreement, text=text, owner=owner)
    if status not in CommitmentStatus.values:
        errors["status"] = [ValidationError(_("Unknown status."))]
    if errors:
        raise ValidationError(errors)
    previous = commitment.status
    commitment.text = text.strip()
    commitment.due_date = due_date
    commitment.status = status
    commitment.owner = owner
    commitment.updated_at = timezone.now()
    commitment.full_clean()
    commitment.save()
    audit_record(
        actor=actor,
        action="commitment.update",
        target=commitment.agreement,
        from_state=previous,
        to_state=status,
        data={"commitment": commitment.pk, "text": commitment.text},
    )
    return commitment
