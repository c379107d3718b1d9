"""What a mail program reads from an outbox email sent over SMTP is what Django's own
EmailMessage would have given it: the same decoded headers and the same texts."""

import email
import email.policy
import logging
import threading

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from engage.mail.models import OutgoingEmail
from engage.mail.services import _as_message, outgoing_emails_send
from tests.processes import free_port

pytestmark = pytest.mark.django_db
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command

UNSUBSCRIBE = "https://hverdagsmaal.example.dk/afmeld/" + "x" * 180 + "/"

CASES = {
    "a Danish digest": dict(
        subject="Dit daglige overblik: 3 nye beskeder om Åboulevarden og grønne tage på skolerne",
        body="Hej Søren\n\nDer er nyt om træer på Åboulevarden.\n.\n  \nLinje med = og 100 % "
        + "lang tekst " * 20
        + "\nSlut med mellemrum   \n",
        html_body='<p class="a">Hej Søren</p>\n<p>' + "ærø " * 60 + "</p>\n",
        from_email="Hverdagsmål <noreply@hverdagsmaal.example.dk>",
        to=["Søren Ærø <soeren@blåbær.dk>"],
        headers={
            "List-Id": "Hverdagsmål <notifications.hverdagsmaal.example.dk>",
            "List-Unsubscribe": f"<{UNSUBSCRIBE}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
        message_id="<digest-daily-2026-12-04-7@hverdagsmaal.example.dk>",
    ),
    "an account email in English with copies": dict(
        subject="Confirm your email address",
        body="Click the link to confirm.\n",
        html_body="",
        from_email='"Hverdagsmål, the municipality" <noreply@example.com>',
        to=["borger@example.com", "Anden Borger <anden@example.com>"],
        cc=["kopi@example.com"],
        bcc=["skjult@example.com"],
        reply_to=["svar@example.com"],
        headers={"X-Engage-Kind": "account"},
        message_id="<abc@example.com>",
    ),
}

COMPARED = [
    "Subject",
    "From",
    "To",
    "Cc",
    "Reply-To",
    "Message-ID",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Auto-Submitted",
    "X-Engage-Kind",
]


class Mailbox:
    """An SMTP server's handler: keeps what it accepts, refuses the recipients in `refuse`
    with the reply given, and offers pipelining (RFC 2920) when asked to."""

    def __init__(self, *, pipelining: bool = False, refuse: dict[str, str] | None = None):
        self.received: list[tuple[list[str], bytes]] = []
        self.lock = threading.Lock()
        self.pipelining, self.refuse = pipelining, refuse or {}
        self.pipelined: list[bool] = []  # per MAIL: whether RCPT had come with it

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        # What the client sent after MAIL without waiting for its answer (the reader's
        # buffer is asyncio's own): with pipelining, RCPT and DATA are there already.
        self.pipelined.append(b"RCPT TO" in bytes(server._reader._buffer))
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def _serve(mailbox: Mailbox):
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    backend = {
        "BACKEND": "engage.mail.backends.SMTPBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
    }
    return controller, override_settings(MAILERS={"default": backend, "delivery": backend})


@pytest.fixture(params=[False, True], ids=["one command at a time", "pipelining"])
def smtp_server(request):
    mailbox = Mailbox(pipelining=request.param)
    controller, mailers = _serve(mailbox)
    with mailers:
        yield mailbox
    controller.stop()
    assert mailbox.pipelined == [request.param] * len(mailbox.pipelined)


def _parsed(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def _texts(message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_content().replace("\r\n", "\n")
        for part in message.walk()
        if not part.is_multipart()
    }


@pytest.mark.parametrize("case", CASES)
def test_a_mail_program_reads_what_django_would_have_written(case, smtp_server):
    stored = OutgoingEmail.objects.create(**CASES[case])
    assert outgoing_emails_send(email_ids=[stored.pk]).sent == [stored.pk]

    [(recipients, data)] = smtp_server.received
    ours = _parsed(data)
    django = _parsed(_as_message(stored).message(policy=email.policy.SMTP).as_bytes())
    for name in COMPARED:
        assert str(ours[name]) == str(django[name]), name
    assert ours.get_content_type() == django.get_content_type()
    assert _texts(ours) == _texts(django)
    assert ours["Bcc"] is None
    assert ours["Date"].datetime is not None and not ours.defects
    expected = [a.rpartition("<")[2].rstrip(">") for a in [*stored.to, *stored.cc, *stored.bcc]]
    assert recipients == [a.replace("blåbær.dk", "xn--blbr-roah.dk") for a in expected]
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 998
    if stored.headers.get("List-Unsubscribe"):
        # RFC 2369 headers are never encoded: the link is on the line as it is.
        assert f"List-Unsubscribe: <{UNSUBSCRIBE}>".encode() in lines


def test_a_line_break_in_a_subject_becomes_a_space():
    stored = OutgoingEmail.objects.create(
        subject="Forslag om\r\nBcc: alle@example.com", body="x", from_email="a@example.com",
        to=["b@example.com"],
    )  # fmt: skip
    from engage.mail.mime import outgoing_email_serialize

    message = _parsed(outgoing_email_serialize(email=stored))
    assert message["Subject"] == "Forslag om Bcc: alle@example.com"
    assert message["Bcc"] is None


def test_an_address_that_cannot_be_sent_to_fails_at_once_with_the_reason(smtp_server):
    stored = OutgoingEmail.objects.create(
        subject="Hej", body="x", from_email="a@example.com", to=["sø@example.com"]
    )
    report = outgoing_emails_send(email_ids=[stored.pk])
    stored.refresh_from_db()
    assert report.failed == [stored.pk] and stored.status == OutgoingEmail.Status.FAILED
    assert "sø@example.com" in stored.last_error
    assert smtp_server.received == []


@pytest.mark.parametrize("pipelining", [False, True], ids=["one at a time", "pipelining"])
def test_a_refused_recipient_fails_or_waits_and_the_rest_of_the_batch_goes_on(pipelining):
    mailbox = Mailbox(
        pipelining=pipelining,
        refuse={"gone@example.com": "550 No such user", "full@example.com": "452 Mailbox full"},
    )
    controller, mailers = _serve(mailbox)
    emails = [
        OutgoingEmail.objects.create(
            subject="Hej", body="x", from_email="a@example.com", to=[address]
        )
        for address in ("gone@example.com", "full@example.com", "borger@example.com")
    ]
    try:
        with mailers:
            report = outgoing_emails_send(email_ids=[e.pk for e in emails])
    finally:
        controller.stop()
    gone, full, ok = (OutgoingEmail.objects.get(pk=e.pk) for e in emails)
    assert (report.failed, report.deferred, report.sent) == ([gone.pk], [full.pk], [ok.pk])
    assert gone.status == OutgoingEmail.Status.FAILED and "No such user" in gone.last_error
    assert full.status == OutgoingEmail.Status.PENDING and "Mailbox full" in full.last_error
    assert [recipients for recipients, _ in mailbox.received] == [["borger@example.com"]]
    assert mailbox.pipelined == [pipelining] * 3
