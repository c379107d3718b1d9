"""Programmes and applications in the API: public programmes for everyone; an
organisation admin's applications (create, resubmit, read) and a coordinator's decisions.

One small view per operation; views check `user.has_perm` (partnerships/rules.py, the
same rules as the pages), read through partnerships.selectors and write through
partnerships.services, whose ValidationErrors answer 400. Lists run a constant number of
queries.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from partnerships import selectors, services
from partnerships.api.commitments import CommitmentDataSerializer, CommitmentInputSerializer
from partnerships.models import (
    AgreementStatus,
    Application,
    ApplicationStatus,
    Kind,
    Organisation,
    Programme,
    ReportingRhythm,
)
from partnerships.services.programmes import ANSWER_MAX_LENGTH, DECISIONS, MESSAGE_MAX_LENGTH
from proposals.api.base import BaseApi, JsonInput, require_perm
from proposals.api.pagination import ProposalPagination, paginated_response

TAGS = ["climate partnerships"]
MAX_ANSWERS = 50


class QuestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    required = serializers.BooleanField()


class ProgrammeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
    description = serializers.CharField()
    focus_areas = serializers.SerializerMethodField(help_text="Slugs of its focus areas.")
    eligible_kinds = serializers.ListField(child=serializers.ChoiceField(choices=Kind.choices))
    reporting_rhythm = serializers.ChoiceField(choices=ReportingRhythm.choices)
    questions = QuestionSerializer(many=True, help_text="In the order the application asks them.")
    is_open = serializers.BooleanField(help_text="Whether it takes applications.")
    # --- the partner's commitments ---
    suggested_commitments = CommitmentDataSerializer(
        many=True, help_text="Commitments an applicant may start from."
    )
    uses_green_guide = serializers.BooleanField(
        help_text="Whether applicants may commit to green actions from the guide (metric "
        "`checklist`): festival and event programmes."
    )

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_focus_areas(self, programme: Programme) -> list[str]:
        return [area.slug for area in programme.focus_areas.all()]


class ProgrammeDetailSerializer(ProgrammeSerializer):
    partners = serializers.SerializerMethodField(
        help_text="Slugs of the organisations with an active agreement in the programme."
    )

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_partners(self, programme: Programme) -> list[str]:
        return [organisation.slug for organisation in self.context["partners"]]


class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The question.")
    required = serializers.BooleanField()
    answer = serializers.CharField(allow_blank=True)


class StepSerializer(serializers.Serializer):
    action = serializers.CharField()
    by = serializers.SerializerMethodField(help_text="Who; null once their account is gone.")
    message = serializers.CharField(allow_blank=True)
    at = serializers.DateTimeField(source="created_at")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_by(self, step) -> str | None:
        return step.actor.public_name if step.actor_id else None


class AgreementBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=AgreementStatus.choices)
    start_date = serializers.DateField()
    review_date = serializers.DateField()


class ApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")
    programme = serializers.SlugField(source="programme.slug")
    organisation = serializers.SlugField(source="organisation.slug")
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    answers = AnswerSerializer(many=True)
    proposed_commitments = CommitmentDataSerializer(
        many=True, help_text="Approval makes them the partner's commitments in the agreement."
    )
    submitted_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class ApplicationDetailSerializer(ApplicationSerializer):
    steps = StepSerializer(many=True, source="steps.all", help_text="The history, oldest first.")
    agreement = serializers.SerializerMethodField(help_text="The agreement an approval made.")

    @extend_schema_field(AgreementBriefSerializer(allow_null=True))
    def get_agreement(self, application) -> dict | None:
        agreement = self.context.get("agreement")
        return AgreementBriefSerializer(agreement).data if agreement is not None else None


def _programme_or_404(slug: str) -> Programme:
    try:
        return selectors.programme_get(slug=slug)
    except Programme.DoesNotExist as exc:
        raise NotFound from exc


def _application_or_404(pk: int) -> Application:
    try:
        return selectors.application_get(pk=pk)
    except Application.DoesNotExist as exc:
        raise NotFound from exc


def _application_response(request, pk: int, *, status_code: int = 200) -> Response:
    application = _application_or_404(pk)
    require_perm(request.user, "partnerships.view_application", application)
    agreement = (
        selectors.application_agreement(application=application)
        if application.status == ApplicationStatus.APPROVED
        else None
    )
    data = ApplicationDetailSerializer(application, context={"agreement": agreement}).data
    return Response(data, status=status_code)


class ProgrammeListApi(BaseApi):
    permission_classes = [AllowAny]
    pagination_class = ProposalPagination

    @extend_schema(
        tags=TAGS,
        summary="Climate partnership programmes",
        description="Every programme, open ones first, then by name. Paginated.",
        responses={200: ProgrammeSerializer(many=True)},
    )
    def get(self, request):
        return paginated_response(
            serializer_class=ProgrammeSerializer,
            queryset=selectors.programme_list_public(),
            request=request,
            view=self,
        )


class ProgrammeDetailApi(BaseApi):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="One programme",
        responses={200: ProgrammeDetailSerializer, 404: OpenApiResponse()},
    )
    def get(self, request, slug: str):
        programme = _programme_or_404(slug)
        partners = selectors.programme_partners(programme=programme)
        return Response(ProgrammeDetailSerializer(programme, context={"partners": partners}).data)


class ApplicationListCreateApi(BaseApi):
    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class InputSerializer(JsonInput):
        programme = serializers.SlugField(help_text="The programme's slug.")
        organisation = serializers.SlugField(
            help_text="The slug of an organisation you administer."
        )
        answers = serializers.ListField(
            child=serializers.CharField(allow_blank=True, max_length=ANSWER_MAX_LENGTH),
            max_length=MAX_ANSWERS,
            default=list,
            help_text="One answer per question, in the programme's order; required "
            "questions must be answered (errors under `answer_<n>`, n from 0).",
        )
        proposed_commitments = CommitmentInputSerializer(
            many=True,
            required=False,
            help_text="The commitments the organisation proposes (errors under "
            "`commitment_<n>_<field>`, n from 0); green actions only where the programme "
            "uses the green guide.",
        )

    @extend_schema(
        tags=TAGS,
        summary="My organisations' applications",
        description="Applications of the organisations you administer, newest first. Paginated.",
        responses={200: ApplicationSerializer(many=True)},
    )
    def get(self, request):
        return paginated_response(
            serializer_class=ApplicationSerializer,
            queryset=selectors.application_list_for_user(user=request.user),
            request=request,
            view=self,
        )

    @extend_schema(
        tags=TAGS,
        summary="Apply to a programme",
        description="On behalf of an organisation you administer, to an open programme its "
        "kind may join. An unverified organisation may apply; it must be verified before "
        "the application can be approved. The programme's coordinators are told.",
        request=InputSerializer,
        responses={201: ApplicationDetailSerializer, 400: OpenApiResponse()},
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            programme = selectors.programme_get(slug=data["programme"])
        except Programme.DoesNotExist as exc:
            raise serializers.ValidationError({"programme": ["No such programme."]}) from exc
        try:
            organisation = selectors.organisation_get(slug=data["organisation"])
        except Organisation.DoesNotExist as exc:
            raise serializers.ValidationError({"organisation": ["No such organisation."]}) from exc
        require_perm(request.user, "partnerships.apply_for_organisation", organisation)
        application = services.application_submit(
            programme=programme,
            organisation=organisation,
            actor=request.user,
            answers=data["answers"],
            proposed_commitments=[dict(item) for item in data.get("proposed_commitments", [])],
        )
        return _application_response(request, application.pk, status_code=201)


class ApplicationDetailApi(BaseApi):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="One application",
        description="For the organisation's members, the programme's coordinators and admins.",
        responses={200: ApplicationDetailSerializer, 404: OpenApiResponse()},
    )
    def get(self, request, pk: int):
        return _application_response(request, pk)


class ApplicationResubmitApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class InputSerializer(JsonInput):
        answers = serializers.ListField(
            child=serializers.CharField(allow_blank=True, max_length=ANSWER_MAX_LENGTH),
            max_length=MAX_ANSWERS,
            help_text="One answer per question of the application, in its order.",
        )
        proposed_commitments = CommitmentInputSerializer(
            many=True,
            required=False,
            help_text="New proposed commitments; left out, they stay as they are.",
        )

    @extend_schema(
        tags=TAGS,
        summary="Resubmit an application",
        description="After the municipality asked for changes: new answers (and proposed "
        "commitments), and it awaits "
        "a decision again. For the organisation's admins.",
        request=InputSerializer,
        responses={200: ApplicationDetailSerializer, 400: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        application = _application_or_404(pk)
        require_perm(request.user, "partnerships.resubmit_application", application)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposed = serializer.validated_data.get("proposed_commitments")
        services.application_resubmit(
            application=application,
            actor=request.user,
            answers=serializer.validated_data["answers"],
            proposed_commitments=None if proposed is None else [dict(item) for item in proposed],
        )
        return _application_response(request, pk)


class ApplicationDecisionApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class InputSerializer(JsonInput):
        decision = serializers.ChoiceField(choices=list(DECISIONS))
        message = serializers.CharField(
            max_length=MESSAGE_MAX_LENGTH, help_text="To the organisation's admins."
        )
        start_date = serializers.DateField(
            required=False, allow_null=True, help_text="On approval; today when left out."
        )
        review_date = serializers.DateField(
            required=False,
            allow_null=True,
            help_text="On approval, required: after the start date.",
        )

    @extend_schema(
        tags=TAGS,
        summary="Decide an application",
        description="Approve (which makes the agreement; the organisation must be "
        "verified), decline or ask for changes, with a message to the organisation. For the "
        "programme's coordinators and admins.",
        request=InputSerializer,
        responses={200: ApplicationDetailSerializer, 400: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        application = _application_or_404(pk)
        require_perm(request.user, "partnerships.decide_application", application)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.application_decide(
            application=application,
            actor=request.user,
            decision=data["decision"],
            message=data["message"],
            start_date=data.get("start_date"),
            review_date=data.get("review_date"),
        )
        return _application_response(request, pk)
