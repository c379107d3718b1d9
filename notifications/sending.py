"""From owed deliveries to outbox emails: at once (bundled when they flood), or in digests.

Fan-out (notifications.services) writes pending Delivery rows inside the change's
transaction; these services turn them into engage.mail outbox rows, which the outbox sends in
batches. Each step claims its rows with SKIP LOCKED and marks them in the same transaction as
the emails it writes, so a repeated or concurrent run writes nothing twice, and a lost run
leaves rows pending for `notifications_sweep`.

Digests are keyed by (person, channel, period): `period` is the day of the scheduled run (for
weekly digests, the Monday) and the digest takes every item owed before that run's time that
is not read in the app yet. A late run sends the same digests as a punctual one, a second run
finds them written, and after a missed run the next one takes the missed items too.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import transaction
from django.db.models import CharField, Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation

from engage.mail.models import OutgoingEmail
from engage.mail.services import outgoing_emails_create
from notifications.emails import (
    EmailItem,
    bundle_email_build,
    digest_email_build,
    email_item_build,
    language_of,
    notification_email_build,
)
from notifications.models import Delivery, Digest, Notification
from notifications.registry import Channel, kind_get, target_querysets

CHUNK = 500
DIGEST_TIME = (7, 0)  # 07:00 Europe/Copenhagen, daily and on Mondays
DIGEST_ZONE = ZoneInfo("Europe/Copenhagen")
# The sweeper leaves a digest run this long to the scheduled run before it steps in.
DIGEST_SWEEP_GRACE = timedelta(minutes=15)
FLOOD_WINDOW = timedelta(hours=1)


def deliveries_ring(*, event_id: int) -> None:
    """After the surrounding transaction commits, have a worker email what `event_id` owes
    at once (a no-op for events whose deliveries all wait for digests)."""
    from notifications.tasks import send_event_deliveries

    transaction.on_commit(lambda: send_event_deliveries.delay(event_id))


def _locked_pending(filters: dict) -> QuerySet[Delivery]:
    return (
        Delivery.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Delivery.Status.PENDING, **filters)
        .select_related("recipient")
        # Prefetched, not joined: a digest's thousands of deliveries share a few events,
        # each then loaded (with its target) once rather than once per delivery.
        .prefetch_related("event", GenericPrefetch("event__target", target_querysets()))
        .order_by("pk")
    )


def _read_in_app(deliveries: Sequence[Delivery]) -> set[tuple[int, int]]:
    """(recipient, event) pairs among `deliveries` that the person has already read."""
    return set(
        Notification.objects.filter(
            recipient_id__in={d.recipient_id for d in deliveries},
            event_id__in={d.event_id for d in deliveries},
            read_at__isnull=False,
        ).values_list("recipient_id", "event_id")
    )


def _sendable(deliveries: Sequence[Delivery]) -> list[Delivery]:
    """Mark deliveries read in the app (or of kinds no app declares any more, or whose
    thing is gone) skipped, and return the rest."""
    read = _read_in_app(deliveries)
    keep, skip = [], []
    for delivery in deliveries:
        gone = kind_get(delivery.kind) is None or delivery.event.target is None
        if gone or (delivery.recipient_id, delivery.event_id) in read:
            skip.append(delivery.pk)
        else:
            keep.append(delivery)
    if skip:
        Delivery.objects.filter(pk__in=skip).update(status=Delivery.Status.SKIPPED)
    return keep


def _items(deliveries: Iterable[Delivery], *, words: dict | None = None) -> list[EmailItem]:
    """Precondition: the recipient's language is active. `words`: as email_item_build."""
    return [email_item_build(delivery=d, kind=kind_get(d.kind), words=words) for d in deliveries]


def _mark_queued(*, deliveries: Sequence[Delivery], email: QuerySet) -> None:
    """Mark `deliveries` queued, each with the one email of `email` (a queryset of
    OutgoingEmail that may refer to the delivery's columns through OuterRef): one UPDATE
    however many there are."""
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
        status=Delivery.Status.QUEUED, email_id=Subquery(email.values("pk")[:1])
    )


