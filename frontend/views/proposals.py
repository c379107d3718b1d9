"""Proposal pages: the public list and page, writing a draft, and the person's own proposals.

Views stay thin: forms check the shape of input, proposals.services do the writes and
raise ValidationError for anything a person can fix, and proposals.rules decide who may.
"""

import logging
from dataclasses import dataclass
from urllib.parse import quote

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engage.cache import (
    list_page_key,
    list_rendering_key,
    proposal_page_key,
    rendering_seconds,
    taxonomy_version,
)
from engage.ratelimit import RateLimited
from engage.taxonomy.choices import FilterChoices, filter_choices_get
from engage.taxonomy.selectors import theme_list
from frontend.forms.proposals import (
    AREA_PREFIX,
    CommentForm,
    ProposalCreateForm,
    ProposalFilterForm,
    ProposalForm,
    ProposalImageForm,
    ReportForm,
    classification_initial,
    error_text,
    errors_from_service,
)
from frontend.htmx import is_htmx, rate_limited_response, render_fragment
from frontend.pagination import CappedPaginator
from frontend.sharing import page_is_shareable, shared_page_response
from partnerships.selectors import organisation_choices_for_member
from proposals import services
from proposals.lifecycle import OPEN_STATUSES, InvalidTransition, Status
from proposals.models import Comment, Proposal
from proposals.routing import suggester_get
from proposals.selectors.page import (
    ProposalPage,
    comment_list_for_proposal,
    proposal_get_visible,
    proposal_page_get_visible,
    proposal_timeline_list,
)
from proposals.selectors.public import (
    ProposalFilters,
    proposal_cards_complete,
    proposal_count_public,
    proposal_list_cards,
    proposal_list_for_author,
    proposal_list_public,
    proposal_list_similar,
    proposal_rejection_notes_get,
    proposal_supported_any,
)
from proposals.services.proposals import MAX_IMAGES

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
FILTER_SELECTS = ("theme", "focus_area", "sdg", "status", "sort")
SIMILAR_MIN_LENGTH = 3
# Fewer characters than this say too little for a focus-area suggestion.
SUGGEST_MIN_LENGTH = 12
# Service field names that the proposal form calls something else.
FORM_FIELDS = {"focus_area": "classification", "theme": "classification"}


# ---------- what the proposal page and its fragments share ------------------------------


def proposal_or_404(request: HttpRequest, pk: int) -> Proposal:
    try:
        return proposal_get_visible(pk=pk, user=request.user)
    except Proposal.DoesNotExist:
        raise Http404("No such proposal") from None


def _annotate_comments(request: HttpRequest, comments: list[Comment]) -> None:
    """Attach can_edit / can_delete / can_report and show_body (the reply boxes are
    written by proposal_tags.comment_reply).

    The permission checks run in Python on rows already loaded, so a page with many
    comments costs no extra queries (except the group check for moderators).
    """
    user = request.user
    if not user.is_authenticated:
        # Nobody signed out may edit, delete, report or reply: skip asking for each.
        for comment in comments:
            for item in [comment, *comment.reply_list]:
                item.can_edit = item.can_delete = item.can_report = False
                item.show_body = not item.is_hidden
        return
    # A rules-only perm: asking rules directly spares ModelBackend's two permission queries.
    moderator = rules.has_perm("proposals.moderate_proposal", user)
    for comment in comments:
        for item in [comment, *comment.reply_list]:
            own = item.author_id == user.pk
            item.can_edit = own and user.has_perm("proposals.change_comment", item)
            item.can_delete = (own or moderator) and user.has_perm("proposals.delete_comment", item)
            item.can_report = not own and user.has_perm("proposals.report_comment", item)
            # A hidden comment shows a marker; its text is for its author and moderators
            # (proposals.rules.comment_text_visible_to, without asking again per comment).
            item.show_body = not item.is_hidden or own or moderator


