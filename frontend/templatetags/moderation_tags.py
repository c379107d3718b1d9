"""Which staff links (moderation, teams, audit trail) the signed-in person gets in the menu."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, normalize_newlines
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engage.accounts.roles import user_roles
from frontend.forms.moderation import ReasonForm, reason_form_key
from frontend.html import esc
from frontend.templatetags.dkfds_forms import row_field
from frontend.templatetags.engage_site import icon, time_tag_maker
from frontend.templatetags.proposal_tags import status_badge
from frontend.urls_for import pk_url_maker
from proposals.lifecycle import Status
from proposals.models import Report
from proposals.selectors.moderation import ReportedComment

register = template.Library()

NO_VALUE = "\N{EN DASH}"


@register.simple_tag(takes_context=True)
def staff_links(context) -> dict:
    """{"moderate", "audit", "organisations", "team_url", "team_label"} for the menu.

    It mirrors proposals.rules (moderate_proposal, work_team_queue), engage.audit.rules
    (view_audit_trail) and partnerships.rules (verify_organisation),
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
        # Partnership coordinators' own work (moderators reach it from the moderation tabs).
        "organisations": roles.is_coordinator and not (is_moderator or user.is_superuser),
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
    return waiting_maker()(proposal)


def waiting_maker():
    """waiting, with each text translated once per table rather than once per row."""
    texts: dict[tuple[int, bool], str] = {}

    def make(proposal) -> str:
        key = (proposal.waiting_days, proposal.is_overdue)
        if key not in texts:
            days, overdue = key
            text = ngettext("%(days)s working day", "%(days)s working days", days) % {"days": days}
            if overdue:
                text = format_html(
                    '{} <span class="badge badge-small badge-error">{}</span>',
                    text,
                    _("Past service target"),
                )
            texts[key] = text
        return texts[key]

    return make


def _suggestion_buttons(proposal, *, accept_url: str, check: str, names: dict, label: str) -> str:
    """A triage row's one-click buttons, one per suggested focus area with its score
    (proposal.suggested, from moderation.annotate_waiting): each routes the proposal there.

    `names` keeps each area's escaped (slug, name) for the other rows of the page;
    `label` is "Route “%(title)s” to", translated.
    """
    route_label = esc(label % {"title": proposal.title})
    buttons = []
    for area, score in proposal.suggested:
        if area.slug not in names:
            names[area.slug] = (esc(area.slug), esc(area.name))
        slug, name = names[area.slug]
        buttons.append(
            f'\n<li class="mt-2"><button type="submit" class="function-link text-left" '
            f'formaction="{accept_url}" name="accept" value="{slug}">{check}<span>'
            f'<span class="sr-only">{route_label} </span>{name} '
            f"({round(score * 100)} %)</span></button></li>"
        )
    return f'<ul class="nobullet-list no-max-width">{"".join(buttons)}\n</ul>'


