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
    with mock.patch.object(tasks.send_outgoing_emails, "delay") as delay:
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
    doorbell.assert_called_once_with([email.pk])
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


def test_send_delivers_once_and_keeps_every_part(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue_message()

    assert services.outgoing_emails_send(email_ids=[email.pk]).sent == [email.pk]
    assert services.outgoing_emails_send(email_ids=[email.pk]).sent == []

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Dit forslag er modtaget"
    assert sent.to == ["borger@example.com"]
    assert sent.cc == ["kopi@example.com"]
    assert sent.reply_to == ["svar@example.com"]
    assert sent.extra_headers["X-Engage-Kind"] == "proposal-received"
    # The Message-ID is fixed when the email is stored, so a resend carries the same one.
    assert sent.extra_headers["Message-ID"] == email.message_id
    assert email.message_id.endswith("@hverdagsmaal.local>")
    assert sent.alternatives[0].content == "<p>Tak for dit forslag.</p>"
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
    assert email.claimed_until is None


@override_settings(
    MAILERS=mailers_with_outbox(delivery="tests.mail.backends.RefusingBackend"),
    MAIL_MAX_ATTEMPTS=4,
)
def test_a_dead_mail_server_is_retried_later_and_later_then_given_up(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue_message()
        second = _queue_message(subject="Nummer to")

    waits = []
    for attempt in range(1, 5):
        OutgoingEmail.objects.filter(pk__in=[email.pk, second.pk]).update(
            next_attempt_at=timezone.now()
        )
        before = timezone.now()
        report = services.outgoing_emails_send(email_ids=[email.pk, second.pk])
        email.refresh_from_db()
        second.refresh_from_db()
        assert email.attempts == attempt
        assert email.last_error.startswith("SMTPServerDisconnected: Connection unexpectedly")
        # The connection is gone: the second email was not tried, only put off with the first.
        assert second.attempts == 0
        if attempt < 4:
            assert email.status == OutgoingEmail.Status.PENDING
            assert report.deferred == [email.pk, second.pk]
            waits.append((email.next_attempt_at - before).total_seconds())
            assert second.next_attempt_at >= email.next_attempt_at - timedelta(seconds=1)
        else:
            assert email.status == OutgoingEmail.Status.FAILED
            assert report.failed == [email.pk]

    # Exponential with jitter: each wait between half and all of 30 s * 2^(attempt - 1).
    for attempt, wait in enumerate(waits, start=1):
        ceiling = 30 * 2 ** (attempt - 1)
        assert ceiling / 2 - 1 <= wait <= ceiling + 1
    # A failed email is not retried again, not even by a late task.
    assert services.outgoing_emails_send(email_ids=[email.pk]).sent == []
    email.refresh_from_db()
    assert email.attempts == 4
    assert email.sent_at is None


def test_send_ignores_unknown_ids_and_emails_not_yet_due():
    email = _queue_message()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=1)
    )
    assert services.outgoing_emails_send(email_ids=[987654, email.pk]).sent == []
    assert mail.outbox == []


def test_an_email_claimed_by_another_worker_is_left_to_it():
    email = _queue_message()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        claimed_until=timezone.now() + timedelta(minutes=5)
    )
    assert services.outgoing_emails_send(email_ids=[email.pk]).sent == []
    # Once that worker's claim runs out (it died), the email is anyone's again.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert services.outgoing_emails_send(email_ids=[email.pk]).sent == [email.pk]


def test_retry_puts_failed_emails_back_and_rings(django_capture_on_commit_callbacks):
    email = _queue_message()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.FAILED, attempts=10, last_error="550 no such user"
    )
    with (
        mock.patch.object(tasks.send_outgoing_emails, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.outgoing_emails_retry(email_ids=[email.pk]) == 1
    delay.assert_called_once_with([email.pk])
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 0)


def test_sweeper_finds_only_old_due_rows(doorbell, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        old_pending = _queue_message(subject="old pending")
        new_pending = _queue_message(subject="new pending")
        old_sent = _queue_message(subject="old sent")
        old_failed = _queue_message(subject="old failed")
        old_later = _queue_message(subject="old, retry later")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    OutgoingEmail.objects.exclude(pk=new_pending.pk).update(created_at=an_hour_ago)
    OutgoingEmail.objects.filter(pk=old_sent.pk).update(status=OutgoingEmail.Status.SENT)
    OutgoingEmail.objects.filter(pk=old_failed.pk).update(status=OutgoingEmail.Status.FAILED)
    OutgoingEmail.objects.filter(pk=old_later.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )

    due = services.outgoing_email_due_ids(older_than=timedelta(minutes=2))
    assert due == [old_pending.pk]

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_outgoing_email() == 1
    doorbell.assert_called_once_with([old_pending.pk])


def test_admins_see_why_an_email_failed_and_send_it_again(client):
    from django.urls import reverse

    from tests.factories import AdminFactory, give_totp

    email = _queue_message(subject="Afvist besked")
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.FAILED,
        attempts=1,
        last_error="SMTPRecipientsRefused: {'borger@example.com': (550, b'No such mailbox')}",
    )
    superuser = AdminFactory()
    give_totp(superuser, recovery_codes=False)
    client.force_login(superuser)

    failed = client.get(reverse("admin:mail_outgoingemail_changelist") + "?status=failed")
    assert failed.status_code == 200
    assert "Afvist besked" in failed.text
    detail = client.get(reverse("admin:mail_outgoingemail_change", args=[email.pk]))
    assert "No such mailbox" in detail.text

    with mock.patch.object(tasks.send_outgoing_emails, "delay"):
        response = client.post(
            reverse("admin:mail_outgoingemail_changelist"),
            {"action": "retry_failed", "_selected_action": [email.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert "1 mislykket e-mail er sat i kø igen." in response.text
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 0)
