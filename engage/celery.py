"""The one Celery app. Every periodic task is scheduled here and nowhere else."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engage.settings.local")

app = Celery("engage")
app.config_from_object("django.conf:settings", namespace="CELERY")

app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_ignore_result=True,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
    timezone="Europe/Copenhagen",
    # One scheduler at a time, however beat is started (engage/beat.py).
    beat_scheduler="engage.beat:SingleBeatScheduler",
    beat_max_loop_interval=60,  # engage.beat.BEAT_MAX_LOOP_SECONDS: renews the lock
    beat_schedule={
        "sweep-outgoing-email": {
            "task": "engage.mail.tasks.sweep_outgoing_email",
            "schedule": crontab(),  # every minute
        },
        "sweep-notifications": {
            "task": "notifications.tasks.sweep_notifications",
            "schedule": crontab(),  # every minute
        },
        # notifications.sending.DIGEST_TIME; Celery's timezone is Europe/Copenhagen.
        "daily-digest": {
            "task": "notifications.tasks.send_digests",
            "schedule": crontab(hour=7, minute=0),
            "args": ["daily"],
        },
        "weekly-digest": {
            "task": "notifications.tasks.send_digests",
            "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
            "args": ["weekly"],
        },
        "retrain-routing-model": {
            "task": "proposals.tasks.retrain_routing_model",
            "schedule": crontab(minute=17),
        },
        # Before the 07:00 daily digest, which then carries the reminders of the day.
        "remind-overdue-queues": {
            "task": "proposals.tasks.remind_overdue_queues",
            "schedule": crontab(hour=6, minute=45),
        },
        # Also before the digest; every day, as a commitment's due date is a calendar date.
        "remind-due-commitments": {
            "task": "partnerships.tasks.remind_due_commitments",
            "schedule": crontab(hour=6, minute=50),
        },
        # Progress reports due within 30 days or overdue; also before the digest.
        "remind-due-reports": {
            "task": "partnerships.tasks.remind_due_reports",
            "schedule": crontab(hour=6, minute=55),
        },
    },
)
app.autodiscover_tasks()
