from collections.abc import Callable, Sequence

from django.core.paginator import Paginator as DjangoPaginator
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class _PageParams(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, required=False)
    page_size = serializers.IntegerField(min_value=1, required=False)


class ProposalPagination(PageNumberPagination):
    """`page` and `page_size` are whole numbers from 1 (else 400, as the schema says);
    a `page_size` above `max_page_size` gives `max_page_size`, a page past the last 404."""

    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()
    # The number of rows from elsewhere (a cache), instead of COUNT(*) on every request.
    counter: Callable[[], int] | None = None

    def django_paginator_class(self, object_list, per_page) -> DjangoPaginator:
        paginator = DjangoPaginator(object_list, per_page)
        if self.counter is not None:
            paginator.count = self.counter()  # in place of the cached_property
        return paginator

    def _params(self, request) -> dict:
        params = _PageParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data

    def get_page_size(self, request) -> int:
        size = self._params(request).get("page_size")
        return min(size, self.max_page_size) if size else self.page_size

    def get_page_number(self, request, paginator) -> int:
        return self._params(request).get("page", 1)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page (default {self.page_size}); more than "
                    f"{self.max_page_size} gives {self.max_page_size}."
                )
        return parameters


def paginated_response(
    *,
    serializer_class,
    queryset: Sequence,
    request: Request,
    view: APIView,
    context=None,
    counter: Callable[[], int] | None = None,
) -> Response:
    """One page of `queryset`, serialized."""
    paginator = ProposalPagination()
    paginator.counter = counter
    page = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(page, many=True, context=context or {"request": request}).data
    return paginator.get_paginated_response(data)