def proposal_permissions(request: HttpRequest, proposal: Proposal) -> dict[str, bool]:
    user = request.user
    can = {
        name: user.has_perm(f"proposals.{name}_proposal", proposal)
        for name in ("support", "comment", "follow", "report", "change", "submit")
    }
    return {**can, "open": proposal.status in OPEN_STATUSES}


def detail_context(
    request: HttpRequest,
    proposal: Proposal,
    *,
    page: ProposalPage | None = None,
    comment_form: CommentForm | None = None,
    reply_form: CommentForm | None = None,
    report_form: ReportForm | None = None,
) -> dict:
    """Everything the proposal page and its fragments need, in a fixed number of queries.

    `page`, from proposal_page_get_visible, brings the comments and timeline along.
    """
    can = proposal_permissions(request, proposal)
    comments = page.comments if page else comment_list_for_proposal(proposal=proposal)
    _annotate_comments(request, comments)
    if reply_form is not None:
        parent = reply_form.data.get("parent")
        matches = [c for c in comments if str(c.pk) == parent]
        if matches:
            matches[0].reply_form = reply_form
        else:  # not a top-level comment: show the error at the main comment form
            comment_form = reply_form
    return {
        "page_title": proposal.title,
        "proposal": proposal,
        # Where "log in to support/comment" leads: only people not signed in see those.
        "login_url": (
            None
            if request.user.is_authenticated
            else f"{reverse('account_login')}?next={quote(proposal.get_absolute_url(), safe='/')}"
        ),
        "comments": comments,
        "timeline": page.timeline if page else proposal_timeline_list(proposal=proposal),
        # Forms only for who may use them: building one costs a copy of all its fields.
        "comment_form": comment_form or (CommentForm() if can["comment"] else None),
        "report_form": report_form or (ReportForm() if can["report"] else None),
        "can": can,
    }


# ---------- public pages ----------------------------------------------------------------


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    partial = is_htmx(request) and request.headers.get("HX-Target") == "proposal-results"
    if partial or not page_is_shareable(request):
        return _list_page(request, partial=partial)
    key = list_page_key(query=request.GET.urlencode())
    return shared_page_response(
        request, key=key, render=lambda extra: _list_page(request, partial=False, extra=extra)
    )


def _list_page(request: HttpRequest, *, partial: bool, extra: dict | None = None) -> HttpResponse:
    choices = filter_choices_get()
    state = _filter_state(request, choices=choices)
    fragments = _list_fragments(request, state.filters, partial=partial)
    if partial:
        response = HttpResponse(fragments["results"])
        patch_vary_headers(response, ["HX-Request"])
        return response
    context = {
        "form": state.form,
        "filter_key": state.select_key,
        "q": state.q,
        "fragments": fragments,
        **(extra or {}),
    }
    return render_fragment(request, "frontend/proposals/list.html", context)


@dataclass(frozen=True)
class FilterState:
    filters: ProposalFilters
    form: ProposalFilterForm
    select_key: tuple  # what the filter selects show: the key of their cached rendering
    q: str  # the search box's value, as typed


def _filter_state(request: HttpRequest, *, choices: FilterChoices) -> FilterState:
    """The list's filters from the query string, checked by ProposalFilterForm."""
    form = ProposalFilterForm(request.GET, choices=choices)
    filters = ProposalFilters(
        theme=form.value("theme"),
        focus_area=form.value("focus_area"),
        sdg=form.value("sdg"),
        status=form.value("status"),
        q=form.value("q"),
        sort=form.value("sort") or "newest",
    )
    select_key = (
        taxonomy_version(),
        *(form[name].value() if name not in form.errors else "!" for name in FILTER_SELECTS),
    )
    return FilterState(filters=filters, form=form, select_key=select_key, q=form["q"].value() or "")


