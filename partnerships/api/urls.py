from django.urls import path

from partnerships.api.commitments import (
    AgreementCommitmentDetailApi,
    AgreementCommitmentListCreateApi,
    AgreementCommitmentWithdrawApi,
)
from partnerships.api.opendata import (
    AgreementsOpenDataApi,
    CommitmentsOpenDataApi,
    InventoryOpenDataApi,
    InventoryVersionsOpenDataApi,
    OrganisationsOpenDataApi,
    ProgressOpenDataApi,
)
from partnerships.api.programmes import (
    ApplicationDecisionApi,
    ApplicationDetailApi,
    ApplicationListCreateApi,
    ApplicationResubmitApi,
    ProgrammeDetailApi,
    ProgrammeListApi,
)
from partnerships.api.reports import (
    AgreementReportsApi,
    ReportAwaitingApi,
    ReportDetailApi,
    ReportEvidenceApi,
    ReportReviewApi,
    ReportSubmitApi,
    ReportValuesApi,
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
    path(
        "open-data/organisations/",
        OrganisationsOpenDataApi.as_view(),
        name="open-data-organisations",
    ),
    path("open-data/agreements/", AgreementsOpenDataApi.as_view(), name="open-data-agreements"),
    path("open-data/commitments/", CommitmentsOpenDataApi.as_view(), name="open-data-commitments"),
    path("open-data/progress/", ProgressOpenDataApi.as_view(), name="open-data-progress"),
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
    # Progress reports (partnerships/api/reports.py)
    path(
        "agreements/<id:pk>/progress-reports/",
        AgreementReportsApi.as_view(),
        name="agreement-reports",
    ),
    path("progress-reports/awaiting/", ReportAwaitingApi.as_view(), name="report-awaiting"),
    path("progress-reports/<id:pk>/", ReportDetailApi.as_view(), name="report-detail"),
    path("progress-reports/<id:pk>/values/", ReportValuesApi.as_view(), name="report-values"),
    path("progress-reports/<id:pk>/submit/", ReportSubmitApi.as_view(), name="report-submit"),
    path("progress-reports/<id:pk>/evidence/", ReportEvidenceApi.as_view(), name="report-evidence"),
    path("progress-reports/<id:pk>/review/", ReportReviewApi.as_view(), name="report-review"),
]

# --- organisation API tokens -------------------------------------------------------------
from partnerships.api.tokens import OrganisationTokenCheckApi  # noqa: E402

urlpatterns += [
    path(
        "organisations/<slug:slug>/token-check/",
        OrganisationTokenCheckApi.as_view(),
        name="organisation-token-check",
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
