"""Organisation pages: the public profile, registering and editing one, its members and
invitations, the person's own organisations, and the staff list for verification.

Views stay thin: forms check the shape of input, partnerships.services do the writes and
raise ValidationError for anything a person can fix, and partnerships.rules decide who may.
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engage.taxonomy.choices import filter_choices_get
from frontend.charts import Sparkline, decimals_of, number_text
from frontend.forms.organisations import (
    InvitationForm,
    OrganisationForm,
    PartnerFilterForm,
    RoleForm,
)
from frontend.forms.proposals import error_text, errors_from_service
from frontend.htmx import is_htmx, render_fragment
from frontend.pagination import CappedPaginator
from frontend.views.access import permission_require
from partnerships import services
from partnerships.models import Invitation, Membership, Organisation, Role
from partnerships.selectors import (
    PARTNER_FILTER_NAMES,
    CommitmentHistory,
    PartnerFilters,
    application_list_for_organisation,
    invitation_get,
    invitation_list_open,
    membership_get,
    membership_list,
    organisation_agreements_public,
    organisation_get,
    organisation_list_for_member,
    organisation_list_for_staff,
    organisation_proposals_public,
    partner_list_public,
    programme_choices_public,
)
from proposals.selectors.public import proposal_cards_complete

PROPOSALS_PER_PAGE = 20
PARTNERS_PER_PAGE = 25


def _organisation_or_404(slug: str) -> Organisation:
    try:
        return organisation_get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    """The public directory of partners, filtered by the query string (kept in links)."""
    programmes = programme_choices_public()
    areas = filter_choices_get().focus_areas
    form = PartnerFilterForm(request.GET, programmes=programmes, focus_areas=areas)
    values = {name: form.value(name) for name in PARTNER_FILTER_NAMES}
    number = request.GET.get("page")
    paginator = CappedPaginator(
        partner_list_public(filters=PartnerFilters(**values)), PARTNERS_PER_PAGE, number=number
    )
    page = paginator.get_page(number)
    context = {
        # What is shown is what is used: a value left out shows as "All".
        "form": PartnerFilterForm(values, programmes=programmes, focus_areas=areas),
        "problems": form.problems(),
        "filtered": any(values.values()),
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }
    return render(request, "frontend/organisations/partner_list.html", context)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_or_404(slug)
    number = request.GET.get("page")
    paginator = CappedPaginator(
        organisation_proposals_public(organisation=organisation), PROPOSALS_PER_PAGE, number=number
    )
    page = paginator.get_page(number)
    # No proposals: nothing to read (planning the empty page's query costs as much).
    page.object_list = (
        proposal_cards_complete(proposals=page.object_list) if paginator.count else []
    )
    user = request.user
    can_view_members = user.has_perm("partnerships.view_members", organisation)
    # Both sides' commitments and the verified progress of the active agreements.
    agreements = organisation_agreements_public(organisation=organisation)
    context = {
        "organisation": organisation,
        "agreements": agreements,
        # Applications are the organisation's business: its members see them here.
        "applications": application_list_for_organisation(organisation=organisation)
        if user.has_perm("partnerships.submit_for_organisation", organisation)
        else [],
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "can_edit": user.has_perm("partnerships.change_organisation", organisation),
        "can_manage_tokens": user.has_perm("partnerships.manage_tokens", organisation),
        "can_view_members": can_view_members,
        "can_verify": not organisation.is_verified
        and user.has_perm("partnerships.verify_organisation", organisation),
        "agreement_charts": [
            (item, [(history, _progress_chart(history)) for history in item.histories])
            for item in agreements
        ],
    }
    return render(request, "frontend/organisations/detail.html", context)


def _number(value) -> str:
    return number_text(value, decimals=decimals_of(value))


def _progress_chart(history: CommitmentHistory) -> Sparkline:
    """The small chart of one commitment's verified values, with words saying the same."""
    commitment = history.commitment
    values = history.values
    unit = commitment.unit_label
    title = _("Verified values of “%(title)s”") % {"title": commitment.display_title}
    if commitment.is_checklist:
        done = sum(1 for value in values if value.done)
        summary = (
            _("Carried out in %(done)d of %(count)d reported periods.")
            % {"done": done, "count": len(values)}
            if values
            else _("No value has been verified yet.")
        )
        target = commitment.target_value
        target_label = _("Target: %(target)s %(unit)s") % {
            "target": _number(target),
            "unit": unit,
        }
    else:
        target = commitment.target_value
        target_label = _("Target in %(year)s: %(target)s %(unit)s") % {
            "year": commitment.target_year,
            "target": _number(target),
            "unit": unit,
        }
        if values:
            first, last = values[0], values[-1]
            summary = _(
                "%(first_period)s: %(first)s %(unit)s; %(last_period)s: %(last)s %(unit)s. "
                "%(target)s."
            ) % {
                "first_period": first.report.period_label,
                "first": _number(first.value),
                "last_period": last.report.period_label,
                "last": _number(last.value),
                "unit": unit,
                "target": target_label,
            }
            if len(values) == 1:
                summary = _("%(period)s: %(value)s %(unit)s. %(target)s.") % {
                    "period": first.report.period_label,
                    "value": _number(first.value),
                    "unit": unit,
                    "target": target_label,
                }
        else:
            summary = _("No value has been verified yet. %(target)s.") % {"target": target_label}
    return Sparkline(
        dom_id=f"progress-{commitment.pk}",
        title=title,
        summary=summary,
        unit=unit,
        x_label=_("Period"),
        value_label=f"{_('Value')} ({unit})" if unit else _("Value"),
        points=[(value.report.period_label, value.value) for value in values],
        target=target,
        target_label=target_label,
    ).layout()


