"""Every write in the partnerships app: organisations.py (organisations, members and
invitations), programmes.py (programmes, applications, agreements and the municipality's
commitments), commitments.py (the partner's measurable commitments and their validation)
and reminders.py (the daily reminder of commitments falling due), named here
so callers write `from partnerships import services`."""

from partnerships.services.commitments import (
    commitment_clean,
    commitments_clean,
    partner_commitment_add,
    partner_commitment_update,
    partner_commitment_withdraw,
)
from partnerships.services.organisations import (
    InvitationInvalid,
    invitation_accept,
    invitation_create,
    invitation_email_matches,
    invitation_get_by_token,
    invitation_revoke,
    invitation_token_make,
    invitation_url,
    membership_remove,
    membership_role_set,
    memberships_erase,
    organisation_admin_hand_over,
    organisation_create,
    organisation_update,
    organisation_verify,
)
from partnerships.services.programmes import (
    AGREEMENT_ACTIONS,
    DECISIONS,
    agreement_act,
    application_decide,
    application_resubmit,
    application_submit,
    commitment_add,
    commitment_update,
    programme_create,
    programme_update,
)
from partnerships.services.reminders import (
    REMIND_DAYS_BEFORE,
    commitment_reminders_record,
)

__all__ = [
    "AGREEMENT_ACTIONS",
    "DECISIONS",
    "REMIND_DAYS_BEFORE",
    "InvitationInvalid",
    "agreement_act",
    "application_decide",
    "application_resubmit",
    "application_submit",
    "commitment_add",
    "commitment_clean",
    "commitment_reminders_record",
    "commitment_update",
    "commitments_clean",
    "invitation_accept",
    "invitation_create",
    "invitation_email_matches",
    "invitation_get_by_token",
    "invitation_revoke",
    "invitation_token_make",
    "invitation_url",
    "membership_remove",
    "membership_role_set",
    "memberships_erase",
    "organisation_admin_hand_over",
    "organisation_create",
    "organisation_update",
    "organisation_verify",
    "partner_commitment_add",
    "partner_commitment_update",
    "partner_commitment_withdraw",
    "programme_create",
    "programme_update",
]
