"""Template tags that bring proposal data into pages whose views belong to other apps."""

import functools
import hashlib
import inspect
from typing import NamedTuple

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from engage.cache import card_keys, rendering_seconds
from engage.taxonomy.models import FocusArea
from frontend.forms.proposals import CommentForm
from frontend.html import esc
from frontend.templatetags.dkfds_forms import row_field
from frontend.templatetags.engage_site import icon, time_tag_maker
from frontend.urls_for import pk_url_maker
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
    goals of its focus area (`proposal.sdg_list`), written in Python: two templates and
    an include cost more than the rest of the panel."""
    rows = f"<dt>{esc(_('Status'))}</dt>\n  <dd>{status_badge(proposal)}</dd>"
    for label, url_name, item in (
        (_("Theme"), "frontend:theme", proposal.theme),
        (_("Focus area"), "frontend:focus_area", proposal.focus_area),
    ):
        if item:
            url = esc(reverse(url_name, args=[item.slug]))
            rows += f'\n  <dt>{esc(label)}</dt>\n  <dd><a href="{url}">{esc(item.name)}</a></dd>'
    goals = ""
    if proposal.focus_area:
        label = esc(_("UN goals"))
        goals = f'\n<h3 class="h5">{label}</h3>'
        sdgs = getattr(proposal, "sdg_list", None) or []
        if sdgs:
            goal = esc(_("UN goal"))
            badges = "".join(
                f'\n  <li><span class="sdg-badge sdg-badge--{sdg.number}"><span class="sr-only">'
                f'{goal} </span>{sdg.number}<span class="sr-only">:</span> {esc(sdg.name)}'
                "</span></li>"
                for sdg in sdgs
            )
            goals += f'\n<ul class="sdg-badge-list" aria-label="{label}">{badges}\n</ul>'
    return Facts(rows=mark_safe(rows), goals=mark_safe(goals))  # noqa: S308 (escaped above)


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
                    (p.organisation.name, bool(p.organisation.verified_at))
                    if p.organisation_id
                    else None,
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


# ---------- comments -----------------------------------------------------------------------


class _CommentWords:
    """What every comment on a page says alike, translated, escaped and reversed once."""

    def __init__(self) -> None:
        self.deleted = esc(_("This comment has been deleted"))
        self.team_badge = _("The municipality · %(team)s")
        self.moderator_badge = esc(_("The municipality · Moderator"))
        self.edited = esc(_("edited"))
        self.hidden = esc(_("Hidden by a moderator"))
        self.reason = _("Reason (only you see it): %(reason)s")
        self.moderators_only = esc(_("Only moderators see the text."))
        sr_only = '<span class="sr-only"> {}</span>'
        self.edit = icon("edit") + esc(_("Edit")) + sr_only.format(esc(_("your comment")))
        self.confirm = esc(_("Delete this comment? This cannot be undone."))
        self.delete = icon("delete") + esc(_("Delete")) + sr_only.format(esc(_("the comment")))
        self.report = f"{icon('flag')}{esc(_('Report'))}"
        self.report_whose = _("the comment by %(name)s")
        self.edit_url = pk_url_maker("frontend:comment_edit", pk_kwarg="comment_pk")
        self.delete_url = pk_url_maker("frontend:comment_delete", pk_kwarg="comment_pk")
        self.report_url = pk_url_maker("frontend:comment_report", pk_kwarg="comment_pk")
        self.created = time_tag_maker("DATETIME_FORMAT")


@register.simple_tag(takes_context=True)
def comment_article(context, comment, is_reply: bool = False) -> SafeString:
    """One comment (or reply) of frontend/proposals/_comments.html, with the actions the
    view allowed (can_edit, can_delete, can_report, show_body), written in Python: a
    discussion of fifty comments through an included template was most of its page."""
    words = context.render_context.get(_COMMENT_WORDS)
    if words is None:
        words = context.render_context[_COMMENT_WORDS] = _CommentWords()
    pk = comment.pk
    css = "comment comment-reply" if is_reply else "comment"
    if comment.is_deleted:
        inner = f'\n  <p class="mt-0"><em>{words.deleted}</em></p>\n  '
        return mark_safe(f'<article id="comment-{pk}" class="{css}">{inner}\n</article>')  # noqa: S308
    user = context.get("user")
    own = bool(user is not None and user.is_authenticated and comment.author_id == user.pk)
    badge = ""
    if comment.staff_role == "team":
        team = words.team_badge % {"team": esc(comment.staff_team_name)}
        badge = f' <span class="badge badge-small badge-info">{team}</span>'
    elif comment.staff_role == "moderator":
        badge = f' <span class="badge badge-small badge-info">{words.moderator_badge}</span>'
    edited = f" · {words.edited}" if comment.edited_at else ""
    head = (
        f'<p class="small-text mt-0 mb-0"><strong>{esc(comment.author.public_name)}</strong>'
        f"{badge} · {words.created(comment.created_at)}{edited}</p>"
    )
    reason = words.reason % {"reason": esc(comment.hidden_reason)} if own else ""
    if not comment.show_body:
        own_reason = f'<br><span class="small-text">{reason}</span>' if own else ""
        body = f'<p class="comment-body"><em>{words.hidden}</em>{own_reason}</p>'
    else:
        body = ""
        if comment.is_hidden:
            note = reason if own else words.moderators_only
            body = (
                f'<p class="mt-2 mb-0"><span class="badge badge-small badge-warning">'
                f'{words.hidden}</span> <span class="small-text">{note}</span></p>\n  '
            )
        body += f'<div class="comment-body">{comment.body_html}</div>'
    actions = []
    if comment.can_edit:
        url = words.edit_url(pk)
        actions.append(
            f'<li class="mr-5"><a class="function-link" href="{url}" hx-get="{url}" '
            f'hx-target="#comment-{pk}" hx-swap="outerHTML">{words.edit}</a></li>'
        )
    if comment.can_delete:
        url = words.delete_url(pk)
        actions.append(
            f'<li class="mr-5">\n      <form method="get" action="{url}" hx-post="{url}" '
            f'hx-confirm="{words.confirm}" hx-target="#comments" hx-swap="outerHTML">\n'
            f'        <button type="submit" class="function-link">{words.delete}</button>\n'
            "      </form></li>"
        )
    if comment.can_report:
        whose = words.report_whose % {"name": esc(comment.author.public_name)}
        actions.append(
            f'<li><a class="function-link" href="{words.report_url(pk)}">{words.report}'
            f'<span class="sr-only"> {whose}</span></a></li>'
        )
    listed = ""
    if actions:
        items = "\n    ".join(actions)
        listed = f'\n  <ul class="inline-list comment-actions small-text">\n    {items}\n  </ul>'
    return mark_safe(  # noqa: S308 (every value above is escaped; body_html is sanitised)
        f'<article id="comment-{pk}" class="{css}">\n  {head}\n  {body}{listed}\n</article>'
    )


_COMMENT_WORDS = "proposal_tags.comment_words"


@register.simple_tag(takes_context=True)
def comment_reply(context, comment, create_url: str) -> SafeString:
    """The reply box under a top-level comment (frontend/proposals/_comments.html), in
    Python like comment_article. A reply that failed (`comment.reply_form`, from the
    view) keeps the person's text and errors; every other box is written from one blank
    CommentForm given the comment's ids, as dkfds_forms.row_field writes only ids anew."""
    memo = context.render_context.get(_REPLY_WORDS)
    if memo is None:
        memo = context.render_context[_REPLY_WORDS] = {
            "blank": CommentForm(),
            "reply": esc(_("Reply")),
            "to": _("to %(name)s"),
            "send": esc(_("Send reply")),
            "csrf": esc(context.get("csrf_token") or ""),
            "url": esc(create_url),
        }
    form = getattr(comment, "reply_form", None)
    errors = ""
    if form is None:
        form = memo["blank"]
        form.auto_id = f"id_reply{comment.pk}_%s"
    elif form.errors:
        errors = get_template("frontend/account/_error_summary.html").render({"form": form})
    whose = memo["to"] % {"name": esc(comment.author.public_name)}
    url = memo["url"]
    field = row_field(context, form["body"])
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<details class="details ml-7 mt-3"{" open" if form.errors else ""}>\n'
        f'        <summary class="details-summary">{memo["reply"]}<span class="sr-only"> '
        f"{whose}</span></summary>\n"
        '        <div class="details-text">\n'
        f'          <form method="post" action="{url}" hx-post="{url}" hx-target="#comments" '
        'hx-swap="outerHTML" novalidate>\n'
        f'            <input type="hidden" name="csrfmiddlewaretoken" value="{memo["csrf"]}">\n'
        f"            {errors}\n"
        f'            <input type="hidden" name="{form["parent"].html_name}" '
        f'value="{comment.pk}">\n'
        f"            {field}\n"
        '            <button type="submit" class="button button-primary mt-5">'
        f"{memo['send']}</button>\n"
        "          </form>\n"
        "        </div>\n"
        "      </details>"
    )


_REPLY_WORDS = "proposal_tags.reply_words"