@require_GET
def organisation_logo(request: HttpRequest, slug: str) -> FileResponse:
    """The logo: public, like the profile it belongs to."""
    organisation = _organisation_or_404(slug)
    logo = organisation.logo
    if not logo or not logo.storage.exists(logo.name):
        raise Http404
    content_type = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
    response = FileResponse(logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    permission_require(request, "partnerships.add_organisation")
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                creator=request.user, **form.service_kwargs(editing=False)
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The organisation is registered and you are its administrator. The "
                    "municipality will verify it."
                ),
            )
            return redirect(organisation)
    return render(request, "frontend/organisations/form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_or_404(slug)
    permission_require(request, "partnerships.change_organisation", organisation)
    has_logo = bool(organisation.logo)
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, has_logo=has_logo)
        if form.is_valid():
            try:
                organisation = services.organisation_update(
                    organisation=organisation,
                    actor=request.user,
                    **form.service_kwargs(editing=True),
                )
            except ValidationError as exc:
                errors_from_service(form, exc)
            else:
                messages.success(request, _("The profile has been saved."))
                return redirect(organisation)
    else:
        form = OrganisationForm(
            has_logo=has_logo,
            initial={
                name: getattr(organisation, name)
                for name in (
                    "name",
                    "kind",
                    "cvr",
                    "sector",
                    "size",
                    "description",
                    "website",
                    "address",
                )
            },
        )
    context = {"form": form, "organisation": organisation}
    return render(request, "frontend/organisations/form.html", context)


def _members_context(request: HttpRequest, organisation: Organisation) -> dict:
    can_manage = request.user.has_perm("partnerships.manage_members", organisation)
    members = membership_list(organisation=organisation)
    return {
        "organisation": organisation,
        "members": members,
        "admin_count": sum(1 for m in members if m.role == Role.ADMIN),
        "own": next((m for m in members if m.user_id == request.user.pk), None),
        "can_manage": can_manage,
    }


def _members_page(
    request: HttpRequest, organisation: Organisation, *, form: InvitationForm | None = None
) -> HttpResponse:
    context = _members_context(request, organisation)
    context["invitations"] = (
        invitation_list_open(organisation=organisation) if context["can_manage"] else []
    )
    context["form"] = form or InvitationForm()
    return render(request, "frontend/organisations/members.html", context)


def _after_member_change(
    request: HttpRequest, organisation: Organisation, *, notice: str = "", problem: str = ""
) -> HttpResponse:
    """htmx: the member panel again, with what happened in the status region. Otherwise
    the members page again with a message, or the organisation's page for someone who
    may no longer see its members."""
    can_still_see = request.user.has_perm("partnerships.view_members", organisation)
    if is_htmx(request):
        if not can_still_see:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = organisation.get_absolute_url()
            messages.success(request, notice)
            return response
        context = {**_members_context(request, organisation), "notice": notice, "problem": problem}
        return render_fragment(request, "frontend/organisations/_members_response.html", context)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, notice)
    if not can_still_see:
        return redirect(organisation)
    return redirect("frontend:organisation_members", slug=organisation.slug)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    """The member list (members and staff); POST: an invitation (admins and staff)."""
    organisation = _organisation_or_404(slug)
    permission_require(request, "partnerships.view_members", organisation)
    if request.method == "GET":
        return _members_page(request, organisation)
    permission_require(request, "partnerships.manage_members", organisation)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("frontend:organisation_members", slug=organisation.slug)
    return _members_page(request, organisation, form=form)


