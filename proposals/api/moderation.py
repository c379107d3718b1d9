"""Moderation for staff: the triage queue (route, reject, merge, one by one or in bulk) and
the reports workspace (hide, restore). Teams are in proposals/api/teams.py, the audit trail
in engage/audit/api.py.

One small view per operation, like proposals/api/views.py: each checks `user.has_perm`
(proposals/rules.py, the same rules as the pages) or uses an access-checking selector,
then calls a service. Domain errors become HTTP statuses in proposals/api/errors.py:
bad input 400, a proposal someone already handled 409 (InvalidTransition), not yours 403.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from proposals.api.base import BaseApi, JsonInput, require_perm
from proposals.api.pagination import ProposalPagination, paginated_response
from proposals.api.schema import explained_when
from proposals.api.staff_serializers import (
    NOTE_MAX,
    AgeMixin,
    FocusAreaSlugField,
    FocusAreaSuggestionSerializer,
    ProposalModeratedSerializer,
    TeamSlugField,
    age_context,
    excerpt,
)
from proposals.lifecycle import Status
from proposals.models import Proposal, RejectionReason
from proposals.selectors.moderation import (
    TriageFilters,
    TriageRow,
    proposal_get_for_moderation,
    report_workspace_list,
    triage_queue_list,
)
from proposals.selectors.public import comment_get_visible
from proposals.services import moderation as services

TAGS_MODERATION = ["moderation"]
BULK_MAX = 100
_REFUSED = {
    400: OpenApiResponse(description="Bad input; the field is named."),
    403: OpenApiResponse(description="Not a moderator (or not signed in)."),
    404: OpenApiResponse(),
    409: OpenApiResponse(description="Someone already handled the proposal; reload."),
}


def _moderated(proposal: Proposal) -> Response:
    return Response(ProposalModeratedSerializer(proposal).data)


# --- triage: route, reject, merge ----------------------------------------------------------


class TriageItemSerializer(AgeMixin):
    """A selectors.moderation.TriageRow."""

    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    excerpt = serializers.SerializerMethodField()
    author = serializers.CharField(source="author_name")
    submitted_at = serializers.DateTimeField(allow_null=True)
    theme = serializers.CharField(source="theme.slug", allow_null=True)
    focus_area = serializers.CharField(source="focus_area.slug", allow_null=True)
    suggestions = serializers.SerializerMethodField()

    def get_excerpt(self, obj: TriageRow) -> str:
        return excerpt(obj.body)

    def to_representation(self, instance: TriageRow) -> dict:
        # The fields above give the shape and the schema; a page of 100 rows is written
        # here in one step, as DRF's field-by-field path cost more than the rest of it.
        clock = self.context["clock"]
        since = instance.submitted_at
        return {
            "age_working_days": clock.waiting_days(since),
            "overdue": clock.is_overdue(since),
            "id": instance.pk,
            "title": instance.title,
            "excerpt": excerpt(instance.body),
            "author": instance.author_name,
            "submitted_at": None
            if since is None
            else self.fields["submitted_at"].to_representation(since),
            "theme": instance.theme.slug if instance.theme else None,
            "focus_area": instance.focus_area.slug if instance.focus_area else None,
            "suggestions": self.get_suggestions(instance),
        }

    @extend_schema_field(FocusAreaSuggestionSerializer(many=True))
    def get_suggestions(self, obj: TriageRow) -> list[dict]:
        # Stored by proposals.services.routing in this shape: copied, not serialized
        # field by field (a queue page of 100 holds 300).
        return [
            {"focus_area": s["focus_area"], "theme": s["theme"], "score": float(s["score"])}
            for s in obj.suggestions or []
        ]


class TriageQueueApi(BaseApi):
    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class FilterSerializer(serializers.Serializer):
        theme = serializers.SlugField(required=False, allow_blank=True, default="")
        suggested_focus_area = serializers.SlugField(required=False, allow_blank=True, default="")
        overdue = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        tags=TAGS_MODERATION,
        summary="Triage queue",
        description=(
            "Submitted proposals waiting for a moderator, oldest first, with their age in "
            "working days, whether they are past the service target, and the suggester's "
            "top three focus areas. Paginated (`page_size` at most 100)."
        ),
        parameters=[FilterSerializer],
        responses={200: TriageItemSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request):
        require_perm(request.user, "proposals.moderate_proposal")
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = triage_queue_list(filters=TriageFilters(**filters.validated_data))
        return paginated_response(
            serializer_class=TriageItemSerializer,
            queryset=queryset,
            request=request,
            view=self,
            context=age_context(request),
        )


class ProposalRouteApi(BaseApi):
    class InputSerializer(JsonInput):
        focus_area = FocusAreaSlugField()
        secondary_focus_areas = FocusAreaSlugField(many=True, required=False, default=list)
        team = TeamSlugField(
            required=False,
            allow_null=True,
            default=None,
            help_text="Defaults to the focus area's responsible team.",
        )
        note = serializers.CharField(
            max_length=NOTE_MAX, required=False, allow_blank=True, default=""
        )

    @extend_schema(
        tags=TAGS_MODERATION,
        summary="Publish and route a submitted proposal",
        request=InputSerializer,
        responses={200: ProposalModeratedSerializer, **_REFUSED},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_for_moderation(pk=pk, user=request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        routed = services.proposal_route(
            proposal=proposal, actor=request.user, **serializer.validated_data
        )
        return _moderated(routed)


class ProposalRejectApi(BaseApi):
    class InputSerializer(JsonInput):
        reason = serializers.ChoiceField(choices=RejectionReason.choices)
        note = serializers.CharField(
            max_length=NOTE_MAX,
            required=False,
            allow_blank=True,
            default="",
            help_text="Sent to the author; required for reason `other`.",
        )

        schema_rules = explained_when("reason", RejectionReason.OTHER, "note")

    @extend_schema(
        tags=TAGS_MODERATION,
        summary="Reject a proposal",
        description="The author is told the reason (and the note).",
        request=InputSerializer,
        responses={200: ProposalModeratedSerializer, **_REFUSED},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_for_moderation(pk=pk, user=request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rejected = services.proposal_reject(
            proposal=proposal, actor=request.user, **serializer.validated_data
        )
        return _moderated(rejected)


class ProposalMergeApi(BaseApi):
    class InputSerializer(JsonInput):
        into = serializers.IntegerField(min_value=1, help_text="The published proposal to keep.")
        note = serializers.CharField(
            max_length=NOTE_MAX, required=False, allow_blank=True, default=""
        )
        expected_status = serializers.ChoiceField(
            choices=Status.choices,
            required=False,
            default="",
            help_text="The status the moderator saw; a proposal changed since then gets 409.",
        )

    @extend_schema(
        tags=TAGS_MODERATION,
        summary="Merge a duplicate into a published proposal",
        description=(
            "Supports and followers move over without counting anyone twice; the author is "
            "told where the proposal went. Not into itself or into a merged proposal (400)."
        ),
        request=InputSerializer,
        responses={200: ProposalModeratedSerializer, **_REFUSED},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_for_moderation(pk=pk, user=request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            into = proposal_get_for_moderation(
                pk=serializer.validated_data["into"], user=request.user
            )
        except Proposal.DoesNotExist as exc:
            raise serializers.ValidationError(
                {"into": [_("There is no such proposal.")]}, code="into"
            ) from exc
        merged = services.proposal_merge(
            proposal=proposal,
            into=into,
            actor=request.user,
            note=serializer.validated_data["note"],
            expected_status=serializer.validated_data["expected_status"],
        )
        return _moderated(merged)


class OpenReportSerializer(serializers.Serializer):
    """One open report; who reported stays with the moderators' count, not listed."""

    reason = serializers.CharField()
    details = serializers.CharField()
    created_at = serializers.DateTimeField()


class BulkResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    error = serializers.CharField(allow_null=True)


def _bulk_results(outcomes: list[services.BulkOutcome]) -> list[dict]:
    return [{"id": o.proposal_id, "ok": o.error is None, "error": o.error} for o in outcomes]


def _proposal_ids_field():
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=BULK_MAX
    )


class BulkRouteApi(BaseApi):
    """Route many submitted proposals to one focus area (and team).

    Each proposal is routed in its own transaction: one that fails (already handled by
    someone else, unknown id) is reported in its result and does not undo the others.
    """

    class InputSerializer(JsonInput):
        proposals = _proposal_ids_field()
        focus_area = FocusAreaSlugField()
        team = TeamSlugField(required=False, allow_null=True, default=None)
        note = serializers.CharField(
            max_length=NOTE_MAX, required=False, allow_blank=True, default=""
        )

    @extend_schema(
        tags=TAGS_MODERATION,
        summary="Route several proposals at once",
        description=(
            "One result per proposal id. Each proposal is handled in its own transaction: "
            "a failure is reported in its result and does not undo the others."
        ),
        request=InputSerializer,
        responses={200: BulkResultSerializer(many=True), 400: OpenApiResponse(), 403: None},
    )
    def post(self, request):
        require_perm(request.user, "proposals.moderate_proposal")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        outcomes = services.proposal_bulk_route(
            proposals=data["proposals"],
            actor=request.user,
            focus_area=data["focus_area"],
            team=data["team"],
            note=data["note"],
        )
        return Response(BulkResultSerializer(_bulk_results(outcomes), many=True).data)


