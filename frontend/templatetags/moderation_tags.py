"""Which staff links (moderation, teams, audit trail) the signed-in person gets in the menu."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from engage.accounts.roles import user_roles

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_links(context) -> dict:
    """{"moderate", "audit", "team_url", "team_label"} for the menu.

    It mirrors proposals.rules (moderate_proposal, work_team_queue) and engage.audit.rules
    (view_audit_trail),
    from the same answer the rules read (engage.accounts.roles): no query of its own
    once the MFA middleware has asked.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = user_roles(user)
    is_moderator, teams = roles.is_moderator, roles.teams
    links = {
        "moderate": is_moderator or user.is_superuser,
        "audit": is_moderator or user.is_superuser,
    }
    if len(teams) == 1 and not user.is_superuser:
        links["team_url"] = reverse("frontend:team_queue", kwargs={"slug": teams[0][1]})
        links["team_label"] = _("My team")
    elif teams or user.is_superuser:
        links["team_url"] = reverse("frontend:team_list")
        links["team_label"] = _("My teams") if teams else _("Teams")
    return links
