from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from engage.taxonomy import selectors
from engage.taxonomy.api import serializers


@extend_schema(tags=["taxonomy"])
class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The four themes, each with the slugs of its focus areas."""

    serializer_class = serializers.ThemeSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return selectors.theme_list()


@extend_schema(tags=["taxonomy"])
@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("theme", str, description="Only this theme's (a slug).")]
    )
)
class FocusAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """The 23 strategic focus areas with their theme and UN SDGs. Filter with `?theme=<slug>`."""

    serializer_class = serializers.FocusAreaSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return selectors.focus_area_list(theme=self.request.query_params.get("theme", ""))


@extend_schema(tags=["taxonomy"])
class SDGViewSet(viewsets.ReadOnlyModelViewSet):
    """The UN's 17 Sustainable Development Goals."""

    serializer_class = serializers.SDGSerializer
    permission_classes = [AllowAny]
    lookup_field = "number"
    pagination_class = None

    def get_queryset(self):
        return selectors.sdg_list()
