"""Every write in the partnerships app: organisations.py (organisations, members and
invitations), programmes.py (programmes, applications, agreements and the municipality's
commitments), reminders.py (the daily reminder of commitments falling due), tokens.py
(organisations' API tokens) and inventory.py (the municipality's greenhouse-gas inventory and
climate targets), named here so callers write `from partnerships import services`."""

from partnerships.services.inventory import (
    InventoryRowData,
    climate_targets_update,
    inventory_csv_parse,
    inventory_import,
    inventory_version_show,
    inventory_year_enter,
    text_decode,
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
from partnerships.services.tokens import (
    NewToken,
    organisation_token_create,
    organisation_token_revoke,
    organisation_token_used,
    organisation_tokens_revoke_for_user,
)

__all__ = [
    "AGREEMENT_ACTIONS",
    "DECISIONS",
    "REMIND_DAYS_BEFORE",
    "InventoryRowData",
    "InvitationInvalid",
    "NewToken",
    "agreement_act",
    "application_decide",
    "application_resubmit",
    "application_submit",
    "climate_targets_update",
    "commitment_add",
    "commitment_reminders_record",
    "commitment_update",
    "inventory_csv_parse",
    "inventory_import",
    "inventory_version_show",
    "inventory_year_enter",
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
    "organisation_token_create",
    "organisation_token_revoke",
    "organisation_token_used",
    "organisation_tokens_revoke_for_user",
    "organisation_update",
    "organisation_verify",
    "programme_create",
    "programme_update",
    "text_decode",
]