class BulkRejectApi(BaseApi):
    """Reject many proposals with one reason.

    Each proposal is rejected in its own transaction: one that fails (already handled,
    unknown id) is reported in its result and does not undo the others.
    """

    class InputSerializer(JsonInput):
        proposals = _proposal_ids_field()
        reason = serializers.ChoiceField(choices=RejectionReason.choices)
        note = serializers.CharField(
            max_length=NOTE_MAX, required=False, allow_blank=True, default=""
        )

        schema_rules = explained_when("reason", RejectionReason.OTHER, "note")

    @extend_schema(
        tags=TAGS_MODERATION,
        summary="Reject several proposals at once",
        description=(
            "One result per proposal id. Each proposal is handled in its own transaction: "
            "a failure is reported in its result and does not undo the others."
        ),
        request=InputSerializer,
        responses={200: BulkResultSerializer(many=True), 400: OpenApiResponse(), 403: None},
    )
    def post(self, request):
        require_perm(request.user, "proposals.moderate_proposal")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        outcomes = services.proposal_bulk_reject(
            proposals=data["proposals"],
            actor=request.user,
            reason=data["reason"],
            note=data["note"],
        )
        return Response(BulkResultSerializer(_bulk_results(outcomes), many=True).data)


# --- reports, hiding and restoring ---------------------------------------------------------


class ReportWorkspaceApi(BaseApi):
    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class OutputSerializer(serializers.Serializer):
        kind = serializers.CharField(help_text="`proposal` or `comment`.")
        id = serializers.IntegerField(source="target.pk")
        proposal = serializers.SerializerMethodField(help_text="The proposal (or the comment's).")
        title = serializers.SerializerMethodField()
        excerpt = serializers.SerializerMethodField()
        author = serializers.CharField(source="target.author.public_name")
        hidden = serializers.BooleanField(source="target.is_hidden")
        hidden_reason = serializers.CharField(source="target.hidden_reason")
        reporter_count = serializers.IntegerField()
        reasons = serializers.SerializerMethodField()
        reports = OpenReportSerializer(many=True)

        def _proposal(self, item) -> Proposal:
            return item.target if item.kind == "proposal" else item.target.proposal

        def get_proposal(self, item) -> int:
            return self._proposal(item).pk

        def get_title(self, item) -> str:
            return self._proposal(item).title

        def get_excerpt(self, item) -> str:
            return excerpt(item.target.body)

        def get_reasons(self, item) -> list[str]:
            return sorted({report.reason for report in item.reports})

    @extend_schema(
        tags=TAGS_MODERATION,
        summary="Open reports",
        description=(
            "Open reports grouped by the proposal or comment they are about, the most "
            "reported first, with whether it is hidden (automatically after "
            "REPORTS_HIDE_THRESHOLD different reporters). Paginated."
        ),
        responses={200: OutputSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request):
        require_perm(request.user, "proposals.hide_content")
        return paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=report_workspace_list(),
            request=request,
            view=self,
        )


class ContentReasonSerializer(JsonInput):
    reason = serializers.CharField(
        max_length=NOTE_MAX, help_text="Kept in the audit trail; the author sees it when hidden."
    )


class ContentStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    hidden = serializers.BooleanField(source="is_hidden")
    hidden_at = serializers.DateTimeField(allow_null=True)
    hidden_reason = serializers.CharField()


def _content_action(request, pk: int, *, get_target, action) -> Response:
    """Hide or restore the proposal or comment `get_target` finds, for moderators only."""
    require_perm(request.user, "proposals.hide_content")
    target = get_target(pk=pk, user=request.user)
    serializer = ContentReasonSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    changed = action(target=target, actor=request.user, reason=serializer.validated_data["reason"])
    return Response(ContentStateSerializer(changed).data)


def _content_schema(summary: str, description: str):
    return extend_schema(
        tags=TAGS_MODERATION,
        summary=summary,
        description=description,
        request=ContentReasonSerializer,
        responses={200: ContentStateSerializer, 400: OpenApiResponse(), 403: None, 404: None},
    )


_HIDE = "Hides it from the public with a kept reason, closes its open reports; the author is told."
_RESTORE = "Shows it again and closes its open reports; the reason is kept in the audit trail."


class ProposalHideApi(BaseApi):
    @_content_schema("Hide a proposal", _HIDE)
    def post(self, request, pk: int):
        return _content_action(
            request,
            pk,
            get_target=proposal_get_for_moderation,
            action=services.content_hide,
        )


class ProposalRestoreApi(BaseApi):
    @_content_schema("Restore a hidden or reported proposal", _RESTORE)
    def post(self, request, pk: int):
        return _content_action(
            request,
            pk,
            get_target=proposal_get_for_moderation,
            action=services.content_restore,
        )


class CommentHideApi(BaseApi):
    @_content_schema("Hide a comment", _HIDE)
    def post(self, request, pk: int):
        return _content_action(
            request, pk, get_target=comment_get_visible, action=services.content_hide
        )


class CommentRestoreApi(BaseApi):
    @_content_schema("Restore a hidden or reported comment", _RESTORE)
    def post(self, request, pk: int):
        return _content_action(
            request, pk, get_target=comment_get_visible, action=services.content_restore
        )
