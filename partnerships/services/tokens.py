"""Every write to organisations' API tokens: creating, revoking and marking them used.

A token is `hm_<prefix>_<secret>`. The prefix (public, unique) finds the row; the secret
comes from `secrets` and only its SHA-256 is stored, so the plain token exists once, in
what organisation_token_create returns.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.audit.services import audit_record
from notifications.services import event_record
from partnerships.models import Organisation, OrganisationToken
from partnerships.notifications import TokenEventKind

TOKEN_PREFIX = "hm_"  # noqa: S105  (what every token starts with, not a secret)
_PREFIX_BYTES = 5  # ten hex characters: only finds the row, the secret is what counts
_SECRET_BYTES = 32
_TOKEN_PATTERN = re.compile(r"hm_(?P<prefix>[0-9a-f]{10})_(?P<secret>[A-Za-z0-9_-]{43})")
# How often using a token writes its last use: enough to tell a living token from a
# forgotten one, without a write on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: OrganisationToken
    plain: str  # shown once; never stored


def organisation_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def organisation_token_parse(plain: str) -> tuple[str, str] | None:
    """(prefix, secret) of a token in the right shape, else None."""
    match = _TOKEN_PATTERN.fullmatch(plain)
    return (match["prefix"], match["secret"]) if match else None


def organisation_token_secret_matches(*, token: OrganisationToken, secret: str) -> bool:
    """In constant time, so the answer's timing tells nothing about the stored hash."""
    return hmac.compare_digest(token.secret_hash, organisation_token_hash(secret))


@transaction.atomic
def organisation_token_create(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    expires_at: datetime | None = None,
) -> NewToken:
    """A new token for `organisation`, acting as `actor`, who must administer it.

    Side effects: the audit trail records it and the organisation's other administrators
    are told.
    """
    if not actor.has_perm("partnerships.manage_tokens", organisation):
        raise PermissionDenied
    name = name.strip()
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(
            {"expires_at": _("Choose an expiry date in the future.")}, code="expired"
        )
    secret = secrets.token_urlsafe(_SECRET_BYTES)
    token = OrganisationToken(
        organisation=organisation,
        name=name,
        secret_hash=organisation_token_hash(secret),
        created_by=actor,
        expires_at=expires_at,
    )
    token.prefix = secrets.token_hex(_PREFIX_BYTES)
    token.full_clean(exclude=["prefix"])
    for _attempt in range(3):  # two prefixes alike in a trillion: try another
        try:
            with transaction.atomic():
                token.save()
            break
        except IntegrityError:
            token.prefix = secrets.token_hex(_PREFIX_BYTES)
    else:
        raise IntegrityError("no free token prefix")
    audit_record(
        actor=actor,
        action="organisation.token_create",
        target=organisation,
        data={"token": token.pk, "name": token.name, "prefix": token.prefix},
    )
    event_record(kind=TokenEventKind.TOKEN_CREATED, target=token, actor=actor)
    return NewToken(token=token, plain=f"{TOKEN_PREFIX}{token.prefix}_{secret}")


@transaction.atomic
def organisation_token_revoke(*, token: OrganisationToken, actor: User) -> OrganisationToken:
    """Stop the token working at once; revoking it again changes nothing.

    `actor` must administer the token's organisation. Side effect: the audit trail records it.
    """
    token = (
        OrganisationToken.objects.select_for_update()
        .select_related("organisation")
        .get(pk=token.pk)
    )
    if not actor.has_perm("partnerships.manage_tokens", token.organisation):
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action="organisation.token_revoke",
        target=token.organisation,
        data={"token": token.pk, "name": token.name, "prefix": token.prefix},
    )
    return token


def organisation_token_used(*, token: OrganisationToken) -> None:
    """Note that the token was just used, at most once per LAST_USED_PRECISION (one
    conditional UPDATE; concurrent requests write it once)."""
    now = timezone.now()
    last = token.last_used_at
    if last is not None and now - last < LAST_USED_PRECISION:
        return
    OrganisationToken.objects.filter(pk=token.pk, last_used_at=last).update(last_used_at=now)
    token.last_used_at = now


@transaction.atomic
def organisation_tokens_revoke_for_user(*, user: User) -> int:
    """For a person deleting their account: every token they created stops working."""
    return OrganisationToken.objects.filter(created_by=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
