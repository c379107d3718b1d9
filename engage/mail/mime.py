"""An outbox row as the bytes of an Internet message (RFC 5322 with MIME), written directly.

Python's email package parses and refolds every header it is given, which made building
and serialising a notification email cost more than sending it; the outbox's emails have a
fixed shape (plain text, optionally HTML beside it, a few headers our own code sets), so
they are written out here. What a mail program reads is the same as Django's EmailMessage
would give: tests/mail/test_mime.py parses both and compares them.
"""

import binascii
import functools
import re
import secrets
from datetime import UTC, datetime
from email.utils import format_datetime, getaddresses

from engage.mail.models import OutgoingEmail

# An RFC 2047 encoded word is at most 75 characters: "=?utf-8?b?" + base64 + "?=" leaves 63
# for base64, i.e. 45 bytes of UTF-8 (base64 turns 3 bytes into 4 characters).
_WORD_BYTES = 45
_LINE_END = b"\r\n"
# "phrase <id>" as in List-Id (RFC 2919) and address headers: only the phrase is encoded.
_PHRASE_AND_ANGLE = re.compile(r"^(?P<phrase>.*?)\s*(?P<angle><[^<>]*>)$", re.DOTALL)
# Characters that make a display name need quotes (RFC 5322 "specials").
# Written from the bodies; an email's own headers never override them.
_MIME_HEADERS = {"mime-version", "content-type", "content-transfer-encoding"}
_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


def _encoded_words(text: str) -> str:
    """`text` as RFC 2047 B-encoded words, split between characters, one per folded line."""
    words, chunk, size = [], [], 0
    for char in text:
        width = len(char.encode())
        if size + width > _WORD_BYTES:
            words.append("".join(chunk))
            chunk, size = [], 0
        chunk.append(char)
        size += width
    words.append("".join(chunk))
    return "\r\n ".join(
        "=?utf-8?b?" + binascii.b2a_base64(word.encode(), newline=False).decode() + "?="
        for word in words
    )


def _single_line(value: str) -> str:
    # A line break inside a header value would start a new header: a proposal title with
    # one still makes a subject, with the break as a space.
    return " ".join(value.split()) if ("\r" in value or "\n" in value) else value


def _unstructured(value: str) -> str:
    value = _single_line(value)
    return value if value.isascii() else _encoded_words(value)


def _phrase(phrase: str) -> str:
    if not phrase.isascii():
        return _encoded_words(phrase)
    if _SPECIALS.search(phrase):
        return '"' + phrase.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return phrase


def _with_phrase(value: str) -> str:
    """A header of the form "phrase <something>": the phrase encoded, the rest left as is,
    so a List-Id or an address stays machine-readable."""
    value = _single_line(value)
    if value.isascii():
        return value
    match = _PHRASE_AND_ANGLE.match(value)
    if not match or not match["angle"].isascii():
        return _encoded_words(value)
    phrase = match["phrase"].strip()
    return f"{_phrase(phrase)} {match['angle']}" if phrase else match["angle"]


def envelope_address(value: str) -> str:
    """The address in `value` ("Name <a@b>" or "a@b") as SMTP's envelope carries it: ASCII,
    with a non-ASCII domain in IDNA. Raises ValueError for one that cannot be sent to."""
    return _mailbox(value)[1]


@functools.lru_cache(maxsize=1024)  # the sender is the same on every email of a batch
def _mailbox(value: str) -> tuple[str, str]:
    """(display name, address) of one address."""
    [(name, address)] = getaddresses([value]) or [("", "")]
    local, _at, domain = address.rpartition("@")
    if not local or not local.isascii() or any(c in address for c in "\r\n<> "):
        raise ValueError(f"Not an email address we can send to: {value!r}")
    if not domain.isascii():
        address = f"{local}@{domain.encode('idna').decode()}"
    return _single_line(name).strip(), address


def _addresses(values: list[str]) -> str:
    """Addresses for a To/Cc/From/Reply-To header; ValueError as `envelope_address`."""
    mailboxes = []
    for value in values:
        name, address = _mailbox(value)
        mailboxes.append(f"{_phrase(name)} <{address}>" if name else address)
    return ",\r\n ".join(mailboxes)


def _quoted_printable(text: str) -> bytes:
    # b2a_qp turns "\n" into line ends and keeps lines within 76 characters; a literal "="
    # becomes "=3D", so no boundary starting with "=_" can occur in an encoded part.
    data = binascii.b2a_qp(text.replace("\r\n", "\n").encode(), istext=True)
    return data.replace(b"\n", _LINE_END)


def _part(text: str, subtype: str) -> bytes:
    return (
        f"Content-Type: text/{subtype}; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode() + _quoted_printable(text)


def outgoing_email_serialize(*, email: OutgoingEmail, date: datetime | None = None) -> bytes:
    """The message for `email` with CRLF line ends, as SMTP's DATA and an .eml file take it.

    Bcc addresses are left out of the headers; the envelope carries them. Raises ValueError
    for an address that cannot be written (the outbox fails such an email at once).
    """
    # Headers the email sets itself replace the ones written from its fields, as in Django.
    extra = {
        _single_line(name): _with_phrase(str(value))
        for name, value in email.headers.items()
        if name.lower() not in _MIME_HEADERS
    }
    own = {name.lower() for name in extra}
    headers = [
        ("Subject", _unstructured(email.subject)),
        ("From", _addresses([email.from_email])),
        ("To", _addresses(email.to)),
    ]
    if email.cc:
        headers.append(("Cc", _addresses(email.cc)))
    if email.reply_to:
        headers.append(("Reply-To", _addresses(email.reply_to)))
    headers.append(("Date", format_datetime(date or datetime.now(UTC))))
    if email.message_id:
        headers.append(("Message-ID", _single_line(email.message_id)))
    headers = [(name, value) for name, value in headers if name.lower() not in own]
    headers.append(("MIME-Version", "1.0"))
    headers.extend(extra.items())
    head = "".join(f"{name}: {value}\r\n" for name, value in headers).encode()
    if not email.html_body:
        return head + _part(email.body, "plain")
    boundary = "=_" + secrets.token_hex(16)
    return b"".join(
        [
            head,
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'.encode(),
            f"--{boundary}\r\n".encode(),
            _part(email.body, "plain"),
            f"\r\n--{boundary}\r\n".encode(),
            _part(email.html_body, "html"),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
