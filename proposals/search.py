"""Danish full-text search: a stored tsvector on PostgreSQL, a plain word match elsewhere."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet

SEARCH_CONFIG = "danish"
_WORD = re.compile(r"\w+", re.UNICODE)


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_vector_refresh(*, proposal_ids: list[int]) -> None:
    """Recompute the stored search vector of the given proposals (PostgreSQL only)."""
    if not uses_postgres() or not proposal_ids:
        return
    from proposals.models import Proposal

    Proposal.objects.filter(pk__in=proposal_ids).update(
        search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG)
        + SearchVector("location_text", weight="C", config=SEARCH_CONFIG)
    )


def search_filter(queryset: QuerySet, *, text: str, rank: bool) -> QuerySet:
    """Proposals matching every word of `text` (stemmed in Danish on PostgreSQL)."""
    words = _WORD.findall(text)
    if not words:
        return queryset
    if uses_postgres():
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        queryset = queryset.filter(search_vector=query)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(F("search_vector"), query))
        return queryset
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return queryset.filter(condition)


def similar_filter(queryset: QuerySet, *, text: str) -> QuerySet:
    """Proposals sharing any meaningful word with `text`, best match first."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 2][:12]
    if not words:
        return queryset.none()
    if uses_postgres():
        query = SearchQuery(" OR ".join(words), config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-support_count")
        )
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word)
    return queryset.filter(condition).order_by("-support_count", "-pk")
