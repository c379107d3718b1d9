"""Fan-out of one event to 10,000 followers (issue goal: at least 10,000 followers a second).

Runs inside a transaction that is rolled back, so the bench database does not grow; the
followers are made for the run where the seed has too few people.
"""

import statistics
import time

from django.db import transaction

from tests.processes import free_port

FOLLOWERS = 10_000
GOAL_PER_SECOND = 10_000


class _RollBack(Exception):
    pass


def fan_out_measure(*, followers: int = FOLLOWERS, runs: int = 3) -> dict:
    from engage.accounts.models import User
    from notifications.models import Delivery, Notification
    from notifications.services import event_record
    from proposals.lifecycle import Status
    from proposals.models import Proposal, ProposalFollow
    from proposals.notifications import EventKind

    figures: dict = {}
    try:
        with transaction.atomic():
            proposal = Proposal.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
            # Only people fan-out reaches: a seed's deleted or inactive accounts are told nothing.
            reachable = User.objects.filter(is_active=True, deleted_at__isnull=True)
            missing = followers + 1 - reachable.count()
            if missing > 0:
                User.objects.bulk_create(
                    [
                        User(email=f"bench-follower-{n}@example.dk", display_name=f"Følger {n}")
                        for n in range(missing)
                    ],
                    batch_size=2000,
                )
            people = list(
                reachable.exclude(pk=proposal.author_id)
                .order_by("pk")
                .values_list("pk", flat=True)[:followers]
            )
            ProposalFollow.objects.filter(proposal=proposal).delete()
            ProposalFollow.objects.bulk_create(
                [ProposalFollow(proposal=proposal, user_id=pk) for pk in people]
            )
            seconds = []
            for _ in range(runs):
                with transaction.atomic():
                    started = time.perf_counter()
                    event = event_record(
                        kind=EventKind.COMMENT_CREATED, target=proposal, actor=None, data={}
                    )
                    seconds.append(time.perf_counter() - started)
            figures = {
                "followers": len(people),
                "notifications": Notification.objects.filter(event=event).count(),
                "deliveries": Delivery.objects.filter(event=event).count(),
                "seconds": statistics.median(seconds),
            }
            raise _RollBack
    except _RollBack:
        pass
    return figures


def log_fan_out(figures: dict, *, log) -> None:
    rate = figures["notifications"] / figures["seconds"]
    verdict = (
        "PASS" if rate >= GOAL_PER_SECOND and figures["notifications"] == FOLLOWERS else "MISS"
    )
    log(
        f"\nFan-out of one new comment to {figures['followers']:,} followers (median of 3): "
        f"{figures['notifications']:,} notifications and {figures['deliveries']:,} deliveries "
        f"in {figures['seconds'] * 1000:.0f} ms = {rate:,.0f} followers/s "
        f"(goal ≥ {GOAL_PER_SECOND:,}/s) {verdict}"
    )


DIGEST_PEOPLE = 100_000
DIGEST_GOAL_PER_SECOND = 500


def _smtp_sink(port: int):
    """A local SMTP server in its own process that accepts and discards every message and
    prints how many when it is stopped (tests.bench.smtp_sink)."""
    import socket
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.smtp_sink", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("the SMTP sink did not start")


