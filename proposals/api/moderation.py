"""Moderation, focus-area teams and the audit trail, for staff; plus routing suggestions.

One small view per operation, like proposals/api/views.py: each checks `user.has_perm`
(proposals/rules.py, the same rules as the pages) or uses an access-checking selector,
then calls a service. Domain errors become HTTP statuses in proposals/api/errors.py:
bad input 400, a proposal someone already handled 409 (InvalidTransition), not yours 403.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from engage.audit.selectors import AuditFilters, audit_entry_list
from proposals.api.base import BaseApi, require_perm
from proposals.api.moderation_serializers import (
    BulkResultSerializer,
    FocusAreaSlugField,
    FocusAreaSuggestionSerializer,
    OpenReportSerializer,
    ProposalModeratedSerializer,
    TeamQueueItemSerializer,
    TeamSlugField,
    TriageItemSerializer,
    excerpt,
)
from proposals.api.pagination import ProposalPagination, paginated_response
from proposals.lifecycle import Outcome, Status
from proposals.models import Proposal, RejectionReason
from proposals.routing import suggester_get
from proposals.selectors.moderation import (
    TriageFilters,
    proposal_get_for_moderation,
    proposal_get_for_team,
    report_workspace,
    service_clock,
    team_get_for_member,
    team_list_for_user,
    team_queue,
    triage_queue,
)
from proposals.selectors.public import comment_get_visible
from proposals.services import moderation as services

TAGS_MODERATION = ["moderation"]
TAGS_TEAMS = ["teams"]
NOTE_MAX = 2000
BULK_MAX = 100
_REFUSED = {
    400: OpenApiResponse(description="Bad input; the field is named."),
    403: OpenApiResponse(description="Not a moderator (or not signed in)."),
    404: OpenApiResponse(),
    409: OpenApiResponse(description="Someone already handled the proposal; reload."),
}


def _age_context(request) -> dict:
    return {"request": request, "clock": service_clock()}


def _moderated(proposal: Proposal) -> Response:
    return Response(ProposalModeratedSerializer(proposal).data)


# --- routing suggestions -------------------------------------------------------------------


class SuggestFocusAreasApi(BaseApi):
    """Open to anyone: the submission form asks while people type. Throttled per person
    (or address) by the `suggest_focus_areas` scope on top of the usual limits."""

    permission_classes = [AllowAny]
    throttle_classes = [*APIView.throttle_classes, ScopedRateThrottle]
    throttle_scope = "suggest_focus_areas"
    LIMIT = 5

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default="", trim_whitespace=True
        )
        body = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")

        def validate(self, attrs):
            if not attrs["title"].strip() and not attrs["body"].strip():
                raise serializers.ValidationError(
                    _("Write a title or a text to get suggestions."), code="empty"
                )
            return attrs

    class OutputSerializer(serializers.Serializer):
        suggestions = FocusAreaSuggestionSerializer(many=True)

    @extend_schema(
        tags=["proposals"],
        summary="Suggest focus areas for a text",
        description=(
            "Ranks the focus areas for a proposal's title and text (Danish or English), best "
            "first: at least three, with probability-like scores. Anyone may ask; throttled."
        ),
        request=InputSerializer,
        responses={200: OutputSerializer, 400: OpenApiResponse(), 429: OpenApiResponse()},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        suggestions = suggester_get().suggest(**serializer.validated_data, limit=self.LIMIT)
        return Response(self.OutputSerializer({"suggestions": suggestions}).data)


# --- triage: route, reject, merge ----------------------------------------------------------


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
        queryset = triage_queue(filters=TriageFilters(**filters.validated_data))
        return paginated_response(
            serializer_class=TriageItemSerializer,
            queryset=queryset,
            request=request,
            view=self,
            context=_age_context(request),
        )


class ProposalRouteApi(BaseApi):
    class InputSerializer(serializers.Serializer):
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
    class InputSerializer(serializers.Serializer):
        reason = serializers.ChoiceField(choices=RejectionReason.choices)
        note = serializers.CharField(
            max_length=NOTE_MAX,
            required=False,
            allow_blank=True,
            default="",
            help_text="Sent to the author; required for reason `other`.",
        )

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
    class InputSerializer(serializers.Serializer):
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

    class InputSerializer(serializers.Serializer):
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

    class InputSerializer(serializers.Serializer):
        proposals = _proposal_ids_field()
        reason = serializers.ChoiceField(choices=RejectionReason.choices)
        note = serializers.CharField(
            max_length=NOTE_MAX, required=False, allow_blank=True, default=""
        )

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
            queryset=report_workspace(),
            request=request,
            view=self,
        )


class ContentReasonSerializer(serializers.Serializer):
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


# --- focus-area teams ----------------------------------------------------------------------


class TeamListApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField()
        name = serializers.CharField()
        email = serializers.EmailField()
        focus_areas = serializers.SerializerMethodField()
        open_count = serializers.IntegerField(help_text="Routed proposals not yet answered.")
        overdue_count = serializers.IntegerField(help_text="Of those, past the service target.")

        def get_focus_areas(self, team) -> list[str]:
            return [area.slug for area in team.focus_areas.all()]

    @extend_schema(
        tags=TAGS_TEAMS,
        summary="My teams",
        description="The teams the signed-in person belongs to; every team for admins.",
        responses={200: OutputSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request):
        teams = team_list_for_user(user=request.user)
        return Response(self.OutputSerializer(teams, many=True).data)


class TeamQueueApi(BaseApi):
    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class FilterSerializer(serializers.Serializer):
        include_answered = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        tags=TAGS_TEAMS,
        summary="A team's queue",
        description=(
            "Proposals routed to the team, the longest-waiting first, with their age in "
            "working days since routing and whether they are past the service target. "
            "Members of the team and admins only. Paginated."
        ),
        parameters=[FilterSerializer],
        responses={200: TeamQueueItemSerializer(many=True), 403: None, 404: None},
    )
    def get(self, request, slug: str):
        team = team_get_for_member(slug=slug, user=request.user)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        return paginated_response(
            serializer_class=TeamQueueItemSerializer,
            queryset=team_queue(team=team, **filters.validated_data),
            request=request,
            view=self,
            context=_age_context(request),
        )


_TEAM_REFUSED = {
    400: OpenApiResponse(),
    403: OpenApiResponse(description="The proposal is not routed to one of your teams."),
    404: OpenApiResponse(),
    409: OpenApiResponse(description="Not possible in the proposal's current state."),
}


class TeamUnderReviewApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        note = serializers.CharField(
            max_length=NOTE_MAX, required=False, allow_blank=True, default=""
        )

    @extend_schema(
        tags=TAGS_TEAMS,
        summary="Mark a routed proposal as under review",
        description="Shown on the proposal's public timeline; followers are told.",
        request=InputSerializer,
        responses={200: ProposalModeratedSerializer, **_TEAM_REFUSED},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_for_team(pk=pk, user=request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reviewed = services.proposal_set_under_review(
            proposal=proposal, actor=request.user, **serializer.validated_data
        )
        return _moderated(reviewed)


class TeamAnswerApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        outcome = serializers.ChoiceField(choices=Outcome.choices)
        text = serializers.CharField(max_length=10000)

    @extend_schema(
        tags=TAGS_TEAMS,
        summary="Publish the official answer",
        description=(
            "Members of the routed team (and admins). The answer appears on the public "
            "timeline; a later answer may follow (accepted → in progress → implemented)."
        ),
        request=InputSerializer,
        responses={200: ProposalModeratedSerializer, **_TEAM_REFUSED},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_for_team(pk=pk, user=request.user)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answered = services.proposal_answer(
            proposal=proposal, actor=request.user, **serializer.validated_data
        )
        return _moderated(answered)


class TeamRerouteApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        team = TeamSlugField()
        focus_area = FocusAreaSlugField(required=False, allow_null=True, default=None)
        note = serializers.CharField(max_length=NOTE_MAX, help_text="Why, for the other team.")

    @extend_schema(
        tags=TAGS_TEAMS,
        summary="Hand a routed proposal to another team",
        description="Members of the routed team and moderators; the note is required.",
        request=InputSerializer,
        responses={200: ProposalModeratedSerializer, **_TEAM_REFUSED},
    )
    def post(self, request, pk: int):
        # Moderators may re-route too, without being on the team.
        proposal = proposal_get_for_team(
            pk=pk, user=request.user, perm="proposals.reroute_proposal"
        )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rerouted = services.proposal_reroute(
            proposal=proposal, actor=request.user, **serializer.validated_data
        )
        return _moderated(rerouted)


# --- the audit trail -----------------------------------------------------------------------


class AuditEntryListApi(BaseApi):
    """Read-only: there is no way to add, change or delete an entry (other methods → 405)."""

    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class FilterSerializer(serializers.Serializer):
        action = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
        actor = serializers.IntegerField(required=False, min_value=1, help_text="A user id.")
        target_type = serializers.RegexField(
            r"^[a-z_]+\.[a-z_]+$",
            required=False,
            allow_blank=True,
            default="",
            help_text="`app_label.model`, e.g. `proposals.proposal`.",
        )
        target_id = serializers.IntegerField(required=False, min_value=1)
        since = serializers.DateField(required=False, help_text="On or after this day.")
        until = serializers.DateField(required=False, help_text="On or before this day.")

        def validate(self, attrs):
            since, until = attrs.get("since"), attrs.get("until")
            if since and until and since > until:
                raise serializers.ValidationError(
                    {"until": [_("The end date is before the start date.")]}, code="until"
                )
            return attrs

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        created_at = serializers.DateTimeField()
        actor = serializers.IntegerField(source="actor_id", allow_null=True)
        actor_name = serializers.SerializerMethodField()
        action = serializers.CharField()
        target_type = serializers.SerializerMethodField()
        target_id = serializers.IntegerField()
        target_label = serializers.CharField()
        from_state = serializers.CharField()
        to_state = serializers.CharField()
        reason = serializers.CharField()
        data = serializers.JSONField()

        def get_actor_name(self, entry) -> str | None:
            return entry.actor.public_name if entry.actor_id else None

        def get_target_type(self, entry) -> str:
            return f"{entry.target_type.app_label}.{entry.target_type.model}"

    @extend_schema(
        tags=["audit"],
        summary="The audit trail",
        description=(
            "Every moderator and team action (and automatic hiding), newest first: who, "
            "when, what, from which state to which, and why. Admins only. Paginated."
        ),
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), 400: OpenApiResponse(), 403: None},
    )
    def get(self, request):
        require_perm(request.user, "proposals.view_audit_trail")
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        params = dict(filters.validated_data)
        params["actor_id"] = params.pop("actor", None)
        return paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=audit_entry_list(filters=AuditFilters(**params)),
            request=request,
            view=self,
        )
