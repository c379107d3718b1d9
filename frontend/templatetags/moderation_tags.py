"""Which staff links (moderation, teams, audit trail) the signed-in person gets in the menu."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engage.accounts.roles import user_roles
from frontend.templatetags.engage_site import icon

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


@register.simple_tag
def waiting(proposal) -> str:
    """How long `proposal` has waited (working days, from moderation.annotate_waiting)
    and, if so, that it is past the service target.

    A tag rather than an included template: queues show it on each of 50 rows.
    """
    days = proposal.waiting_days
    text = ngettext("%(days)s working day", "%(days)s working days", days) % {"days": days}
    if not proposal.is_overdue:
        return text
    return format_html(
        '{} <span class="badge badge-small badge-error">{}</span>', text, _("Past service target")
    )


@register.simple_tag
def suggestion_buttons(proposal) -> str:
    """The triage row's one-click buttons, one per suggested focus area with its score
    (proposal.suggested, from moderation.annotate_waiting): each routes the proposal there.

    A tag rather than template markup: 50 rows show 150 of them. Every value is escaped
    here, once per row or area.
    """
    accept_url = escape(reverse("frontend:moderation_accept", kwargs={"pk": proposal.pk}))
    route_label = escape(_("Route “%(title)s” to") % {"title": proposal.title})
    check = icon("check")
    buttons = "".join(
        f'\n<li class="mt-2"><button type="submit" class="function-link text-left" '
        f'formaction="{accept_url}" name="accept" value="{escape(area.slug)}">{check}<span>'
        f'<span class="sr-only">{route_label} </span>{escape(area.name)} '
        f"({round(score * 100)} %)</span></button></li>"
        for area, score in proposal.suggested
    )
    return mark_safe(f'<ul class="nobullet-list no-max-width">{buttons}\n</ul>')  # noqa: S308
