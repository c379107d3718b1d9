"""The endpoint a partner's system calls to test its organisation API token."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from partnerships.api.authentication import (
    OrganisationTokenAuthentication,
    organisation_access_allowed,
)
from partnerships.models import Organisation
from partnerships.selectors import organisation_get
from proposals.api.base import BaseApi

TAGS = ["organisations"]


class OrganisationTokenCheckApi(BaseApi):
    # Tokens only: a signed-in browser has no token to test.
    authentication_classes = [OrganisationTokenAuthentication]
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        organisation = serializers.SlugField(source="organisation.slug")
        organisation_name = serializers.CharField(source="organisation.name")
        token_name = serializers.CharField(source="name", help_text="What the token is for.")
        prefix = serializers.CharField(help_text="The token's public part.")
        acting_as = serializers.CharField(
            source="created_by.public_name", help_text="The administrator who created it."
        )
        expires_at = serializers.DateTimeField(allow_null=True)

    def permission_denied(self, request, message=None, code=None):
        if request.successful_authenticator is None:
            raise NotAuthenticated(
                _("Send your organisation's API token as “Authorization: Bearer hm_…”.")
            )
        super().permission_denied(request, message=message, code=code)

    @extend_schema(
        tags=TAGS,
        summary="Check an organisation API token",
        description="Answers which organisation and token the request's "
        "`Authorization: Bearer` token stands for; 401 if the token is refused, 403 if it "
        "belongs to another organisation.",
        responses={
            200: OutputSerializer,
            401: OpenApiResponse(description="No token, or one refused (the detail says why)."),
            403: OpenApiResponse(description="The token belongs to another organisation."),
            404: OpenApiResponse(),
        },
    )
    def get(self, request, slug: str):
        try:
            organisation: Organisation = organisation_get(slug=slug)
        except Organisation.DoesNotExist as exc:
            raise NotFound from exc
        if not organisation_access_allowed(
            request, organisation, perm="partnerships.manage_tokens"
        ):
            raise PermissionDenied(_("The API token belongs to another organisation."))
        return Response(self.OutputSerializer(request.auth).data)
