"""Organisation API tokens: how a partner's own system signs in to the API.

`OrganisationTokenAuthentication` is not a global default: an endpoint that accepts
partner tokens lists it (first, so a refusal answers 401 with `WWW-Authenticate`) and
asks `organisation_access_allowed` before it touches an organisation, so a token reaches
its own organisation only.
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from partnerships import services
from partnerships.models import Evidence, Organisation, OrganisationToken, ProgressReport
from partnerships.rules import organisation_roles
from partnerships.selectors import organisation_token_get_by_prefix
from partnerships.services.tokens import organisation_token_parse, organisation_token_secret_matches

_KEYWORD = "bearer"


def _refuse(message: str) -> exceptions.AuthenticationFailed:
    return exceptions.AuthenticationFailed(message, code="token_refused")


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer hm_<prefix>_<secret>` → (the token's creator, the token).

    A request without a Bearer header is left to the view's other authentication classes.
    Refused with 401: a malformed, unknown, revoked or expired token, and one whose creator
    has deleted their account or no longer administers the organisation.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        keyword, _space, plain = header.partition(" ")
        if keyword.lower() != _KEYWORD:
            return None
        parsed = organisation_token_parse(plain.strip())
        if parsed is None:
            raise _refuse(_("The API token is malformed. Send it as “Bearer hm_…”."))
        prefix, secret = parsed
        try:
            token = organisation_token_get_by_prefix(prefix=prefix)
        except OrganisationToken.DoesNotExist:
            raise _refuse(_("The API token is not known.")) from None
        if not organisation_token_secret_matches(token=token, secret=secret):
            raise _refuse(_("The API token is not known."))
        if token.is_revoked:
            raise _refuse(_("The API token has been revoked."))
        if token.is_expired:
            raise _refuse(_("The API token has expired."))
        user = token.created_by
        if user is None or not user.is_active or user.deleted_at is not None:
            raise _refuse(_("The person who created the API token no longer has an account."))
        if organisation_roles(user).get(token.organisation_id) != "admin":
            raise _refuse(
                _(
                    "The person who created the API token no longer administers the "
                    "organisation. An administrator must create a new token."
                )
            )
        services.organisation_token_used(token=token)
        return user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


def _organisation_id_of(obj) -> int:
    """The organisation an object belongs to: itself, an agreement's or application's, or a
    report's or evidence file's (their agreement loaded)."""
    if isinstance(obj, Organisation):
        return obj.pk
    if isinstance(obj, Evidence):
        obj = obj.report
    if isinstance(obj, ProgressReport):
        obj = obj.agreement
    return obj.organisation_id


def organisation_access_allowed(request, obj, *, perm: str) -> bool:
    """Whether the request may do `perm` on `obj` (an organisation, or an agreement, report or
    evidence file of one): with a token, only within the token's own organisation (and as the
    rules allow its creator); otherwise as the rules say."""
    token = request.auth if isinstance(request.auth, OrganisationToken) else None
    if token is not None and token.organisation_id != _organisation_id_of(obj):
        return False
    return request.user.has_perm(perm, obj)


class OrganisationTokenScheme(OpenApiAuthenticationExtension):
    target_class = OrganisationTokenAuthentication
    name = "organisationToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "hm_<prefix>_<secret>",
            "description": (
                "An organisation's API token, created by one of its administrators on the "
                "organisation's token page and shown once. It acts as the administrator who "
                "created it, for that organisation only, and stops working when it is "
                "revoked, expires, or its creator no longer administers the organisation. "
                "Only the endpoints that list this scheme accept it."
            ),
        }