@register.simple_tag
def triage_rows(proposals, ticked: set[str]) -> SafeString:
    """The triage table's rows (frontend/moderation/_queue_results.html) in one pass.

    Written here rather than in the template: fifty rows of a dozen template nodes each
    were most of the triage page's time. Texts, URLs, formats and the icon are looked up
    once per page; every value from a row is escaped.
    """
    item_url = pk_url_maker("frontend:moderation_item")
    accept_url = pk_url_maker("frontend:moderation_accept")
    submitted = time_tag_maker("SHORT_DATE_FORMAT")
    waited = waiting_maker()
    check = icon("check")
    select_label = _("Select “%(title)s”")
    route_label = _("Route “%(title)s” to")
    by_label = _("By %(name)s")
    author_chose = esc(_("author chose"))
    no_suggestions = format_html('<span class="small-text">{}</span>', _("No suggestions"))
    names: dict[str, tuple[str, str]] = {}
    chosen_names: dict[int, str] = {}
    none_fits = format_html(
        '<span class="small-text"><strong>{}</strong></span>',
        _("None of the focus areas fits well."),
    )
    rows = []
    for proposal in proposals:
        pk = proposal.pk
        title = esc(proposal.title)
        chosen = proposal.focus_area or proposal.theme
        classified = ""
        if chosen:
            if id(chosen) not in chosen_names:
                chosen_names[id(chosen)] = f" · {author_chose} {esc(chosen.name)}"
            classified = chosen_names[id(chosen)]
        buttons = (
            _suggestion_buttons(
                proposal, accept_url=accept_url(pk), check=check, names=names, label=route_label
            )
            if proposal.suggested
            else no_suggestions
        )
        if getattr(proposal, "none_fits", False):
            buttons = none_fits + buttons
        rows.append(
            f"""
        <tr>
          <td><div class="form-group-checkbox">
            <input id="triage-{pk}" type="checkbox" class="form-checkbox" name="bulk-proposals" value="{pk}"{" checked" if str(pk) in ticked else ""}>
            <label for="triage-{pk}"><span class="sr-only">{select_label % {"title": title}}</span></label>
          </div></td>
          <td>
            <a href="{item_url(pk)}"><strong>{title}</strong></a><br>
            <span class="small-text">{by_label % {"name": esc(proposal.author_name)}}{classified}</span>
          </td>
          <td>{submitted(proposal.submitted_at)}<br><span class="small-text">{waited(proposal)}</span></td>
          <td>
            {buttons}
          </td>
        </tr>"""  # noqa: E501
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


@register.simple_tag
def secondary_area_fieldsets(field) -> SafeString:
    """The route form's secondary focus areas (a bound CheckboxSelectMultiple of grouped
    choices): one fieldset per theme, a DKFDS checkbox per focus area, with the ids
    Django gives the options ("<auto_id>_<theme index>_<area index>").

    Written here rather than looped over in frontend/moderation/item.html: forty-odd
    options of eight template nodes each were a third of the moderation page's nodes.
    """
    name = esc(field.html_name)
    chosen = {str(value) for value in field.field.widget.format_value(field.value())}
    fieldsets = []
    for group, (theme, options) in enumerate(field.field.choices):
        boxes = []
        for index, (value, label) in enumerate(options):
            option_id = esc(f"{field.auto_id}_{group}_{index}")
            checked = " checked" if str(value) in chosen else ""
            boxes.append(
                f"""
              <div class="form-group-checkbox">
                <input class="form-checkbox" type="checkbox" name="{name}" id="{option_id}" value="{esc(value)}"{checked}>
                <label class="form-label" for="{option_id}">{esc(label)}</label>
              </div>"""  # noqa: E501
            )
        fieldsets.append(
            f"""
            <fieldset class="mt-5">
              <legend class="form-label">{esc(theme)}</legend>{"".join(boxes)}
            </fieldset>"""
        )
    return mark_safe("".join(fieldsets))  # noqa: S308 (every value above is escaped)


@register.simple_tag
def team_rows(proposals, answered: bool) -> SafeString:
    """The team queue's rows (frontend/teams/queue.html) in one pass, like triage_rows."""
    item_url = pk_url_maker("frontend:team_item")
    day = time_tag_maker("SHORT_DATE_FORMAT")
    waited = waiting_maker()
    by_label = _("By %(name)s")
    note_label = esc(_("Note for the team"))
    # Translated once per page: a status badge and an area's name repeat down the rows.
    badges: dict[tuple[str, str], str] = {}
    areas: dict[int | None, str] = {}
    rows = []
    for proposal in proposals:
        title = esc(proposal.title)
        note = ""
        if proposal.team_note:
            note = (
                f'<br><span class="small-text"><strong>{note_label}:</strong> '
                f"{esc(Truncator(proposal.team_note).chars(160))}</span>"
            )
        if answered:
            when = day(proposal.answered_at)
        else:
            routed = day(proposal.routed_at)
            when = f"{routed}<br>" if routed else ""
            when += f'<span class="small-text">{waited(proposal)}</span>'
        if proposal.focus_area_id not in areas:
            area = proposal.focus_area
            areas[proposal.focus_area_id] = esc(area.name) if area else NO_VALUE
        badge_key = (proposal.status, proposal.outcome)
        if badge_key not in badges:
            badges[badge_key] = status_badge(proposal)
        name = esc(proposal.author.public_name)
        rows.append(
            f"""
      <tr>
        <td><a href="{item_url(proposal.pk)}"><strong>{title}</strong></a><br><span class="small-text">{by_label % {"name": name}}</span>{note}</td>
        <td>{areas[proposal.focus_area_id]}</td>
        <td>{badges[badge_key]}</td>
        <td>{when}</td>
        <td>{proposal.support_count}</td>
      </tr>"""  # noqa: E501
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


def _linebreaksbr(text: str) -> str:
    # The linebreaksbr filter: escaped, every line break a <br>.
    return esc(normalize_newlines(text)).replace("\n", "<br>")


@register.simple_tag
def audit_rows(entries) -> SafeString:
    """The audit trail's rows (frontend/moderation/audit_trail.html) in one pass, like
    triage_rows; each entry carries the labels that moderation.audit_trail attached."""
    item_url = pk_url_maker("frontend:moderation_item")
    moment = time_tag_maker("SHORT_DATETIME_FORMAT")
    system = f"<em>{esc(_('The system'))}</em>"
    type_names: dict[int, str] = {}  # a content type's name is translated on each ask
    rows = []
    for entry in entries:
        if entry.target_type_id not in type_names:
            type_names[entry.target_type_id] = esc(entry.target_type.name)
        actor = esc(entry.actor.email) if entry.actor else system
        details = "".join(
            '<br><span class="small-text">'
            + (f"{esc(detail['label'])}: " if detail.get("label") else "")
            + (
                f'<a href="{esc(detail["url"])}">{esc(detail["text"])}</a>'
                if detail.get("url")
                else esc(detail["text"])
            )
            + "</span>"
            for detail in entry.details
        )
        target = esc(entry.target_label)
        if entry.is_proposal:
            target = f'<a href="{item_url(entry.target_id)}">{target}</a>'
        states = ""
        if entry.from_state or entry.to_state:
            states = f"{esc(entry.from_label or NO_VALUE)} → {esc(entry.to_label or NO_VALUE)}"
        rows.append(
            f"""
      <tr>
        <td>{moment(entry.created_at)}</td>
        <td>{actor}</td>
        <td>{esc(entry.action_label)}{details}</td>
        <td>{target}<br><span class="small-text">{type_names[entry.target_type_id]} {esc(entry.target_id)}</span></td>
        <td>{states}</td>
        <td>{_linebreaksbr(entry.reason)}</td>
      </tr>"""  # noqa: E501
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


class _ReasonForms:
    """The cards' hide and restore forms: the one that failed (`failed` from the view:
    its reason_form_key and bound form, with the moderator's input and errors), else
    one blank ReasonForm given the card's ids (row_field writes only its ids per card)."""

    def __init__(self, context) -> None:
        self.context = context
        self.failed_key, self.failed_form = context.get("failed") or ("", None)
        self.blank = ReasonForm()
        self.csrf = esc(context.get("csrf_token") or "")
        self.urls = {
            (action, kind): pk_url_maker(f"frontend:moderation_{action}", kind=kind)
            for action in ("hide", "restore")
            for kind in ("proposal", "comment")
        }
        self.hint = {
            "hide": esc(_("The author sees this reason.")),
            "restore": esc(_("Kept in the audit trail.")),
        }
        self.reason_label = {"hide": _("Reason for hiding"), "restore": _("Reason for restoring")}

    def render(self, *, action: str, section: str, kind: str, pk: int, button: str) -> str:
        key = reason_form_key(action=action, section=section, kind=kind, pk=pk)
        form = self.failed_form if key == self.failed_key else self.blank
        form.auto_id = f"id_{key}_%s"
        field = row_field(self.context, form["reason"], label=self.reason_label[action])
        return (
            f'<form method="post" action="{esc(self.urls[action, kind](pk))}" class="mt-3" '
            "novalidate>\n"
            f'  <input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf}">\n'
            f'  <input type="hidden" name="section" value="{section}">\n'
            f"  {field}\n"
            f'  <p class="form-hint">{self.hint[action]}</p>\n'
            f'  <button type="submit" class="button button-secondary mt-3">{esc(button)}</button>\n'
            "</form>"
        )


class _Headings:
    """A reported or hidden card's heading and, for a comment, where it was written and
    what it says (a proposal's card says who wrote it itself)."""

    def __init__(self) -> None:
        self.item_url = pk_url_maker("frontend:moderation_item")
        self.proposal_url = pk_url_maker("frontend:proposal_detail")
        self.comment_by = _("Comment by %(name)s")
        self.on_the_proposal = esc(_("On the proposal"))

    def __call__(self, target, *, kind: str) -> tuple[str, str]:
        if kind == "proposal":
            return f'<a href="{self.item_url(target.pk)}">{esc(target.title)}</a>', ""
        heading = self.comment_by % {"name": esc(target.author.public_name)}
        link = f"{self.proposal_url(target.proposal_id)}#comment-{target.pk}"
        about = (
            f'<p class="small-text">{self.on_the_proposal} <a href="{esc(link)}">'
            f"{esc(target.proposal.title)}</a></p>\n"
            f'          <blockquote class="mt-3">{_linebreaksbr(target.body)}</blockquote>'
        )
        return heading, about


@register.simple_tag(takes_context=True)
def reported_cards(context, items) -> SafeString:
    """The reports page's cards, one per reported proposal or comment, with its open
    reports and its hide and restore forms, in one pass (like triage_rows): 25 cards
    through the template were most of the page's time. Texts, labels and URLs are looked
    up once per page."""
    words = {
        "proposal": esc(_("Proposal")),
        "comment": esc(_("Comment")),
        "hidden": esc(_("Hidden")),
        "visible": esc(_("Visible")),
        "why": esc(_("Why it is hidden")),
        "by": _("By %(name)s"),
        "hide": _("Hide"),
        "restore": _("Restore"),
        "keep": _("Keep visible and close the reports"),
    }
    reasons = {value: str(label) for value, label in Report.Reason.choices}
    statuses = {value: esc(label) for value, label in Status.choices}
    reported_at = time_tag_maker("SHORT_DATE_FORMAT")
    forms, heading_of = _ReasonForms(context), _Headings()
    reported_by: dict[int, str] = {}
    cards = []
    for item in items:
        target, kind = item.target, item.kind
        if target.is_hidden:
            state = f'<span class="badge badge-small badge-warning">{words["hidden"]}</span>'
        else:
            state = f'<span class="badge badge-small badge-info">{words["visible"]}</span>'
        heading, about = heading_of(target, kind=kind)
        if kind == "proposal":
            name = esc(target.author.public_name)
            about = (
                f'<p class="small-text">{words["by"] % {"name": name}} · '
                f"{statuses.get(target.status, esc(target.status))}</p>"
            )
        why = (
            f"<p><strong>{words['why']}:</strong> {esc(target.hidden_reason)}</p>"
            if target.is_hidden
            else ""
        )
        count = item.reporter_count
        if count not in reported_by:  # most cards share one of a few counts
            reported_by[count] = ngettext(
                "Reported by %(counter)s person", "Reported by %(counter)s people", count
            ) % {"counter": count}
        reported = reported_by[count]
        shown_reasons = sorted({reasons.get(r.reason, r.reason) for r in item.reports})
        reports = "".join(
            f"<li>{reported_at(report.created_at)}: "
            f"{esc(reasons.get(report.reason, report.reason))}"
            + (f" {NO_VALUE} “{esc(report.details)}”" if report.details else "")
            + "</li>"
            for report in item.reports
        )
        hide = ""
        if not target.is_hidden:
            hide_form = forms.render(
                action="hide", section="reports", kind=kind, pk=target.pk, button=words["hide"]
            )
            hide = f'<div class="col-12 col-md-6">\n{hide_form}\n</div>'
        restore_form = forms.render(
            action="restore",
            section="reports",
            kind=kind,
            pk=target.pk,
            button=words["restore"] if target.is_hidden else words["keep"],
        )
        cards.append(
            f"""
    <li class="mt-6">
      <article class="card" aria-labelledby="reported-{kind}-{target.pk}">
        <div class="card-content">
          <p class="card-subheading mt-0">{words[kind]} · {state}</p>
          <h3 id="reported-{kind}-{target.pk}" class="card-heading h4">{heading}</h3>
          {about}
          {why}
          <p><strong>{reported}</strong> · {esc(", ".join(shown_reasons))}</p>
          <ul class="small-text">{reports}</ul>
          <div class="row">
{hide}
<div class="col-12 col-md-6">
{restore_form}
</div>
          </div>
        </div>
      </article>
    </li>"""
        )
    return mark_safe("".join(cards))  # noqa: S308 (every value above is escaped)


@register.simple_tag(takes_context=True)
def hidden_cards(context, targets) -> SafeString:
    """The hidden-content page's cards, each with its restore form, in one pass (like
    reported_cards)."""
    words = {
        "proposal": esc(_("Proposal")),
        "comment": esc(_("Comment")),
        "hidden": esc(_("hidden")),
        "why": esc(_("Why it is hidden")),
        "restore": _("Restore"),
    }
    hidden_at = time_tag_maker("SHORT_DATETIME_FORMAT")
    forms, heading_of = _ReasonForms(context), _Headings()
    cards = []
    for target in targets:
        kind = "comment" if isinstance(target, ReportedComment) else "proposal"
        heading, about = heading_of(target, kind=kind)
        restore_form = forms.render(
            action="restore", section="hidden", kind=kind, pk=target.pk, button=words["restore"]
        )
        cards.append(
            f"""
    <li class="mt-6">
      <article class="card" aria-labelledby="hidden-{kind}-{target.pk}">
        <div class="card-content">
          <p class="card-subheading mt-0">{words[kind]} · {words["hidden"]} {hidden_at(target.hidden_at)}</p>
          <h3 id="hidden-{kind}-{target.pk}" class="card-heading h4">{heading}</h3>
          {about}
          <p><strong>{words["why"]}:</strong> {esc(target.hidden_reason)}</p>
          {restore_form}
        </div>
      </article>
    </li>"""  # noqa: E501
        )
    return mark_safe("".join(cards))  # noqa: S308 (every value above is escaped)