def _recent_immediate(*, recipient_ids: set[int], now: datetime) -> dict[int, int]:
    """How many immediate emails each person got within the flood window."""
    return dict(
        OutgoingEmail.objects.filter(
            recipient_id__in=recipient_ids,
            category__in=[OutgoingEmail.Category.NOTIFICATION, OutgoingEmail.Category.BUNDLE],
            created_at__gte=now - FLOOD_WINDOW,
        )
        .values_list("recipient_id")
        .annotate(count=Count("pk"))
    )


def deliveries_send_immediate(*, event_id: int) -> int:
    """Write one email for each pending immediate delivery of the event; idempotent.

    A person who already had NOTIFICATIONS_IMMEDIATE_PER_HOUR immediate emails within the
    hour is held back: `deliveries_release_held` bundles what waits when the hour has passed.
    Returns the emails written.
    """
    written, last_pk = 0, 0
    while True:
        with transaction.atomic():
            rows = list(
                _locked_pending({"event_id": event_id, "channel": Channel.IMMEDIATE}).filter(
                    pk__gt=last_pk
                )[:CHUNK]
            )
            if not rows:
                return written
            last_pk = rows[-1].pk
            rows = _sendable(rows)
            recent = _recent_immediate(
                recipient_ids={d.recipient_id for d in rows}, now=timezone.now()
            )
            limit = settings.NOTIFICATIONS_IMMEDIATE_PER_HOUR
            rows = [d for d in rows if recent.get(d.recipient_id, 0) < limit]
            written += _emails_write_single(rows)


def _emails_write_single(rows: Sequence[Delivery]) -> int:
    emails = []
    for delivery in rows:
        with translation.override(language_of(delivery.recipient)):
            (item,) = _items([delivery])
            emails.append(notification_email_build(item=item))
    ids = outgoing_emails_create(emails=emails)
    # Each delivery's email is the one keyed "delivery:<its id>" (notification_email_build).
    key = Concat(Value("delivery:"), Cast(OuterRef("pk"), CharField()))
    _mark_queued(deliveries=rows, email=OutgoingEmail.objects.filter(key=key))
    return len(ids)


def deliveries_release_held(*, now: datetime | None = None) -> int:
    """Email immediate deliveries left pending (held back by the flood rule, or whose
    doorbell was lost) for each person whose flood window allows it again: one item as it is,
    more than one bundled into one email. Returns the emails written."""
    now = now or timezone.now()
    limit = settings.NOTIFICATIONS_IMMEDIATE_PER_HOUR
    recipient_ids = list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING,
            channel=Channel.IMMEDIATE,
            created_at__lt=now - timedelta(seconds=settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS),
        )
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()[: CHUNK * 10]
    )
    written = 0
    for start in range(0, len(recipient_ids), CHUNK):
        chunk = set(recipient_ids[start : start + CHUNK])
        with transaction.atomic():
            recent = _recent_immediate(recipient_ids=chunk, now=now)
            allowed = {pk for pk in chunk if recent.get(pk, 0) < limit}
            rows = _sendable(
                list(_locked_pending({"recipient_id__in": allowed, "channel": Channel.IMMEDIATE}))
            )
            by_person: dict[int, list[Delivery]] = defaultdict(list)
            for delivery in rows:
                by_person[delivery.recipient_id].append(delivery)
            singles, bundles = [], []
            for deliveries in by_person.values():
                if len(deliveries) == 1:
                    singles.extend(deliveries)
                else:
                    bundles.append(deliveries)
            written += _emails_write_single(singles)
            written += _emails_write_bundles(bundles)
    return written


def _emails_write_bundles(bundles: Sequence[list[Delivery]]) -> int:
    emails, words = [], {}
    for deliveries in bundles:
        user = deliveries[0].recipient
        with translation.override(language_of(user)):
            emails.append(bundle_email_build(user=user, items=_items(deliveries, words=words)))
    ids = outgoing_emails_create(emails=emails)
    for deliveries, email_id in zip(bundles, ids, strict=True):
        _mark_queued(deliveries=deliveries, email=OutgoingEmail.objects.filter(pk=email_id))
    return len(ids)


