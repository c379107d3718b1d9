"""Every read of proposals: visibility rules live here, and no list runs a query per row."""

from proposals.selectors.moderation import (
    ReportedItem,
    ServiceClock,
    TriageFilters,
    hidden_content,
    proposal_get_for_moderation,
    proposal_get_for_team,
    report_workspace,
    service_clock,
    service_target_cutoff,
    team_answered,
    team_get_for_member,
    team_list_for_user,
    team_queue,
    triage_queue,
    user_team_ids,
)
from proposals.selectors.page import *  # noqa: F403
from proposals.selectors.page import __all__ as _page
from proposals.selectors.public import *  # noqa: F403
from proposals.selectors.public import LISTED_STATUSES, SORTS
from proposals.selectors.public import __all__ as _public

__all__ = [
    *_page,
    *_public,
    "LISTED_STATUSES",
    "SORTS",
    "ReportedItem",
    "TriageFilters",
    "hidden_content",
    "proposal_get_for_moderation",
    "proposal_get_for_team",
    "report_workspace",
    "ServiceClock",
    "service_clock",
    "service_target_cutoff",
    "team_get_for_member",
    "team_list_for_user",
    "team_answered",
    "team_queue",
    "triage_queue",
    "user_team_ids",
]
