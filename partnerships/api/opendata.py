"""The climate dashboard's open data through the API: anonymous, read-only, paginated, with
ETag and Last-Modified; a request with a current If-None-Match (or If-Modified-Since) gets
304 Not Modified without the rows being read. The same data as the CSV and JSON
downloads (frontend/views/climate.py), described once in partnerships/opendata.py: the
inventory and its versions, and the partners' organisations, agreements, commitments and
verified progress.
"""

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from engage.opendata import licence, not_modified, state_headers
from partnerships.metrics import Direction, Metric, Scope
from partnerships.models import InventorySector, InventoryVersion, Kind, Sector
from partnerships.opendata import (
    AGREEMENTS,
    COMMITMENTS,
    INVENTORY,
    INVENTORY_VERSIONS,
    ORGANISATIONS,
    PROGRESS,
    inventory_dataset_rows,
    inventory_dataset_state,
    inventory_dataset_version,
    inventory_versions_rows,
    inventory_versions_state,
    partner_dataset_ids,
    partner_dataset_page,
    partner_dataset_state,
)
from proposals.api.base import BaseApi
from proposals.api.pagination import ProposalPagination

TAGS = ["open data"]

_HEADERS = [
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        response=[200, 304],
        description="Send it back as If-None-Match: an unchanged answer is 304 without a body.",
    ),
    OpenApiParameter(
        "Last-Modified",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        response=[200, 304],
        description="When the data last changed; If-Modified-Since works too.",
    ),
]
_NOT_MODIFIED = OpenApiResponse(description="Not modified since the copy the ETag names.")


class _PageQuery(serializers.Serializer):
    page = serializers.IntegerField(
        min_value=1, required=False, help_text="A page number; past the last page is 404."
    )
    page_size = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text=f"Results per page (default {ProposalPagination.page_size}); more than "
        f"{ProposalPagination.max_page_size} gives {ProposalPagination.max_page_size}.",
    )


class _InventoryQuery(_PageQuery):
    version = serializers.IntegerField(
        min_value=1, required=False, help_text="A version's id (default: the shown one)."
    )


class InventoryRowSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990)
    sector = serializers.ChoiceField(choices=InventorySector.choices)
    sector_name = serializers.CharField()
    tco2e = serializers.DecimalField(
        max_digits=14, decimal_places=3, coerce_to_string=False, min_value=0
    )
    version_id = serializers.IntegerField()
    version_label = serializers.CharField()
    source = serializers.CharField()
    published_on = serializers.DateField()


class InventoryVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    source = serializers.CharField()
    published_on = serializers.DateField()
    imported_at = serializers.DateTimeField()
    is_shown = serializers.BooleanField()
    note = serializers.CharField()
    rows = serializers.IntegerField(min_value=0)


class _Page(serializers.Serializer):
    count = serializers.IntegerField(min_value=0)
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    licence = serializers.CharField(help_text="The licence the data is published under.")
    dataset = serializers.CharField()
    schema = serializers.DictField(
        help_text="The dataset's fields: name, type, description and unit."
    )


class InventoryPageSerializer(_Page):
    results = InventoryRowSerializer(many=True)


class InventoryVersionPageSerializer(_Page):
    results = InventoryVersionSerializer(many=True)


def _page(request, view, *, dataset, rows, serializer_class):
    paginator = ProposalPagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    response = paginator.get_paginated_response(serializer_class(page, many=True).data)
    response.data = {
        "count": response.data["count"],
        "next": response.data["next"],
        "previous": response.data["previous"],
        "licence": licence(),
        "dataset": dataset.slug,
        "schema": dataset.schema(),
        "results": response.data["results"],
    }
    return response


class InventoryOpenDataApi(BaseApi):
    permission_classes = [AllowAny]
    authentication_classes = []
    pagination_class = ProposalPagination

    @extend_schema(
        tags=TAGS,
        summary="The greenhouse-gas inventory",
        description="The rows (year, sector, tCO2e) of the inventory version the dashboard "
        "shows, or of the version named by `version`. Paginated; answers carry ETag and "
        "Last-Modified.",
        parameters=[_InventoryQuery, *_HEADERS],
        responses={
            200: InventoryPageSerializer,
            304: _NOT_MODIFIED,
            404: OpenApiResponse(description="No such version, or no such page."),
        },
    )
    def get(self, request):
        params = _InventoryQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            version = inventory_dataset_version(pk=params.validated_data.get("version"))
        except InventoryVersion.DoesNotExist as exc:
            raise NotFound from exc
        state = inventory_dataset_state(
            version=version, variant=f"api|{get_language()}|{request.GET.urlencode()}"
        )
        if (cached := not_modified(request, state)) is not None:
            return cached
        response = _page(
            request,
            self,
            dataset=INVENTORY,
            rows=inventory_dataset_rows(version=version),
            serializer_class=InventoryRowSerializer,
        )
        return state_headers(response, state)


class InventoryVersionsOpenDataApi(BaseApi):
    permission_classes = [AllowAny]
    authentication_classes = []
    pagination_class = ProposalPagination

    @extend_schema(
        tags=TAGS,
        summary="Versions of the greenhouse-gas inventory",
        description="Every import, newest first; `is_shown` marks the one the dashboard "
        "shows. Paginated; answers carry ETag and Last-Modified.",
        parameters=[_PageQuery, *_HEADERS],
        responses={200: InventoryVersionPageSerializer, 304: _NOT_MODIFIED},
    )
    def get(self, request):
        state = inventory_versions_state(variant=f"api|{request.GET.urlencode()}")
        if (cached := not_modified(request, state)) is not None:
            return cached
        response = _page(
            request,
            self,
            dataset=INVENTORY_VERSIONS,
            rows=inventory_versions_rows(),
            serializer_class=InventoryVersionSerializer,
        )
        return state_headers(response, state)


