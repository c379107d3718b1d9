"""A real Celery worker process delivers the outbox through Redis, and only what was committed.

The worker runs with the production settings module against pytest-django's test database
(`transactional_db`, so rows are really committed where another process can see them) and
writes delivered mail as .eml files into a temporary folder.
"""

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.test import override_settings

from engage.mail import tasks
from engage.mail.models import OutgoingEmail
from engage.testing import require_redis, require_service
from tests.mail.backends import mailers_with_outbox
from tests.processes import publish_to, worker_command, worker_env

pytestmark = [
    pytest.mark.worker,
    # The data migration's taxonomy rows are gone after a flush; the fixture reloads them.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("taxonomy"),
]

DELIVERY_TIMEOUT = 30.0
OUTBOX = override_settings(MAILERS=mailers_with_outbox())


@dataclass
class Worker:
    process: subprocess.Popen
    mail_dir: Path
    log: Path
    redis: object

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-40:])

    def eml_files(self) -> list[Path]:
        return sorted(self.mail_dir.glob("*.eml"))

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail(f"worker exited with {self.process.returncode}:\n{self.log_tail()}")
            time.sleep(0.2)
        pytest.fail(f"timed out after {DELIVERY_TIMEOUT} s waiting for {what}:\n{self.log_tail()}")


@pytest.fixture(scope="module")
def worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    redis_url = require_redis()
    if connection.vendor != "postgresql":
        require_service(
            f"PostgreSQL (a worker process cannot share the {connection.vendor} test database)"
        )
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    log = tmp_path_factory.mktemp("worker-log") / "worker.log"
    env = worker_env(
        settings_dict=connection.settings_dict,
        redis_url=redis_url,
        MAIL_DELIVERY_BACKEND="engage.mail.backends.EmlFileBackend",
        MAIL_EML_DIR=str(mail_dir),
    )
    command = worker_command(hostname="pytest-worker")
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    worker = Worker(process=process, mail_dir=mail_dir, log=log, redis=client)
    try:
        with publish_to(redis_url):
            yield worker
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        client.flushdb()


@pytest.fixture
def worker(worker_process: Worker) -> Worker:
    for path in worker_process.eml_files():
        path.unlink()
    return worker_process


def _sent(subject: str) -> None:
    send_mail(subject, "Hej fra Hverdagsmål.", "noreply@example.com", ["borger@example.com"])


def _parse(path: Path):
    with path.open("rb") as f:
        return BytesParser(policy=policy.default).parse(f)


@OUTBOX
def test_worker_delivers_mail_once_the_transaction_commits(worker):
    with transaction.atomic():
        _sent("Velkommen til Hverdagsmål")
        email = OutgoingEmail.objects.get()
    # The outbox row is committed; the worker picks up the task from Redis.

    def delivered() -> bool:
        email.refresh_from_db()
        return email.status == OutgoingEmail.Status.SENT and len(worker.eml_files()) == 1

    worker.wait_for(delivered, "the worker to mark the email sent and write its .eml file")
    assert email.attempts == 1
    assert email.sent_at is not None
    message = _parse(worker.eml_files()[0])
    assert message["Subject"] == "Velkommen til Hverdagsmål"
    assert message["To"] == "borger@example.com"
    assert "Hej fra Hverdagsmål." in message.get_body(("plain",)).get_content()


@OUTBOX
def test_worker_never_sees_mail_from_a_rolled_back_transaction(worker):
    publish = mock.patch.object(
        tasks.send_outgoing_emails,
        "apply_async",
        wraps=tasks.send_outgoing_emails.apply_async,
    )
    with publish as spy, pytest.raises(RuntimeError), transaction.atomic():
        _sent("Kladde der aldrig sendes")
        raise RuntimeError("the surrounding write failed")

    spy.assert_not_called()
    assert not OutgoingEmail.objects.exists()
    assert worker.redis.llen("celery") == 0

    # A committed canary behind it: once the worker has delivered the canary it has had
    # every chance to deliver anything queued before it.
    with transaction.atomic():
        _sent("Kanariefugl")
    worker.wait_for(lambda: len(worker.eml_files()) >= 1, "the canary email")
    files = worker.eml_files()
    assert [_parse(f)["Subject"] for f in files] == ["Kanariefugl"]
    assert list(OutgoingEmail.objects.values_list("subject", "status")) == [
        ("Kanariefugl", OutgoingEmail.Status.SENT)
    ]
