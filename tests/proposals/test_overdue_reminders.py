"""The staff's daily reminder of proposals past the service target in their queues."""

import threading
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from engage.celery import app
from notifications.models import Delivery, Event, Notification
from notifications.registry import kind_get
from proposals.lifecycle import Status
from proposals.models import OverdueReminder
from proposals.services.reminders import overdue_reminders_record
from proposals.tasks import remind_overdue_queues
from tests.factories import ModeratorFactory, StaffFactory, UserFactory, give_totp
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
# Monday 10 March 2025 at 06:45; five working days earlier is Monday 3 March 06:45.
MONDAY = datetime(2025, 3, 10, 6, 45, tzinfo=CPH)
LATE = datetime(2025, 3, 3, 6, 0, tzinfo=CPH)
ON_TIME = datetime(2025, 3, 3, 7, 0, tzinfo=CPH)


@pytest.fixture(autouse=True)
def monday(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: MONDAY)


def messages(person, language: str = "en") -> list:
    """What `person` reads in the notification centre, as (kind, message) in `language`."""
    with translation.override(language):
        return [
            (n.kind, kind_get(n.kind).message(n.event))
            for n in Notification.objects.filter(recipient=person).select_related("event")
        ]


def in_triage(since: datetime, **kwargs):
    return ProposalFactory(status=Status.SUBMITTED, submitted_at=since, **kwargs)


def with_team(team, since: datetime, status=Status.PUBLISHED, **kwargs):
    return ProposalFactory(status=status, team=team, routed_at=since, **kwargs)


def test_moderators_hear_of_late_proposals_in_triage_with_count_oldest_and_link():
    moderator = ModeratorFactory()
    citizen = UserFactory()
    oldest = in_triage(LATE - timedelta(days=7), title="Flere cykelstativer")
    in_triage(LATE, title="Bænke ved søen")
    in_triage(ON_TIME, title="Ikke sent endnu")

    overdue_reminders_record(today=MONDAY.date())

    [(kind, message)] = messages(moderator)
    assert kind == "staff.overdue"
    assert message.subject.startswith("2 proposals in the triage queue are past")
    assert "5 working days" in message.subject
    assert message.url == reverse("frontend:moderation_queue") + "?overdue=on"
    assert "“Flere cykelstativer”: waiting 10 working days" in message.body
    assert "Ikke sent endnu" not in message.body
    assert message.body.index("Flere cykelstativer") < message.body.index("Bænke ved søen")
    assert messages(citizen) == []
    assert Delivery.objects.get(recipient=moderator).channel == "daily"
    event = Event.objects.get(kind="queue.overdue")
    assert event.data["count"] == 2
    assert event.data["oldest"][0]["id"] == oldest.pk


def test_each_team_hears_of_its_own_late_proposals_only():
    climate = StaffFactory()
    nature = StaffFactory()
    idle = StaffFactory()
    climate_team = TeamFactory(name="Klimateamet", members=[climate])
    nature_team = TeamFactory(name="Naturteamet", members=[nature])
    TeamFactory(name="Stille team", members=[idle])
    with_team(climate_team, LATE, title="Solceller på skolen")
    with_team(climate_team, LATE, status=Status.UNDER_REVIEW)
    with_team(climate_team, LATE, status=Status.ANSWERED)  # answered: no longer waiting
    with_team(nature_team, ON_TIME)
    moderator = ModeratorFactory()

    overdue_reminders_record(today=MONDAY.date())

    [(kind, message)] = messages(climate)
    assert kind == "staff.overdue"
    assert message.subject.startswith("2 proposals in the queue of Klimateamet are past")
    assert message.url == reverse("frontend:team_queue", kwargs={"slug": climate_team.slug})
    assert "Solceller på skolen" in message.body
    assert messages(nature) == []
    assert messages(idle) == []
    assert messages(moderator) == []  # nothing late in triage


def test_a_moderator_on_a_team_hears_of_each_queue_once():
    person = ModeratorFactory(is_staff=True)
    team = TeamFactory(members=[person])
    in_triage(LATE)
    with_team(team, LATE)

    overdue_reminders_record(today=MONDAY.date())

    urls = sorted(message.url for _kind, message in messages(person))
    assert urls == sorted(
        [
            reverse("frontend:moderation_queue") + "?overdue=on",
            reverse("frontend:team_queue", kwargs={"slug": team.slug}),
        ]
    )


