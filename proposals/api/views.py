"""Proposals: list, detail, the author's own, similar titles, focus-area suggestions for
the submission form, and the draft's life.

One small view per operation. Views check `user.has_perm` (proposals/rules.py, the same
rules as the pages), then call a selector or a service; errors become HTTP statuses in
proposals/api/errors.py.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from engage.taxonomy.models import FocusArea, Theme
from engage.throttling import ScopedRateThrottle
from partnerships.models import Organisation
from proposals import services
from proposals.api.base import BaseApi, JsonInput, require_perm
from proposals.api.errors import Conflict
from proposals.api.pagination import ProposalPagination, paginated_response
from proposals.api.schema import non_blank_required
from proposals.api.serializers import (
    ProposalDetailSerializer,
    ProposalImageSerializer,
    ProposalListItemSerializer,
)
from proposals.api.staff_serializers import FocusAreaSuggestionSerializer
from proposals.lifecycle import EDITABLE_STATUSES, OPEN_STATUSES, Status, transition_check
from proposals.models import Proposal
from proposals.routing import suggester_get
from proposals.selectors.page import proposal_get_visible, proposal_timeline_list
from proposals.selectors.public import (
    SORTS,
    ProposalFilters,
    proposal_count_public,
    proposal_list_for_author,
    proposal_list_public,
    proposal_list_similar,
)

TAGS = ["proposals"]
_COORDINATE = Decimal("0.000001")
_BBOX = settings.MUNICIPALITY_BBOX  # min longitude, min latitude, max longitude, max latitude


def require_draft_author(user, proposal: Proposal, perm: str) -> None:
    """For the draft-only permissions (change, delete): 409 when someone who could change
    the proposal asks after it has left the draft state, else 403 unless `perm` holds."""
    allowed = user.has_perm(perm, proposal)
    if proposal.status not in EDITABLE_STATUSES and (allowed or proposal.author_id == user.pk):
        raise Conflict(detail=_("Only drafts can be edited."))
    if not allowed:
        raise PermissionDenied


def proposal_detail_response(*, request, pk: int, status_code: int = 200) -> Response:
    proposal = proposal_get_visible(pk=pk, user=request.user)
    proposal.timeline = proposal_timeline_list(proposal=proposal)
    data = ProposalDetailSerializer(proposal, context={"request": request}).data
    return Response(data, status=status_code)


class CoordinateField(serializers.FloatField):
    """Accepts any float; stored with the model's six decimals (about 10 cm)."""

    def to_internal_value(self, data) -> Decimal:
        value = super().to_internal_value(data)
        return Decimal(str(value)).quantize(_COORDINATE, rounding=ROUND_HALF_UP)


