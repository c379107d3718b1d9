"""Template tags that bring proposal data into pages whose views belong to other apps."""

import functools
import hashlib
from collections.abc import Callable
from typing import NamedTuple

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from engage.taxonomy.models import FocusArea
from proposals.models import Proposal
from proposals.selectors import (
    ProposalFilters,
    focus_area_slugs_followed,
    proposal_card_rows,
    proposal_cards_from_rows,
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
    rows = proposal_card_rows(proposal_list_public(filters=filters, user=user))
    proposals = proposal_cards_from_rows(rows[:LATEST_IN_FOCUS_AREA])
    signed_in = bool(user and user.is_authenticated)
    return {
        "proposals": proposals,
        "is_followed": signed_in and focus_area.slug in focus_area_slugs_followed(user=user),
        "can_follow": signed_in and user.has_perm("proposals.follow_focus_area", focus_area),
    }


# ---------- status badges and proposal cards, rendered once per content -------------------

STATUS_TEMPLATE = "frontend/proposals/_status.html"


def _kept(store: dict, key: tuple, render: Callable[[], object]):
    """What `render` gives, kept in `store` under `key` for the life of the process.

    Without DEBUG only: with it, templates reload when edited and a kept rendering would
    not. `key` must hold everything the rendering shows, the language included.
    """
    if settings.DEBUG:
        return render()
    found = store.get(key)
    if found is None:
        found = store[key] = render()
    return found


# Badges by language, status and outcome: a few dozen at most.
_BADGES: dict[tuple, str] = {}


@register.simple_tag
def status_badge(proposal) -> str:
    """The status badge of `proposal` (_status.html), rendered once per process, language,
    status and outcome: cards, pages and queues show one on every row."""
    status, outcome = proposal.status, proposal.outcome
    return _kept(
        _BADGES,
        (get_language(), status, outcome),
        lambda: get_template(STATUS_TEMPLATE).render(
            {"proposal": Proposal(status=status, outcome=outcome)}
        ),
    )


class Facts(NamedTuple):
    rows: str  # status, theme and focus area, for the facts list
    goals: str  # the focus area's UN goals, after it


# Facts of proposals without a focus area or theme, by language, status and outcome.
_UNCLASSIFIED_FACTS: dict[tuple, Facts] = {}


@register.simple_tag
def proposal_facts(proposal) -> Facts:
    """The status and classification rows of a proposal page's facts panel, and the UN
    goals of its focus area.

    They are the same for every proposal with the same status in the same area: the SDG
    badges and links of an area are rendered once per process and language, not on every
    first view of a page. The rendering is kept on the taxonomy object the proposal
    carries (taxonomy_attach's in-process copy, replaced when the taxonomy changes), so a
    renamed area never shows its old name.
    """
    holder = proposal.focus_area if proposal.focus_area_id else proposal.theme
    store = holder.__dict__.setdefault("_facts_html", {}) if holder else _UNCLASSIFIED_FACTS
    key = (get_language(), proposal.status, proposal.outcome, proposal.theme_id)
    return _kept(store, key, lambda: _facts_render(proposal))


def _facts_render(proposal) -> Facts:
    context = {"proposal": proposal}
    return Facts(
        rows=get_template("frontend/proposals/_facts_rows.html").render(context),
        goals=get_template("frontend/proposals/_facts_goals.html").render(context),
    )


CARD_TEMPLATES = ("frontend/proposals/_card.html", STATUS_TEMPLATE)
CARD_TTL_SECONDS = 6 * 3600


@functools.cache
def _card_template_digest() -> str:
    """Changes when the card markup changes, so a deploy never serves old cached cards."""
    sources = (get_template(name).template.source for name in CARD_TEMPLATES)
    return hashlib.blake2b("\0".join(sources).encode(), digest_size=8).hexdigest()


def _card_key(proposal, *, shared: tuple) -> str:
    """Everything a card shows, so a cached card is never stale: any change is a new key.

    `shared` holds what is the same for every card of a list (_card_key_shared).
    """
    author = proposal.author
    parts = (
        proposal.pk,
        proposal.title,
        proposal.status,
        proposal.outcome,
        proposal.focus_area.name if proposal.focus_area_id else "",
        proposal.theme.name if proposal.theme_id else "",
        author.public_name,
        proposal.published_at.isoformat() if proposal.published_at else "",
        proposal.support_count,
        proposal.comment_count,
        bool(getattr(proposal, "is_supported", False)),
        shared,
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"proposal-card:{digest}"


def _card_key_shared(*, heading_tag: str, hide_area: bool) -> tuple:
    return (
        heading_tag,
        hide_area,
        get_language(),
        get_current_timezone_name(),
        _card_template_digest(),
    )


@register.simple_tag
def proposal_cards(proposals, heading_tag: str = "h2", hide_area: bool = False) -> list[str]:
    """The card of each proposal as HTML, from the cache where the same card was rendered.

    Cards are most of a list page's rendering time. The key holds every value a card
    shows (counts, names, language, the visitor's own support flag), so no card is ever
    out of date; nothing else about the visitor goes into a card. `proposals` are
    ProposalCards (proposal_cards_from_rows), their theme and focus area attached.
    """
    proposals = list(proposals)
    shared = _card_key_shared(heading_tag=heading_tag, hide_area=hide_area)
    keys = [_card_key(p, shared=shared) for p in proposals]
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
        cache.set_many(missing, timeout=CARD_TTL_SECONDS)
    return cards
