from django.urls import path

from partnerships.api.commitments import (
    AgreementCommitmentDetailApi,
    AgreementCommitmentListCreateApi,
    AgreementCommitmentWithdrawApi,
)
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
    # --- the partner's commitments in an agreement ---
    path(
        "agreements/<id:pk>/commitments/",
        AgreementCommitmentListCreateApi.as_view(),
        name="agreement-commitment-list",
    ),
    path(
        "agreements/<id:pk>/commitments/<id:commitment_pk>/",
        AgreementCommitmentDetailApi.as_view(),
        name="agreement-commitment-detail",
    ),
    path(
        "agreements/<id:pk>/commitments/<id:commitment_pk>/withdraw/",
        AgreementCommitmentWithdrawApi.as_view(),
        name="agreement-commitment-withdraw",
    ),
]
