"""Supporting, following and reporting: POST adds (201, or 200 when already so), DELETE
withdraws (204, also when there was nothing to withdraw)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from engage.taxonomy import selectors as taxonomy_selectors
from proposals import services
from proposals.api.base import BaseApi, JsonInput, require_perm
from proposals.api.schema import explained_when
from proposals.models import Report
from proposals.selectors.page import proposal_get_visible
from proposals.selectors.public import comment_get_visible

TAGS = ["engagement"]


def _created(created: bool) -> int:
    return status.HTTP_201_CREATED if created else status.HTTP_200_OK


class ProposalSupportApi(BaseApi):
    class OutputSerializer(serializers.Serializer):
        is_supported = serializers.BooleanField()
        support_count = serializers.IntegerField()

    @extend_schema(
        tags=TAGS,
        summary="Support a proposal",
        request=None,
        responses={
            200: OutputSerializer,
            201: OutputSerializer,
            403: OpenApiResponse(description="Not signed in, or the proposal is closed."),
            429: OpenApiResponse(),
        },
    )
    def post(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.support_proposal", proposal)
        created = services.proposal_support(proposal=proposal, user=request.user)
        # The counter moved in the database; the rest of the row did not.
        proposal.refresh_from_db(fields=["support_count"])
        proposal.is_supported = True
        return Response(self.OutputSerializer(proposal).data, status=_created(created))

    @extend_schema(tags=TAGS, summary="Withdraw a support", responses={204: None})
    def delete(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.support_proposal", proposal)
        services.proposal_unsupport(proposal=proposal, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProposalFollowApi(BaseApi):
    class OutputSerializer(serializers.Serializer):
        is_followed = serializers.BooleanField()

    @extend_schema(
        tags=TAGS,
        summary="Follow a proposal",
        description="Followers are told when the proposal changes status or gets comments.",
        request=None,
        responses={200: OutputSerializer, 201: OutputSerializer, 403: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.follow_proposal", proposal)
        created = services.proposal_follow(proposal=proposal, user=request.user)
        return Response({"is_followed": True}, status=_created(created))

    @extend_schema(tags=TAGS, summary="Stop following a proposal", responses={204: None})
    def delete(self, request, pk: int):
        # Anyone may stop following anything they can see, even a closed proposal: nobody
        # should be stuck with notifications.
        proposal = proposal_get_visible(pk=pk, user=request.user)
        services.proposal_unfollow(proposal=proposal, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FocusAreaFollowApi(BaseApi):
    class OutputSerializer(serializers.Serializer):
        focus_area = serializers.SlugField()
        is_followed = serializers.BooleanField()

    @extend_schema(
        tags=TAGS,
        summary="Follow a focus area",
        description="Followers hear about new proposals published in the focus area.",
        request=None,
        responses={200: OutputSerializer, 201: OutputSerializer, 404: OpenApiResponse()},
    )
    def post(self, request, slug: str):
        focus_area = taxonomy_selectors.focus_area_get(slug=slug)
        require_perm(request.user, "proposals.follow_focus_area", focus_area)
        created = services.focus_area_follow(focus_area=focus_area, user=request.user)
        data = {"focus_area": focus_area.slug, "is_followed": True}
        return Response(data, status=_created(created))

    @extend_schema(tags=TAGS, summary="Stop following a focus area", responses={204: None})
    def delete(self, request, slug: str):
        focus_area = taxonomy_selectors.focus_area_get(slug=slug)
        require_perm(request.user, "proposals.follow_focus_area", focus_area)
        services.focus_area_unfollow(focus_area=focus_area, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReportInputSerializer(JsonInput):
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    details = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    schema_rules = explained_when("reason", Report.Reason.OTHER, "details")


class ReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    details = serializers.CharField()
    created_at = serializers.DateTimeField()


class ProposalReportApi(BaseApi):
    @extend_schema(
        tags=TAGS,
        summary="Report a proposal to the moderators",
        description="Once per person and proposal; `details` is required for reason `other`.",
        request=ReportInputSerializer,
        responses={201: ReportOutputSerializer, 400: OpenApiResponse(), 429: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.report_proposal", proposal)
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_create(
            reporter=request.user, proposal=proposal, **serializer.validated_data
        )
        return Response(ReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


class CommentReportApi(BaseApi):
    @extend_schema(
        tags=TAGS,
        summary="Report a comment to the moderators",
        description="Once per person and comment; `details` is required for reason `other`.",
        request=ReportInputSerializer,
        responses={201: ReportOutputSerializer, 400: OpenApiResponse(), 429: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        comment = comment_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.report_comment", comment)
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_create(
            reporter=request.user, comment=comment, **serializer.validated_data
        )
        return Response(ReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)
