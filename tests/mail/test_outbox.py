from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from engage.mail import services, tasks
from engage.mail.models import OutgoingEmail
from tests.mail.backends import mailers_with_outbox

pytestmark = pytest.mark.django_db

OUTBOX = override_settings(MAILERS=mailers_with_outbox())


@pytest.fixture
def doorbell():
    """The Celery task's .delay, replaced so no broker is needed and calls can be counted."""
    with mock.patch.object(tasks.deliver_outgoing_email, "delay") as delay:
        yield delay


def _queue_message(*, subject: str = "Dit forslag er modtaget") -> OutgoingEmail:
    message = EmailMultiAlternatives(
        subject=subject,
        body="Tak for dit forslag om flere træer på Åboulevarden.",
        from_email="Hverdagsmål <noreply@example.com>",
        to=["borger@example.com"],
        cc=["kopi@example.com"],
        reply_to=["svar@example.com"],
        headers={"X-Engage-Kind": "proposal-received"},
    )
    message.attach_alternative("<p>Tak for dit forslag.</p>", "text/html")
    return services.outgoing_email_enqueue(message=message)


@OUTBOX
def test_outbox_backend_stores_row_and_rings_only_after_commit(
    doorbell, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = send_mail(
            "Velkommen", "Hej og velkommen.", "noreply@example.com", ["borger@example.com"]
        )
        email = OutgoingEmail.objects.get()
        assert email.status == OutgoingEmail.Status.PENDING
        assert (email.subject, email.to) == ("Velkommen", ["borger@example.com"])
        doorbell.assert_not_called()

    assert sent == 1
    assert len(callbacks) == 1
    doorbell.assert_not_called()
    callbacks[0]()
    doorbell.assert_called_once_with(email.pk)
    assert mail.outbox == []  # stored, not yet delivered


@OUTBOX
def test_outbox_backend_stores_nothing_when_transaction_rolls_back(
    doorbell, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_mail("Kladde", "Sendes aldrig.", "noreply@example.com", ["borger@example.com"])
        raise RuntimeError("the surrounding write failed")

    assert callbacks == []
    assert not OutgoingEmail.objects.exists()
    doorbell.assert_not_called()


def test_deliver_sends_once_and_keeps_every_part(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue_message()

    assert services.outgoing_email_deliver(email_id=email.pk) is True
    assert services.outgoing_email_deliver(email_id=email.pk) is False

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Dit forslag er modtaget"
    assert sent.to == ["borger@example.com"]
    assert sent.cc == ["kopi@example.com"]
    assert sent.reply_to == ["svar@example.com"]
    assert sent.extra_headers["X-Engage-Kind"] == "proposal-received"
    assert sent.alternatives[0].content == "<p>Tak for dit forslag.</p>"
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 1
    assert email.sent_at is not None


@override_settings(MAILERS=mailers_with_outbox(delivery="tests.mail.backends.RefusingBackend"))
def test_failing_transport_records_each_attempt_then_gives_up(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue_message()

    for attempt in range(1, services.MAX_ATTEMPTS + 1):
        with pytest.raises(Exception, match="Connection unexpectedly closed"):
            services.outgoing_email_deliver(email_id=email.pk)
        email.refresh_from_db()
        assert email.attempts == attempt
        assert email.last_error.startswith("SMTPServerDisconnected: Connection unexpectedly")
        expected = (
            OutgoingEmail.Status.FAILED
            if attempt == services.MAX_ATTEMPTS
            else OutgoingEmail.Status.PENDING
        )
        assert email.status == expected

    # A failed email is not retried again, not even by a late task.
    assert services.outgoing_email_deliver(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.attempts == services.MAX_ATTEMPTS
    assert email.sent_at is None


def test_deliver_ignores_unknown_ids():
    assert services.outgoing_email_deliver(email_id=987654) is False
    assert mail.outbox == []


def test_sweeper_finds_only_old_pending_rows(doorbell, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        old_pending = _queue_message(subject="old pending")
        new_pending = _queue_message(subject="new pending")
        old_sent = _queue_message(subject="old sent")
        old_failed = _queue_message(subject="old failed")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    OutgoingEmail.objects.filter(pk__in=[old_pending.pk, old_sent.pk, old_failed.pk]).update(
        created_at=an_hour_ago
    )
    OutgoingEmail.objects.filter(pk=old_sent.pk).update(status=OutgoingEmail.Status.SENT)
    OutgoingEmail.objects.filter(pk=old_failed.pk).update(status=OutgoingEmail.Status.FAILED)

    pending = services.outgoing_email_pending_ids(older_than=timedelta(minutes=5))
    assert pending == [old_pending.pk]
    assert new_pending.pk not in pending

    assert tasks.sweep_outgoing_email() == 1
    doorbell.assert_called_once_with(old_pending.pk)
