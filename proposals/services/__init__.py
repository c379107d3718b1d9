"""Every write to proposals goes through these functions.

They enforce the proposal's invariants (its lifecycle, limits, one support each) but not
who may call them: callers ask proposals.rules first.
"""

from proposals.services.comments import comment_create, comment_delete, comment_edit
from proposals.services.engagement import (
    focus_area_follow,
    focus_area_unfollow,
    proposal_follow,
    proposal_support,
    proposal_unfollow,
    proposal_unsupport,
    report_create,
)
from proposals.services.proposals import (
    proposal_create,
    proposal_delete_draft,
    proposal_image_add,
    proposal_image_remove,
    proposal_publish,
    proposal_submit,
    proposal_transition,
    proposal_update,
)

__all__ = [
    "comment_create",
    "comment_delete",
    "comment_edit",
    "focus_area_follow",
    "focus_area_unfollow",
    "proposal_create",
    "proposal_delete_draft",
    "proposal_follow",
    "proposal_image_add",
    "proposal_image_remove",
    "proposal_publish",
    "proposal_submit",
    "proposal_support",
    "proposal_transition",
    "proposal_unfollow",
    "proposal_unsupport",
    "proposal_update",
    "report_create",
]
