"""Every write to organisations, their members and invitations.

Keyword-only and typed. Services that change who administers an organisation lock its
row first (`_locked`), so two admins stepping down at once cannot leave it without one.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.audit.services import audit_record
from engage.cache import public_pages_changed
from notifications.services import event_record
from partnerships.cvr import cvr_check, cvr_normalise
from partnerships.models import SIZE_UNITS, Invitation, Kind, Membership, Organisation, Role
from partnerships.notifications import EventKind, OwnerEventKind
from partnerships.rules import organisation_roles_forget
from proposals import images

INVITATION_DAYS = 14
_TOKEN_SALT = "partnerships.invitation"  # noqa: S105  (a signing salt, not a secret)
_UNSET = object()


class InvitationInvalid(Exception):
    """The link is broken, expired, withdrawn or already used."""


# --- organisations -------------------------------------------------------------------


# Paths under /organisationer/ (and /api/v1/organisations/) that are pages of their own.
_RESERVED_SLUGS = {"ny", "invitation", "mine"}


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _slug_for(name: str) -> str:
    base = slugify(name.translate(_DANISH_LETTERS))[:120] or "organisation"
    slug, n = base, 1
    while slug in _RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check(organisation: Organisation) -> None:
    """The rules across fields: a company's CVR number, and a size only where it applies."""
    errors: dict[str, list] = {}
    organisation.cvr = cvr_normalise(organisation.cvr)
    if organisation.cvr:
        try:
            cvr_check(organisation.cvr)
        except ValidationError as exc:
            errors["cvr"] = exc.error_list
        else:
            taken = Organisation.objects.filter(cvr=organisation.cvr).exclude(pk=organisation.pk)
            if taken.exists():
                errors["cvr"] = [
                    ValidationError(
                        _("An organisation with this CVR number is already registered."),
                        code="cvr_taken",
                    )
                ]
    elif organisation.kind == Kind.COMPANY:
        errors["cvr"] = [
            ValidationError(_("A company must give its CVR number."), code="cvr_required")
        ]
    if organisation.size is not None and organisation.kind not in SIZE_UNITS:
        errors["size"] = [
            ValidationError(
                _("Leave the size empty for an association or NGO."), code="size_not_applicable"
            )
        ]
    if errors:
        raise ValidationError(errors)


def _logo_set(organisation: Organisation, upload: UploadedFile | None) -> None:
    if upload is None:
        organisation.logo = ""
        return
    try:
        clean = images.image_clean(upload=upload)
    except ValidationError as exc:
        raise ValidationError({"logo": exc.error_list}) from exc
    organisation.logo.save(clean.content.name, clean.content, save=False)


def _save(organisation: Organisation) -> None:
    _check(organisation)
    organisation.full_clean(exclude=["slug"] if organisation.pk is None else None)
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # two registrations of one CVR number at once
        if "cvr" not in str(exc):
            raise
        raise ValidationError(
            {"cvr": _("An organisation with this CVR number is already registered.")}
        ) from exc


