"""Moderation pages: the triage queue, one proposal's triage page, reports and hidden
content, and the audit trail.

Views stay thin: proposals.rules decide who may (403 for signed-in people without the
permission, a login redirect for everyone else), proposals.services.moderation do the
writes, and a ValidationError from a service lands on the form that caused it.
InvalidTransition (someone else handled the proposal first) becomes a message, with
nothing changed. Every list runs a fixed number of queries.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from engage.audit.selectors import AuditFilters, audit_entry_list_visible
from engage.cache import bulk_fieldset_key
from engage.taxonomy.choices import taxonomy_kept_get
from engage.taxonomy.models import Team
from frontend.forms.moderation import (
    AUDIT_ACTIONS,
    AuditFilterForm,
    BulkForm,
    MergeForm,
    ReasonForm,
    RejectForm,
    RerouteForm,
    RouteForm,
    TriageFilterForm,
    UnmergeForm,
    reason_form_key,
)
from frontend.forms.proposals import error_text, errors_from_service
from frontend.htmx import is_htmx, render_fragment
from frontend.pagination import CappedPaginator
from proposals.lifecycle import ROUTABLE_STATUSES, InvalidTransition, Status, transition_allowed
from proposals.models import Comment, Proposal
from proposals.selectors.merge import proposal_merge_preview, proposal_merge_record
from proposals.selectors.moderation import (
    TriageFilters,
    hidden_content_list,
    proposal_get_for_moderation,
    report_workspace_list,
    service_clock_get,
    triage_queue_list,
)
from proposals.selectors.public import comment_get_visible, proposal_list_similar
from proposals.services import moderation as services

QUEUE_PAGE_SIZE = 50
BULK_FIELDSET_SECONDS = 3600
AUDIT_PAGE_SIZE = 50
# Service field names that these forms call something else.
MERGE_FIELDS = {"merged_into": "into"}


# ---------- shared helpers ----------------------------------------------------------------


def require_perm(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def taxonomy() -> tuple[list, list[Team], dict]:
    """Themes with their focus areas, all teams, and a slug → focus area map (no query)."""
    kept = taxonomy_kept_get()
    return kept.themes, kept.teams, {area.slug: area for area in kept.area_of.values()}


def annotate_waiting(proposals, *, since: str, areas: dict | None = None) -> None:
    """Attach waiting time in working days, the overdue flag and the suggestions to each row.

    Pure Python over rows already loaded, so a page of 50 costs no extra queries.
    """
    clock = service_clock_get()
    for proposal in proposals:
        start = getattr(proposal, since)
        proposal.waiting_days = clock.waiting_days(start) or 0
        proposal.is_overdue = clock.is_overdue(start)
        if areas is not None:
            proposal.suggested = [
                (areas[item["focus_area"]], item.get("score", 0))
                for item in proposal.suggestions or []
                if item.get("focus_area") in areas
            ][:3]
            # The suggester names no area when none fits well (services/routing.py).
            proposal.none_fits = bool(proposal.suggested) and not proposal.suggested_focus_area


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` address the form came from, if it is on this site; else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    try:
        return proposal_get_for_moderation(pk=pk, user=request.user)
    except Proposal.DoesNotExist:
        raise Http404("No such proposal") from None


# ---------- the triage queue --------------------------------------------------------------


@login_required
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    require_perm(request, "proposals.moderate_proposal")
    return _queue_page(request)


def _queue_page(request: HttpRequest, *, bulk_form: BulkForm | None = None) -> HttpResponse:
    themes, teams, areas = taxonomy()
    filter_form = TriageFilterForm(request.GET, themes=themes)
    filters = TriageFilters(
        theme=filter_form.value("theme"),
        suggested_focus_area=filter_form.value("suggested"),
        overdue=bool(filter_form.value("overdue")),
    )
    page = Paginator(triage_queue_list(filters=filters), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    annotate_waiting(page.object_list, since="submitted_at", areas=areas)
    context = {
        "filter_form": filter_form,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        # A bound form (the moderator's choices, with errors) is rendered for this request;
        # an unbound one is built only when its kept rendering is missing.
        "bulk_form": bulk_form,
        "bulk_fieldset_html": None
        if bulk_form is not None
        else _bulk_fieldset(lambda: BulkForm(themes=themes, teams=teams)),
        "ticked": set(bulk_form.data.getlist("bulk-proposals")) if bulk_form else set(),
        "query": request.GET.urlencode(),
        "target_days": service_target_days(),
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "triage-results":
        return render_fragment(
            request, "frontend/moderation/_queue_results.html", {**context, "swap_count": True}
        )
    return render_fragment(request, "frontend/moderation/queue.html", context)


def _bulk_fieldset(make_form: Callable[[], BulkForm]) -> str:
    """The unbound bulk form's fields (from `make_form`), rendered once per language and
    taxonomy version: its selects list every focus area and team, a third of the triage
    page's time."""
    return cache.get_or_set(
        bulk_fieldset_key(),
        lambda: render_to_string(
            "frontend/moderation/_bulk_fieldset.html", {"bulk_form": make_form()}
        ),
        BULK_FIELDSET_SECONDS,
    )


