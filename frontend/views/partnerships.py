"""Climate partnership pages: programmes (public, and their forms for coordinators),
applications, agreements with the municipality's commitments, and the coordinators'
workspace.

Views stay thin: forms check the shape of input, partnerships.services do the writes and
raise ValidationError for anything a person can fix, partnerships.rules decide who may,
and partnerships.selectors read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engage.taxonomy.choices import taxonomy_kept_get
from frontend.forms.commitments import checklist_ticked, measurable
from frontend.forms.partnerships import (
    AgreementActionForm,
    ApplicationForm,
    CommitmentForm,
    DecisionForm,
    ProgrammeForm,
    questions_text,
)
from frontend.forms.proposals import error_text, errors_from_service
from frontend.pagination import CappedPaginator
from frontend.views.access import permission_require
from frontend.views.commitments import partner_commitments_context
from partnerships import selectors, services
from partnerships.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    Commitment,
    Programme,
)
from partnerships.services.programmes import AGREEMENT_ACTIONS


def _programme_or_404(slug: str) -> Programme:
    try:
        return selectors.programme_get(slug=slug)
    except Programme.DoesNotExist:
        raise Http404 from None


def _application_or_404(pk: int) -> Application:
    try:
        return selectors.application_get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def _agreement_or_404(pk: int) -> Agreement:
    try:
        return selectors.agreement_get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


# --- programmes ------------------------------------------------------------------------


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    context = {
        "programmes": list(selectors.programme_list_public()),
        "can_add": request.user.has_perm("partnerships.add_programme"),
    }
    return render(request, "frontend/partnerships/programme_list.html", context)


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme_or_404(slug)
    user = request.user
    may_apply = (
        selectors.organisations_may_apply(user=user, programme=programme)
        if user.is_authenticated and programme.is_open
        else []
    )
    context = {
        "programme": programme,
        # Its partners are those with an agreement in it the public sees.
        "partners": selectors.programme_partner_agreements(programme=programme),
        "totals": selectors.programme_totals(programme=programme),
        "can_edit": user.has_perm("partnerships.change_programme", programme),
        "can_apply": bool(may_apply),
        "suggested": selectors.commitment_items_display(items=programme.suggested_commitments),
    }
    return render(request, "frontend/partnerships/programme_detail.html", context)


def _programme_form(request: HttpRequest, *, initial=None, suggested=()) -> ProgrammeForm:
    themes = taxonomy_kept_get().themes
    return ProgrammeForm(
        request.POST or None,
        initial=initial,
        themes=themes,
        coordinators=selectors.coordinator_choices(),
        suggested=suggested,
    )


def _programme_kwargs(form: ProgrammeForm) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "description": data["description"],
        "eligible_kinds": data["eligible_kinds"],
        "focus_areas": data["focus_areas"],
        "coordinators": selectors.coordinators_get(ids=form.coordinator_ids()),
        "reporting_rhythm": data["reporting_rhythm"],
        "questions": data["questions"],
        "is_open": data["is_open"],
        "suggested_commitments": form.row_commitments(),
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    permission_require(request, "partnerships.add_programme")
    form = _programme_form(request, initial={"coordinators": [str(request.user.pk)]})
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **_programme_kwargs(form))
        except ValidationError as exc:
            errors_from_service(form, exc, fields=form.row_error_fields())
        else:
            messages.success(request, _("The programme is created."))
            return redirect(programme)
    context = {"form": form, "programme": None}
    return render(request, "frontend/partnerships/programme_form.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme_or_404(slug)
    permission_require(request, "partnerships.change_programme", programme)
    form = _programme_form(
        request,
        initial={
            "name": programme.name,
            "description": programme.description,
            "eligible_kinds": programme.eligible_kinds,
            "focus_areas": [area.slug for area in programme.focus_areas.all()],
            "coordinators": [str(user.pk) for user in programme.coordinators.all()],
            "reporting_rhythm": programme.reporting_rhythm,
            "questions": questions_text(programme.questions),
            "is_open": programme.is_open,
        },
        suggested=programme.suggested_commitments,
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_update(
                programme=programme, actor=request.user, **_programme_kwargs(form)
            )
        except ValidationError as exc:
            errors_from_service(form, exc, fields=form.row_error_fields())
        else:
            messages.success(request, _("The programme is saved."))
            return redirect(programme)
    context = {"form": form, "programme": programme}
    return render(request, "frontend/partnerships/programme_form.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def programme_apply(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's admin applies on its behalf; with several organisations that may
    apply, they choose which."""
    programme = _programme_or_404(slug)
    organisations = selectors.organisations_may_apply(user=request.user, programme=programme)
    if not organisations:
        raise PermissionDenied
    themes = taxonomy_kept_get().themes
    suggested = programme.suggested_commitments
    form = ApplicationForm(
        request.POST or None,
        questions=programme.questions,
        organisations=organisations,
        initial={"organisation": organisations[0].slug} if len(organisations) == 1 else None,
        themes=themes,
        proposed=measurable(suggested),
        green_guide=checklist_ticked(suggested) if programme.uses_green_guide else None,
    )
    if request.method == "POST" and form.is_valid():
        organisation = next(o for o in organisations if o.slug == form.cleaned_data["organisation"])
        permission_require(request, "partnerships.apply_for_organisation", organisation)
        try:
            application = services.application_submit(
                programme=programme,
                organisation=organisation,
                actor=request.user,
                answers=form.answers(),
                proposed_commitments=form.commitments(),
            )
        except ValidationError as exc:
            errors_from_service(form, exc, fields=form.error_fields)
        else:
            messages.success(
                request,
                _("The application is sent. The programme's coordinators will answer it."),
            )
            return redirect(application)
    context = {"programme": programme, "form": form, "application": None}
    return render(request, "frontend/partnerships/application_form.html", context)


