"""Organisations in the API: public profiles for everyone, and a signed-in person's own
organisations and their members.

One small view per operation; views check `user.has_perm` (partnerships/rules.py, the
same rules as the pages) and read through partnerships.selectors. Lists run a constant
number of queries.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from partnerships.models import Kind, Organisation, Role, Sector
from partnerships.selectors import (
    membership_list,
    organisation_get,
    organisation_list_for_member,
    organisation_list_public,
)
from proposals.api.base import BaseApi, require_perm
from proposals.api.pagination import ProposalPagination, paginated_response

TAGS = ["organisations"]


class OrganisationSerializer(serializers.Serializer):
    """An organisation's public profile."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_display = serializers.CharField(source="get_kind_display")
    sector = serializers.ChoiceField(choices=Sector.choices)
    sector_display = serializers.CharField(source="get_sector_display")
    description = serializers.CharField()
    website = serializers.CharField()
    address = serializers.CharField()
    size = serializers.IntegerField(allow_null=True, min_value=0)
    size_unit = serializers.CharField(
        help_text="What `size` counts; empty where it does not apply."
    )
    cvr = serializers.CharField(help_text="The CVR number; empty when none is given.")
    logo = serializers.CharField(source="logo_url", help_text="Empty without a logo.")
    verified = serializers.BooleanField(source="is_verified")
    verified_at = serializers.DateTimeField(allow_null=True)


def _organisation_or_404(slug: str) -> Organisation:
    try:
        return organisation_get(slug=slug)
    except Organisation.DoesNotExist as exc:
        raise NotFound from exc


class OrganisationListApi(BaseApi):
    permission_classes = [AllowAny]
    pagination_class = ProposalPagination

    @extend_schema(
        tags=TAGS,
        summary="Organisations",
        description="Every registered organisation, by name; `verified` says whether the "
        "municipality has checked it. Paginated.",
        responses={200: OrganisationSerializer(many=True)},
    )
    def get(self, request):
        return paginated_response(
            serializer_class=OrganisationSerializer,
            queryset=organisation_list_public(),
            request=request,
            view=self,
        )


class OrganisationDetailApi(BaseApi):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="One organisation",
        responses={200: OrganisationSerializer, 404: OpenApiResponse()},
    )
    def get(self, request, slug: str):
        return Response(OrganisationSerializer(_organisation_or_404(slug)).data)


class OrganisationMineApi(BaseApi):
    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class OutputSerializer(OrganisationSerializer):
        role = serializers.ChoiceField(choices=Role.choices, help_text="Your role in it.")
        member_count = serializers.IntegerField(min_value=1)

    @extend_schema(
        tags=TAGS,
        summary="My organisations",
        description="The organisations you belong to, with your role. Paginated.",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request):
        return paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=organisation_list_for_member(user=request.user),
            request=request,
            view=self,
        )


class OrganisationMembersApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(help_text="The membership.")
        name = serializers.CharField(source="user.public_name")
        role = serializers.ChoiceField(choices=Role.choices)
        since = serializers.DateTimeField(source="created_at")

    @extend_schema(
        tags=TAGS,
        summary="An organisation's members",
        description="For its members, moderators, partnership coordinators and admins.",
        responses={200: OutputSerializer(many=True), 404: OpenApiResponse()},
    )
    def get(self, request, slug: str):
        organisation = _organisation_or_404(slug)
        require_perm(request.user, "partnerships.view_members", organisation)
        members = membership_list(organisation=organisation)
        return Response(self.OutputSerializer(members, many=True).data)