class SlugOrNullField(serializers.SlugRelatedField):
    """An object by its slug, or null; DRF would take "" for null, which the schema's slug
    pattern does not allow."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)


class ProposalWriteSerializer(JsonInput):
    """Create (title and body required) and edit (partial) a draft."""

    title = serializers.CharField(max_length=140)
    body = serializers.CharField(max_length=10000)
    theme = SlugOrNullField(
        slug_field="slug",
        queryset=Theme.objects.all(),
        required=False,
        allow_null=True,
    )
    focus_area = SlugOrNullField(
        slug_field="slug",
        # The service reads the area's theme; nothing reads its goals.
        queryset=FocusArea.objects.select_related("theme"),
        required=False,
        allow_null=True,
    )
    location_text = serializers.CharField(max_length=200, required=False, allow_blank=True)
    organisation = SlugOrNullField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Write it on behalf of this organisation (its slug), one you are a member "
        "of; null for your own name.",
        error_messages={
            "does_not_exist": gettext_lazy("There is no organisation with the address “{value}”."),
            "invalid": gettext_lazy("Give the organisation's address (its slug) as text, or null."),
        },
    )
    latitude = CoordinateField(required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = CoordinateField(required=False, allow_null=True, min_value=-180, max_value=180)

    # Both coordinates inside the municipality (services check the box), both null, or
    # neither sent.
    schema_rules = {
        "anyOf": [
            {
                "required": ["latitude", "longitude"],
                "properties": {
                    "latitude": {"type": "number", "minimum": _BBOX[1], "maximum": _BBOX[3]},
                    "longitude": {"type": "number", "minimum": _BBOX[0], "maximum": _BBOX[2]},
                },
            },
            {
                "required": ["latitude", "longitude"],
                # null: the only value of these fields that is not a number
                "properties": {
                    "latitude": {"not": {"type": "number"}},
                    "longitude": {"not": {"type": "number"}},
                },
            },
            {"not": {"anyOf": [{"required": ["latitude"]}, {"required": ["longitude"]}]}},
        ]
    }

    def validate(self, attrs):
        if ("latitude" in attrs) != ("longitude" in attrs):
            raise serializers.ValidationError("Send latitude and longitude together.", code="point")
        return attrs


class ProposalListCreateApi(BaseApi):
    """GET: anyone; POST: signed-in people (IsAuthenticatedOrReadOnly, then the rules)."""

    pagination_class = ProposalPagination  # also puts page/page_size in the schema

    class FilterSerializer(serializers.Serializer):
        theme = serializers.SlugField(required=False, allow_blank=True)
        focus_area = serializers.SlugField(required=False, allow_blank=True)
        sdg = serializers.IntegerField(required=False, min_value=1, max_value=17)
        status = serializers.ChoiceField(
            choices=sorted(OPEN_STATUSES), required=False, allow_blank=True
        )
        q = serializers.CharField(required=False, allow_blank=True, max_length=200)
        sort = serializers.ChoiceField(choices=list(SORTS), required=False, default="newest")

    @extend_schema(
        tags=TAGS,
        summary="Public proposals",
        description=(
            "Published, under-review and answered proposals, newest first. `q` searches "
            "title, text and place (Danish word forms on PostgreSQL). Paginated: `page`, "
            "`page_size` (at most 100)."
        ),
        parameters=[FilterSerializer],
        responses={200: ProposalListItemSerializer(many=True), 400: OpenApiResponse()},
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        chosen = ProposalFilters(**filters.validated_data)
        queryset = (
            proposal_list_public(filters=chosen, user=request.user)
            .select_related("organisation")
            .only(*ProposalListItemSerializer.MODEL_FIELDS)
        )
        return paginated_response(
            serializer_class=ProposalListItemSerializer,
            queryset=queryset,
            request=request,
            view=self,
            counter=lambda: proposal_count_public(filters=chosen),
        )

    @extend_schema(
        tags=TAGS,
        summary="Create a draft",
        request=ProposalWriteSerializer,
        responses={201: ProposalDetailSerializer, 400: OpenApiResponse()},
    )
    def post(self, request):
        require_perm(request.user, "proposals.add_proposal")
        serializer = ProposalWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = services.proposal_create(author=request.user, **serializer.validated_data)
        return proposal_detail_response(request=request, pk=proposal.pk, status_code=201)


class ProposalDetailApi(BaseApi):
    """GET: whoever may see the proposal; PATCH and DELETE: the author of a draft."""

    @extend_schema(
        tags=TAGS,
        summary="One proposal",
        description="Drafts and proposals awaiting moderation: only their author and moderators.",
        responses={200: ProposalDetailSerializer, 404: OpenApiResponse()},
    )
    def get(self, request, pk: int):
        return proposal_detail_response(request=request, pk=pk)

    @extend_schema(
        tags=TAGS,
        summary="Edit a draft",
        description="Send only the fields to change; latitude and longitude go together.",
        request=ProposalWriteSerializer,
        responses={200: ProposalDetailSerializer, 400: OpenApiResponse(), 409: OpenApiResponse()},
    )
    def patch(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_draft_author(request.user, proposal, "proposals.change_proposal")
        serializer = ProposalWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.proposal_update(proposal=proposal, **serializer.validated_data)
        return proposal_detail_response(request=request, pk=pk)

    @extend_schema(
        tags=TAGS,
        summary="Delete a draft",
        responses={204: None, 403: OpenApiResponse(), 409: OpenApiResponse()},
    )
    def delete(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_draft_author(request.user, proposal, "proposals.delete_proposal")
        services.proposal_delete_draft(proposal=proposal)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProposalSubmitApi(BaseApi):
    @extend_schema(
        tags=TAGS,
        summary="Submit a draft",
        description="Sends the draft to moderation (or publishes it when pre-moderation is off). "
        "400 when the draft is written on behalf of an organisation the author has left.",
        request=None,
        responses={
            200: ProposalDetailSerializer,
            400: OpenApiResponse(),
            409: OpenApiResponse(),
            429: OpenApiResponse(),
        },
    )
    def post(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        if not request.user.has_perm("proposals.submit_proposal", proposal):
            if proposal.author_id == request.user.pk:
                # Already submitted: the lifecycle explains why (InvalidTransition → 409).
                transition_check(current=proposal.status, target=Status.SUBMITTED)
            raise PermissionDenied
        services.proposal_submit(proposal=proposal, actor=request.user)
        return proposal_detail_response(request=request, pk=pk)


class ProposalMineApi(BaseApi):
    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        title = serializers.CharField()
        status = serializers.CharField()
        status_display = serializers.CharField(source="get_status_display")
        outcome = serializers.CharField()
        theme = serializers.CharField(source="theme.slug", allow_null=True)
        focus_area = serializers.CharField(source="focus_area.slug", allow_null=True)
        support_count = serializers.IntegerField()
        comment_count = serializers.IntegerField()
        created_at = serializers.DateTimeField()
        updated_at = serializers.DateTimeField()
        submitted_at = serializers.DateTimeField(allow_null=True)
        published_at = serializers.DateTimeField(allow_null=True)
        answered_at = serializers.DateTimeField(allow_null=True)

    @extend_schema(
        tags=TAGS,
        summary="My proposals",
        description="The signed-in user's proposals in every state, drafts included.",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request):
        return paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=proposal_list_for_author(author=request.user),
            request=request,
            view=self,
        )


class ProposalSimilarApi(BaseApi):
    permission_classes = [AllowAny]

    class FilterSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=140)
        exclude = serializers.IntegerField(required=False, min_value=1)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        title = serializers.CharField()
        support_count = serializers.IntegerField()
        url = serializers.CharField(source="get_absolute_url")

    @extend_schema(
        tags=TAGS,
        summary="Similar proposals",
        description="Up to five public proposals whose words overlap `title`.",
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), 400: OpenApiResponse()},
    )
    def get(self, request):
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        proposals = proposal_list_similar(
            text=filters.validated_data["title"],
            exclude_pk=filters.validated_data.get("exclude"),
        )
        return Response(self.OutputSerializer(proposals, many=True).data)


class ProposalImageAddApi(BaseApi):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(JsonInput):
        # A plain file: the service checks that it really is an image (and its size).
        image = serializers.FileField()
        alt_text = serializers.CharField(max_length=200)

    @extend_schema(
        tags=TAGS,
        summary="Add an image to a draft",
        description="JPEG, PNG, WebP or GIF up to 5 MB; at most three images per proposal.",
        request={"multipart/form-data": InputSerializer},
        responses={201: ProposalImageSerializer, 400: OpenApiResponse(), 409: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_draft_author(request.user, proposal, "proposals.change_proposal")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        image = services.proposal_image_add(
            proposal=proposal,
            upload=serializer.validated_data["image"],
            alt_text=serializer.validated_data["alt_text"],
        )
        return Response(ProposalImageSerializer(image).data, status=status.HTTP_201_CREATED)


class ProposalImageRemoveApi(BaseApi):
    @extend_schema(
        tags=TAGS,
        summary="Remove an image from a draft",
        responses={204: None, 404: OpenApiResponse(), 409: OpenApiResponse()},
    )
    def delete(self, request, pk: int, image_id: int):
        proposal = proposal_get_visible(pk=pk, user=request.user)
        require_draft_author(request.user, proposal, "proposals.change_proposal")
        image = next((i for i in proposal.image_list if i.pk == image_id), None)
        if image is None:
            raise NotFound
        services.proposal_image_remove(image=image)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SuggestFocusAreasApi(BaseApi):
    """Open to anyone: the submission form asks while people type. Throttled per person
    (or address) by the `suggest_focus_areas` scope on top of the usual limits."""

    permission_classes = [AllowAny]
    throttle_classes = [*APIView.throttle_classes, ScopedRateThrottle]
    throttle_scope = "suggest_focus_areas"
    LIMIT = 5

    class InputSerializer(JsonInput):
        title = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default="", trim_whitespace=True
        )
        body = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")

        schema_rules = {"anyOf": [non_blank_required("title"), non_blank_required("body")]}

        def validate(self, attrs):
            if not attrs["title"].strip() and not attrs["body"].strip():
                raise serializers.ValidationError(
                    _("Write a title or a text to get suggestions."), code="empty"
                )
            return attrs

    class OutputSerializer(serializers.Serializer):
        suggestions = FocusAreaSuggestionSerializer(many=True)
        none_fits = serializers.BooleanField(
            help_text="True when none of the focus areas fits the text well."
        )
        none_score = serializers.FloatField(
            help_text="The chance that none fits: 1 minus the sum of all focus areas' scores."
        )

    @extend_schema(
        tags=["proposals"],
        summary="Suggest focus areas for a text",
        description=(
            "Ranks the focus areas for a proposal's title and text (Danish or English), best "
            "first: at least three, with calibrated scores (of suggestions scored 0.8, about "
            "80 % are right), and whether none of them fits well. Anyone may ask; throttled."
        ),
        request=InputSerializer,
        responses={200: OutputSerializer, 400: OpenApiResponse(), 429: OpenApiResponse()},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ranking = suggester_get().rank(**serializer.validated_data, limit=self.LIMIT)
        output = {
            "suggestions": ranking.suggestions,
            "none_fits": not ranking.fits,
            "none_score": ranking.none,
        }
        return Response(self.OutputSerializer(output).data)
