"""What people do with a public proposal: support, follow, comment, report; following areas.

Every action is a POST that works as a plain form (redirect back to the page with a
message) and, sent by htmx (HX-Request), answers with just the fragment that changed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engage.ratelimit import RateLimited
from engage.taxonomy.models import FocusArea
from engage.taxonomy.selectors import focus_area_get
from frontend.forms.proposals import (
    CommentEditForm,
    CommentForm,
    ReportForm,
    error_text,
    errors_from_service,
)
from frontend.htmx import is_htmx, rate_limited_response, render_fragment
from frontend.views.proposals import detail_context, proposal_or_404, proposal_permissions
from proposals import services
from proposals.models import Comment, Proposal
from proposals.selectors.public import comment_get_visible


def _comment_or_404(request: HttpRequest, pk: int) -> Comment:
    try:
        return comment_get_visible(pk=pk, user=request.user)
    except Comment.DoesNotExist:
        raise Http404("No such comment") from None


def _panel(request: HttpRequest, pk: int, template: str, **extra) -> HttpResponse:
    """The re-read proposal (fresh counters) rendered into one of its page's panels."""
    proposal = proposal_or_404(request, pk)
    context = {"proposal": proposal, "can": proposal_permissions(request, proposal), **extra}
    return render_fragment(request, template, context)


# ---------- support and follow ------------------------------------------------------------


@login_required
@require_POST
def proposal_support(request: HttpRequest, pk: int) -> HttpResponse:
    """action=support adds the person's support; action=withdraw takes it back."""
    proposal = proposal_or_404(request, pk)
    withdraw = request.POST.get("action") == "withdraw"
    if not withdraw and not request.user.has_perm("proposals.support_proposal", proposal):
        raise PermissionDenied
    try:
        if withdraw:
            services.proposal_unsupport(proposal=proposal, user=request.user)
            message = _("Your support has been withdrawn.")
        else:
            services.proposal_support(proposal=proposal, user=request.user)
            message = _("Thank you for your support.")
    except RateLimited as exc:
        return rate_limited_response(request, exc)
    except ValidationError as exc:
        return _failed(request, proposal, exc, "frontend/proposals/_support.html")
    if is_htmx(request):
        return _panel(request, pk, "frontend/proposals/_support.html", status_message=message)
    messages.success(request, message)
    return redirect(proposal)


@login_required
@require_POST
def proposal_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """action=follow or action=unfollow: updates about the proposal by notification."""
    proposal = proposal_or_404(request, pk)
    unfollow = request.POST.get("action") == "unfollow"
    if not unfollow and not request.user.has_perm("proposals.follow_proposal", proposal):
        raise PermissionDenied
    try:
        if unfollow:
            services.proposal_unfollow(proposal=proposal, user=request.user)
            message = _("You no longer follow this proposal.")
        else:
            services.proposal_follow(proposal=proposal, user=request.user)
            message = _("You now follow this proposal and will hear when it changes.")
    except ValidationError as exc:
        return _failed(request, proposal, exc, "frontend/proposals/_follow.html")
    if is_htmx(request):
        return _panel(request, pk, "frontend/proposals/_follow.html", status_message=message)
    messages.success(request, message)
    return redirect(proposal)


def _failed(request, proposal: Proposal, exc: ValidationError, template: str) -> HttpResponse:
    text = error_text(exc)
    if is_htmx(request):
        return _panel(request, proposal.pk, template, error_message=text)
    messages.error(request, text)
    return redirect(proposal)


# ---------- reports -----------------------------------------------------------------------