def service_target_days() -> int:
    from django.conf import settings

    return settings.PROPOSALS_SERVICE_TARGET_WORKING_DAYS


@login_required
@require_POST
def moderation_bulk(request: HttpRequest) -> HttpResponse:
    """Route or reject every ticked proposal; one failure does not stop the others."""
    require_perm(request, "proposals.moderate_proposal")
    themes, teams, _areas = taxonomy()
    form = BulkForm(request.POST, themes=themes, teams=teams)
    if not form.is_valid():
        return _queue_page(request, bulk_form=form)
    data = form.cleaned_data
    if data["action"] == BulkForm.ROUTE:
        outcomes = services.proposal_bulk_route(
            proposals=data["proposals"],
            actor=request.user,
            focus_area=data["focus_area"],
            team=data["team"],
            note=data["note"],
        )
    else:
        outcomes = services.proposal_bulk_reject(
            proposals=data["proposals"],
            actor=request.user,
            reason=data["reason"],
            note=data["note"],
        )
    done = sum(1 for outcome in outcomes if outcome.error is None)
    failed = [(o.proposal, o.error) for o in outcomes if o.error is not None]
    if done and data["action"] == BulkForm.ROUTE:
        messages.success(
            request,
            ngettext(
                "%(count)d proposal was published and routed.",
                "%(count)d proposals were published and routed.",
                done,
            )
            % {"count": done},
        )
    elif done:
        messages.success(
            request,
            ngettext("%(count)d proposal was rejected.", "%(count)d proposals were rejected.", done)
            % {"count": done},
        )
    for proposal, error in failed:
        messages.error(
            request,
            _("“%(title)s” was not changed: %(error)s") % {"title": proposal.title, "error": error},
        )
    query = request.GET.urlencode()
    return redirect(reverse("frontend:moderation_queue") + (f"?{query}" if query else ""))


# ---------- one proposal ------------------------------------------------------------------


@login_required
@require_GET
def moderation_item(request: HttpRequest, pk: int) -> HttpResponse:
    return item_page(request, _proposal(request, pk))


def item_page(
    request: HttpRequest,
    proposal: Proposal,
    *,
    route_form: RouteForm | None = None,
    reject_form: RejectForm | None = None,
    merge_form: MergeForm | None = None,
    reroute_form: RerouteForm | None = None,
    unmerge_form: UnmergeForm | None = None,
) -> HttpResponse:
    themes, teams, areas = taxonomy()
    since = "submitted_at" if proposal.status == Status.SUBMITTED else "routed_at"
    annotate_waiting([proposal], since=since, areas=areas)
    initial_area = proposal.focus_area.slug if proposal.focus_area_id else ""
    initial_area = initial_area or proposal.suggested_focus_area
    can_reroute = proposal.status in ROUTABLE_STATUSES and request.user.has_perm(
        "proposals.reroute_proposal", proposal
    )
    can_triage = proposal.status == Status.SUBMITTED
    can_merge = transition_allowed(current=proposal.status, target=Status.MERGED)
    merge_record = proposal_merge_record(proposal=proposal)
    # Only the forms the page shows are built: the routing and re-routing forms list
    # every focus area and team, and a proposal's status shows at most two sections.
    if can_triage:
        route_form = route_form or RouteForm(
            themes=themes, teams=teams, initial={"focus_area": initial_area}
        )
        reject_form = reject_form or RejectForm()
    if can_merge:
        merge_form = merge_form or MergeForm()
    if can_reroute:
        reroute_form = reroute_form or RerouteForm(themes=themes, teams=teams)
    if merge_record is not None:
        unmerge_form = unmerge_form or UnmergeForm()
    context = {
        "proposal": proposal,
        "secondary_areas": list(proposal.secondary_focus_areas.all()),
        "can_triage": can_triage,
        "can_merge": can_merge,
        "can_reroute": can_reroute,
        "route_form": route_form,
        "reject_form": reject_form,
        "merge_form": merge_form,
        "reroute_form": reroute_form,
        "merge_record": merge_record,
        "unmerge_form": unmerge_form,
    }
    return render(request, "frontend/moderation/item.html", context)


