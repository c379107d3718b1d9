"""What the partnerships app tells people (imported by notifications.apps at start-up)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engage.accounts.models import User
from notifications.models import Event
from notifications.registry import (
    Audience,
    Channel,
    Message,
    NotificationKind,
    events_register,
    kinds_register,
    target_querysets_register,
)


class EventKind(models.TextChoices):
    ORGANISATION_VERIFIED = "organisation.verified"
    INVITATION_ACCEPTED = "organisation.invitation_accepted"


events_register(*EventKind)


def _organisation(event: Event):
    from partnerships.models import Invitation, Organisation

    target = event.target
    if isinstance(target, Invitation):
        return target.organisation
    if isinstance(target, Organisation):
        return target
    return None


def _admins(event: Event):
    organisation = _organisation(event)
    return User.objects.filter(
        memberships__organisation_id=organisation.pk if organisation else None,
        memberships__role="admin",
    )


def _inviter(event: Event):
    return User.objects.filter(pk=getattr(event.target, "invited_by_id", None))


def _verified_message(event: Event) -> Message:
    organisation = _organisation(event)
    name = organisation.name if organisation else ""
    subject = _("“%(name)s” is verified by the municipality") % {"name": name}
    details = _("The verified badge now shows on the organisation's page.")
    return Message(
        subject=subject,
        body=f"{subject}\n\n{details}",
        url=organisation.get_absolute_url() if organisation else "/",
        group=name,
    )


def _accepted_message(event: Event) -> Message:
    invitation = event.target
    organisation = _organisation(event)
    name = organisation.name if organisation else ""
    person = invitation.accepted_by.public_name if invitation.accepted_by_id else ""
    subject = _("%(person)s accepted your invitation to “%(name)s”") % {
        "person": person,
        "name": name,
    }
    url = (
        reverse("frontend:organisation_members", kwargs={"slug": organisation.slug})
        if organisation
        else "/"
    )
    return Message(subject=subject, body=subject, url=url, group=name)


def _as_admin(event: Event) -> str:
    organisation = _organisation(event)
    return _("You are an administrator of “%(name)s”.") % {
        "name": organisation.name if organisation else ""
    }


def _as_inviter(event: Event) -> str:
    return _("You sent the invitation.")


kinds_register(
    NotificationKind(
        key="organisation.verified",
        event=EventKind.ORGANISATION_VERIFIED,
        audience=Audience.ORGANISATION,
        label=gettext_lazy("Your organisation is verified"),
        default_channel=Channel.IMMEDIATE,
        recipients=_admins,
        message=_verified_message,
        reason=_as_admin,
    ),
    NotificationKind(
        key="organisation.invitation_accepted",
        event=EventKind.INVITATION_ACCEPTED,
        audience=Audience.ORGANISATION,
        label=gettext_lazy("Someone accepted your invitation to an organisation"),
        default_channel=Channel.IMMEDIATE,
        recipients=_inviter,
        message=_accepted_message,
        reason=_as_inviter,
    ),
)


def _target_querysets():
    from partnerships.models import Invitation, Organisation

    return (
        Organisation.objects.all(),
        Invitation.objects.select_related("organisation", "accepted_by"),
    )


target_querysets_register(*_target_querysets())
