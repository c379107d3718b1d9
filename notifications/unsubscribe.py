"""Unsubscribe links for emails (RFC 8058 one-click): signed, single-purpose, no login.

A token names one person and the kinds of notification one email carried (one kind, or
for a digest or bundle each kind in it) and nothing else; it is signed with the site's
secret under a salt of its own, so it cannot be altered, made up, or taken for any other
signed value of the site (a password-reset link, a session). It does not expire: an
old email must still let its reader stop the mail. Rotating SECRET_KEY (with the old one
in SECRET_KEY_FALLBACKS for a while) retires every link at once.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from engage.accounts.models import User
from notifications.registry import NotificationKind, kinds_all

SALT = "notifications.unsubscribe"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def unsubscribe_token_make(*, user_id: int, kinds: Iterable[str]) -> str:
    """The token for "stop `kinds` by email for `user_id`": the same for the same person and
    set of kinds. One kind is signed as `[id, kind]`, the shape every link had before
    emails carried several, so the links in those emails still hold."""
    keys = sorted({str(kind) for kind in kinds})
    if not keys:
        raise ValueError("an unsubscribe token names at least one kind")
    return _signer().sign_object(
        [int(user_id), keys[0] if len(keys) == 1 else keys], compress=False
    )


def unsubscribe_url(*, user_id: int, kinds: Iterable[str]) -> str:
    """The absolute link for an email's List-Unsubscribe header and its footer."""
    token = unsubscribe_token_make(user_id=user_id, kinds=kinds)
    path = reverse("notification_unsubscribe", args=[token])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


@dataclass(frozen=True)
class Unsubscription:
    user: User
    kinds: tuple[NotificationKind, ...]  # in the order the preferences page shows them


def _kind_keys(value: object) -> list[str] | None:
    """The kind keys of a token's payload `[id, kind]` or `[id, [kind, ...]]`, or None."""
    if not (isinstance(value, list) and len(value) == 2):
        return None
    if type(value[0]) is not int:
        return None
    keys = [value[1]] if isinstance(value[1], str) else value[1]
    if not (isinstance(keys, list) and keys and all(isinstance(key, str) for key in keys)):
        return None
    return keys


def unsubscribe_token_check(*, token: str) -> Unsubscription | None:
    """The person and kinds a token names, or None when it is altered, not one of ours,
    names no kind that an app still declares, or a person whose account is gone. A kind
    retired since the email was sent is left out; the others still stop.

    One query, and only for a token whose signature holds.
    """
    try:
        value = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    keys = _kind_keys(value)
    if keys is None:
        return None
    named = set(keys)
    kinds = tuple(kind for kind in kinds_all() if kind.key in named)
    if not kinds:
        return None
    user = User.objects.filter(pk=value[0], is_active=True, deleted_at__isnull=True).first()
    if user is None:
        return None
    return Unsubscription(user=user, kinds=kinds)


def email_masked(email: str) -> str:
    """`a•••@example.dk`: enough for a person to know the address is theirs, not enough
    for whoever else opens the link to learn it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"
