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
    APPLICATION_SUBMITTED = "partnership.application_submitted"
    APPLICATION_DECIDED = "partnership.application_decided"
    AGREEMENT_CHANGED = "partnership.agreement_changed"
    COMMITMENT_DUE = "partnership.commitment_due"
    # --- the partner's commitments ---
    PARTNER_COMMITMENT_CHANGED = "partnership.partner_commitment_changed"
    # Progress reports (services/reports.py).
    REPORT_SUBMITTED = "partnership.report_submitted"
    REPORT_REVIEWED = "partnership.report_reviewed"
    REPORT_DUE = "partnership.report_due"


events_register(*EventKind)


def _organisation(event: Event):
    from partnerships.models import Agreement, Application, Invitation, Organisation

    target = event.target
    if isinstance(target, Invitation | Application | Agreement):
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


def _programme_coordinators(event: Event):
    """The programme's coordinators who still hold the role."""
    from django.conf import settings

    return User.objects.filter(
        coordinated_programmes=event.target.programme_id,
        groups__name=settings.COORDINATOR_GROUP,
        is_active=True,
    )


def _submitted_message(event: Event) -> Message:
    application = event.target
    values = {
        "organisation": application.organisation.name,
        "programme": application.programme.name,
    }
    if event.data.get("resubmitted"):
        subject = _("“%(organisation)s” resubmitted its application to “%(programme)s”") % values
    else:
        subject = _("“%(organisation)s” applies to “%(programme)s”") % values
    details = _("The application awaits your decision.")
    return Message(
        subject=subject,
        body=f"{subject}\n\n{details}",
        url=application.get_absolute_url(),
        group=application.programme.name,
    )


def _as_programme_coordinator(event: Event) -> str:
    return _("You are a coordinator of “%(programme)s”.") % {
        "programme": event.target.programme.name
    }


def _decided_message(event: Event) -> Message:
    application = event.target
    values = {"programme": application.programme.name}
    subjects = {
        "approved": _("Your application to “%(programme)s” is approved"),
        "declined": _("Your application to “%(programme)s” is declined"),
        "changes_requested": _(
            "The municipality asks for changes to your application to “%(programme)s”"
        ),
    }
    subject = subjects.get(event.data.get("decision"), subjects["declined"]) % values
    message = event.data.get("message", "")
    return Message(
        subject=subject,
        body=f"{subject}\n\n{message}".strip(),
        url=application.get_absolute_url(),
        group=application.organisation.name,
    )


def _agreement_message(event: Event) -> Message:
    agreement = event.target
    values = {"programme": agreement.programme.name}
    subjects = {
        "paused": _("The agreement in “%(programme)s” is paused"),
        "resumed": _("The agreement in “%(programme)s” is resumed"),
        "renewed": _("The agreement in “%(programme)s” is renewed"),
        "ended": _("The agreement in “%(programme)s” has ended"),
    }
    subject = subjects.get(event.data.get("action"), subjects["paused"]) % values
    return Message(
        subject=subject,
        body=f"{subject}\n\n{event.data.get('reason', '')}".strip(),
        url=agreement.get_absolute_url(),
        group=agreement.organisation.name,
    )


def _commitment_owner(event: Event):
    return User.objects.filter(pk=event.target.owner_id, is_active=True)


def _commitment_message(event: Event) -> Message:
    from datetime import date

    from django.urls import reverse

    due = date.fromisoformat(event.data["due_date"]).strftime("%d.%m.%Y")
    values = {"organisation": event.data.get("organisation", ""), "date": due}
    if event.data.get("overdue"):
        subject = _("A commitment to “%(organisation)s” is overdue (due %(date)s)") % values
    else:
        subject = _("A commitment to “%(organisation)s” is due on %(date)s") % values
    return Message(
        subject=subject,
        body=f"{subject}\n\n{event.data.get('text', '')}",
        url=reverse("frontend:agreement_detail", kwargs={"pk": event.data["agreement"]}),
        group=event.data.get("programme", ""),
    )