# --- applications ----------------------------------------------------------------------


def _application_page(
    request: HttpRequest, application: Application, *, form: DecisionForm | None = None
) -> HttpResponse:
    user = request.user
    can_decide = application.status == ApplicationStatus.SUBMITTED and user.has_perm(
        "partnerships.decide_application", application
    )
    context = {
        "application": application,
        "steps": list(application.steps.all()),
        "agreement": selectors.application_agreement(application=application)
        if application.status == ApplicationStatus.APPROVED
        else None,
        "can_decide": can_decide,
        "can_resubmit": application.status == ApplicationStatus.CHANGES_REQUESTED
        and user.has_perm("partnerships.resubmit_application", application),
        "form": (form or DecisionForm()) if can_decide else None,
        "proposed": selectors.commitment_items_display(items=application.proposed_commitments),
    }
    return render(
        request,
        "frontend/partnerships/application_detail.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@never_cache
@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    permission_require(request, "partnerships.view_application", application)
    return _application_page(request, application)


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    permission_require(request, "partnerships.decide_application", application)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.application_decide(
                application=application,
                actor=request.user,
                decision=data["decision"],
                message=data["message"],
                start_date=data["start_date"],
                review_date=data["review_date"],
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict") and exc.code == "not_submitted":
                messages.info(request, error_text(exc))
                return redirect(application)
            errors_from_service(form, exc)
        else:
            words = {
                ApplicationStatus.APPROVED: _(
                    "The application is approved and the agreement made."
                ),
                ApplicationStatus.DECLINED: _("The application is declined."),
                ApplicationStatus.CHANGES_REQUESTED: _(
                    "The organisation is asked to change its application."
                ),
            }
            messages.success(request, words[data["decision"]])
            return redirect(application)
    return _application_page(request, _application_or_404(pk), form=form)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def application_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_or_404(pk)
    permission_require(request, "partnerships.resubmit_application", application)
    if application.status != ApplicationStatus.CHANGES_REQUESTED:
        messages.info(request, _("This application is not waiting for changes."))
        return redirect(application)
    initial = {f"answer_{n}": a["answer"] for n, a in enumerate(application.answers)}
    themes = taxonomy_kept_get().themes
    proposed = application.proposed_commitments
    form = ApplicationForm(
        request.POST or None,
        questions=application.answers,
        initial=initial,
        themes=themes,
        proposed=measurable(proposed),
        green_guide=checklist_ticked(proposed) if application.programme.uses_green_guide else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_resubmit(
                application=application,
                actor=request.user,
                answers=form.answers(),
                proposed_commitments=form.commitments(),
            )
        except ValidationError as exc:
            errors_from_service(form, exc, fields=form.error_fields)
        else:
            messages.success(request, _("The application is sent again."))
            return redirect(application)
    steps = list(application.steps.all())
    context = {
        "programme": application.programme,
        "form": form,
        "application": application,
        "request_step": next((s for s in reversed(steps) if s.action == "changes_requested"), None),
    }
    return render(request, "frontend/partnerships/application_form.html", context)


# --- agreements ------------------------------------------------------------------------


def _agreement_page_or_404(pk: int) -> selectors.AgreementPage:
    try:
        return selectors.agreement_page_get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


def _agreement_page(
    request: HttpRequest,
    page: selectors.AgreementPage,
    *,
    action_form: AgreementActionForm | None = None,
    commitment_form: CommitmentForm | None = None,
) -> HttpResponse:
    """The agreement's page; the caller checked that the person may see it."""
    agreement = page.agreement
    can_change = request.user.has_perm("partnerships.change_agreement", agreement)
    actions = [
        action
        for action, (allowed_from, _to) in AGREEMENT_ACTIONS.items()
        if agreement.status in allowed_from
    ]
    editable = can_change and agreement.status != AgreementStatus.ENDED
    if editable and commitment_form is None:
        commitment_form = CommitmentForm(owners=page.coordinators)
    context = {
        "agreement": agreement,
        "commitments": page.commitments,
        "steps": page.steps,
        "can_change": can_change,
        "action_form": (action_form or AgreementActionForm(actions=actions))
        if can_change and actions
        else None,
        "commitment_form": commitment_form if editable else None,
        "can_edit_commitments": editable,
        "review_passed": agreement.status != AgreementStatus.ENDED
        and agreement.review_date < timezone.localdate(),
        "can_view_reports": request.user.has_perm("partnerships.view_reports", agreement),
        **partner_commitments_context(request, agreement, page.partner),
    }
    failed = (action_form is not None and action_form.errors) or (
        commitment_form is not None and commitment_form.errors
    )
    return render(
        request,
        "frontend/partnerships/agreement_detail.html",
        context,
        status=400 if failed else 200,
    )


@never_cache
@login_required
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = _agreement_page_or_404(pk)
    permission_require(request, "partnerships.view_agreement", page.agreement)
    return _agreement_page(request, page)


@login_required
@require_POST
def agreement_act(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    permission_require(request, "partnerships.change_agreement", agreement)
    actions = list(AGREEMENT_ACTIONS)
    form = AgreementActionForm(request.POST, actions=actions)
    if form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.agreement_act(
                agreement=agreement,
                actor=request.user,
                action=data["action"],
                reason=data["reason"],
                review_date=data["review_date"],
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(
                request,
                _("The agreement is now: %(status)s.")
                % {"status": agreement.get_status_display().lower()},
            )
            return redirect(agreement)
    page = _agreement_page_or_404(pk)
    form.fields["action"].choices = [
        choice
        for choice in form.fields["action"].choices
        if page.agreement.status in AGREEMENT_ACTIONS[choice[0]][0]
    ]
    return _agreement_page(request, page, action_form=form)


@login_required
@require_POST
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    permission_require(request, "partnerships.change_agreement", agreement)
    owners = selectors.programme_coordinator_choices(programme=agreement.programme)
    form = CommitmentForm(request.POST, owners=owners)
    if form.is_valid():
        data = form.cleaned_data
        owner = next(iter(selectors.coordinators_get(ids=[data["owner"]])), None)
        try:
            services.commitment_add(
                agreement=agreement,
                actor=request.user,
                text=data["text"],
                due_date=data["due_date"],
                owner=owner if data["owner"] else None,
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The commitment is added."))
            return redirect(agreement)
    return _agreement_page(request, _agreement_page_or_404(pk), commitment_form=form)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    agreement = _agreement_or_404(pk)
    permission_require(request, "partnerships.change_agreement", agreement)
    try:
        commitment = selectors.commitment_get(agreement=agreement, pk=commitment_pk)
    except Commitment.DoesNotExist:
        raise Http404 from None
    if agreement.status == AgreementStatus.ENDED:
        messages.info(request, _("The agreement has ended: its commitments can no longer change."))
        return redirect(agreement)
    owners = selectors.programme_coordinator_choices(programme=agreement.programme)
    form = CommitmentForm(
        request.POST or None,
        owners=owners,
        with_status=True,
        initial={
            "text": commitment.text,
            "due_date": commitment.due_date,
            "owner": commitment.owner_id,
            "status": commitment.status,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = next(iter(selectors.coordinators_get(ids=[data["owner"]])), None)
        try:
            services.commitment_update(
                commitment=commitment,
                actor=request.user,
                text=data["text"],
                due_date=data["due_date"],
                status=data["status"],
                owner=owner if data["owner"] else None,
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(request, _("The commitment is saved."))
            return redirect(agreement)
    context = {"agreement": agreement, "commitment": commitment, "form": form}
    return render(request, "frontend/partnerships/commitment_form.html", context)


# --- the coordinators' workspace -------------------------------------------------------


@never_cache
@login_required
@require_GET
def partnership_workspace(request: HttpRequest) -> HttpResponse:
    """Applications awaiting a decision (oldest first) and agreements whose review date
    has passed, in the programmes the person coordinates (all of them for an admin)."""
    permission_require(request, "partnerships.view_partnership_workspace")
    user = request.user
    number = request.GET.get("page")
    page = CappedPaginator(
        selectors.application_list_awaiting(user=user), 25, number=number
    ).get_page(number)
    context = {
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "reviews": list(
            selectors.agreement_list_review_due(user=user, today=timezone.localdate())[:50]
        ),
        "today": timezone.localdate(),
    }
    return render(request, "frontend/partnerships/workspace.html", context)
