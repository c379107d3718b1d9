"""The partnerships app's part of a person's data export and account deletion."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q

from engage.accounts.models import User
from partnerships.models import (
    AgreementStep,
    Application,
    ApplicationStep,
    Commitment,
    Evidence,
    InventoryVersion,
    Invitation,
    Membership,
    PartnerCommitment,
    Programme,
    ProgressReport,
    ProgressValue,
)


def export(*, user: User) -> dict[str, Any]:
    addresses = [
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    ]
    to_them = Q(accepted_by=user)
    for address in addresses:
        to_them |= Q(email__iexact=address)
    return {
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_slug": m.organisation.slug,
                "role": m.role,
                "since": m.created_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("pk")
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "role": i.role,
                "created_at": i.created_at.isoformat(),
                "expires_at": i.expires_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in Invitation.objects.filter(to_them)
            .select_related("organisation")
            .order_by("pk")
        ],
        "invitations_sent": [
            {
                "organisation": i.organisation.name,
                "email": i.email,
                "role": i.role,
                "created_at": i.created_at.isoformat(),
                "accepted": i.accepted_at is not None,
            }
            for i in Invitation.objects.filter(invited_by=user)
            .select_related("organisation")
            .order_by("pk")
        ],
        # The applications and decisions are the organisation's and the municipality's;
        # what is the person's own is that they sent, decided or answer for them.
        "applications_submitted": [
            {
                "programme": a.programme.name,
                "organisation": a.organisation.name,
                "submitted_at": a.submitted_at.isoformat(),
                "status": a.status,
            }
            for a in Application.objects.filter(submitted_by=user)
            .select_related("programme", "organisation")
            .order_by("pk")
        ],
        "application_steps": [
            {
                "programme": s.application.programme.name,
                "organisation": s.application.organisation.name,
                "action": s.action,
                "message": s.message,
                "at": s.created_at.isoformat(),
            }
            for s in ApplicationStep.objects.filter(actor=user)
            .select_related("application__programme", "application__organisation")
            .order_by("pk")
        ],
        "programmes_coordinated": list(
            Programme.objects.filter(coordinators=user)
            .order_by("pk")
            .values_list("name", flat=True)
        ),
        "commitments_owned": [
            {
                "text": c.text,
                "organisation": c.agreement.organisation.name,
                "due_date": c.due_date.isoformat(),
                "status": c.status,
            }
            for c in Commitment.objects.filter(owner=user)
            .select_related("agreement__organisation")
            .order_by("pk")
        ],
        **_tokens_export(user=user),
        **_reports_export(user=user),
        # Who imported a version of the greenhouse-gas inventory (never in the open data).
        "inventory_versions_imported": [
            {"label": v.label, "imported_at": v.imported_at.isoformat()}
            for v in InventoryVersion.objects.filter(imported_by=user).order_by("pk")
        ],
    }


def erase(*, user: User) -> None:
    from partnerships.services import memberships_erase

    memberships_erase(user=user)
    # A deleted account coordinates nothing and answers for no commitment: the
    # programme's other coordinators take them over (the history keeps who did what,
    # shown as a deleted user).
    Programme.coordinators.through.objects.filter(user_id=user.pk).delete()
    Commitment.objects.filter(owner=user).update(owner=None)
    _tokens_erase(user=user)


# --- the partner's commitments and progress reports --------------------------------------


def _reports_export(*, user: User) -> dict[str, Any]:
    """What the person wrote or decided in agreements and progress reports: commitments
    they added, steps they took, reports they sent, values they entered or reviewed and
    files they uploaded (the file's name, not its content, which is the organisation's)."""
    return {
        "partner_commitments_created": [
            {
                "organisation": c.agreement.organisation.name,
                "title": c.title,
                "metric": c.metric,
                "created_at": c.created_at.isoformat(),
            }
            for c in PartnerCommitment.objects.filter(created_by=user)
            .select_related("agreement__organisation")
            .order_by("pk")
        ],
        "agreement_steps": [
            {
                "organisation": s.agreement.organisation.name,
                "action": s.action,
                "reason": s.reason,
                "at": s.created_at.isoformat(),
            }
            for s in AgreementStep.objects.filter(actor=user)
            .select_related("agreement__organisation")
            .order_by("pk")
        ],
        "progress_reports_submitted": [
            {
                "organisation": r.agreement.organisation.name,
                "period_start": r.period_start.isoformat(),
                "period_end": r.period_end.isoformat(),
                "event": r.event_name,
                "story": r.story,
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
            }
            for r in ProgressReport.objects.filter(submitted_by=user)
            .select_related("agreement__organisation")
            .order_by("pk")
        ],
        "progress_values_entered": [
            _value_export(v)
            for v in ProgressValue.objects.filter(entered_by=user)
            .select_related("report__agreement__organisation", "commitment")
            .order_by("pk")
        ],
        "progress_values_reviewed": [
            {**_value_export(v), "review_comment": v.review_comment}
            for v in ProgressValue.objects.filter(verified_by=user)
            .select_related("report__agreement__organisation", "commitment")
            .order_by("pk")
        ],
        "evidence_uploaded": [
            {
                "organisation": e.report.agreement.organisation.name,
                "file_name": e.original_name,
                "uploaded_at": e.uploaded_at.isoformat(),
            }
            for e in Evidence.objects.filter(uploaded_by=user)
            .select_related("report__agreement__organisation")
            .order_by("pk")
        ],
    }


def _value_export(value: ProgressValue) -> dict[str, Any]:
    return {
        "organisation": value.report.agreement.organisation.name,
        "commitment": value.commitment.title,
        "period_end": value.report.period_end.isoformat(),
        "value": str(value.value) if value.value is not None else None,
        "done": value.done,
        "source": value.source,
        "entered_at": value.entered_at.isoformat(),
        "state": value.state,
        "verified_at": value.verified_at.isoformat() if value.verified_at else None,
    }


# --- organisation API tokens -------------------------------------------------------------


def _tokens_export(*, user: User) -> dict[str, Any]:
    """The API tokens the person created: what they are for, never their secret."""
    from partnerships.selectors import organisation_tokens_created_by

    return {
        "api_tokens_created": [
            {
                "organisation": t.organisation.name,
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                "expires_at": t.expires_at.isoformat() if t.expires_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in organisation_tokens_created_by(user=user)
        ]
    }


def _tokens_erase(*, user: User) -> None:
    """A token acts as its creator: a deleted account's tokens stop working."""
    from partnerships.services import organisation_tokens_revoke_for_user

    organisation_tokens_revoke_for_user(user=user)