def _as_commitment_owner(event: Event) -> str:
    return _("You are responsible for this commitment of the municipality.")


kinds_register(
    NotificationKind(
        key="partnership.application_submitted",
        event=EventKind.APPLICATION_SUBMITTED,
        audience=Audience.STAFF,
        label=gettext_lazy("An organisation applies to a programme you coordinate"),
        default_channel=Channel.IMMEDIATE,
        recipients=_programme_coordinators,
        message=_submitted_message,
        reason=_as_programme_coordinator,
        staff_only=True,
    ),
    NotificationKind(
        key="partnership.application_decided",
        event=EventKind.APPLICATION_DECIDED,
        audience=Audience.ORGANISATION,
        label=gettext_lazy("A decision on your organisation's application"),
        default_channel=Channel.IMMEDIATE,
        recipients=_admins,
        message=_decided_message,
        reason=_as_admin,
    ),
    NotificationKind(
        key="partnership.agreement_changed",
        event=EventKind.AGREEMENT_CHANGED,
        audience=Audience.ORGANISATION,
        label=gettext_lazy("Your organisation's agreement is paused, resumed, renewed or ended"),
        default_channel=Channel.IMMEDIATE,
        recipients=_admins,
        message=_agreement_message,
        reason=_as_admin,
    ),
    NotificationKind(
        key="partnership.commitment_due",
        event=EventKind.COMMITMENT_DUE,
        audience=Audience.STAFF,
        label=gettext_lazy("A commitment you are responsible for is due or overdue"),
        default_channel=Channel.IMMEDIATE,
        recipients=_commitment_owner,
        message=_commitment_message,
        reason=_as_commitment_owner,
        staff_only=True,
    ),
)


# --- progress reports ---------------------------------------------------------------------


def _report_coordinators(event: Event):
    """The coordinators (still holding the role) of the report's programme."""
    from django.conf import settings

    return User.objects.filter(
        coordinated_programmes=event.target.agreement.programme_id,
        groups__name=settings.COORDINATOR_GROUP,
        is_active=True,
    )


def _report_admins(event: Event):
    """The admins of the organisation of a report, or of a report reminder's agreement."""
    return User.objects.filter(
        memberships__organisation_id=event.target.agreement.organisation_id,
        memberships__role="admin",
    )


def _report_submitted_message(event: Event) -> Message:
    report = event.target
    values = {
        "organisation": report.agreement.organisation.name,
        "period": event.data.get("period", ""),
    }
    if event.data.get("resubmitted"):
        subject = _("“%(organisation)s” resubmitted its progress report for %(period)s") % values
    else:
        subject = _("“%(organisation)s” submitted its progress report for %(period)s") % values
    details = _("The values await your verification.")
    return Message(
        subject=subject,
        body=f"{subject}\n\n{details}",
        url=reverse("frontend:report_review", kwargs={"pk": report.pk}),
        group=report.agreement.programme.name,
    )


def _as_report_coordinator(event: Event) -> str:
    return _("You are a coordinator of “%(programme)s”.") % {
        "programme": event.target.agreement.programme.name
    }


def _report_reviewed_message(event: Event) -> Message:
    report = event.target
    values = {
        "programme": report.agreement.programme.name,
        "period": event.data.get("period", ""),
        "verified": event.data.get("verified", 0),
        "returned": event.data.get("returned", 0),
    }
    if event.data.get("status") == "verified":
        subject = _("Your progress report for %(period)s in “%(programme)s” is verified") % values
        details = ""
    else:
        subject = (
            _("Your progress report for %(period)s in “%(programme)s” is sent back for changes")
            % values
        )
        details = "\n\n".join(
            [
                _("Verified: %(verified)s. Sent back: %(returned)s.") % values,
                *event.data.get("comments", []),
            ]
        )
    return Message(
        subject=subject,
        body=f"{subject}\n\n{details}".strip(),
        url=reverse("frontend:report_detail", kwargs={"pk": report.pk}),
        group=report.agreement.organisation.name,
    )


