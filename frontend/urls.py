from django.urls import path

from frontend.views import media, pages, proposal_engagement, proposals

app_name = "frontend"

urlpatterns = [
    path("", pages.home, name="home"),
    path("temaer/<slug:slug>/", pages.theme_detail, name="theme"),
    path("fokusomraader/<slug:slug>/", pages.focus_area_detail, name="focus_area"),
    path("tilgaengelighed/", pages.accessibility, name="accessibility"),
    path("privatliv/", pages.privacy, name="privacy"),
    path("om/", pages.about, name="about"),
    # Proposals (issue 3)
    path("forslag/", proposals.proposal_list, name="proposal_list"),
    path("forslag/lignende/", proposals.proposal_similar, name="proposal_similar"),
    path("forslag/nyt/", proposals.proposal_create, name="proposal_create"),
    path("forslag/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path(
        "forslag/<int:pk>/billeder/<int:image_id>/",
        media.proposal_image,
        name="proposal_image",
    ),
    path("forslag/<int:pk>/rediger/", proposals.proposal_edit, name="proposal_edit"),
    path("forslag/<int:pk>/forhaandsvisning/", proposals.proposal_preview, name="proposal_preview"),
    path("forslag/<int:pk>/indsend/", proposals.proposal_submit, name="proposal_submit"),
    path("forslag/<int:pk>/slet/", proposals.proposal_delete, name="proposal_delete"),
    path("forslag/<int:pk>/billeder/", proposals.proposal_image_add, name="proposal_image_add"),
    path(
        "forslag/<int:pk>/billeder/<int:image_pk>/fjern/",
        proposals.proposal_image_remove,
        name="proposal_image_remove",
    ),
    path("forslag/<int:pk>/stoet/", proposal_engagement.proposal_support, name="proposal_support"),
    path("forslag/<int:pk>/foelg/", proposal_engagement.proposal_follow, name="proposal_follow"),
    path("forslag/<int:pk>/anmeld/", proposal_engagement.proposal_report, name="proposal_report"),
    path(
        "forslag/<int:pk>/kommentarer/", proposal_engagement.comment_create, name="comment_create"
    ),
    path(
        "forslag/kommentarer/<int:comment_pk>/rediger/",
        proposal_engagement.comment_edit,
        name="comment_edit",
    ),
    path(
        "forslag/kommentarer/<int:comment_pk>/slet/",
        proposal_engagement.comment_delete,
        name="comment_delete",
    ),
    path(
        "forslag/kommentarer/<int:comment_pk>/anmeld/",
        proposal_engagement.comment_report,
        name="comment_report",
    ),
    path("mine-forslag/", proposals.my_proposals, name="my_proposals"),
    path(
        "fokusomraader/<slug:slug>/foelg/",
        proposal_engagement.focus_area_follow,
        name="focus_area_follow",
    ),
]
