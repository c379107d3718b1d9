"""Nothing lost and nothing sent twice, with a real worker process, Redis and SMTP server.

A Celery worker runs with the production settings against the test database and sends
through SMTP to an aiosmtpd server in this process, which records every message it accepts.
The worker is killed with SIGKILL in the middle of a batch, the broker loses every queued
message, and the SMTP server goes away for a while: each time, the sweeper (run as beat runs
it, through the broker) brings every email to the server.
"""

import logging
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from engage.mail.models import OutgoingEmail
from engage.mail.tasks import sweep_outgoing_email
from engage.testing import require_redis, require_service
from engage.testing.database import in_ci
from notifications.models import Delivery, Preference
from notifications.tasks import sweep_notifications
from proposals.lifecycle import Outcome, Status
from proposals.models import ProposalFollow
from proposals.services.moderation import proposal_answer
from tests.factories import StaffFactory, UserFactory
from tests.processes import free_port, publish_to, worker_command, worker_env
from tests.proposals.factories import ProposalFactory

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("taxonomy"),
]

TIMEOUT = 90.0
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
REFUSED = "afvist@example.com"


@dataclass
class Handler:
    """An SMTP server's mailbox: every accepted message, and a permanent 550 for REFUSED."""

    received: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.received.append(message["Message-ID"])
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return list(self.received)


class SMTPServer:
    def __init__(self):
        self.handler = Handler()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@dataclass
