"""The versioned REST API root: each app adds its routes here."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from engage.audit.api import AuditEntryListApi
from engage.taxonomy.api.views import FocusAreaViewSet, SDGViewSet, ThemeViewSet
from proposals.api.errors import api_not_found
from proposals.api.urls import urlpatterns as proposal_urlpatterns

router = DefaultRouter()
router.register("themes", ThemeViewSet, basename="theme")
router.register("focus-areas", FocusAreaViewSet, basename="focusarea")
router.register("sdgs", SDGViewSet, basename="sdg")

# Proposals (issue 3): plain paths with one small view per operation.
urlpatterns = [
    *proposal_urlpatterns,
    path("audit/", AuditEntryListApi.as_view(), name="audit-list"),
    *router.urls,
    # Last: anything else under /api/v1/ is a JSON 404, not the site's HTML page.
    re_path(r"^.*/$", api_not_found),
]