@transaction.atomic
def organisation_create(
    *,
    creator: User,
    name: str,
    kind: str,
    sector: str,
    description: str = "",
    website: str = "",
    address: str = "",
    size: int | None = None,
    cvr: str = "",
    logo: UploadedFile | None = None,
) -> Organisation:
    """Register an organisation; its creator becomes its first administrator."""
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        sector=sector,
        description=description.strip(),
        website=website.strip(),
        address=address.strip(),
        size=size,
        cvr=cvr,
    )
    if logo is not None:
        _logo_set(organisation, logo)
    organisation.slug = _slug_for(organisation.name)
    _save(organisation)
    Membership.objects.create(organisation=organisation, user=creator, role=Role.ADMIN)
    organisation_roles_forget(creator)
    audit_record(actor=creator, action="organisation.create", target=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    kind: str,
    sector: str,
    description: str = "",
    website: str = "",
    address: str = "",
    size: int | None = None,
    cvr: str = "",
    logo=_UNSET,
) -> Organisation:
    """Change the profile. `logo`: an upload to replace it, None to remove it, or leave it.

    Side effect: shared renderings of public pages are retired, as proposal cards show
    the organisation's name.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    renamed = organisation.name != name.strip()
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.sector = sector
    organisation.description = description.strip()
    organisation.website = website.strip()
    organisation.address = address.strip()
    organisation.size = size
    organisation.cvr = cvr
    old_logo = organisation.logo.name
    if logo is not _UNSET:
        _logo_set(organisation, logo)
    organisation.updated_at = timezone.now()
    _save(organisation)
    if old_logo and old_logo != organisation.logo.name:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    if renamed:
        public_pages_changed()
    return organisation


@transaction.atomic
def organisation_verify(*, organisation: Organisation, actor: User) -> Organisation:
    """Mark the organisation as checked by the municipality; its admins are told."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.verified_at is not None:
        raise ValidationError(_("This organisation is already verified."), code="verified")
    organisation.verified_at = timezone.now()
    organisation.verified_by = actor
    organisation.save(update_fields=["verified_at", "verified_by"])
    audit_record(
        actor=actor,
        action="organisation.verify",
        target=organisation,
        from_state="unverified",
        to_state="verified",
    )
    event_record(kind=EventKind.ORGANISATION_VERIFIED, target=organisation, actor=actor)
    public_pages_changed()
    return organisation


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor: User) -> None:
    """Delete the organisation with everything that belongs to it (agreements, reports,
    values, evidence) and, once committed, its logo and evidence files from storage."""
    from partnerships.models import Evidence

    files = [organisation.logo] if organisation.logo else []
    files += [e.file for e in Evidence.objects.filter(report__agreement__organisation=organisation)]
    audit_record(actor=actor, action="organisation.delete", target=organisation)
    organisation.delete()
    for file in files:
        storage, name = file.storage, file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    public_pages_changed()


# --- members ---------------------------------------------------------------------------


