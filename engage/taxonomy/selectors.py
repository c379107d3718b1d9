from django.db.models import Prefetch, QuerySet

from engage.taxonomy.models import SDG, FocusArea, Theme


def theme_list() -> QuerySet[Theme]:
    """Themes with their focus areas and each area's SDGs, in three queries."""
    areas = FocusArea.objects.order_by("position", "pk").prefetch_related(
        Prefetch("sdgs", queryset=SDG.objects.order_by("number"))
    )
    return Theme.objects.prefetch_related(Prefetch("focus_areas", queryset=areas))


def focus_area_list(*, theme: str = "") -> QuerySet[FocusArea]:
    """Every focus area (or the theme's, by slug) with its theme and SDGs: two queries."""
    queryset = FocusArea.objects.select_related("theme").prefetch_related(
        Prefetch("sdgs", queryset=SDG.objects.order_by("number"))
    )
    return queryset.filter(theme__slug=theme) if theme else queryset


def sdg_list() -> QuerySet[SDG]:
    return SDG.objects.order_by("number")


def focus_area_get(*, slug: str) -> FocusArea:
    """Raises FocusArea.DoesNotExist for an unknown slug."""
    return focus_area_list().get(slug=slug)


def theme_get(*, slug: str) -> Theme:
    return theme_list().get(slug=slug)