class Workers:
    smtp: SMTPServer
    log: Path
    redis: object
    start: Callable[[], subprocess.Popen]
    processes: list[subprocess.Popen] = field(default_factory=list)

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-60:])

    def wait_for(self, condition: Callable[[], bool], what: str, *, ring=None) -> None:
        """Wait for `condition`, running `ring` (the sweeper, as beat would) every second."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if condition():
                return
            if ring is not None:
                ring()
            time.sleep(1.0)
        pytest.fail(f"timed out after {TIMEOUT} s waiting for {what}:\n{self.log_tail()}")


@pytest.fixture
def workers(smtp, django_db_blocker, tmp_path):
    redis_url = require_redis()
    if connection.vendor != "postgresql":
        require_service(
            f"PostgreSQL (a worker process cannot share the {connection.vendor} test database)"
        )
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    log = tmp_path / "worker.log"
    env = worker_env(
        settings_dict=connection.settings_dict,
        redis_url=redis_url,
        SITE_URL="https://hverdagsmaal.example",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        # Seconds instead of minutes, so the test sees claims run out and retries come due.
        MAIL_CLAIM_SECONDS="3",
        MAIL_RETRY_BASE_SECONDS="0.5",
        MAIL_RETRY_MAX_SECONDS="2",
        MAIL_SWEEP_AFTER_SECONDS="0",
        NOTIFICATIONS_SWEEP_AFTER_SECONDS="0",
        NOTIFICATIONS_IMMEDIATE_PER_HOUR="1000",
    )
    command = worker_command(hostname="pytest-delivery")

    def start() -> subprocess.Popen:
        output = log.open("ab")
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        group.processes.append(process)
        return process

    group = Workers(smtp=smtp, log=log, redis=client, start=start)
    try:
        with publish_to(redis_url):
            yield group
    finally:
        for process in group.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=15)
        client.flushdb()


def ring() -> None:
    """What beat does every minute: the sweepers, sent through the broker."""
    sweep_notifications.delay()
    sweep_outgoing_email.delay()


def followers_told_at_once(proposal, count: int) -> list[int]:
    """`count` followers of `proposal` who chose email at once for its news."""
    people = UserFactory.create_batch(count)
    ProposalFollow.objects.bulk_create(ProposalFollow(proposal=proposal, user=p) for p in people)
    Preference.objects.bulk_create(
        Preference(user=p, kind="follower.status_changed", channel="immediate") for p in people
    )
    return [p.pk for p in people]


def expected_ids() -> set[str]:
    return set(OutgoingEmail.objects.values_list("message_id", flat=True))


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_the_email_in_flight(
    workers, smtp, record_property
):
    worker = workers.start()
    proposal = ProposalFactory(status=Status.UNDER_REVIEW)
    followers_told_at_once(proposal, 1000)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja.")
    assert Delivery.objects.filter(channel="immediate").count() == 1001  # and the author

    workers.wait_for(lambda: len(smtp.handler.message_ids()) >= 300, "the first 300 emails")
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=15)
    at_kill = len(smtp.handler.message_ids())
    assert at_kill < 1001, "the worker finished before it could be killed"

    workers.start()
    workers.wait_for(
        lambda: (
            set(smtp.handler.message_ids()) >= expected_ids()
            and not OutgoingEmail.objects.filter(status="pending").exists()
        ),
        "every email after the restart",
        ring=ring,
    )
    received = Counter(smtp.handler.message_ids())
    assert set(received) == expected_ids()
    assert len(received) == 1001
    twice = [message_id for message_id, n in received.items() if n > 1]
    # Only an email whose SMTP transaction had completed when the kill came, and whose
    # "sent" mark had not yet been written, can arrive twice: at most one per killed worker.
    record_property("sent_twice_after_sigkill", len(twice))
    print(f"\nSIGKILL after {at_kill} of 1001 emails; sent twice: {len(twice)}")
    assert len(twice) <= 1
    assert max(received.values()) <= 2
    assert not Delivery.objects.filter(status="pending").exists()


def test_the_sweeper_recovers_every_delivery_after_redis_loses_its_queue(workers, smtp):
    proposal = ProposalFactory(status=Status.UNDER_REVIEW)
    followers_told_at_once(proposal, 999)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja.")
    assert workers.redis.llen("celery") >= 1  # the doorbell is queued; no worker runs yet

    # FLUSHALL empties every database of a Redis that belongs to the run (CI); elsewhere
    # the broker's own database is emptied, which is all the broker holds.
    workers.redis.flushall() if in_ci() else workers.redis.flushdb()
    assert workers.redis.llen("celery") == 0
    workers.start()
    time.sleep(2)
    assert smtp.handler.message_ids() == []  # nothing rings by itself

    workers.wait_for(
        lambda: len(set(smtp.handler.message_ids())) == 1000, "1,000 emails", ring=ring
    )
    assert Counter(smtp.handler.message_ids()).most_common(1)[0][1] == 1
    assert set(smtp.handler.message_ids()) == expected_ids()


def test_a_mail_server_that_is_down_gets_everything_when_it_is_back_and_a_550_fails_once(
    workers, smtp
):
    smtp.stop()
    workers.start()
    proposal = ProposalFactory(status=Status.UNDER_REVIEW)
    followers_told_at_once(proposal, 49)
    refused = UserFactory(email=REFUSED)
    ProposalFollow.objects.create(proposal=proposal, user=refused)
    Preference.objects.create(user=refused, kind="follower.status_changed", channel="immediate")
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja.")

    workers.wait_for(
        lambda: OutgoingEmail.objects.filter(attempts__gte=2).exists(),
        "the worker to retry with the server down",
    )
    assert not OutgoingEmail.objects.filter(status="sent").exists()
    assert (
        "ConnectionRefusedError" in OutgoingEmail.objects.filter(attempts__gte=1).first().last_error
    )
    smtp.start()

    workers.wait_for(
        lambda: not OutgoingEmail.objects.filter(status="pending").exists(),
        "every email to be sent or failed",
    )
    assert len(set(smtp.handler.message_ids())) == 50  # the 49 followers and the author
    failed = OutgoingEmail.objects.get(status="failed")
    assert failed.to == [REFUSED]
    assert failed.last_error.startswith("SMTPRecipientsRefused") and "550" in failed.last_error
    attempts_at_failure = failed.attempts
    time.sleep(3)  # longer than the longest backoff: a failed email is not tried again
    failed.refresh_from_db()
    assert failed.attempts == attempts_at_failure
