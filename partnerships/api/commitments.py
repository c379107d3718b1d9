"""The partner's measurable commitments in the API: an agreement's commitments listed and
added, one read, changed and withdrawn; and the shapes programmes and applications use
for their suggested and proposed commitments.

The same rules as the pages (partnerships.rules "view_agreement" to read,
"change_partner_commitments" to write) and the same validation (partnerships.services
.commitments), whose ValidationErrors answer 400 keyed by field. Lists run a constant
number of queries.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from partnerships import selectors, services
from partnerships.metrics import GREEN_GUIDE, Direction, Metric, Scope
from partnerships.models import Agreement, PartnerCommitment, Sector
from partnerships.services.commitments import YEAR_MAX, YEAR_MIN, commitment_data
from proposals.api.base import BaseApi, JsonDecimalField, JsonInput, require_perm

TAGS = ["climate partnerships"]
ACTION_CHOICES = [(action.code, str(action.label)) for action in GREEN_GUIDE]
ERRORS = OpenApiResponse(description="Refused: `{field: [message]}` in the person's language.")
FORBIDDEN = OpenApiResponse(description="You may not do this.")
NOT_FOUND = OpenApiResponse(description="No such agreement or commitment.")


def _value_field(**kwargs) -> JsonDecimalField:
    return JsonDecimalField(
        max_digits=16, decimal_places=3, allow_null=True, required=False, **kwargs
    )


class CommitmentDataSerializer(serializers.Serializer):
    """A commitment as programmes suggest and applications propose it."""

    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    metric = serializers.ChoiceField(choices=Metric.choices)
    checklist_action = serializers.ChoiceField(
        choices=ACTION_CHOICES, allow_blank=True, help_text="A green action from the guide."
    )
    unit = serializers.CharField(allow_blank=True)
    scope = serializers.ChoiceField(choices=Scope.choices, allow_null=True)
    direction = serializers.ChoiceField(choices=Direction.choices, allow_blank=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    baseline_value = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    target_value = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    focus_area = serializers.CharField(allow_blank=True, help_text="A focus area's slug.")
    sdgs = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=17))
    sector = serializers.ChoiceField(choices=Sector.choices, allow_blank=True)


class CommitmentInputSerializer(JsonInput):
    """One commitment to write. The unit may be left out (every metric but a custom one
    has its own); emissions need a scope; a green action (metric `checklist`) names its
    `checklist_action` and at most a `target_value` in the action's result unit."""

    title = serializers.CharField(
        required=False, allow_blank=True, help_text="Required except for a green action."
    )
    description = serializers.CharField(required=False, allow_blank=True)
    metric = serializers.ChoiceField(choices=Metric.choices)
    checklist_action = serializers.ChoiceField(
        choices=ACTION_CHOICES, required=False, allow_blank=True
    )
    unit = serializers.CharField(required=False, allow_blank=True)
    scope = serializers.IntegerField(
        required=False, allow_null=True, help_text="1, 2 or 3: required for emissions only."
    )
    direction = serializers.ChoiceField(choices=Direction.choices, required=False, allow_blank=True)
    baseline_year = serializers.IntegerField(
        required=False, allow_null=True, help_text=f"{YEAR_MIN} to {YEAR_MAX}."
    )
    baseline_value = _value_field(help_text="Not negative; a share 0 to 100.")
    target_year = serializers.IntegerField(
        required=False, allow_null=True, help_text="After the baseline year."
    )
    target_value = _value_field(help_text="Below the baseline to reduce, above it to increase.")
    focus_area = serializers.CharField(
        required=False, allow_blank=True, help_text="A focus area's slug."
    )
    sdgs = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="SDG numbers, 1 to 17."
    )
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True)


class PartnerCommitmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    metric = serializers.ChoiceField(choices=Metric.choices)
    metric_display = serializers.CharField(source="get_metric_display")
    checklist_action = serializers.ChoiceField(choices=ACTION_CHOICES, allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    unit_display = serializers.CharField(source="unit_label")
    scope = serializers.ChoiceField(choices=Scope.choices, allow_null=True)
    direction = serializers.ChoiceField(choices=Direction.choices, allow_blank=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    baseline_value = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    target_value = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    focus_area = serializers.SerializerMethodField(help_text="The focus area's slug, or null.")
    sdgs = serializers.SerializerMethodField()
    sector = serializers.ChoiceField(choices=Sector.choices, allow_blank=True)
    is_locked = serializers.BooleanField(
        help_text="A verified progress value exists: metric, unit, scope, direction, "
        "baseline and target can no longer change."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_focus_area(self, commitment) -> str | None:
        return commitment.focus_area.slug if commitment.focus_area_id else None

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_sdgs(self, commitment) -> list[int]:
        return sorted(sdg.number for sdg in commitment.sdgs.all())


def _agreement_or_404(pk: int) -> Agreement:
    try:
        return selectors.agreement_get(pk=pk)
    except Agreement.DoesNotExist as exc:
        raise NotFound from exc


def _commitment_or_404(agreement: Agreement, pk: int) -> PartnerCommitment:
    try:
        return selectors.partner_commitment_get(agreement=agreement, pk=pk)
    except PartnerCommitment.DoesNotExist as exc:
        raise NotFound from exc


def _one(agreement: Agreement, pk: int, *, status_code: int = 200) -> Response:
    commitment = _commitment_or_404(agreement, pk)
    return Response(PartnerCommitmentSerializer(commitment).data, status=status_code)


class AgreementCommitmentListCreateApi(BaseApi):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="The partner's commitments in an agreement",
        description="Withdrawn ones too (with `withdrawn_at`), in their order. For the "
        "organisation's members, the programme's coordinators and admins.",
        responses={200: PartnerCommitmentSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        agreement = _agreement_or_404(pk)
        require_perm(request.user, "partnerships.view_agreement", agreement)
        rows = selectors.partner_commitment_list(agreement=agreement)
        return Response(PartnerCommitmentSerializer(rows, many=True).data)

    class InputSerializer(CommitmentInputSerializer):
        reason = serializers.CharField(
            required=False, allow_blank=True, max_length=4000, help_text="For the history."
        )

    @extend_schema(
        tags=TAGS,
        summary="Add a commitment of the partner",
        description="For the programme's coordinators and the organisation's admins while "
        "the agreement has not ended. Kept in the agreement's history; the other side is "
        "told.",
        request=InputSerializer,
        responses={
            201: PartnerCommitmentSerializer,
            400: ERRORS,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk: int):
        agreement = _agreement_or_404(pk)
        require_perm(request.user, "partnerships.change_partner_commitments", agreement)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        commitment = services.partner_commitment_add(
            agreement=agreement, actor=request.user, data=data, reason=reason
        )
        return _one(agreement, commitment.pk, status_code=201)


class AgreementCommitmentDetailApi(BaseApi):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="One commitment of the partner",
        responses={200: PartnerCommitmentSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request, pk: int, commitment_pk: int):
        agreement = _agreement_or_404(pk)
        require_perm(request.user, "partnerships.view_agreement", agreement)
        return _one(agreement, commitment_pk)

    class PatchSerializer(CommitmentInputSerializer):
        reason = serializers.CharField(
            required=False, allow_blank=True, max_length=4000, help_text="For the history."
        )

    @extend_schema(
        tags=TAGS,
        summary="Change a commitment of the partner",
        description="Only the fields sent change. Once a verified progress value exists, "
        "metric, unit, scope, direction, baseline and target are fixed: withdraw the "
        "commitment and add a new one. A withdrawn commitment does not change.",
        request=PatchSerializer,
        responses={
            200: PartnerCommitmentSerializer,
            400: ERRORS,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def patch(self, request, pk: int, commitment_pk: int):
        agreement = _agreement_or_404(pk)
        require_perm(request.user, "partnerships.change_partner_commitments", agreement)
        commitment = _commitment_or_404(agreement, commitment_pk)
        serializer = self.PatchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        reason = changes.pop("reason", "")
        services.partner_commitment_update(
            commitment=commitment,
            actor=request.user,
            data={**commitment_data(commitment), **changes},
            reason=reason,
        )
        return _one(agreement, commitment_pk)


class AgreementCommitmentWithdrawApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class InputSerializer(JsonInput):
        reason = serializers.CharField(max_length=4000, help_text="Why: for the history.")

    @extend_schema(
        tags=TAGS,
        summary="Withdraw a commitment of the partner",
        description="It stays in the history and in the reports already made, and takes "
        "no new values. The other side is told.",
        request=InputSerializer,
        responses={
            200: PartnerCommitmentSerializer,
            400: ERRORS,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk: int, commitment_pk: int):
        agreement = _agreement_or_404(pk)
        require_perm(request.user, "partnerships.change_partner_commitments", agreement)
        commitment = _commitment_or_404(agreement, commitment_pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.partner_commitment_withdraw(
            commitment=commitment,
            actor=request.user,
            reason=serializer.validated_data["reason"],
        )
        return _one(agreement, commitment_pk)
