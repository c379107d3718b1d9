"""The versioned REST API root: each app adds its routes here."""

from rest_framework.routers import DefaultRouter

from engage.taxonomy.api.views import FocusAreaViewSet, SDGViewSet, ThemeViewSet

router = DefaultRouter()
router.register("themes", ThemeViewSet, basename="theme")
router.register("focus-areas", FocusAreaViewSet, basename="focusarea")
router.register("sdgs", SDGViewSet, basename="sdg")

urlpatterns = router.urls