def _report_due_message(event: Event) -> Message:
    from datetime import date

    due = date.fromisoformat(event.data["due_date"]).strftime("%d.%m.%Y")
    values = {
        "period": event.data.get("period", ""),
        "programme": event.data.get("programme", ""),
        "date": due,
    }
    if event.data.get("overdue"):
        subject = (
            _("The progress report for %(period)s in “%(programme)s” is overdue (due %(date)s)")
            % values
        )
    else:
        subject = (
            _("The progress report for %(period)s in “%(programme)s” is due on %(date)s") % values
        )
    return Message(
        subject=subject,
        body=subject,
        url=reverse("frontend:report_list", kwargs={"pk": event.data["agreement"]}),
        group=event.data.get("organisation", ""),
    )


def _as_report_admin(event: Event) -> str:
    return _("You are an administrator of “%(name)s”.") % {
        "name": event.target.agreement.organisation.name
    }


kinds_register(
    NotificationKind(
        key="partnership.report_submitted",
        event=EventKind.REPORT_SUBMITTED,
        audience=Audience.STAFF,
        label=gettext_lazy("A partner submits a progress report in a programme you coordinate"),
        default_channel=Channel.IMMEDIATE,
        recipients=_report_coordinators,
        message=_report_submitted_message,
        reason=_as_report_coordinator,
        staff_only=True,
    ),
    NotificationKind(
        key="partnership.report_reviewed",
        event=EventKind.REPORT_REVIEWED,
        audience=Audience.ORGANISATION,
        label=gettext_lazy("The municipality verifies or sends back your organisation's report"),
        default_channel=Channel.IMMEDIATE,
        recipients=_report_admins,
        message=_report_reviewed_message,
        reason=_as_report_admin,
    ),
    NotificationKind(
        key="partnership.report_due",
        event=EventKind.REPORT_DUE,
        audience=Audience.ORGANISATION,
        label=gettext_lazy("Your organisation's progress report is due or overdue"),
        default_channel=Channel.IMMEDIATE,
        recipients=_report_admins,
        message=_report_due_message,
        reason=_as_report_admin,
    ),
)


# --- the partner's commitments (services/commitments.py) ------------------------------
# One event per added, changed or withdrawn commitment; `data["by"]` says which side made
# it, and the other side hears of it.


def _partner_commitment_message(event: Event) -> Message:
    agreement = event.target
    values = {"title": event.data.get("title", ""), "organisation": agreement.organisation.name}
    subjects = {
        "added": _("A commitment is added to the agreement with “%(organisation)s”: %(title)s"),
        "changed": _("A commitment in the agreement with “%(organisation)s” is changed: %(title)s"),
        "withdrawn": _(
            "A commitment in the agreement with “%(organisation)s” is withdrawn: %(title)s"
        ),
    }
    subject = subjects.get(event.data.get("change"), subjects["changed"]) % values
    return Message(
        subject=subject,
        body=f"{subject}\n\n{event.data.get('reason', '')}".strip(),
        url=agreement.get_absolute_url(),
        group=agreement.organisation.name,
    )


def _by_organisation(event: Event) -> bool:
    return event.data.get("by") == "organisation"


def _by_municipality(event: Event) -> bool:
    return event.data.get("by") == "municipality"


kinds_register(
    NotificationKind(
        key="partnership.partner_commitment_changed_by_organisation",
        event=EventKind.PARTNER_COMMITMENT_CHANGED,
        audience=Audience.STAFF,
        label=gettext_lazy(
            "A partner adds, changes or withdraws a commitment in a programme you coordinate"
        ),
        default_channel=Channel.IMMEDIATE,
        recipients=_programme_coordinators,
        message=_partner_commitment_message,
        reason=_as_programme_coordinator,
        applies=_by_organisation,
        staff_only=True,
    ),
    NotificationKind(
        key="partnership.partner_commitment_changed_by_municipality",
        event=EventKind.PARTNER_COMMITMENT_CHANGED,
        audience=Audience.ORGANISATION,
        label=gettext_lazy(
            "The municipality adds, changes or withdraws a commitment of your organisation"
        ),
        default_channel=Channel.IMMEDIATE,
        recipients=_admins,
        message=_partner_commitment_message,
        reason=_as_admin,
        applies=_by_municipality,
    ),
)


