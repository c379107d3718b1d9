"""Who reads the audit trail.

The trail is a log of what each member of staff did. Moderators read the entries of their
own actions (what they routed, merged, hid, and can undo); admins read every entry, as
they answer for the whole platform. Team members and citizens read none of it.
`AuditEntry.objects.visible_to(user)` lists what `audit.view_audit_entry` allows.
"""

import rules

from engage.accounts.rules import is_admin, is_moderator

is_signed_in = rules.is_authenticated & rules.is_active


@rules.predicate
def is_entry_actor(user, entry) -> bool:
    return entry is not None and entry.actor_id == getattr(user, "pk", None)


rules.add_perm("audit.view_audit_trail", is_signed_in & (is_moderator | is_admin))
rules.add_perm(
    "audit.view_audit_entry", is_signed_in & (is_admin | (is_moderator & is_entry_actor))
)
