"""Progress reports in the API: an agreement's reports (list, start one), a report with its
values and evidence, setting values, uploading evidence, submitting, the coordinators'
queue and their verification round.

One small view per operation over partnerships.services.reports; who may is decided by
partnerships.rules (the same rules as the pages). Partners' systems may use an
organisation API token: every report view authenticates with REPORT_AUTHENTICATION (on
ReportApi), and every touch of an organisation's reports goes through
`organisation_access_check`, which keeps a token within its own organisation. Lists run a
constant number of queries. Errors are JSON keyed by field.
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from partnerships import selectors, services
from partnerships.api.authentication import (
    OrganisationTokenAuthentication,
    organisation_access_allowed,
)
from partnerships.models import (
    Agreement,
    EntryChannel,
    Evidence,
    ProgressReport,
    ProgressValue,
    ReportStatus,
    ValueState,
)
from partnerships.services.reports import (
    COMMENT_MAX_LENGTH,
    EVENT_NAME_MAX_LENGTH,
    RETURN,
    SOURCE_MAX_LENGTH,
    STORY_MAX_LENGTH,
    VERIFY,
)
from proposals.api.base import BaseApi, JsonDecimalField, JsonInput, require_perm
from proposals.api.pagination import ProposalPagination, paginated_response

TAGS = ["progress reports"]
MAX_VALUES = 200

# Every report view authenticates with these: an organisation's API token first (so that a
# refused token answers 401 with WWW-Authenticate), then the session.
REPORT_AUTHENTICATION = [
    OrganisationTokenAuthentication,
    *api_settings.DEFAULT_AUTHENTICATION_CLASSES,
]


class ReportApi(BaseApi):
    authentication_classes = REPORT_AUTHENTICATION
    permission_classes = [IsAuthenticated]


def organisation_access_check(request, perm: str, obj) -> None:
    """403 unless organisation_access_allowed: the person may, and a token stays within its
    own organisation."""
    if not organisation_access_allowed(request, obj, perm=perm):
        raise PermissionDenied


# --- serializers ---------------------------------------------------------------------------


class PersonAtSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    at = serializers.DateTimeField(allow_null=True)


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url", help_text="Download (access checked).")
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField(help_text="application/pdf, image/jpeg or image/png.")
    size = serializers.IntegerField(min_value=0)
    value = serializers.IntegerField(
        source="value_id", allow_null=True, help_text="The value it backs; null: the report."
    )
    uploaded_at = serializers.DateTimeField()


class ValueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    commitment = serializers.IntegerField(source="commitment_id")
    commitment_title = serializers.CharField(source="commitment.title")
    unit = serializers.CharField(source="commitment.unit")
    value = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    done = serializers.BooleanField(allow_null=True, help_text="Green actions only.")
    source = serializers.CharField()
    state = serializers.ChoiceField(choices=ValueState.choices)
    entered = serializers.SerializerMethodField()
    entered_via = serializers.ChoiceField(choices=EntryChannel.choices)
    verified = serializers.SerializerMethodField(help_text="Who verified it and when.")
    review_comment = serializers.CharField(help_text="The coordinator's comment, if any.")

    @extend_schema_field(PersonAtSerializer)
    def get_entered(self, value: ProgressValue) -> dict:
        name = value.entered_by.public_name if value.entered_by_id else None
        return {"name": name, "at": value.entered_at}

    @extend_schema_field(PersonAtSerializer(allow_null=True))
    def get_verified(self, value: ProgressValue) -> dict | None:
        if value.state != ValueState.VERIFIED:
            return None
        name = value.verified_by.public_name if value.verified_by_id else None
        return {"name": name, "at": value.verified_at}


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")
    agreement = serializers.IntegerField(source="agreement_id")
    organisation = serializers.SlugField(source="agreement.organisation.slug")
    programme = serializers.SlugField(source="agreement.programme.slug")
    period = serializers.CharField(source="period_label", help_text="The year or the event.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    event_name = serializers.CharField(help_text="Empty for an annual report.")
    due_date = serializers.DateField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    submitted_at = serializers.DateTimeField(allow_null=True)


class ReportDetailSerializer(ReportSerializer):
    story = serializers.CharField()
    values = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    @extend_schema_field(ValueSerializer(many=True))
    def get_values(self, report) -> list:
        return ValueSerializer(self.context["values"], many=True).data

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, report) -> list:
        return EvidenceSerializer(self.context["evidence"], many=True).data


def _agreement_or_404(pk: int) -> Agreement:
    try:
        return selectors.agreement_get_for_reports(pk=pk)
    except Agreement.DoesNotExist as exc:
        raise NotFound from exc


def _report_or_404(request, pk: int) -> ProgressReport:
    try:
        report = selectors.report_get(pk=pk)
    except ProgressReport.DoesNotExist as exc:
        raise NotFound from exc
    if not organisation_access_allowed(request, report, perm="partnerships.view_report"):
        raise NotFound  # another organisation's draft does not exist for you
    return report


def _report_response(request, pk: int, *, status_code: int = 200) -> Response:
    report = _report_or_404(request, pk)
    values = selectors.report_values(report=report)
    context = {
        "values": values,
        "evidence": selectors.report_evidence(report=report, values=values),
    }
    return Response(ReportDetailSerializer(report, context=context).data, status=status_code)


# --- views ---------------------------------------------------------------------------------


class AgreementReportsApi(ReportApi):
    class InputSerializer(JsonInput):
        year = serializers.IntegerField(
            required=False, help_text="Annual programmes: the calendar year."
        )
        event_name = serializers.CharField(
            required=False, max_length=EVENT_NAME_MAX_LENGTH, help_text="Per-event programmes."
        )
        event_start = serializers.DateField(required=False, help_text="Per-event programmes.")
        event_end = serializers.DateField(required=False, help_text="Per-event programmes.")

    @extend_schema(
        tags=TAGS,
        summary="An agreement's progress reports",
        description="Newest period first. The organisation's members see every report, "
        "drafts too; the programme's coordinators and admins see those submitted.",
        responses={200: ReportSerializer(many=True), 404: OpenApiResponse()},
    )
    def get(self, request, pk: int):
        agreement = _agreement_or_404(pk)
        organisation_access_check(request, "partnerships.view_reports", agreement)
        return Response(
            ReportSerializer(
                selectors.report_list_for_agreement(agreement=agreement, user=request.user),
                many=True,
            ).data
        )

    @extend_schema(
        tags=TAGS,
        summary="Start a progress report",
        description="A draft for one period. Annual programmes: give `year` (from the year "
        "the agreement started to this year; due on 31 March of the year after). Per-event "
        "programmes: give `event_name`, `event_start` and `event_end` (due 30 days after "
        "the event ends). For the organisation's members.",
        request=InputSerializer,
        responses={201: ReportDetailSerializer, 400: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        agreement = _agreement_or_404(pk)
        organisation_access_check(request, "partnerships.start_report", agreement)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_start(
            agreement=agreement, actor=request.user, **serializer.validated_data
        )
        return _report_response(request, report.pk, status_code=201)


class ReportDetailApi(ReportApi):
    @extend_schema(
        tags=TAGS,
        summary="One progress report",
        description="With its values (state and provenance) and evidence files.",
        responses={200: ReportDetailSerializer, 404: OpenApiResponse()},
    )
    def get(self, request, pk: int):
        return _report_response(request, pk)


class ValueEntrySerializer(JsonInput):
    commitment = serializers.IntegerField(help_text="A commitment of the agreement.")
    value = JsonDecimalField(
        max_digits=16,
        decimal_places=3,
        required=False,
        allow_null=True,
        help_text="In the commitment's unit; not negative; a share 0-100. Required except "
        "for green actions, where it is the optional measured result.",
    )
    done = serializers.BooleanField(
        required=False, allow_null=True, help_text="Green actions: carried out or not."
    )
    source = serializers.CharField(
        max_length=SOURCE_MAX_LENGTH,
        allow_blank=True,
        help_text="Where the figure comes from (a meter, an invoice, a count); required.",
    )


class ReportValuesApi(ReportApi):
    class InputSerializer(JsonInput):
        values = ValueEntrySerializer(many=True, max_length=MAX_VALUES)
        story = serializers.CharField(required=False, allow_blank=True, max_length=STORY_MAX_LENGTH)

    @extend_schema(
        tags=TAGS,
        summary="Set values of a progress report",
        description="Enter or correct values of a draft or sent-back report (and, when "
        "given, its story); recorded as entered through the API. A verified value cannot "
        "change. All or nothing: errors come as `values`, an object keyed by the index of "
        "each refused entry (from 0) with its field errors.",
        request=InputSerializer,
        responses={200: ReportDetailSerializer, 400: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        report = _report_or_404(request, pk)
        organisation_access_check(request, "partnerships.change_report", report)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entries = [
            services.ValueEntry(
                commitment_id=item["commitment"],
                value=item.get("value"),
                done=item.get("done"),
                source=item["source"],
            )
            for item in serializer.validated_data["values"]
        ]
        try:
            services.report_values_set(
                report=report,
                actor=request.user,
                entries=entries,
                channel=EntryChannel.API,
                story=serializer.validated_data.get("story"),
            )
        except services.ReportValuesInvalid as exc:
            raise serializers.ValidationError(
                {
                    "values": {
                        str(n): exc.by_commitment[e.commitment_id]
                        for n, e in enumerate(entries)
                        if e.commitment_id in exc.by_commitment
                    }
                }
            ) from exc
        return _report_response(request, pk)


class ReportSubmitApi(ReportApi):
    @extend_schema(
        tags=TAGS,
        summary="Submit a progress report",
        description="Send a draft, or a sent-back report whose returned values are all "
        "corrected, for verification; every commitment needs a value. The programme's "
        "coordinators are told.",
        request=None,
        responses={200: ReportDetailSerializer, 400: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        report = _report_or_404(request, pk)
        organisation_access_check(request, "partnerships.submit_report", report)
        services.report_submit(report=report, actor=request.user)
        return _report_response(request, pk)


class ReportEvidenceApi(ReportApi):
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="A PDF (at most 10 MB) or an image (5 MB).")
        value = serializers.IntegerField(
            required=False, allow_null=True, help_text="The value it backs; leave out for all."
        )

    @extend_schema(
        tags=TAGS,
        summary="Add an evidence file",
        description="To a draft or sent-back report, at most 10 files. Checked by content "
        "(a PDF's header, an image is re-encoded); private to the organisation and the "
        "programme's coordinators until the value it backs (or the report) is verified.",
        request={"multipart/form-data": InputSerializer},
        responses={201: EvidenceSerializer, 400: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        report = _report_or_404(request, pk)
        organisation_access_check(request, "partnerships.change_report", report)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        value = None
        if (value_id := serializer.validated_data.get("value")) is not None:
            value = next(
                (v for v in selectors.report_values(report=report) if v.pk == value_id), None
            )
            if value is None:
                raise serializers.ValidationError({"value": ["Not a value of this report."]})
        evidence: Evidence = services.evidence_add(
            report=report,
            actor=request.user,
            upload=serializer.validated_data["file"],
            value=value,
        )
        return Response(EvidenceSerializer(evidence).data, status=201)


# The coordinators' side: a token acts for a partner organisation, never as its reviewer.
STAFF_AUTHENTICATION = list(api_settings.DEFAULT_AUTHENTICATION_CLASSES)


class ReportAwaitingApi(ReportApi):
    authentication_classes = STAFF_AUTHENTICATION
    pagination_class = ProposalPagination

    class OutputSerializer(ReportSerializer):
        pending_count = serializers.IntegerField(min_value=0)

    @extend_schema(
        tags=TAGS,
        summary="Reports awaiting verification",
        description="Submitted reports in the programmes you coordinate (every programme "
        "for an admin), the longest waiting first. Paginated.",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request):
        require_perm(request.user, "partnerships.view_report_queue")
        return paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=selectors.report_list_awaiting(user=request.user),
            request=request,
            view=self,
        )


class ValueDecisionSerializer(JsonInput):
    value = serializers.IntegerField(help_text="A value awaiting verification.")
    decision = serializers.ChoiceField(choices=[VERIFY, RETURN])
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=COMMENT_MAX_LENGTH,
        help_text="Required when you send the value back: what to correct.",
    )


class ReportReviewApi(ReportApi):
    authentication_classes = STAFF_AUTHENTICATION

    class InputSerializer(JsonInput):
        decisions = ValueDecisionSerializer(many=True, max_length=MAX_VALUES)

    @extend_schema(
        tags=TAGS,
        summary="Verify a report's values or send them back",
        description="One decision round: every value awaiting verification is verified or "
        "sent back with a comment. The report is verified when all its values are, sent "
        "back otherwise; the organisation's admins get one message. Errors on a value come "
        "as `value_<id>` or `comment_<id>`. For the programme's coordinators and admins.",
        request=InputSerializer,
        responses={200: ReportDetailSerializer, 400: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def post(self, request, pk: int):
        report = _report_or_404(request, pk)
        organisation_access_check(request, "partnerships.review_report", report)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decisions = [
            services.ValueDecision(item["value"], item["decision"], item["comment"])
            for item in serializer.validated_data["decisions"]
        ]
        services.report_review(report=report, actor=request.user, decisions=decisions)
        return _report_response(request, pk)
