"""Focus-area teams: their queues, and the team's actions on a routed proposal (under
review, the official answer, handing it to another team).

One small view per operation: each fetches through an access-checking selector
(proposals/selectors/moderation.py, the rules in proposals/rules.py), then calls a service.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from proposals.api.base import BaseApi, JsonInput
from proposals.api.pagination import ProposalPagination, paginated_response
from proposals.api.staff_serializers import (
    NOTE_MAX,
    AgeMixin,
    FocusAreaSlugField,
    ProposalModeratedSerializer,
    TeamSlugField,
    age_context,
    excerpt,
)
from proposals.lifecycle import Outcome, Status
from proposals.models import Proposal
from proposals.selectors.moderation import (
    TeamRow,
    proposal_get_for_team,
    team_get_for_member,
    team_list_for_user,
    team_queue_list,
)
from proposals.services import moderation as services

TAGS_TEAMS = ["teams"]


def _moderated(proposal: Proposal) -> Response:
    return Response(ProposalModeratedSerializer(proposal).data)


class TeamQueueItemSerializer(AgeMixin):
    """A TeamRow (selectors.moderation.team_queue_list). Age and overdue count from
    routing; an answered proposal is never overdue."""

    waiting_since = "routed_at"

    id = serializers.IntegerField()
    title = serializers.CharField()
    excerpt = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url")
    author = serializers.CharField(source="author.public_name")
    status = serializers.CharField()
    outcome = serializers.CharField()
    theme = serializers.CharField(source="theme.slug", allow_null=True)
    focus_area = serializers.CharField(source="focus_area.slug", allow_null=True)
    team = serializers.CharField(source="team.slug", allow_null=True)
    routed_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    support_count = serializers.IntegerField()
    comment_count = serializers.IntegerField()
    hidden = serializers.BooleanField(source="is_hidden")

    def get_excerpt(self, obj: TeamRow) -> str:
        return excerpt(obj.body)

    def _since(self, obj: TeamRow):
        return None if obj.status == Status.ANSWERED else obj.routed_at


class TeamListApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        slug = serializers.SlugField()
        name = serializers.CharField()
        email = serializers.EmailField(allow_blank=True)
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
            queryset=team_queue_list(team=team, **filters.validated_data),
            request=request,
            view=self,
            context=age_context(request),
        )


_TEAM_REFUSED = {
    400: OpenApiResponse(),
    403: OpenApiResponse(description="The proposal is not routed to one of your teams."),
    404: OpenApiResponse(),
    409: OpenApiResponse(description="Not possible in the proposal's current state."),
}


class TeamUnderReviewApi(BaseApi):
    class InputSerializer(JsonInput):
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
    class InputSerializer(JsonInput):
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
    class InputSerializer(JsonInput):
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