@login_required
@require_GET
def moderation_similar(request: HttpRequest, pk: int) -> HttpResponse:
    """Public proposals like this one (or like the search text): merge candidates.

    Loaded by htmx after the item page, so that page stays fast; without JavaScript a
    link opens this as a page of its own.
    """
    proposal = _proposal(request, pk)
    query = request.GET.get("q", "").strip()[:200]
    similar = proposal_list_similar(text=query or proposal.title, exclude_pk=proposal.pk, limit=8)
    context = {"proposal": proposal, "similar": similar, "q": query}
    context["can_merge"] = transition_allowed(current=proposal.status, target=Status.MERGED)
    if is_htmx(request):
        return render_fragment(request, "frontend/moderation/_similar.html", context)
    return render_fragment(request, "frontend/moderation/similar.html", context)


def _routed_message(request: HttpRequest, proposal: Proposal) -> None:
    messages.success(
        request,
        _("“%(title)s” was published and routed to %(area)s (%(team)s).")
        % {"title": proposal.title, "area": proposal.focus_area.name, "team": proposal.team.name},
    )


@login_required
@require_POST
def moderation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """One click on a suggestion: publish and route to that focus area and its team."""
    proposal = _proposal(request, pk)
    _themes, _teams, areas = taxonomy()
    area = areas.get(request.POST.get("accept", ""))
    back = safe_next(request, reverse("frontend:moderation_queue"))
    if area is None:
        messages.error(request, _("Unknown focus area. Nothing was changed."))
        return redirect(back)
    try:
        routed = services.proposal_route(proposal=proposal, actor=request.user, focus_area=area)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(back)
    _routed_message(request, routed)
    return redirect(back)


