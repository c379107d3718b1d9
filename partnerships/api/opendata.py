"""The climate dashboard's open data through the API: anonymous, read-only, paginated, with
ETag and Last-Modified; a request with a current If-None-Match (or If-Modified-Since) gets
304 Not Modified without the rows being read. The same data as the CSV and JSON
downloads (frontend/views/climate.py), described once in partnerships/opendata.py.
"""

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from engage.opendata import licence, not_modified, state_headers
from partnerships.models import InventorySector, InventoryVersion
from partnerships.opendata import (
    INVENTORY,
    INVENTORY_VERSIONS,
    inventory_dataset_rows,
    inventory_dataset_state,
    inventory_dataset_version,
    inventory_versions_rows,
    inventory_versions_state,
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
