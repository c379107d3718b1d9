from django.urls import path

from partnerships.api.views import (
    OrganisationDetailApi,
    OrganisationListApi,
    OrganisationMembersApi,
    OrganisationMineApi,
)

urlpatterns = [
    path("organisations/", OrganisationListApi.as_view(), name="organisation-list"),
    path("organisations/mine/", OrganisationMineApi.as_view(), name="organisation-mine"),
    path("organisations/<slug:slug>/", OrganisationDetailApi.as_view(), name="organisation-detail"),
    path(
        "organisations/<slug:slug>/members/",
        OrganisationMembersApi.as_view(),
        name="organisation-members",
    ),
]
