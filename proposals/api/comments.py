"""Comments on a proposal: one level of replies, deleted ones kept as markers."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from proposals import services
from proposals.api.base import BaseApi, JsonInput, require_perm
from proposals.api.serializers import CommentSerializer, CommentThreadSerializer
from proposals.models import Comment
from proposals.selectors.page import comment_list_for_proposal, proposal_get_visible
from proposals.selectors.public import comment_get_visible

TAGS = ["comments"]


class CommentListCreateApi(BaseApi):
    class InputSerializer(JsonInput):
        body = serializers.CharField(max_length=4000)
        parent = serializers.IntegerField(
            required=False, allow_null=True, help_text="Reply to this top-level comment."
        )

    @extend_schema(
        tags=TAGS,
        summary="A proposal's comments",
        description=(
            "Top-level comments, oldest first, each with its replies. A deleted comment "
            "stays as a marker (`deleted: true`, no author or text) so replies keep context."
        ),
        responses={200: CommentThreadSerializer(many=True), 404: OpenApiResponse()},
    )
    def get(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        comments = comment_list_for_proposal(proposal=proposal)
        return Response(
            CommentThreadSerializer(comments, many=True, context={"request": request}).data
        )

    @extend_schema(
        tags=TAGS,
        summary="Comment on a proposal",
        request=InputSerializer,
        responses={
            201: CommentSerializer,
            400: OpenApiResponse(),
            403: OpenApiResponse(),
            429: OpenApiResponse(),
        },
    )
    def post(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.comment_proposal", proposal)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        parent = None
        if parent_id := serializer.validated_data.get("parent"):
            try:
                parent = comment_get_visible(pk=parent_id, user=request.user)
            except Comment.DoesNotExist as exc:
                raise serializers.ValidationError(
                    {"parent": [_("There is no such comment.")]}, code="parent"
                ) from exc
        comment = services.comment_create(
            proposal=proposal,
            author=request.user,
            body=serializer.validated_data["body"],
            parent=parent,
        )
        return Response(
            CommentSerializer(comment, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class CommentDetailApi(BaseApi):
    class InputSerializer(JsonInput):
        body = serializers.CharField(max_length=4000)

    @extend_schema(
        tags=TAGS,
        summary="Edit your comment",
        description="Only in the first minutes after writing it (COMMENT_EDIT_WINDOW_SECONDS).",
        request=InputSerializer,
        responses={200: CommentSerializer, 400: OpenApiResponse(), 403: OpenApiResponse()},
    )
    def patch(self, request, pk: int):
        comment = comment_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.change_comment", comment)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.comment_edit(comment=comment, body=serializer.validated_data["body"])
        return Response(CommentSerializer(comment, context={"request": request}).data)

    @extend_schema(
        tags=TAGS,
        summary="Delete a comment",
        description="Its author or a moderator; the comment stays as a marker.",
        responses={204: None, 403: OpenApiResponse()},
    )
    def delete(self, request, pk: int):
        comment = comment_get_visible(pk=pk, user=request.user)
        require_perm(request.user, "proposals.delete_comment", comment)
        services.comment_delete(comment=comment)
        return Response(status=status.HTTP_204_NO_CONTENT)