@login_required
@require_POST
def moderation_route(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    themes, teams, _areas = taxonomy()
    form = RouteForm(request.POST, themes=themes, teams=teams)
    if form.is_valid():
        data = form.cleaned_data
        try:
            routed = services.proposal_route(
                proposal=proposal,
                actor=request.user,
                focus_area=data["focus_area"],
                secondary_focus_areas=data["secondary_focus_areas"],
                team=data["team"],
                note=data["note"],
            )
        except InvalidTransition as exc:
            messages.error(request, error_text(exc))
            return redirect("frontend:moderation_item", pk=proposal.pk)
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            _routed_message(request, routed)
            return redirect("frontend:moderation_queue")
    return item_page(request, proposal, route_form=form)


@login_required
@require_POST
def moderation_reject(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_reject(
                proposal=proposal,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except InvalidTransition as exc:
            messages.error(request, error_text(exc))
            return redirect("frontend:moderation_item", pk=proposal.pk)
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(
                request,
                _("“%(title)s” was rejected. The author has been told why.")
                % {"title": proposal.title},
            )
            return redirect("frontend:moderation_queue")
    return item_page(request, proposal, reject_form=form)


@login_required
@require_POST
def moderation_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """First a confirmation page that says what the merge will do; its button merges."""
    proposal = _proposal(request, pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        try:
            target = proposal_get_for_moderation(pk=form.cleaned_data["into"], user=request.user)
        except Proposal.DoesNotExist:
            form.add_error("into", _("There is no proposal with this number."))
        else:
            try:
                services.proposal_merge_check(proposal=proposal, into=target)
            except InvalidTransition as exc:
                messages.error(request, error_text(exc))
                return redirect("frontend:moderation_item", pk=proposal.pk)
            except ValidationError as exc:
                errors_from_service(form, exc, fields=MERGE_FIELDS)
                return item_page(request, proposal, merge_form=form)
            if not form.cleaned_data["confirm"]:
                context = {
                    "preview": proposal_merge_preview(duplicate=proposal, target=target),
                    "form": form,
                    "undo_days": services.UNMERGE_DAYS,
                }
                return render(request, "frontend/moderation/merge_confirm.html", context)
            try:
                services.proposal_merge(
                    proposal=proposal,
                    into=target,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    expected_status=form.cleaned_data["expected_status"],
                )
            except InvalidTransition as exc:
                messages.error(request, error_text(exc))
                return redirect("frontend:moderation_item", pk=proposal.pk)
            except ValidationError as exc:
                errors_from_service(form, exc, fields=MERGE_FIELDS)
            else:
                messages.success(
                    request,
                    _(
                        "“%(title)s” was merged into “%(target)s”; its supporters moved along. "
                        "You can undo the merge on this page for %(days)d days."
                    )
                    % {
                        "title": proposal.title,
                        "target": target.title,
                        "days": services.UNMERGE_DAYS,
                    },
                )
                return redirect("frontend:moderation_item", pk=proposal.pk)
    return item_page(request, proposal, merge_form=form)


@login_required
@require_POST
def moderation_unmerge(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a merge: the proposal gets its status, supporters and followers back."""
    proposal = _proposal(request, pk)
    form = UnmergeForm(request.POST)
    if form.is_valid():
        try:
            restored = services.proposal_unmerge(
                proposal=proposal, actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:  # InvalidTransition too: nothing changed
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _("The merge is undone: “%(title)s” is “%(status)s” again, with its supporters.")
                % {"title": restored.title, "status": restored.get_status_display()},
            )
        return redirect("frontend:moderation_item", pk=proposal.pk)
    return item_page(request, proposal, unmerge_form=form)


# ---------- reports and hidden content ----------------------------------------------------


@login_required
@require_GET
def moderation_reports(request: HttpRequest) -> HttpResponse:
    require_perm(request, "proposals.hide_content")
    return _reports_page(request)


REPORTS_PER_PAGE = 25
HIDDEN_SHOWN = 50


def _reports_page(
    request: HttpRequest, *, failed: tuple[str, ReasonForm] | None = None
) -> HttpResponse:
    """`failed`: the key (reason_form_key) and bound form of a hide or restore that did
    not go through, shown on its card with the moderator's input and errors."""
    page = Paginator(report_workspace_list(), REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "items": page.object_list,
        "failed": failed,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "reported_count": page.paginator.count,
    }
    return render(request, "frontend/moderation/reports.html", context)


@login_required
@require_GET
def moderation_hidden(request: HttpRequest) -> HttpResponse:
    require_perm(request, "proposals.hide_content")
    return _hidden_page(request)


def _hidden_page(
    request: HttpRequest, *, failed: tuple[str, ReasonForm] | None = None
) -> HttpResponse:
    """The most recently hidden proposals and comments, each with its restore form
    (`failed` as for _reports_page)."""
    hidden_proposals, hidden_comments = hidden_content_list()
    hidden = sorted(
        [*hidden_proposals[:HIDDEN_SHOWN], *hidden_comments[:HIDDEN_SHOWN]],
        key=lambda target: target.hidden_at,
        reverse=True,
    )[:HIDDEN_SHOWN]
    context = {"hidden": hidden, "hidden_shown": HIDDEN_SHOWN, "failed": failed}
    return render(request, "frontend/moderation/hidden.html", context)


def _content(request: HttpRequest, kind: str, pk: int) -> Proposal | Comment:
    try:
        if kind == "proposal":
            return proposal_get_for_moderation(pk=pk, user=request.user)
        if kind == "comment":
            return comment_get_visible(pk=pk, user=request.user)
    except (Proposal.DoesNotExist, Comment.DoesNotExist):
        pass
    raise Http404("No such content")


def _content_action(request: HttpRequest, kind: str, pk: int, *, action: str) -> HttpResponse:
    require_perm(request, "proposals.hide_content")
    target = _content(request, kind, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        service = services.content_hide if action == "hide" else services.content_restore
        try:
            service(target=target, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            if action == "hide":
                text = _("The content is hidden. Its author has been told why.")
            else:
                text = _("The content is visible again and its reports are closed.")
            messages.success(request, text)
            if request.POST.get("section") == "hidden":
                return redirect("frontend:moderation_hidden")
            return redirect("frontend:moderation_reports")
    if request.POST.get("section") == "hidden":
        key = reason_form_key(action=action, section="hidden", kind=kind, pk=pk)
        return _hidden_page(request, failed=(key, form))
    key = reason_form_key(action=action, section="reports", kind=kind, pk=pk)
    return _reports_page(request, failed=(key, form))


@login_required
@require_POST
def moderation_hide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _content_action(request, kind, pk, action="hide")


@login_required
@require_POST
def moderation_restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _content_action(request, kind, pk, action="restore")


# ---------- the audit trail ---------------------------------------------------------------


def state_labels() -> dict[str, str]:
    """What an entry's from- and to-state is called in the current language (a
    proposal's status, a comment's or proposal's visibility, a member's role or an
    organisation's verification); asked once per page,
    not for each of the fifty rows' two states."""
    labels = {status.value: str(status.label) for status in Status}
    return {
        **labels,
        "hidden": _("hidden"),
        "visible": _("visible"),
        "admin": _("Administrator"),
        "member": _("Member"),
        "unverified": _("Not yet verified"),
        "verified": _("Verified"),
    }


@login_required
@require_GET
def audit_trail(request: HttpRequest) -> HttpResponse:
    """The append-only trail, filtered and paged; there is nothing to change here.

    Admins read every entry, moderators those of their own actions (engage.audit.rules).
    """
    require_perm(request, "audit.view_audit_trail")
    form = AuditFilterForm(request.GET)
    filters = AuditFilters(
        action=form.value("action") or "",
        actor_email=(form.value("actor") or "").strip(),
        target_type=form.value("object_type") or "",
        since=form.value("since"),
        until=form.value("until"),
    )
    entries = audit_entry_list_visible(user=request.user, filters=filters)
    # The trail only grows: counting all of it costs more than the page shown.
    number = request.GET.get("page")
    page = CappedPaginator(entries, AUDIT_PAGE_SIZE, number=number).get_page(number)
    _themes, teams, areas = taxonomy()
    names = {
        "focus_area": {slug: area.name for slug, area in areas.items()},
        "team": {team.slug: team.name for team in teams},
    }
    labels = state_labels()
    for entry in page.object_list:
        entry.action_label = AUDIT_ACTIONS.get(entry.action, entry.action)
        entry.from_label = labels.get(entry.from_state, entry.from_state)
        entry.to_label = labels.get(entry.to_state, entry.to_state)
        entry.is_proposal = entry.target_type.model == "proposal"
        entry.details = _entry_details(entry, names=names)
    context = {
        "form": form,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "sees_everyone": request.user.is_superuser,
    }
    return render(request, "frontend/moderation/audit_trail.html", context)


def _entry_details(entry, *, names: dict[str, dict[str, str]]) -> list[dict]:
    """Where a routing went and which proposal a merge joined, from what the entry kept:
    [{"label", "text", "url"}]. Areas and teams by their current names (`names`, slug →
    name), else as recorded; no query."""
    data = entry.data or {}
    details = []
    teams = names["team"]
    if entry.action == "proposal.reroute":
        entry.from_label = teams.get(entry.from_state) or data.get("from_team_name") or ""
        entry.to_label = teams.get(entry.to_state) or data.get("team_name") or entry.to_state
    if entry.action in {"proposal.route", "proposal.reroute"}:
        area = data.get("focus_area")
        if area:
            details.append({"label": _("Focus area"), "text": names["focus_area"].get(area, area)})
        team = data.get("team") or entry.to_state
        team_name = teams.get(team) or data.get("team_name") or team
        if team_name:
            details.append({"label": _("Team"), "text": team_name})
    for action, key, label in (
        ("proposal.merge", "into", _("Merged into")),
        ("proposal.unmerge", "from", _("Taken out of")),
    ):
        if entry.action == action and data.get(key):
            number = data[key]
            title = data.get(f"{key}_title") or _("No. %(number)s") % {"number": number}
            url = reverse("frontend:moderation_item", args=[number])
            details.append({"label": label, "text": title, "url": url})
    if entry.action == "proposal.merge":
        url = reverse("frontend:moderation_item", args=[entry.target_id]) + "#unmerge-heading"
        details.append({"label": "", "text": _("Undo the merge"), "url": url})
    return details
