"""Routes of the proposals API, included under /api/v1/ by engage/api.py."""

from django.urls import path

from proposals.api import comments, engagement, views

urlpatterns = [
    path("proposals/", views.ProposalListCreateApi.as_view(), name="proposal-list"),
    path("proposals/mine/", views.ProposalMineApi.as_view(), name="proposal-mine"),
    path("proposals/similar/", views.ProposalSimilarApi.as_view(), name="proposal-similar"),
    path("proposals/<int:pk>/", views.ProposalDetailApi.as_view(), name="proposal-detail"),
    path("proposals/<int:pk>/submit/", views.ProposalSubmitApi.as_view(), name="proposal-submit"),
    path(
        "proposals/<int:pk>/images/",
        views.ProposalImageAddApi.as_view(),
        name="proposal-image-add",
    ),
    path(
        "proposals/<int:pk>/images/<int:image_id>/",
        views.ProposalImageRemoveApi.as_view(),
        name="proposal-image-remove",
    ),
    path(
        "proposals/<int:pk>/support/",
        engagement.ProposalSupportApi.as_view(),
        name="proposal-support",
    ),
    path(
        "proposals/<int:pk>/follow/", engagement.ProposalFollowApi.as_view(), name="proposal-follow"
    ),
    path(
        "proposals/<int:pk>/report/", engagement.ProposalReportApi.as_view(), name="proposal-report"
    ),
    path(
        "proposals/<int:pk>/comments/",
        comments.CommentListCreateApi.as_view(),
        name="proposal-comments",
    ),
    path("comments/<int:pk>/", comments.CommentDetailApi.as_view(), name="comment-detail"),
    path("comments/<int:pk>/report/", engagement.CommentReportApi.as_view(), name="comment-report"),
    path(
        "focus-areas/<slug:slug>/follow/",
        engagement.FocusAreaFollowApi.as_view(),
        name="focus-area-follow",
    ),
]