def _target_querysets():
    from partnerships.models import (
        Agreement,
        Application,
        CommitmentReminder,
        Invitation,
        Organisation,
        ProgressReport,
        ReportReminder,
    )

    return (
        Organisation.objects.all(),
        Invitation.objects.select_related("organisation", "accepted_by"),
        Application.objects.select_related("organisation", "programme"),
        Agreement.objects.select_related("organisation", "programme"),
        CommitmentReminder.objects.all(),
        # Progress reports.
        ProgressReport.objects.select_related("agreement__organisation", "agreement__programme"),
        ReportReminder.objects.select_related("agreement__organisation", "agreement__programme"),
    )


target_querysets_register(*_target_querysets())


# --- organisation API tokens and organisations left without an administrator -----------


class TokenEventKind(models.TextChoices):
    TOKEN_CREATED = "organisation.token_created"  # noqa: S105  (an event name)


class OwnerEventKind(models.TextChoices):
    WITHOUT_ADMIN = "organisation.without_admin"


events_register(*TokenEventKind, *OwnerEventKind)


def _token_admins(event: Event):
    """The administrators of the token's organisation (the creator is left out by the
    fan-out, as the event's actor)."""
    return User.objects.filter(
        memberships__organisation_id=event.target.organisation_id, memberships__role="admin"
    )


def _token_message(event: Event) -> Message:
    token = event.target
    organisation = token.organisation
    person = token.created_by.public_name if token.created_by_id else ""
    subject = _("%(person)s created an API token for “%(name)s”") % {
        "person": person,
        "name": organisation.name,
    }
    details = _(
        "The token “%(token)s” (%(prefix)s) lets a system use the API on behalf of the "
        "organisation. If you do not know it, revoke it on the organisation's token page."
    ) % {"token": token.name, "prefix": token.prefix}
    return Message(
        subject=subject,
        body=f"{subject}\n\n{details}",
        url=reverse("frontend:organisation_tokens", kwargs={"slug": organisation.slug}),
        group=organisation.name,
    )


def _as_token_admin(event: Event) -> str:
    return _("You are an administrator of “%(name)s”.") % {"name": event.target.organisation.name}


def _partnership_coordinators(event: Event):
    from django.conf import settings

    return User.objects.filter(groups__name=settings.COORDINATOR_GROUP, is_active=True)


def _without_admin_message(event: Event) -> Message:
    organisation = event.target
    subject = _("“%(name)s” has no administrator any more") % {"name": organisation.name}
    details = _(
        "Its last administrator deleted their account and no member is left to take over. "
        "Invite a new administrator on the organisation's members page."
    )
    return Message(
        subject=subject,
        body=f"{subject}\n\n{details}",
        url=reverse("frontend:organisation_members", kwargs={"slug": organisation.slug}),
        group=organisation.name,
    )


def _as_partnership_coordinator(event: Event) -> str:
    return _("You are a partnership coordinator.")


kinds_register(
    NotificationKind(
        key="organisation.token_created",
        event=TokenEventKind.TOKEN_CREATED,
        audience=Audience.ORGANISATION,
        label=gettext_lazy("Another administrator created an API token for your organisation"),
        default_channel=Channel.IMMEDIATE,
        recipients=_token_admins,
        message=_token_message,
        reason=_as_token_admin,
    ),
    NotificationKind(
        key="organisation.without_admin",
        event=OwnerEventKind.WITHOUT_ADMIN,
        audience=Audience.STAFF,
        label=gettext_lazy("An organisation is left without an administrator"),
        default_channel=Channel.IMMEDIATE,
        recipients=_partnership_coordinators,
        message=_without_admin_message,
        reason=_as_partnership_coordinator,
        staff_only=True,
    ),
)


def _token_target_querysets():
    from partnerships.models import OrganisationToken

    return (OrganisationToken.objects.select_related("organisation", "created_by"),)


target_querysets_register(*_token_target_querysets())