def digest_period(*, channel: Channel, now: datetime) -> date:
    """The day of the latest scheduled digest run at or before `now` (weekly: a Monday)."""
    local = timezone.localtime(now, DIGEST_ZONE)
    day = local.date()
    if (local.hour, local.minute) < DIGEST_TIME:
        day -= timedelta(days=1)
    if channel == Channel.WEEKLY:
        day -= timedelta(days=day.weekday())
    return day


def digest_cutoff(*, period: date) -> datetime:
    """The moment of the period's run: items owed before it belong to that digest."""
    hour, minute = DIGEST_TIME
    return datetime(period.year, period.month, period.day, hour, minute, tzinfo=DIGEST_ZONE)


def digests_due_recipient_ids(*, channel: Channel, period: date) -> list[int]:
    """People with pending items for the period's digest and no digest for it yet.

    Starts from pending digest items, never from the list of subscribers.
    """
    return list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING,
            channel=channel,
            created_at__lt=digest_cutoff(period=period),
        )
        .exclude(
            recipient_id__in=Digest.objects.filter(channel=channel, period=period).values(
                "recipient_id"
            )
        )
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def digests_start(*, channel: Channel, now: datetime | None = None, grace=timedelta(0)) -> int:
    """Have workers build the digests the latest run owes, CHUNK people per task, unless it is
    less than `grace` past that run's time. Returns the people with a digest due."""
    from notifications.tasks import build_digests

    now = now or timezone.now()
    period = digest_period(channel=channel, now=now)
    if now < digest_cutoff(period=period) + grace:
        return 0
    recipient_ids = digests_due_recipient_ids(channel=channel, period=period)
    for start in range(0, len(recipient_ids), CHUNK):
        chunk = recipient_ids[start : start + CHUNK]
        transaction.on_commit(
            lambda chunk=chunk: build_digests.delay(str(channel), period.isoformat(), chunk)
        )
    return len(recipient_ids)


@transaction.atomic
def digests_build(*, channel: Channel, period: date, recipient_ids: Sequence[int]) -> int:
    """Write the period's digest email for each of `recipient_ids` that has items and none
    yet; repeatable. Items read in the app are left out and marked skipped; a person with
    nothing left gets no email. Returns the digests written."""
    done = set(
        Digest.objects.filter(
            channel=channel, period=period, recipient_id__in=list(recipient_ids)
        ).values_list("recipient_id", flat=True)
    )
    todo = [pk for pk in recipient_ids if pk not in done]
    rows = _sendable(
        list(
            _locked_pending(
                {
                    "recipient_id__in": todo,
                    "channel": channel,
                    "created_at__lt": digest_cutoff(period=period),
                }
            )
        )
    )
    by_person: dict[int, list[Delivery]] = defaultdict(list)
    for delivery in rows:
        by_person[delivery.recipient_id].append(delivery)
    people = list(by_person.values())
    emails, words = [], {}
    for deliveries in people:
        user = deliveries[0].recipient
        with translation.override(language_of(user)):
            items = _items(deliveries, words=words)
            emails.append(
                digest_email_build(user=user, channel=channel, period=period, items=items)
            )
    ids = outgoing_emails_create(emails=emails)
    Digest.objects.bulk_create(
        Digest(
            recipient_id=deliveries[0].recipient_id,
            channel=channel,
            period=period,
            items=len(deliveries),
            email_id=email_id,
        )
        for deliveries, email_id in zip(people, ids, strict=True)
    )
    digest = Digest.objects.filter(
        recipient_id=OuterRef("recipient_id"), channel=channel, period=period
    )
    _mark_queued(
        deliveries=rows,
        email=OutgoingEmail.objects.filter(pk=Subquery(digest.values("email_id")[:1])),
    )
    return len(ids)


def notifications_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """The safety net the beat runs every minute: emails what waits at once (held back or
    with a lost doorbell) and starts digests a missed or lost run still owes."""
    now = now or timezone.now()
    return {
        "immediate": deliveries_release_held(now=now),
        "daily": digests_start(channel=Channel.DAILY, now=now, grace=DIGEST_SWEEP_GRACE),
        "weekly": digests_start(channel=Channel.WEEKLY, now=now, grace=DIGEST_SWEEP_GRACE),
    }
