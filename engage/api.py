"""The versioned REST API root: each app adds its routes here."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

import engage.converters  # noqa: F401  (registers <id:...>)
from engage.audit.api import AuditEntryListApi
from engage.taxonomy.api.views import FocusAreaViewSet, SDGViewSet, ThemeViewSet
from notifications.api import (
    NotificationListApi,
    NotificationReadAllApi,
    NotificationReadApi,
    NotificationUnreadCountApi,
    PreferencesApi,
)
from partnerships.api.urls import urlpatterns as partnership_urlpatterns
from proposals.api.errors import api_not_found
from proposals.api.urls import urlpatterns as proposal_urlpatterns

router = DefaultRouter()
router.register("themes", ThemeViewSet, basename="theme")
router.register("focus-areas", FocusAreaViewSet, basename="focusarea")
router.register("sdgs", SDGViewSet, basename="sdg")

# Proposals (issue 3): plain paths with one small view per operation.
urlpatterns = [
    *proposal_urlpatterns,
    *partnership_urlpatterns,
    path("audit/", AuditEntryListApi.as_view(), name="audit-list"),
    path("notifications/", NotificationListApi.as_view(), name="notification-list"),
    path(
        "notifications/unread-count/",
        NotificationUnreadCountApi.as_view(),
        name="notification-unread-count",
    ),
    path("notifications/read-all/", NotificationReadAllApi.as_view(), name="notification-read-all"),
    path("notifications/<id:pk>/read/", NotificationReadApi.as_view(), name="notification-read"),
    path("notifications/preferences/", PreferencesApi.as_view(), name="notification-preferences"),
    *router.urls,
    # Last: anything else under /api/v1/ is a JSON 404, not the site's HTML page.
    re_path(r"^.*/$", api_not_found),
]
