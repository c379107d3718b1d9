"""The staff's daily reminder of proposals past the service target in their queues."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engage.workdays import is_working_day, working_days_before, working_days_between
from notifications.services import event_record
from proposals.models import OverdueReminder
from proposals.notifications import EventKind
from proposals.selectors.moderation import overdue_queues_list

OLDEST_SHOWN = 5


@transaction.atomic
def overdue_reminders_record(*, today: date) -> list[OverdueReminder]:
    """Remind each staff queue with proposals past the service target, once for `today`.

    Counts what is late at the moment of the call. Writes one OverdueReminder (unique on
    queue and day) and one event per late queue, which tells the moderators (triage) or
    the team's members; a second call for the same day, even a concurrent one, records
    nothing. On weekends and public holidays nobody works the queues and the service
    clock stands still, so it records nothing. Returns the reminders written.
    """
    if not is_working_day(today):
        return []
    now = timezone.now()
    days = settings.PROPOSALS_SERVICE_TARGET_WORKING_DAYS
    cutoff = working_days_before(moment=now, days=days)
    written = []
    for queue in overdue_queues_list(cutoff=cutoff, oldest=OLDEST_SHOWN):
        # get_or_create inserts in a savepoint: a concurrent run for the same day waits on
        # the unique index, then finds the row and leaves the reminder to the first run.
        reminder, created = OverdueReminder.objects.get_or_create(
            queue=OverdueReminder.queue_key(queue.team),
            day=today,
            defaults={"team": queue.team, "overdue_count": queue.count},
        )
        if not created:
            continue
        since = "submitted_at" if queue.team is None else "routed_at"
        event_record(
            kind=EventKind.QUEUE_OVERDUE,
            target=reminder,
            actor=None,
            data={
                "queue": "triage" if queue.team is None else "team",
                "team": queue.team.slug if queue.team else "",
                "team_name": queue.team.name if queue.team else "",
                "count": queue.count,
                "target_days": days,
                "day": today.isoformat(),
                "oldest": [
                    {
                        "id": proposal.pk,
                        "title": proposal.title,
                        "working_days": working_days_between(
                            start=getattr(proposal, since), end=now
                        ),
                    }
                    for proposal in queue.oldest
                ],
            },
        )
        written.append(reminder)
    return written
