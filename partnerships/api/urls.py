from django.urls import path

from partnerships.api.opendata import InventoryOpenDataApi, InventoryVersionsOpenDataApi
from partnerships.api.programmes import (
    ApplicationDecisionApi,
    ApplicationDetailApi,
    ApplicationListCreateApi,
    ApplicationResubmitApi,
    ProgrammeDetailApi,
    ProgrammeListApi,
)
from partnerships.api.views import (
    OrganisationDetailApi,
    OrganisationListApi,
    OrganisationMembersApi,
    OrganisationMineApi,
)

urlpatterns = [
    path("open-data/inventory/", InventoryOpenDataApi.as_view(), name="open-data-inventory"),
    path(
        "open-data/inventory/versions/",
        InventoryVersionsOpenDataApi.as_view(),
        name="open-data-inventory-versions",
    ),
    path("organisations/", OrganisationListApi.as_view(), name="organisation-list"),
    path("organisations/mine/", OrganisationMineApi.as_view(), name="organisation-mine"),
    path("organisations/<slug:slug>/", OrganisationDetailApi.as_view(), name="organisation-detail"),
    path(
        "organisations/<slug:slug>/members/",
        OrganisationMembersApi.as_view(),
        name="organisation-members",
    ),
    path("programmes/", ProgrammeListApi.as_view(), name="programme-list"),
    path("programmes/<slug:slug>/", ProgrammeDetailApi.as_view(), name="programme-detail"),
    path("applications/", ApplicationListCreateApi.as_view(), name="application-list"),
    path("applications/<id:pk>/", ApplicationDetailApi.as_view(), name="application-detail"),
    path(
        "applications/<id:pk>/resubmit/",
        ApplicationResubmitApi.as_view(),
        name="application-resubmit",
    ),
    path(
        "applications/<id:pk>/decision/",
        ApplicationDecisionApi.as_view(),
        name="application-decision",
    ),
]

# --- organisation API tokens -------------------------------------------------------------
from partnerships.api.tokens import OrganisationTokenCheckApi  # noqa: E402

urlpatterns += [
    path(
        "organisations/<slug:slug>/token-check/",
        OrganisationTokenCheckApi.as_view(),
        name="organisation-token-check",
    ),
]