def test_running_twice_on_the_same_day_reminds_nobody_twice_and_the_next_day_again(monkeypatch):
    moderator = ModeratorFactory()
    member = StaffFactory()
    team = TeamFactory(members=[member])
    in_triage(LATE)
    with_team(team, LATE)

    assert len(overdue_reminders_record(today=MONDAY.date())) == 2
    assert overdue_reminders_record(today=MONDAY.date()) == []
    assert remind_overdue_queues() == 0
    assert Notification.objects.filter(recipient=moderator).count() == 1
    assert Notification.objects.filter(recipient=member).count() == 1
    assert Delivery.objects.count() == 2

    tuesday = MONDAY + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tuesday)
    assert remind_overdue_queues() == 2
    assert Notification.objects.filter(recipient=moderator).count() == 2


def test_the_database_refuses_a_second_reminder_of_a_queue_on_one_day():
    OverdueReminder.objects.create(queue="triage", day=MONDAY.date(), overdue_count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        OverdueReminder.objects.create(queue="triage", day=MONDAY.date(), overdue_count=2)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks the file)"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("taxonomy")
def test_two_runs_at_once_remind_each_queue_once():
    """Beat firing twice, or a retried task beside the first: the second run waits on the
    unique key and leaves the day's reminder to the first."""
    moderator = ModeratorFactory()
    in_triage(LATE)
    first_written = threading.Event()
    written: dict[str, object] = {}

    def run(name: str, hold: bool) -> None:
        try:
            with transaction.atomic():
                if not hold:
                    first_written.wait(5)
                written[name] = len(overdue_reminders_record(today=MONDAY.date()))
                if hold:
                    first_written.set()
                    time.sleep(0.5)  # keep the transaction open while the other runs
        except Exception as exc:  # pragma: no cover - reported below
            written[name] = exc
        finally:
            first_written.set()
            connection.close()

    threads = [
        threading.Thread(target=run, args=("first", True)),
        threading.Thread(target=run, args=("second", False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert written == {"first": 1, "second": 0}
    assert Notification.objects.filter(recipient=moderator).count() == 1


def test_nothing_late_reminds_nobody():
    moderator = ModeratorFactory()
    in_triage(ON_TIME)
    assert overdue_reminders_record(today=MONDAY.date()) == []
    assert messages(moderator) == []


def test_no_reminders_on_weekends_and_public_holidays(monkeypatch):
    moderator = ModeratorFactory()
    in_triage(LATE - timedelta(days=30))
    saturday = datetime(2025, 3, 15, 6, 45, tzinfo=CPH)
    monkeypatch.setattr(timezone, "now", lambda: saturday)
    assert overdue_reminders_record(today=saturday.date()) == []
    assert overdue_reminders_record(today=date(2025, 4, 21)) == []  # 2. påskedag
    assert messages(moderator) == []


def test_the_reminder_reads_in_danish():
    moderator = ModeratorFactory()
    in_triage(LATE)
    overdue_reminders_record(today=MONDAY.date())
    [(_kind, message)] = messages(moderator, "da")
    with translation.override("da"):
        reason = kind_get("staff.overdue").reason(Event.objects.get(kind="queue.overdue"))
    assert message.subject == (
        "1 forslag i modtagekøen har overskredet servicemålet på 5 arbejdsdage"
    )
    assert "har ventet 5 arbejdsdage" in message.body
    assert reason == "Du er moderator."


def test_the_reminder_shows_in_the_notification_centre(client):
    moderator = ModeratorFactory()
    in_triage(LATE)
    overdue_reminders_record(today=MONDAY.date())
    give_totp(moderator)  # staff must use MFA, or every page sends them to enrolment
    client.force_login(moderator)
    page = client.get(reverse("notification_centre")).content.decode()  # in their Danish
    assert "1 forslag i modtagekøen har overskredet servicemålet på 5 arbejdsdage" in page
    [notification] = Notification.objects.filter(recipient=moderator)
    opened = client.post(reverse("notification_open", args=[notification.pk]))
    assert opened.url == reverse("frontend:moderation_queue") + "?overdue=on"


def test_the_reminder_runs_every_morning_before_the_daily_digest():
    entry = app.conf.beat_schedule["remind-overdue-queues"]
    assert entry["task"] == remind_overdue_queues.name
    assert entry["schedule"] == crontab(hour=6, minute=45)
    assert app.conf.timezone == "Europe/Copenhagen"
