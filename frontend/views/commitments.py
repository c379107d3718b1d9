"""The partner's measurable commitments in an agreement: their part of the agreement page,
and the pages that add, change and withdraw one.

Who may: partnerships.rules "change_partner_commitments" (the programme's coordinators and
the organisation's admins, while the agreement has not ended). The service validates
every field and keeps each change in the agreement's history.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from engage.taxonomy.choices import taxonomy_kept_get
from frontend.forms.commitments import PartnerCommitmentForm, WithdrawForm, commitment_initial
from frontend.forms.proposals import errors_from_service
from partnerships import selectors, services
from partnerships.models import Agreement, PartnerCommitment
from partnerships.selectors import CommitmentProgress
from partnerships.services.commitments import commitment_data

PERM = "partnerships.change_partner_commitments"


def partner_commitments_context(
    request: HttpRequest, agreement: Agreement, progress: list[CommitmentProgress]
) -> dict:
    """The agreement page's part: the partner's measurable commitments and its green
    actions by the guide's topics, each with its derived status (`progress`, from
    selectors.agreement_page_get), the withdrawn ones, and whether the person may change
    them."""
    active = [item for item in progress if item.commitment.withdrawn_at is None]
    topics: dict[str, list] = {}
    for item in active:
        if item.commitment.is_checklist and item.commitment.green_action:
            topics.setdefault(str(item.commitment.green_action.topic), []).append(item)
    return {
        "partner_commitments": [item for item in active if not item.commitment.is_checklist],
        "partner_actions": list(topics.items()),
        "partner_withdrawn": [
            item.commitment for item in progress if item.commitment.withdrawn_at is not None
        ],
        "can_change_partner_commitments": request.user.has_perm(PERM, agreement),
    }


def _agreement_or_404(pk: int) -> Agreement:
    try:
        return selectors.agreement_get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


def _commitment_or_404(agreement: Agreement, pk: int) -> PartnerCommitment:
    try:
        return selectors.partner_commitment_get(agreement=agreement, pk=pk)
    except PartnerCommitment.DoesNotExist:
        raise Http404 from None


def _allowed(request: HttpRequest, agreement: Agreement) -> None:
    if not request.user.has_perm(PERM, agreement):
        raise PermissionDenied


def _form(request: HttpRequest, agreement: Agreement, *, initial=None) -> PartnerCommitmentForm:
    themes = taxonomy_kept_get().themes
    return PartnerCommitmentForm(
        request.POST or None,
        themes=themes,
        with_checklist=agreement.programme.uses_green_guide,
        initial=initial,
    )


def _page(request, agreement, form, *, commitment=None) -> HttpResponse:
    context = {"agreement": agreement, "commitment": commitment, "form": form}
    return render(
        request,
        "frontend/partnerships/partner_commitment_form.html",
        context,
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def partner_commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    _allowed(request, agreement)
    form = _form(request, agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_commitment_add(
                agreement=agreement,
                actor=request.user,
                data=form.commitment(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The partner's commitment is added."))
            return redirect(agreement)
    return _page(request, agreement, form)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def partner_commitment_edit(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    _allowed(request, agreement)
    commitment = _commitment_or_404(agreement, commitment_pk)
    if commitment.withdrawn_at is not None:
        messages.info(request, _("This commitment is withdrawn: it can no longer change."))
        return redirect(agreement)
    form = _form(request, agreement, initial=commitment_initial(commitment_data(commitment)))
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_commitment_update(
                commitment=commitment,
                actor=request.user,
                data=form.commitment(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The partner's commitment is saved."))
            return redirect(agreement)
    return _page(request, agreement, form, commitment=commitment)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def partner_commitment_withdraw(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    _allowed(request, agreement)
    commitment = _commitment_or_404(agreement, commitment_pk)
    if commitment.withdrawn_at is not None:
        messages.info(request, _("This commitment is already withdrawn."))
        return redirect(agreement)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_commitment_withdraw(
                commitment=commitment, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The partner's commitment is withdrawn."))
            return redirect(agreement)
    context = {"agreement": agreement, "commitment": commitment, "form": form}
    return render(
        request,
        "frontend/partnerships/partner_commitment_withdraw.html",
        context,
        status=400 if form.errors else 200,
    )