def digest_measure(*, people: int = DIGEST_PEOPLE) -> dict:
    """The daily digest for `people` people with two pending items each, built and sent over
    SMTP to a local sink by this one process, as one worker would.

    Committed as in production (every email is marked sent in a statement of its own), so
    what the run adds is deleted afterwards; the readers the seed lacks are made on the first
    run and kept for the next.
    """
    from datetime import timedelta

    from django.conf import settings
    from django.db.models import Max
    from django.test import override_settings
    from django.utils import timezone

    from engage.accounts.models import User
    from engage.mail.models import OutgoingEmail
    from engage.mail.services import outgoing_emails_send
    from notifications import sending
    from notifications.models import Delivery, Digest, Event, Notification
    from notifications.registry import Channel
    from notifications.services import event_record
    from proposals.lifecycle import Status
    from proposals.models import Proposal, ProposalFollow
    from proposals.notifications import EventKind

    def last_pk(model) -> int:
        return model.objects.aggregate(last=Max("pk"))["last"] or 0

    before = {model: last_pk(model) for model in (Event, OutgoingEmail, Digest)}
    # Items about 100 proposals, each followed by a share of the people only: the seed's own
    # follows of them are put aside for the run and back afterwards.
    proposals = list(Proposal.objects.filter(status=Status.PUBLISHED).order_by("pk")[:100])
    seeded_follows = ProposalFollow.objects.filter(proposal__in=proposals)
    put_aside = [
        ProposalFollow(**row)
        for row in seeded_follows.values("proposal_id", "user_id", "created_at")
    ]
    per_proposal = -(-people // len(proposals))
    reachable = User.objects.filter(is_active=True, deleted_at__isnull=True)
    authors = {p.author_id for p in proposals}
    missing = people + len(authors) - reachable.count()
    if missing > 0:
        start = User.objects.filter(email__startswith="bench-digest-").count()
        User.objects.bulk_create(
            [
                User(email=f"bench-digest-{n}@example.dk", display_name=f"Læser {n}")
                for n in range(start, start + missing)
            ],
            batch_size=5000,
        )
    readers = list(
        reachable.exclude(pk__in=authors).order_by("pk").values_list("pk", flat=True)[:people]
    )
    port = free_port()
    sink = _smtp_sink(port)
    mailers = {
        **settings.MAILERS,
        "delivery": {
            "BACKEND": "engage.mail.backends.SMTPBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 20},
        },
    }
    figures: dict = {}
    try:
        with transaction.atomic():
            seeded_follows.delete()
            ProposalFollow.objects.bulk_create(
                [
                    ProposalFollow(proposal=proposal, user_id=pk)
                    for i, proposal in enumerate(proposals)
                    for pk in readers[i * per_proposal : (i + 1) * per_proposal]
                ],
                batch_size=5000,
            )
            events = [
                event_record(kind=EventKind.COMMENT_CREATED, target=proposal, actor=None, data={})
                for proposal in proposals
                for _ in range(2)
            ]
            # Owed to yesterday's period, as if written during the day before the run.
            Delivery.objects.filter(event__in=events, channel=Channel.DAILY).update(
                created_at=timezone.now() - timedelta(days=1)
            )
        period = sending.digest_period(channel=Channel.DAILY, now=timezone.now())
        due = sending.digests_due_recipient_ids(channel=Channel.DAILY, period=period)

        with override_settings(MAILERS=mailers):
            started, cpu_started = time.perf_counter(), time.process_time()
            for start in range(0, len(due), sending.CHUNK):
                sending.digests_build(
                    channel=Channel.DAILY,
                    period=period,
                    recipient_ids=due[start : start + sending.CHUNK],
                )
            built = time.perf_counter()
            ids = list(
                OutgoingEmail.objects.filter(
                    pk__gt=before[OutgoingEmail], category="digest", status="pending"
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            sent = 0
            for start in range(0, len(ids), settings.MAIL_BATCH_SIZE):
                report = outgoing_emails_send(
                    email_ids=ids[start : start + settings.MAIL_BATCH_SIZE]
                )
                sent += len(report.sent)
            finished, cpu_finished = time.perf_counter(), time.process_time()
        figures = {
            "people": len(due),
            "emails": len(ids),
            "sent": sent,
            "build_seconds": built - started,
            "send_seconds": finished - built,
            "worker_cpu_seconds": cpu_finished - cpu_started,
        }
    finally:
        sink.terminate()
        received, _ = sink.communicate(timeout=10)
        with transaction.atomic():
            new_events = Event.objects.filter(pk__gt=before[Event])
            Delivery.objects.filter(event__in=new_events).delete()
            Notification.objects.filter(event__in=new_events).delete()
            Digest.objects.filter(pk__gt=before[Digest]).delete()
            OutgoingEmail.objects.filter(pk__gt=before[OutgoingEmail]).delete()
            new_events.delete()
            ProposalFollow.objects.filter(proposal__in=proposals).delete()
            ProposalFollow.objects.bulk_create(put_aside, batch_size=5000)
    if figures:
        figures["received"] = int(received.strip() or 0)
    return figures


def log_digest(figures: dict, *, log) -> None:
    seconds = figures["build_seconds"] + figures["send_seconds"]
    rate = figures["sent"] / seconds
    complete = figures["sent"] == figures["received"] == figures["people"] == DIGEST_PEOPLE
    verdict = "PASS" if rate >= DIGEST_GOAL_PER_SECOND and complete else "MISS"
    log(
        f"\nDaily digest for {figures['people']:,} people with 2 new items each, built and "
        f"sent over SMTP to a local sink by one process: {figures['sent']:,} emails "
        f"({figures['received']:,} received) in "
        f"{seconds:.1f} s (building {figures['build_seconds']:.1f} s, sending "
        f"{figures['send_seconds']:.1f} s) = {rate:,.0f} emails/s per worker "
        f"(goal ≥ {DIGEST_GOAL_PER_SECOND}/s) {verdict}; the worker itself used "
        f"{figures['worker_cpu_seconds']:.1f} s of CPU "
        f"({figures['sent'] / figures['worker_cpu_seconds']:,.0f} emails per CPU second; "
        "the database and the sink ran on the other core)"
    )
