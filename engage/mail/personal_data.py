"""The mail app's part of a person's data export and account deletion."""

from email.utils import parseaddr
from typing import Any

from engage.accounts.models import User
from engage.mail.models import OutgoingEmail


def _to_person(user: User) -> list[OutgoingEmail]:
    # JSON `contains` is not on SQLite: match the text, then keep exact recipients only.
    address = user.email.lower()
    candidates = OutgoingEmail.objects.filter(to__icontains=address).order_by("pk")
    return [mail for mail in candidates if address in {parseaddr(to)[1].lower() for to in mail.to}]


def export(*, user: User) -> list[dict[str, Any]]:
    return [
        {
            "subject": mail.subject,
            "status": mail.status,
            "created_at": mail.created_at.isoformat(),
            "sent_at": mail.sent_at.isoformat() if mail.sent_at else None,
        }
        for mail in _to_person(user)
    ]


def erase(*, user: User) -> None:
    """The emails sent (or waiting to be sent) to the person go with the address."""
    OutgoingEmail.objects.filter(pk__in=[mail.pk for mail in _to_person(user)]).delete()
