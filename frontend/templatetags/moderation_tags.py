"""Which staff links (moderation, teams, audit trail) the signed-in person gets in the menu."""

from django import template
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import CharField, Value
from django.urls import reverse
from django.utils.translation import gettext as _

from engage.taxonomy.models import Team

register = template.Library()


def _memberships(user) -> tuple[bool, list[tuple[int, str]]]:
    """(is in the moderator group, [(team pk, team slug)]) in one query."""
    kind = Value("moderator", output_field=CharField())
    # No ORDER BY inside the union: SQLite refuses it (Team is ordered by name).
    moderator = (
        Group.objects.filter(user=user, name=settings.MODERATOR_GROUP)
        .order_by()
        .values_list(kind, "pk", "name")
    )
    teams = (
        Team.objects.filter(members=user)
        .order_by()
        .values_list(Value("team", output_field=CharField()), "pk", "slug")
    )
    rows = list(moderator.union(teams, all=True))
    return (
        any(row[0] == "moderator" for row in rows),
        sorted((pk, slug) for label, pk, slug in rows if label == "team"),
    )


@register.simple_tag(takes_context=True)
def staff_links(context) -> dict:
    """{"moderate", "audit", "team_url", "team_label"} for the menu.

    The header includes the menu twice (desktop and mobile drawer), so the answer is
    kept on the user object: one query per request, whatever the page. It mirrors
    proposals.rules (moderate_proposal, view_audit_trail, work_team_queue) and also
    fills the team-id cache those rules read.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, "_engage_staff_links", None)
    if cached is not None:
        return cached
    is_moderator, teams = _memberships(user)
    # The answer engage.accounts.rules.is_moderator keeps, so the rules ask no more.
    user._engage_is_moderator = (settings.MODERATOR_GROUP, is_moderator)
    if getattr(user, "_engage_team_ids", None) is None:
        user._engage_team_ids = {pk for pk, _slug in teams}
    links = {"moderate": is_moderator or user.is_superuser, "audit": user.is_superuser}
    if len(teams) == 1 and not user.is_superuser:
        links["team_url"] = reverse("frontend:team_queue", kwargs={"slug": teams[0][1]})
        links["team_label"] = _("My team")
    elif teams or user.is_superuser:
        links["team_url"] = reverse("frontend:team_list")
        links["team_label"] = _("My teams") if teams else _("Teams")
    user._engage_staff_links = links
    return links