def _list_fragments(request: HttpRequest, filters: ProposalFilters, *, partial: bool) -> dict:
    """The result count and the result list, rendered.

    Shared: one rendering per filter, page and language until a proposal changes
    (engage.cache), for anyone whose page shows nothing personal. The only personal thing
    on it is "You support this": a signed-in person who supports a proposal on the page
    gets a rendering of their own, which is not kept.
    """
    key = list_rendering_key(query=request.GET.urlencode(), partial=partial)
    shared = cache.get(key)
    if shared is not None and not proposal_supported_any(
        user=request.user, proposal_ids=shared["ids"]
    ):
        return shared
    queryset = proposal_list_cards(proposal_list_public(filters=filters, user=request.user))
    number = request.GET.get("page")
    paginator = CappedPaginator(
        queryset,
        PAGE_SIZE,
        number=number,
        ids_first=bool(filters.q),
        counter=lambda limit: proposal_count_public(filters=filters, limit=limit),
    )
    page = paginator.get_page(number)
    page.object_list = proposal_cards_complete(proposals=page.object_list)
    page_numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    context = {"page": page, "page_numbers": page_numbers, "swap_count": partial}
    fragments = {
        "count": render_to_string("frontend/proposals/_count.html", context, request),
        "results": render_to_string("frontend/proposals/_results.html", context, request),
        "ids": [proposal.pk for proposal in page.object_list],
    }
    personal = any(getattr(proposal, "is_supported", False) for proposal in page.object_list)
    if not personal:
        cache.set(key, fragments, rendering_seconds())
    return fragments


@require_GET
def proposal_similar(request: HttpRequest) -> HttpResponse:
    """Public proposals like the title being typed, so people can support one instead."""
    title = request.GET.get("title", "").strip()[:200]
    exclude = request.GET.get("exclude", "")
    proposals = []
    if len(title) >= SIMILAR_MIN_LENGTH:
        proposals = proposal_list_similar(
            text=title, exclude_pk=int(exclude) if exclude.isdigit() else None
        )
    return render(request, "frontend/proposals/_similar.html", {"similar": proposals})


@login_required
@require_GET
def proposal_suggest(request: HttpRequest) -> HttpResponse:
    """The theme/focus-area select of the proposal form, with the suggester's best focus
    area pre-selected while the person has not chosen one, and a hint naming it.

    htmx asks for it when the title or text changes; without JavaScript the select is
    simply left as the person sets it. `classification_suggested` is what this endpoint
    chose last time: a value still equal to it was not chosen by the person.
    """
    title = request.GET.get("title", "").strip()[:200]
    body = request.GET.get("body", "").strip()[:10000]
    themes = theme_list()
    field = ProposalForm(themes=themes).fields["classification"]
    chosen = request.GET.get("classification", "")
    if not field.valid_value(chosen):
        chosen = ""
    suggestion = None
    none_fits = False
    if len(f"{title} {body}") >= SUGGEST_MIN_LENGTH:
        ranking = suggester_get().rank(title=title, body=body, limit=3)
        best = ranking.best
        if best is not None and best.focus_area in field.areas:
            suggestion = field.areas[best.focus_area][1]
        none_fits = suggestion is None
    value, automatic = chosen, ""
    # A value this endpoint chose earlier follows the text, to nothing when none fits.
    if not chosen or chosen == request.GET.get("classification_suggested"):
        value = automatic = f"{AREA_PREFIX}{suggestion.slug}" if suggestion else ""
    form = ProposalForm(themes=themes, initial={"classification": value})
    context = {
        "form": form,
        "suggestion": suggestion,
        "none_fits": none_fits,
        "suggested_value": automatic,
        "oob": True,
    }
    return render_fragment(request, "frontend/proposals/_classification.html", context)


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Shared only with visitors who are not signed in: for them the page holds no form
    # and nothing personal. Signed-in people see their own support, follow and forms.
    if not page_is_shareable(request):
        return _detail_page(request, pk)
    # Only what answered 200 is kept, so a hidden or unknown proposal is refused every time.
    key = proposal_page_key(pk=pk, query=request.GET.urlencode())
    return shared_page_response(
        request, key=key, render=lambda extra: _detail_page(request, pk, extra=extra)
    )


