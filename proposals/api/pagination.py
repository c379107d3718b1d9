from collections.abc import Callable, Sequence

from django.core.paginator import Paginator as DjangoPaginator
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class ProposalPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
    # The number of rows from elsewhere (a cache), instead of COUNT(*) on every request.
    counter: Callable[[], int] | None = None

    def django_paginator_class(self, object_list, per_page) -> DjangoPaginator:
        paginator = DjangoPaginator(object_list, per_page)
        if self.counter is not None:
            paginator.count = self.counter()  # in place of the cached_property
        return paginator


def paginated_response(
    *,
    serializer_class,
    queryset: Sequence,
    request: Request,
    view: APIView,
    context=None,
    counter: Callable[[], int] | None = None,
) -> Response:
    paginator = ProposalPagination()
    paginator.counter = counter
    page = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(page, many=True, context=context or {"request": request}).data
    return paginator.get_paginated_response(data)
