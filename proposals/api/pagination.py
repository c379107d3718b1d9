from collections.abc import Sequence

from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class ProposalPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


def paginated_response(
    *, serializer_class, queryset: Sequence, request: Request, view: APIView, context=None
) -> Response:
    paginator = ProposalPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(page, many=True, context=context or {"request": request}).data
    return paginator.get_paginated_response(data)