def _detail_page(request: HttpRequest, pk: int, *, extra: dict | None = None) -> HttpResponse:
    page = _page_or_404(request, pk)
    context = detail_context(request, page.proposal, page=page)
    return render(request, "frontend/proposals/detail.html", {**context, **(extra or {})})


def _page_or_404(request: HttpRequest, pk: int) -> ProposalPage:
    try:
        return proposal_page_get_visible(pk=pk, user=request.user)
    except Proposal.DoesNotExist:
        raise Http404("No such proposal") from None


# ---------- writing a proposal ------------------------------------------------------------


def _after_save(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    if request.POST.get("action") == "preview":
        return redirect("frontend:proposal_preview", pk=proposal.pk)
    messages.success(request, _("Your draft has been saved. Only you can see it."))
    return redirect("frontend:proposal_edit", pk=proposal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("proposals.add_proposal"):
        raise PermissionDenied
    # A link from a focus area's page preselects that area.
    area = request.GET.get("focus_area", "")
    form = ProposalCreateForm(
        request.POST or None,
        themes=theme_list(),
        similar_url=reverse("frontend:proposal_similar"),
        organisations=organisation_choices_for_member(user=request.user),
        initial={"classification": f"{AREA_PREFIX}{area}"} if area else None,
    )
    if request.method == "POST":
        if form.is_spam:
            # Bots fill in the hidden field; tell them it worked and keep nothing.
            logger.warning("Proposal honeypot filled by user %s; nothing saved.", request.user.pk)
            messages.success(request, _("Your draft has been saved. Only you can see it."))
            return redirect("frontend:my_proposals")
        if form.is_valid():
            try:
                proposal = services.proposal_create(author=request.user, **form.service_kwargs())
            except ValidationError as exc:
                errors_from_service(form, exc, fields=FORM_FIELDS)
            else:
                return _after_save(request, proposal)
    return render(request, "frontend/proposals/form.html", {"form": form, "proposal": None})


def _own_draft_or_redirect(request: HttpRequest, pk: int, perm: str):
    """The author's draft, a redirect when it is no longer a draft, or 403/404."""
    proposal = proposal_or_404(request, pk)
    if request.user.has_perm(perm, proposal):
        return proposal, None
    if proposal.author_id == request.user.pk:
        messages.info(request, _("This proposal has been submitted and can no longer be changed."))
        return proposal, redirect(proposal)
    raise PermissionDenied


def _similar_url(proposal: Proposal) -> str:
    return f"{reverse('frontend:proposal_similar')}?exclude={proposal.pk}"


def _edit_page(
    request: HttpRequest,
    proposal: Proposal,
    *,
    form: ProposalForm | None = None,
    image_form: ProposalImageForm | None = None,
) -> HttpResponse:
    if form is None:
        form = ProposalForm(
            themes=theme_list(),
            similar_url=_similar_url(proposal),
            organisations=organisation_choices_for_member(user=proposal.author),
            initial={
                "organisation": proposal.organisation_id,
                "title": proposal.title,
                "body": proposal.body,
                "classification": classification_initial(proposal),
                "location_text": proposal.location_text,
                "latitude": proposal.latitude,
                "longitude": proposal.longitude,
            },
        )
    images = proposal.image_list  # from proposal_get_visible, in order
    context = {
        "form": form,
        "proposal": proposal,
        "images": images,
        "image_form": image_form or ProposalImageForm(),
        "can_add_image": len(images) < MAX_IMAGES,
        "max_images": MAX_IMAGES,
    }
    return render(request, "frontend/proposals/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal, leave = _own_draft_or_redirect(request, pk, "proposals.change_proposal")
    if leave:
        return leave
    if request.method == "GET":
        return _edit_page(request, proposal)
    form = ProposalForm(
        request.POST,
        themes=theme_list(),
        similar_url=_similar_url(proposal),
        organisations=organisation_choices_for_member(user=request.user),
    )
    if form.is_valid():
        changes = form.service_kwargs()
        if "organisation" not in changes and proposal.organisation_id is not None:
            # The author belongs to no organisation any more: the draft is theirs alone.
            changes["organisation"] = None
        try:
            proposal = services.proposal_update(proposal=proposal, **changes)
        except ValidationError as exc:
            errors_from_service(form, exc, fields=FORM_FIELDS)
        else:
            return _after_save(request, proposal)
    return _edit_page(request, proposal, form=form)


@login_required
@require_POST
def proposal_image_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal, leave = _own_draft_or_redirect(request, pk, "proposals.change_proposal")
    if leave:
        return leave
    image_form = ProposalImageForm(request.POST, request.FILES)
    if image_form.is_valid():
        try:
            services.proposal_image_add(
                proposal=proposal,
                upload=image_form.cleaned_data["image"],
                alt_text=image_form.cleaned_data["alt_text"],
            )
        except ValidationError as exc:
            errors_from_service(image_form, exc, fields={"image": "image"})
        else:
            messages.success(request, _("The image has been added."))
            return redirect("frontend:proposal_edit", pk=proposal.pk)
    return _edit_page(request, proposal, image_form=image_form)


@login_required
@require_POST
def proposal_image_remove(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    proposal, leave = _own_draft_or_redirect(request, pk, "proposals.change_proposal")
    if leave:
        return leave
    image = next((i for i in proposal.image_list if i.pk == image_pk), None)
    if image is None:
        raise Http404("No such image")
    try:
        services.proposal_image_remove(image=image)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The image has been removed."))
    return redirect("frontend:proposal_edit", pk=proposal.pk)


@login_required
@require_GET
def proposal_preview(request: HttpRequest, pk: int) -> HttpResponse:
    proposal, leave = _own_draft_or_redirect(request, pk, "proposals.submit_proposal")
    if leave:
        return leave
    return render(request, "frontend/proposals/preview.html", {"proposal": proposal})


@login_required
@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal, leave = _own_draft_or_redirect(request, pk, "proposals.submit_proposal")
    if leave:
        return leave
    try:
        proposal = services.proposal_submit(proposal=proposal, actor=request.user)
    except RateLimited as exc:
        return rate_limited_response(request, exc)
    except InvalidTransition as exc:
        messages.error(request, error_text(exc))
        return redirect("frontend:my_proposals")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("frontend:proposal_edit", pk=proposal.pk)
    if proposal.status == Status.SUBMITTED:
        messages.success(request, _("Thank you! Your proposal is awaiting moderation."))
    else:
        messages.success(request, _("Thank you! Your proposal has been published."))
    return redirect("frontend:my_proposals")


@login_required
@require_http_methods(["GET", "POST"])
def proposal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the draft."""
    proposal, leave = _own_draft_or_redirect(request, pk, "proposals.delete_proposal")
    if leave:
        return leave
    if request.method == "POST":
        try:
            services.proposal_delete_draft(proposal=proposal)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Your draft has been deleted."))
        return redirect("frontend:my_proposals")
    return render(request, "frontend/proposals/delete.html", {"proposal": proposal})


@login_required
@require_GET
def my_proposals(request: HttpRequest) -> HttpResponse:
    proposals = list(proposal_list_for_author(author=request.user))
    if any(proposal.status == Status.REJECTED for proposal in proposals):
        notes = proposal_rejection_notes_get(author=request.user)
        for proposal in proposals:
            proposal.rejection_note = notes.get(proposal.pk, "")
    return render(request, "frontend/proposals/my_proposals.html", {"proposals": proposals})
