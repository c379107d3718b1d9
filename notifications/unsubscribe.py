"""Unsubscribe links for emails (RFC 8058 one-click): signed, single-purpose, no login.

A token names one person and one kind and nothing else; it is signed with the site's
secret under a salt of its own, so it cannot be altered, made up, or taken for any other
signed value of the site (a password-reset link, a session). It does not expire: an
old email must still let its reader stop the mail. Rotating SECRET_KEY (with the old one
in SECRET_KEY_FALLBACKS for a while) retires every link at once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from engage.accounts.models import User
from notifications.registry import NotificationKind, kind_get

SALT = "notifications.unsubscribe"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def unsubscribe_token_make(*, user_id: int, kind: str) -> str:
    """The token for "stop `kind` by email for `user_id`": the same for the same pair."""
    return _signer().sign_object([int(user_id), str(kind)], compress=False)


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    """The absolute link for an email's List-Unsubscribe header and its footer."""
    path = reverse(
        "notification_unsubscribe", args=[unsubscribe_token_make(user_id=user_id, kind=kind)]
    )
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@dataclass(frozen=True)
class Unsubscription:
    user: User
    kind: NotificationKind


def unsubscribe_token_check(*, token: str) -> Unsubscription | None:
    """The person and kind a token names, or None when it is altered, not one of ours,
    names a kind no app declares any more, or a person whose account is gone.

    One query, and only for a token whose signature holds.
    """
    try:
        value = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    if not (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], str)
    ):
        return None
    kind = kind_get(value[1])
    if kind is None:
        return None
    user = User.objects.filter(pk=value[0], is_active=True, deleted_at__isnull=True).first()
    if user is None:
        return None
    return Unsubscription(user=user, kind=kind)


def email_masked(email: str) -> str:
    """`a•••@example.dk`: enough for a person to know the address is theirs, not enough
    for whoever else opens the link to learn it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"
