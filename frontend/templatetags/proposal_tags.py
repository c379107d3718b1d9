"""Template tags that bring proposal data into pages whose views belong to other apps."""

import functools
import hashlib
import inspect
from typing import NamedTuple

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from engage.cache import card_keys, rendering_seconds
from engage.taxonomy.models import FocusArea
from frontend.html import esc
from proposals.selectors.public import (
    ProposalFilters,
    focus_area_slugs_followed,
    proposal_cards_complete,
    proposal_list_cards,
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
    queryset = proposal_list_cards(proposal_list_public(filters=filters, user=user))
    proposals = proposal_cards_complete(proposals=queryset[:LATEST_IN_FOCUS_AREA])
    signed_in = bool(user and user.is_authenticated)
    return {
        "proposals": proposals,
        "is_followed": signed_in and focus_area.slug in focus_area_slugs_followed(user=user),
        "can_follow": signed_in and user.has_perm("proposals.follow_focus_area", focus_area),
    }


# ---------- status badges, facts and proposal cards ---------------------------------------

# Colour is never the only cue: the badge's text says the status.
_BADGE_CLASSES = {
    "answered": " badge-success",
    "under_review": " badge-warning",
    "submitted": " badge-warning",
    "rejected": " badge-error",
    "published": " badge-info",
}


@register.simple_tag
def status_badge(proposal) -> str:
    """The status of `proposal` (and its outcome) as a DKFDS badge.

    A function rather than a template: tables and lists show one per row.
    """
    text = proposal.get_status_display()
    if proposal.outcome:
        text = f"{text}: {proposal.get_outcome_display().lower()}"
    css = _BADGE_CLASSES.get(proposal.status, "")
    return mark_safe(f'<span class="badge badge-small{css}">{esc(text)}</span>')  # noqa: S308


class Facts(NamedTuple):
    rows: str  # status, theme and focus area, for the facts list
    goals: str  # the focus area's UN goals, after it


@register.simple_tag
def proposal_facts(proposal) -> Facts:
    """The status and classification rows of a proposal page's facts panel, and the UN
    goals of its focus area."""
    context = {"proposal": proposal}
    return Facts(
        rows=get_template("frontend/proposals/_facts_rows.html").render(context),
        goals=get_template("frontend/proposals/_facts_goals.html").render(context),
    )


CARD_TEMPLATES = ("frontend/proposals/_card.html",)


@functools.cache
def _card_template_digest() -> str:
    """Changes when the card markup changes, so a deploy never serves old cached cards."""
    sources = [get_template(name).template.source for name in CARD_TEMPLATES]
    sources.append(inspect.getsource(status_badge))  # the card shows the badge
    return hashlib.blake2b("\0".join(sources).encode(), digest_size=8).hexdigest()


@register.simple_tag
def proposal_cards(proposals, heading_tag: str = "h2", hide_area: bool = False) -> list[str]:
    """The card of each proposal as HTML, from the cache where the same card was rendered.

    Kept per card: most of a list rendered afresh is its cards. Keyed on the proposal's
    page version (engage.cache.card_keys), which every change to the proposal bumps, its
    author's name and the visitor's own support flag; nothing else about the visitor
    goes into a card.
    """
    proposals = list(proposals)
    digest = _card_template_digest()
    keys = card_keys(
        cards=[
            (
                p.pk,
                (
                    heading_tag,
                    hide_area,
                    bool(getattr(p, "is_supported", False)),
                    p.author.public_name,
                    digest,
                ),
            )
            for p in proposals
        ]
    )
    found = cache.get_many(keys)
    missing = {}
    template = get_template(CARD_TEMPLATES[0])
    cards = []
    for key, proposal in zip(keys, proposals, strict=True):
        html = found.get(key)
        if html is None:
            context = {"proposal": proposal, "heading_tag": heading_tag, "hide_area": hide_area}
            html = missing[key] = template.render(context)
        cards.append(html)  # a SafeString, also after the cache's pickling
    if missing:
        cache.set_many(missing, timeout=rendering_seconds())
    return cards
