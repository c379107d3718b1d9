"""An organisation's API tokens: its administrators list, create and revoke them.

A new token is shown once, in the answer to the form that created it (never stored, so
never shown again). partnerships.rules (`manage_tokens`) decides who may;
partnerships.services.tokens does the writes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from frontend.forms.organisation_tokens import TokenForm
from frontend.forms.proposals import errors_from_service
from partnerships import services
from partnerships.models import Organisation, OrganisationToken
from partnerships.selectors import (
    organisation_get,
    organisation_token_get,
    organisation_token_list,
)


def _organisation_for_admin(request: HttpRequest, slug: str) -> Organisation:
    try:
        organisation = organisation_get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("partnerships.manage_tokens", organisation):
        raise PermissionDenied
    return organisation


def _tokens_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    form: TokenForm,
    new_token: services.NewToken | None = None,
) -> HttpResponse:
    context = {
        "organisation": organisation,
        "tokens": organisation_token_list(organisation=organisation),
        "form": form,
        "new_token": new_token,
    }
    return render(request, "frontend/organisations/tokens.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def organisation_tokens(request: HttpRequest, slug: str) -> HttpResponse:
    """The list of tokens; POST: a new one, shown on the page that answers."""
    organisation = _organisation_for_admin(request, slug)
    if request.method == "GET":
        return _tokens_page(request, organisation, form=TokenForm())
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            new_token = services.organisation_token_create(
                organisation=organisation,
                actor=request.user,
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
            )
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            return _tokens_page(request, organisation, form=TokenForm(), new_token=new_token)
    return _tokens_page(request, organisation, form=form)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def organisation_token_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: confirm; POST: revoke."""
    organisation = _organisation_for_admin(request, slug)
    try:
        token = organisation_token_get(organisation=organisation, pk=pk)
    except OrganisationToken.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        services.organisation_token_revoke(token=token, actor=request.user)
        messages.success(
            request,
            _("The token “%(name)s” is revoked and no longer works.") % {"name": token.name},
        )
        return redirect("frontend:organisation_tokens", slug=organisation.slug)
    context = {"organisation": organisation, "token": token}
    return render(request, "frontend/organisations/token_revoke.html", context)