# --- the partners ------------------------------------------------------------------------


def _text(**kwargs) -> serializers.CharField:
    return serializers.CharField(allow_blank=True, **kwargs)


def _number() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=3, coerce_to_string=False, allow_null=True
    )


class OrganisationRowSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_name = serializers.CharField()
    sector = serializers.ChoiceField(choices=Sector.choices)
    sector_name = serializers.CharField()
    description = _text()
    size = serializers.IntegerField(min_value=0, allow_null=True)
    size_unit = _text()
    cvr = _text()
    address = _text()
    website = _text()
    is_verified = serializers.BooleanField()
    url = serializers.CharField(help_text="The organisation's page, a path on this site.")


class AgreementRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField()
    organisation_name = serializers.CharField()
    programme = serializers.CharField()
    programme_name = serializers.CharField()
    start_date = serializers.DateField()


class CommitmentRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agreement_id = serializers.IntegerField()
    organisation = serializers.CharField()
    organisation_name = serializers.CharField()
    programme = serializers.CharField()
    title = serializers.CharField()
    description = _text()
    metric = serializers.ChoiceField(choices=Metric.choices)
    metric_name = serializers.CharField()
    unit = _text()
    unit_name = _text()
    scope = serializers.ChoiceField(choices=Scope.choices, allow_null=True)
    direction = serializers.ChoiceField(choices=Direction.choices, allow_blank=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    baseline_value = _number()
    target_year = serializers.IntegerField(allow_null=True)
    target_value = _number()
    green_action = _text()
    sector = serializers.ChoiceField(choices=Sector.choices, allow_blank=True)
    sector_name = _text()
    focus_area = _text()


class ProgressRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    commitment_id = serializers.IntegerField()
    agreement_id = serializers.IntegerField()
    organisation = serializers.CharField()
    organisation_name = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    event_name = _text()
    metric = serializers.ChoiceField(choices=Metric.choices)
    scope = serializers.ChoiceField(choices=Scope.choices, allow_null=True)
    value = _number()
    unit = _text()
    done = serializers.BooleanField(allow_null=True)
    source = _text()
    verified_at = serializers.DateTimeField()


class OrganisationPageSerializer(_Page):
    results = OrganisationRowSerializer(many=True)


class AgreementPageSerializer(_Page):
    results = AgreementRowSerializer(many=True)


class CommitmentPageSerializer(_Page):
    results = CommitmentRowSerializer(many=True)


class ProgressPageSerializer(_Page):
    results = ProgressRowSerializer(many=True)


class _PartnerOpenDataApi(BaseApi):
    """One partner dataset, a page at a time: the state with the count (one query), then,
    unless 304, the page's ids and their rows (two more)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    pagination_class = ProposalPagination
    dataset = ORGANISATIONS
    serializer_class = OrganisationRowSerializer

    def get(self, request):
        _PageQuery(data=request.query_params).is_valid(raise_exception=True)
        slug = self.dataset.slug
        state = partner_dataset_state(
            slug=slug, variant=f"api|{get_language()}|{request.GET.urlencode()}"
        )
        if (cached := not_modified(request, state)) is not None:
            return cached
        paginator = ProposalPagination()
        paginator.counter = lambda: state.rows  # counted with the state
        ids = paginator.paginate_queryset(partner_dataset_ids(slug=slug), request, view=self)
        rows = partner_dataset_page(slug=slug, ids=ids)
        response = paginator.get_paginated_response(self.serializer_class(rows, many=True).data)
        response.data = {
            "count": response.data["count"],
            "next": response.data["next"],
            "previous": response.data["previous"],
            "licence": licence(),
            "dataset": slug,
            "schema": self.dataset.schema(),
            "results": response.data["results"],
        }
        return state_headers(response, state)


def _partner_schema(*, summary: str, description: str, page) -> dict:
    return {
        "get": extend_schema(
            tags=TAGS,
            summary=summary,
            description=f"{description} Paginated; answers carry ETag and Last-Modified.",
            parameters=[_PageQuery, *_HEADERS],
            responses={
                200: page,
                304: _NOT_MODIFIED,
                404: OpenApiResponse(description="No such page."),
            },
        )
    }


@extend_schema_view(
    **_partner_schema(
        summary="Organisations in climate partnerships",
        description="Every organisation's public profile, by name; no members.",
        page=OrganisationPageSerializer,
    )
)
class OrganisationsOpenDataApi(_PartnerOpenDataApi):
    dataset = ORGANISATIONS
    serializer_class = OrganisationRowSerializer


@extend_schema_view(
    **_partner_schema(
        summary="Climate partnership agreements",
        description="The active agreements; paused and ended ones are not published.",
        page=AgreementPageSerializer,
    )
)
class AgreementsOpenDataApi(_PartnerOpenDataApi):
    dataset = AGREEMENTS
    serializer_class = AgreementRowSerializer


@extend_schema_view(
    **_partner_schema(
        summary="The partners' commitments",
        description="The commitments, not withdrawn, of the active agreements.",
        page=CommitmentPageSerializer,
    )
)
class CommitmentsOpenDataApi(_PartnerOpenDataApi):
    dataset = COMMITMENTS
    serializer_class = CommitmentRowSerializer


@extend_schema_view(
    **_partner_schema(
        summary="The partners' verified progress",
        description="The verified values of those commitments; nothing awaiting "
        "verification or sent back, and no names of people.",
        page=ProgressPageSerializer,
    )
)
class ProgressOpenDataApi(_PartnerOpenDataApi):
    dataset = PROGRESS
    serializer_class = ProgressRowSerializer