@login_required
@require_POST
def proposal_report(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(request, pk)
    if not request.user.has_perm("proposals.report_proposal", proposal):
        raise PermissionDenied
    form = ReportForm(request.POST)
    reported = False
    if form.is_valid():
        try:
            services.report_create(reporter=request.user, proposal=proposal, **form.cleaned_data)
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            reported = True
    if is_htmx(request):
        context = {"proposal": proposal, "report_form": form, "reported": reported}
        return render_fragment(request, "frontend/proposals/_report_panel.html", context)
    if reported:
        messages.success(request, _("Thank you. The moderators will look at your report."))
        return redirect(proposal)
    context = detail_context(request, proposal, report_form=form)
    return render(request, "frontend/proposals/detail.html", {**context, "report_open": True})


@login_required
@require_http_methods(["GET", "POST"])
def comment_report(request: HttpRequest, comment_pk: int) -> HttpResponse:
    comment = _comment_or_404(request, comment_pk)
    if not request.user.has_perm("proposals.report_comment", comment):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(reporter=request.user, comment=comment, **form.cleaned_data)
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect(f"{comment.proposal.get_absolute_url()}#comment-{comment.pk}")
    context = {"comment": comment, "proposal": comment.proposal, "form": form}
    return render(request, "frontend/proposals/comment_report.html", context)


# ---------- comments ----------------------------------------------------------------------


def _comments_fragment(request: HttpRequest, proposal: Proposal, message: str = "", **forms):
    proposal.refresh_from_db(fields=["comment_count"])  # the services changed it in SQL
    context = {**detail_context(request, proposal, **forms), "status_message": message}
    return render_fragment(request, "frontend/proposals/_comments.html", context)


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A top-level comment, or a reply when the form carries `parent`."""
    proposal = proposal_or_404(request, pk)
    if not request.user.has_perm("proposals.comment_proposal", proposal):
        raise PermissionDenied
    parent_pk = request.POST.get("parent") or ""
    auto_id = f"id_reply{parent_pk}_%s" if parent_pk.isdigit() else "id_%s"
    form = CommentForm(request.POST, auto_id=auto_id)
    comment = None
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = _comment_or_404(request, form.cleaned_data["parent"])
        try:
            comment = services.comment_create(
                proposal=proposal,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=parent,
            )
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            errors_from_service(form, exc)
    forms = {"reply_form": form} if parent_pk.isdigit() else {"comment_form": form}
    message = _("Your comment has been published.") if comment else ""
    if is_htmx(request):
        return _comments_fragment(request, proposal, message, **({} if comment else forms))
    if comment:
        messages.success(request, message)
        return redirect(f"{proposal.get_absolute_url()}#comment-{comment.pk}")
    context = detail_context(request, proposal, **forms)
    return render(request, "frontend/proposals/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """GET: the edit form (inline under htmx, a page otherwise); POST saves."""
    comment = _comment_or_404(request, comment_pk)
    if not request.user.has_perm("proposals.change_comment", comment):
        raise PermissionDenied
    proposal = comment.proposal
    form = CommentEditForm(
        request.POST or None, auto_id=f"id_edit{comment.pk}_%s", initial={"body": comment.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, body=form.cleaned_data["body"])
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            message = _("Your comment has been changed.")
            if is_htmx(request):
                return _comments_fragment(request, proposal, message)
            messages.success(request, message)
            return redirect(f"{proposal.get_absolute_url()}#comment-{comment.pk}")
    context = {"comment": comment, "proposal": proposal, "form": form}
    if is_htmx(request):
        response = render_fragment(request, "frontend/proposals/_comment_edit_form.html", context)
        # A refused save shows its errors in place of the form, not of all the comments.
        response["HX-Retarget"] = f"#comment-{comment.pk}"
        return response
    return render(request, "frontend/proposals/comment_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes (the comment's place stays, marked deleted)."""
    comment = _comment_or_404(request, comment_pk)
    if not request.user.has_perm("proposals.delete_comment", comment):
        raise PermissionDenied
    proposal = comment.proposal
    if request.method == "GET":
        context = {"comment": comment, "proposal": proposal}
        return render(request, "frontend/proposals/comment_delete.html", context)
    services.comment_delete(comment=comment)
    message = _("The comment has been deleted.")
    if is_htmx(request):
        return _comments_fragment(request, proposal, message)
    messages.success(request, message)
    return redirect(f"{proposal.get_absolute_url()}#comment-{comment.pk}")


# ---------- focus areas -------------------------------------------------------------------


@login_required
@require_POST
def focus_area_follow(request: HttpRequest, slug: str) -> HttpResponse:
    """action=follow or action=unfollow: new proposals in the area by notification."""
    try:
        focus_area = focus_area_get(slug=slug)
    except FocusArea.DoesNotExist:
        raise Http404("No such focus area") from None
    if not request.user.has_perm("proposals.follow_focus_area", focus_area):
        raise PermissionDenied
    unfollow = request.POST.get("action") == "unfollow"
    if unfollow:
        services.focus_area_unfollow(focus_area=focus_area, user=request.user)
        message = _("You no longer follow this focus area.")
    else:
        services.focus_area_follow(focus_area=focus_area, user=request.user)
        message = _("You now follow this focus area and will hear about new proposals.")
    if is_htmx(request):
        context = {
            "focus_area": focus_area,
            "is_followed": not unfollow,  # both services leave exactly that state
            "status_message": message,
        }
        return render_fragment(request, "frontend/proposals/_focus_area_follow.html", context)
    messages.success(request, message)
    return redirect("frontend:focus_area", slug=focus_area.slug)