def _membership_or_404(organisation: Organisation, pk: int) -> Membership:
    try:
        return membership_get(organisation=organisation, pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None


def _back_to_members(organisation: Organisation) -> HttpResponse:
    return redirect("frontend:organisation_members", slug=organisation.slug)


@login_required
@require_POST
def organisation_member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(slug)
    permission_require(request, "partnerships.manage_members", organisation)
    membership = _membership_or_404(organisation, pk)
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as exc:
        return _after_member_change(request, organisation, problem=error_text(exc))
    notice = _("%(name)s is no longer a member.") % {"name": membership.user.public_name}
    return _after_member_change(request, organisation, notice=notice)


@login_required
@require_POST
def organisation_member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(slug)
    permission_require(request, "partnerships.manage_members", organisation)
    membership = _membership_or_404(organisation, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _after_member_change(request, organisation, problem=_("Unknown role."))
    role = form.cleaned_data["role"]
    try:
        services.membership_role_set(membership=membership, role=role, actor=request.user)
    except ValidationError as exc:
        return _after_member_change(request, organisation, problem=error_text(exc))
    words = {
        Role.ADMIN: _("%(name)s is now an administrator."),
        Role.MEMBER: _("%(name)s is now a member."),
    }
    notice = words[role] % {"name": membership.user.public_name}
    return _after_member_change(request, organisation, notice=notice)


@login_required
@require_POST
def organisation_hand_over(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An administrator hands their role to another member and becomes a member."""
    organisation = _organisation_or_404(slug)
    permission_require(request, "partnerships.change_organisation", organisation)
    membership = _membership_or_404(organisation, pk)
    try:
        services.organisation_admin_hand_over(
            organisation=organisation, actor=request.user, to=membership
        )
    except ValidationError as exc:
        return _after_member_change(request, organisation, problem=error_text(exc))
    notice = _("%(name)s is now the administrator; you are a member.") % {
        "name": membership.user.public_name
    }
    return _after_member_change(request, organisation, notice=notice)


@login_required
@require_POST
def organisation_invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _organisation_or_404(slug)
    permission_require(request, "partnerships.manage_members", organisation)
    try:
        invitation = invitation_get(organisation=organisation, pk=pk)
    except Invitation.DoesNotExist:
        raise Http404 from None
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return _back_to_members(organisation)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation's link opens. Signed out: sign in or sign up first (and come
    back); signed in with the invited address: accept with one button."""
    try:
        invitation = services.invitation_get_by_token(token=token)
    except services.InvitationInvalid:
        return render(request, "frontend/organisations/invitation_invalid.html", status=400)
    user = request.user
    matches = user.is_authenticated and services.invitation_email_matches(
        invitation=invitation, user=user
    )
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.invitation_accept(invitation=invitation, user=user)
        except services.InvitationInvalid:
            return render(request, "frontend/organisations/invitation_invalid.html", status=400)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _("Welcome to %(name)s.") % {"name": invitation.organisation.name},
            )
            return redirect(invitation.organisation)
    context = {"invitation": invitation, "matches": matches, "next": request.path}
    return render(request, "frontend/organisations/invitation.html", context)


@login_required
@require_GET
def my_organisations(request: HttpRequest) -> HttpResponse:
    context = {
        "organisations": organisation_list_for_member(user=request.user),
        "can_verify": request.user.has_perm("partnerships.verify_organisation"),
        "can_coordinate": request.user.has_perm("partnerships.view_partnership_workspace"),
    }
    return render(request, "frontend/organisations/mine.html", context)


@never_cache
@login_required
@require_GET
def organisation_staff_list(request: HttpRequest) -> HttpResponse:
    """Organisations awaiting verification or left without an administrator."""
    permission_require(request, "partnerships.verify_organisation")
    number = request.GET.get("page")
    page = CappedPaginator(organisation_list_for_staff(), 25, number=number).get_page(number)
    context = {
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "can_coordinate": request.user.has_perm("partnerships.view_partnership_workspace"),
    }
    return render(request, "frontend/organisations/staff_list.html", context)


@login_required
@require_POST
def organisation_verify(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation_or_404(slug)
    permission_require(request, "partnerships.verify_organisation", organisation)
    try:
        services.organisation_verify(organisation=organisation, actor=request.user)
    except ValidationError as exc:
        messages.info(request, error_text(exc))
    else:
        messages.success(request, _("“%(name)s” is verified.") % {"name": organisation.name})
    # Back to where the button was: the organisation's page or the staff list.
    if request.POST.get("next") == organisation.get_absolute_url():
        return redirect(organisation)
    return redirect("frontend:organisation_staff_list")
