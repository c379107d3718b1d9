"""The daily reminder of the municipality's commitments falling due."""

from datetime import date, timedelta

from django.db import transaction

from notifications.services import event_record
from partnerships.models import AgreementStatus, Commitment, CommitmentReminder, CommitmentStatus
from partnerships.notifications import EventKind

__all__ = ["REMIND_DAYS_BEFORE", "commitment_reminders_record"]

REMIND_DAYS_BEFORE = 7


@transaction.atomic
def commitment_reminders_record(*, today: date) -> list[CommitmentReminder]:
    """Remind the responsible coordinator of each open commitment due within
    REMIND_DAYS_BEFORE days or overdue, once for `today`, in agreements not ended.

    Writes one CommitmentReminder (unique on commitment and day) and one event each; a
    second call for the same day, even a concurrent one, records nothing. Returns the
    reminders written.
    """
    due = (
        Commitment.objects.filter(
            status=CommitmentStatus.OPEN,
            owner__isnull=False,
            owner__is_active=True,
            due_date__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(agreement__status=AgreementStatus.ENDED)
        .select_related("agreement__programme", "agreement__organisation")
        .order_by("due_date", "pk")
    )
    written = []
    for commitment in due:
        # get_or_create inserts in a savepoint: a concurrent run for the same day waits on
        # the unique index, then finds the row and leaves the reminder to the first run.
        reminder, created = CommitmentReminder.objects.get_or_create(
            commitment=commitment,
            day=today,
            defaults={"owner_id": commitment.owner_id, "due_date": commitment.due_date},
        )
        if not created:
            continue
        event_record(
            kind=EventKind.COMMITMENT_DUE,
            target=reminder,
            actor=None,
            data={
                "text": commitment.text,
                "due_date": commitment.due_date.isoformat(),
                "overdue": commitment.due_date < today,
                "organisation": commitment.agreement.organisation.name,
                "programme": commitment.agreement.programme.name,
                "agreement": commitment.agreement_id,
            },
        )
        written.append(reminder)
    return written
