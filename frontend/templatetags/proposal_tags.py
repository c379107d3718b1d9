"""Template tags that bring proposal data into pages whose views belong to other apps."""

from django import template

from engage.taxonomy.models import FocusArea
from proposals.selectors import (
    ProposalFilters,
    focus_area_slugs_followed,
    proposal_list_public,
)

register = template.Library()

LATEST_IN_FOCUS_AREA = 5


@register.simple_tag(takes_context=True)
def focus_area_panel_data(context, focus_area: FocusArea) -> dict:
    """The latest public proposals in `focus_area` and whether the visitor follows it.

    Two queries (three for a signed-in visitor), whatever the number of proposals.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    filters = ProposalFilters(focus_area=focus_area.slug)
    proposals = list(proposal_list_public(filters=filters, user=user)[:LATEST_IN_FOCUS_AREA])
    signed_in = bool(user and user.is_authenticated)
    return {
        "proposals": proposals,
        "is_followed": signed_in and focus_area.slug in focus_area_slugs_followed(user=user),
        "can_follow": signed_in and user.has_perm("proposals.follow_focus_area", focus_area),
    }
