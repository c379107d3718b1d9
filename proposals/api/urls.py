"""Routes of the proposals API, included under /api/v1/ by engage/api.py."""

from django.urls import path

import engage.converters  # noqa: F401  (registers <id:...>)
from proposals.api import comments, engagement, moderation, teams, views

urlpatterns = [
    path("proposals/", views.ProposalListCreateApi.as_view(), name="proposal-list"),
    path("proposals/mine/", views.ProposalMineApi.as_view(), name="proposal-mine"),
    path("proposals/similar/", views.ProposalSimilarApi.as_view(), name="proposal-similar"),
    path("proposals/<id:pk>/", views.ProposalDetailApi.as_view(), name="proposal-detail"),
    path("proposals/<id:pk>/submit/", views.ProposalSubmitApi.as_view(), name="proposal-submit"),
    path(
        "proposals/<id:pk>/images/",
        views.ProposalImageAddApi.as_view(),
        name="proposal-image-add",
    ),
    path(
        "proposals/<id:pk>/images/<id:image_id>/",
        views.ProposalImageRemoveApi.as_view(),
        name="proposal-image-remove",
    ),
    path(
        "proposals/<id:pk>/support/",
        engagement.ProposalSupportApi.as_view(),
        name="proposal-support",
    ),
    path(
        "proposals/<id:pk>/follow/", engagement.ProposalFollowApi.as_view(), name="proposal-follow"
    ),
    path(
        "proposals/<id:pk>/report/", engagement.ProposalReportApi.as_view(), name="proposal-report"
    ),
    path(
        "proposals/<id:pk>/comments/",
        comments.CommentListCreateApi.as_view(),
        name="proposal-comments",
    ),
    path("comments/<id:pk>/", comments.CommentDetailApi.as_view(), name="comment-detail"),
    path("comments/<id:pk>/report/", engagement.CommentReportApi.as_view(), name="comment-report"),
    path(
        "focus-areas/<slug:slug>/follow/",
        engagement.FocusAreaFollowApi.as_view(),
        name="focus-area-follow",
    ),
]

# Moderation and focus-area teams (issue 4); the audit trail is routed by engage/api.py.
urlpatterns += [
    path(
        "proposals/suggest-focus-areas/",
        views.SuggestFocusAreasApi.as_view(),
        name="proposal-suggest-focus-areas",
    ),
    path("moderation/queue/", moderation.TriageQueueApi.as_view(), name="moderation-queue"),
    path(
        "moderation/proposals/<id:pk>/route/",
        moderation.ProposalRouteApi.as_view(),
        name="moderation-route",
    ),
    path(
        "moderation/proposals/<id:pk>/reject/",
        moderation.ProposalRejectApi.as_view(),
        name="moderation-reject",
    ),
    path(
        "moderation/proposals/<id:pk>/merge/",
        moderation.ProposalMergeApi.as_view(),
        name="moderation-merge",
    ),
    path(
        "moderation/proposals/<id:pk>/hide/",
        moderation.ProposalHideApi.as_view(),
        name="moderation-proposal-hide",
    ),
    path(
        "moderation/proposals/<id:pk>/restore/",
        moderation.ProposalRestoreApi.as_view(),
        name="moderation-proposal-restore",
    ),
    path(
        "moderation/comments/<id:pk>/hide/",
        moderation.CommentHideApi.as_view(),
        name="moderation-comment-hide",
    ),
    path(
        "moderation/comments/<id:pk>/restore/",
        moderation.CommentRestoreApi.as_view(),
        name="moderation-comment-restore",
    ),
    path("moderation/bulk-route/", moderation.BulkRouteApi.as_view(), name="moderation-bulk-route"),
    path(
        "moderation/bulk-reject/",
        moderation.BulkRejectApi.as_view(),
        name="moderation-bulk-reject",
    ),
    path("moderation/reports/", moderation.ReportWorkspaceApi.as_view(), name="moderation-reports"),
    path("teams/", teams.TeamListApi.as_view(), name="team-list"),
    path("teams/<slug:slug>/queue/", teams.TeamQueueApi.as_view(), name="team-queue"),
    path(
        "teams/proposals/<id:pk>/under-review/",
        teams.TeamUnderReviewApi.as_view(),
        name="team-under-review",
    ),
    path(
        "teams/proposals/<id:pk>/answer/",
        teams.TeamAnswerApi.as_view(),
        name="team-answer",
    ),
    path(
        "teams/proposals/<id:pk>/reroute/",
        teams.TeamRerouteApi.as_view(),
        name="team-reroute",
    ),
]
