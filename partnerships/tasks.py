"""Thin Celery tasks: a call of a service each."""

from celery import shared_task
from django.utils import timezone

from partnerships.services.reminders import commitment_reminders_record
from partnerships.services.reports import report_reminders_record


@shared_task
def remind_due_commitments() -> int:
    """Daily: remind coordinators of the municipality's commitments due within 7 days or
    overdue; a repeated or late run on the same day reminds nobody twice. Returns how many
    reminders were written."""
    return len(commitment_reminders_record(today=timezone.localdate()))


@shared_task
def remind_due_reports() -> int:
    """Daily: remind organisation admins of progress reports due within 30 days or overdue;
    a repeated or late run on the same day reminds nobody twice. Returns how many
    reminders were written."""
    return len(report_reminders_record(today=timezone.localdate()))
