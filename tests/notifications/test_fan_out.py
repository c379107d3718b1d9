"""One event becomes one in-app notification and one delivery per person, set-based."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engage.accounts.models import User
from notifications import registry
from notifications.models import Delivery, Event, Notification
from notifications.registry import Audience, Channel, Message, NotificationKind
from notifications.services import event_record, notifications_fan_out, preference_set
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVENT = "test.happened"


def _kind(key: str, *, recipients, default=Channel.IMMEDIATE, applies=lambda e: True):
    return NotificationKind(
        key=key,
        event=EVENT,
        audience=Audience.FOLLOWER,
        label=key,
        default_channel=default,
        recipients=recipients,
        message=lambda event: Message(subject=key, body=key, url="/"),
        reason=lambda event: key,
        applies=applies,
    )


@pytest.fixture
def kinds(monkeypatch):
    declared: dict[str, NotificationKind] = {}
    monkeypatch.setattr(registry, "_KINDS", declared)

    def declare(*kinds: NotificationKind) -> None:
        registry.kinds_register(*kinds)

    return declare


def test_each_follower_gets_one_notification_and_delivery_but_not_the_actor(kinds):
    actor, *followers = UserFactory.create_batch(4)
    ids = [u.pk for u in followers] + [actor.pk]
    kinds(_kind("test.followers", recipients=lambda e: User.objects.filter(pk__in=ids)))

    event = event_record(kind=EVENT, target=actor, actor=actor)

    notified = set(Notification.objects.filter(event=event).values_list("recipient_id", flat=True))
    assert notified == {u.pk for u in followers}
    deliveries = Delivery.objects.filter(event=event)
    assert {(d.recipient_id, d.channel, d.status) for d in deliveries} == {
        (u.pk, "immediate", "pending") for u in followers
    }


def test_fan_out_again_changes_nothing(kinds):
    people = UserFactory.create_batch(3)
    kinds(
        _kind("test.all", recipients=lambda e: User.objects.filter(pk__in=[p.pk for p in people]))
    )
    event = event_record(kind=EVENT, target=people[0], actor=None)

    assert notifications_fan_out(event=event) == 0
    assert Notification.objects.filter(event=event).count() == 3
    assert Delivery.objects.filter(event=event).count() == 3


def test_the_first_kind_that_includes_a_person_wins(kinds):
    author, follower = UserFactory.create_batch(2)
    both = [author.pk, follower.pk]
    kinds(
        _kind("test.author", recipients=lambda e: User.objects.filter(pk=author.pk)),
        _kind(
            "test.follower",
            recipients=lambda e: User.objects.filter(pk__in=both),
            default=Channel.DAILY,
        ),
    )
    event = event_record(kind=EVENT, target=author, actor=None)

    got = dict(Notification.objects.filter(event=event).values_list("recipient_id", "kind"))
    assert got == {author.pk: "test.author", follower.pk: "test.follower"}
    channels = dict(Delivery.objects.filter(event=event).values_list("recipient_id", "channel"))
    assert channels == {author.pk: "immediate", follower.pk: "daily"}


def test_preferences_choose_the_channel_and_none_means_app_only(kinds):
    weekly, silent, default = UserFactory.create_batch(3)
    kind = _kind("test.prefs", recipients=lambda e: User.objects.all())
    kinds(kind)
    preference_set(user=weekly, kind=kind, channel=Channel.WEEKLY)
    preference_set(user=silent, kind=kind, channel=Channel.NONE)

    event = event_record(kind=EVENT, target=default, actor=None)

    assert Notification.objects.filter(event=event).count() == 3
    channels = dict(Delivery.objects.filter(event=event).values_list("recipient_id", "channel"))
    assert channels == {weekly.pk: "weekly", default.pk: "immediate"}


def test_deleted_and_inactive_people_are_not_told(kinds):
    active, inactive, deleted = UserFactory.create_batch(3)
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    User.objects.filter(pk=deleted.pk).update(deleted_at="2026-01-01T00:00:00Z")
    kinds(_kind("test.all", recipients=lambda e: User.objects.all()))

    event = event_record(kind=EVENT, target=active, actor=None)

    assert list(
        Notification.objects.filter(event=event).values_list("recipient_id", flat=True)
    ) == [active.pk]


def test_a_kind_that_does_not_apply_tells_nobody(kinds):
    person = UserFactory()
    kinds(
        _kind(
            "test.only_big",
            recipients=lambda e: User.objects.all(),
            applies=lambda e: e.data.get("big", False),
        )
    )
    event_record(kind=EVENT, target=person, actor=None, data={"big": False})
    assert not Notification.objects.exists()


def test_fan_out_to_many_runs_a_constant_number_of_queries(kinds):
    kinds(_kind("test.all", recipients=lambda e: User.objects.all()))
    UserFactory.create_batch(3)
    event = Event.objects.create(kind=EVENT, target_type_id=1, target_id=1)
    with CaptureQueriesContext(connection) as few:
        notifications_fan_out(event=event)
    User.objects.bulk_create(
        [User(email=f"mange{n}@example.dk", display_name=f"M {n}") for n in range(200)]
    )
    other = Event.objects.create(kind=EVENT, target_type_id=1, target_id=2)
    with CaptureQueriesContext(connection) as many:
        written = notifications_fan_out(event=other)
    assert written == 203
    assert len(many) == len(few)


def test_an_undeclared_event_kind_is_refused(kinds):
    with pytest.raises(ValueError):
        event_record(kind="nobody.declared", target=UserFactory(), actor=None)