def _locked(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _last_admin_error() -> ValidationError:
    return ValidationError(
        _(
            "An organisation must always have at least one administrator. Make another "
            "member administrator first."
        ),
        code="last_admin",
    )


def _other_admins(membership: Membership) -> bool:
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """Remove a member; the last administrator cannot be removed."""
    _locked(membership.organisation)
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
    if membership.role == Role.ADMIN and not _other_admins(membership):
        raise _last_admin_error()
    audit_record(
        actor=actor,
        action="organisation.member_remove",
        target=membership.organisation,
        data={"user": membership.user_id, "role": membership.role},
    )
    membership.delete()
    organisation_roles_forget(actor)


@transaction.atomic
def membership_role_set(*, membership: Membership, role: str, actor: User) -> Membership:
    """Make a member administrator, or an administrator a member (never the last one)."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."), code="role")
    _locked(membership.organisation)
    membership = Membership.objects.select_related("organisation").get(pk=membership.pk)
    if membership.role == role:
        return membership
    if membership.role == Role.ADMIN and not _other_admins(membership):
        raise _last_admin_error()
    audit_record(
        actor=actor,
        action="organisation.role_change",
        target=membership.organisation,
        from_state=membership.role,
        to_state=role,
        data={"user": membership.user_id},
    )
    membership.role = role
    membership.save(update_fields=["role"])
    organisation_roles_forget(actor)
    return membership


@transaction.atomic
def organisation_admin_hand_over(
    *, organisation: Organisation, actor: User, to: Membership
) -> Membership:
    """`actor` (an administrator) makes the member `to` administrator and becomes a member."""
    _locked(organisation)
    own = Membership.objects.get(organisation=organisation, user=actor)
    if to.organisation_id != organisation.pk or to.pk == own.pk:
        raise ValidationError(_("Choose another member of the organisation."), code="member")
    membership_role_set(membership=to, role=Role.ADMIN, actor=actor)
    membership_role_set(membership=own, role=Role.MEMBER, actor=actor)
    return to


# --- invitations -----------------------------------------------------------------------


def invitation_token_make(*, invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=_TOKEN_SALT, compress=False)


def invitation_get_by_token(*, token: str) -> Invitation:
    """The open invitation a link stands for; raises InvitationInvalid otherwise."""
    try:
        pk = signing.loads(token, salt=_TOKEN_SALT, max_age=timedelta(days=INVITATION_DAYS))
        invitation = Invitation.objects.select_related("organisation").get(pk=int(pk))
    except (signing.BadSignature, Invitation.DoesNotExist, TypeError, ValueError) as exc:
        raise InvitationInvalid from exc
    if not invitation.is_open:
        raise InvitationInvalid
    return invitation


def invitation_url(*, invitation: Invitation) -> str:
    path = reverse(
        "frontend:invitation_accept", kwargs={"token": invitation_token_make(invitation=invitation)}
    )
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _invitation_send(invitation: Invitation, *, inviter: User) -> None:
    """Through Django's mail API (the outbox), in the invitee's language when they have an
    account, else in the inviting admin's."""
    account = User.objects.filter(email__iexact=invitation.email, deleted_at__isnull=True).first()
    language = account.preferred_language if account else translation.get_language()
    with translation.override(language):
        values = {
            "name": invitation.organisation.name,
            "person": inviter.public_name,
            "role": invitation.get_role_display().lower(),
        }
        subject = _("Invitation to join “%(name)s” on Hverdagsmål") % values
        body = "\n\n".join(
            [
                _("%(person)s invites you to join “%(name)s” on Hverdagsmål as %(role)s.") % values,
                _("Accept the invitation here:") + "\n" + invitation_url(invitation=invitation),
                _(
                    "The link can be used once and expires on %(date)s. You sign in, or "
                    "create an account, with this email address (%(email)s) to accept."
                )
                % {
                    "date": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y"),
                    "email": invitation.email,
                },
                _("If you did not expect this invitation, you can ignore this email."),
            ]
        )
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, actor: User, email: str, role: str = Role.MEMBER
) -> Invitation:
    """Invite someone by email; an earlier open invitation to the same address is withdrawn,
    so only the newest link works."""
    organisation = _locked(organisation)
    email = User.objects.normalize_email(email.strip()).lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    already = (
        Membership.objects.filter(
            organisation=organisation, user__emailaddress__email__iexact=email
        ).exists()
        or Membership.objects.filter(organisation=organisation, user__email=email).exists()
    )
    if already:
        raise ValidationError(
            {"email": _("This person is already a member of the organisation.")},
        )
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=actor,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    _invitation_send(invitation, inviter=actor)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_email_matches(*, invitation: Invitation, user: User) -> bool:
    """Whether `user` has verified the address the invitation was sent to."""
    return EmailAddress.objects.filter(
        user=user, verified=True, email__iexact=invitation.email
    ).exists()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join the organisation through an open invitation sent to one of `user`'s verified
    addresses; the link cannot be used again. The inviting admin is told."""
    _locked(invitation.organisation)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationInvalid
    if not invitation_email_matches(invitation=invitation, user=user):
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that email address to accept.")
            % {"email": invitation.email},
            code="wrong_email",
        )
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Role.ADMIN and membership.role != Role.ADMIN:
        membership.role = Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    organisation_roles_forget(user)
    event_record(kind=EventKind.INVITATION_ACCEPTED, target=invitation, actor=user)
    return membership


# --- account deletion ------------------------------------------------------------------


@transaction.atomic
def memberships_erase(*, user: User) -> None:
    """For a person deleting their account: leave every organisation without leaving one
    without an administrator.

    Where they were the last administrator, the longest-standing other member becomes
    administrator. An organisation with no other member keeps no one: it is listed for
    partnership coordinators (Organisation.objects.without_admin()), who are notified and
    invite a new administrator through its members page. Invitations sent to the person's
    addresses are deleted; those they sent stay with the organisation, without their name.
    """
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        _locked(membership.organisation)
        if membership.role == Role.ADMIN and not _other_admins(membership):
            successor = (
                Membership.objects.filter(organisation_id=membership.organisation_id)
                .exclude(pk=membership.pk)
                .order_by("created_at", "pk")
                .first()
            )
            if successor is not None:
                successor.role = Role.ADMIN
                successor.save(update_fields=["role"])
                audit_record(
                    actor=None,
                    action="organisation.admin_succession",
                    target=membership.organisation,
                    from_state=Role.MEMBER,
                    to_state=Role.ADMIN,
                    reason="The last administrator deleted their account.",
                    data={"user": successor.user_id},
                )
            else:
                audit_record(
                    actor=None,
                    action="organisation.admin_left",
                    target=membership.organisation,
                    reason="The last administrator deleted their account; no member is left.",
                )
                # The coordinators look after it now: they hear of it, and invite a new
                # administrator through its members page.
                event_record(
                    kind=OwnerEventKind.WITHOUT_ADMIN, target=membership.organisation, actor=None
                )
        membership.delete()
    addresses = [
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    ]
    for address in addresses:
        Invitation.objects.filter(email__iexact=address).delete()
    Invitation.objects.filter(accepted_by=user).delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    organisation_roles_forget(user)
