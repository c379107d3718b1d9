from django.urls import path

import engage.converters  # noqa: F401  (registers <id:...>)
from frontend.views import (
    climate,
    commitments,
    media,
    moderation,
    organisations,
    pages,
    partnerships,
    proposal_engagement,
    proposals,
    reports,
    teams,
)

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
    path("forslag/<id:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path(
        "forslag/<id:pk>/billeder/<id:image_id>/",
        media.proposal_image,
        name="proposal_image",
    ),
    path("forslag/<id:pk>/rediger/", proposals.proposal_edit, name="proposal_edit"),
    path("forslag/<id:pk>/forhaandsvisning/", proposals.proposal_preview, name="proposal_preview"),
    path("forslag/<id:pk>/indsend/", proposals.proposal_submit, name="proposal_submit"),
    path("forslag/<id:pk>/slet/", proposals.proposal_delete, name="proposal_delete"),
    path("forslag/<id:pk>/billeder/", proposals.proposal_image_add, name="proposal_image_add"),
    path(
        "forslag/<id:pk>/billeder/<id:image_pk>/fjern/",
        proposals.proposal_image_remove,
        name="proposal_image_remove",
    ),
    path("forslag/<id:pk>/stoet/", proposal_engagement.proposal_support, name="proposal_support"),
    path("forslag/<id:pk>/foelg/", proposal_engagement.proposal_follow, name="proposal_follow"),
    path("forslag/<id:pk>/anmeld/", proposal_engagement.proposal_report, name="proposal_report"),
    path("forslag/<id:pk>/kommentarer/", proposal_engagement.comment_create, name="comment_create"),
    path(
        "forslag/kommentarer/<id:comment_pk>/rediger/",
        proposal_engagement.comment_edit,
        name="comment_edit",
    ),
    path(
        "forslag/kommentarer/<id:comment_pk>/slet/",
        proposal_engagement.comment_delete,
        name="comment_delete",
    ),
    path(
        "forslag/kommentarer/<id:comment_pk>/anmeld/",
        proposal_engagement.comment_report,
        name="comment_report",
    ),
    path("mine-forslag/", proposals.my_proposals, name="my_proposals"),
    path(
        "fokusomraader/<slug:slug>/foelg/",
        proposal_engagement.focus_area_follow,
        name="focus_area_follow",
    ),
    # Moderation and teams (issue 4)
    path("forslag/fokusomraade-forslag/", proposals.proposal_suggest, name="proposal_suggest"),
    path("moderation/", moderation.moderation_queue, name="moderation_queue"),
    path("moderation/samlet-handling/", moderation.moderation_bulk, name="moderation_bulk"),
    path("moderation/forslag/<id:pk>/", moderation.moderation_item, name="moderation_item"),
    path(
        "moderation/forslag/<id:pk>/lignende/",
        moderation.moderation_similar,
        name="moderation_similar",
    ),
    path(
        "moderation/forslag/<id:pk>/godkend-forslag/",
        moderation.moderation_accept,
        name="moderation_accept",
    ),
    path(
        "moderation/forslag/<id:pk>/fordel/", moderation.moderation_route, name="moderation_route"
    ),
    path(
        "moderation/forslag/<id:pk>/afvis/", moderation.moderation_reject, name="moderation_reject"
    ),
    path(
        "moderation/forslag/<id:pk>/sammenlaeg/",
        moderation.moderation_merge,
        name="moderation_merge",
    ),
    path(
        "moderation/forslag/<int:pk>/fortryd-sammenlaegning/",
        moderation.moderation_unmerge,
        name="moderation_unmerge",
    ),
    path("moderation/indberetninger/", moderation.moderation_reports, name="moderation_reports"),
    path("moderation/skjult/", moderation.moderation_hidden, name="moderation_hidden"),
    path(
        "moderation/indhold/<str:kind>/<id:pk>/skjul/",
        moderation.moderation_hide,
        name="moderation_hide",
    ),
    path(
        "moderation/indhold/<str:kind>/<id:pk>/genskab/",
        moderation.moderation_restore,
        name="moderation_restore",
    ),
    path("moderation/revisionsspor/", moderation.audit_trail, name="audit_trail"),
    path(
        "moderation/organisationer/",
        organisations.organisation_staff_list,
        name="organisation_staff_list",
    ),
    path(
        "moderation/organisationer/<slug:slug>/godkend/",
        organisations.organisation_verify,
        name="organisation_verify",
    ),
    path(
        "moderation/klimapartnerskaber/",
        partnerships.partnership_workspace,
        name="partnership_workspace",
    ),
    path("moderation/klima/", climate.inventory_staff, name="inventory_staff"),
    path("moderation/klima/import/", climate.inventory_import, name="inventory_import"),
    path("moderation/klima/aar/", climate.inventory_year, name="inventory_year"),
    path("moderation/klima/maal/", climate.climate_targets_edit, name="climate_targets_edit"),
    path("teams/", teams.team_list, name="team_list"),
    path("teams/forslag/<id:pk>/", teams.team_item, name="team_item"),
    path(
        "teams/forslag/<id:pk>/under-behandling/",
        teams.team_under_review,
        name="team_under_review",
    ),
    path("teams/forslag/<id:pk>/svar/", teams.team_answer, name="team_answer"),
    path("teams/forslag/<id:pk>/omdiriger/", teams.team_reroute, name="team_reroute"),
    path("teams/<slug:slug>/", teams.team_queue_page, name="team_queue"),
    # The climate dashboard and its open data (issue 12)
    path("klima/", climate.climate_dashboard, name="climate_dashboard"),
    path("klima/data/", climate.climate_open_data, name="climate_open_data"),
    path("klima/data/<slug:name>.<slug:fmt>", climate.climate_download, name="climate_download"),
    # Climate partnerships: organisations, and the public directory of partners
    path("organisationer/", organisations.partner_list, name="partner_list"),
    path("organisationer/ny/", organisations.organisation_create, name="organisation_create"),
    path(
        "organisationer/invitation/<str:token>/",
        organisations.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "organisationer/<slug:slug>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisationer/<slug:slug>/logo/",
        organisations.organisation_logo,
        name="organisation_logo",
    ),
    path(
        "organisationer/<slug:slug>/rediger/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisationer/<slug:slug>/medlemmer/",
        organisations.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisationer/<slug:slug>/medlemmer/<id:pk>/fjern/",
        organisations.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path(
        "organisationer/<slug:slug>/medlemmer/<id:pk>/rolle/",
        organisations.organisation_member_role,
        name="organisation_member_role",
    ),
    path(
        "organisationer/<slug:slug>/medlemmer/<id:pk>/overdrag/",
        organisations.organisation_hand_over,
        name="organisation_hand_over",
    ),
    path(
        "organisationer/<slug:slug>/invitationer/<id:pk>/tilbagekald/",
        organisations.organisation_invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    # Climate partnerships: programmes, applications and agreements
    path("klimapartnerskaber/", partnerships.programme_list, name="programme_list"),
    path("klimapartnerskaber/ny/", partnerships.programme_create, name="programme_create"),
    path(
        "klimapartnerskaber/ansoegninger/<id:pk>/",
        partnerships.application_detail,
        name="application_detail",
    ),
    path(
        "klimapartnerskaber/ansoegninger/<id:pk>/beslut/",
        partnerships.application_decide,
        name="application_decide",
    ),
    path(
        "klimapartnerskaber/ansoegninger/<id:pk>/ret/",
        partnerships.application_resubmit,
        name="application_resubmit",
    ),
    path(
        "klimapartnerskaber/aftaler/<id:pk>/",
        partnerships.agreement_detail,
        name="agreement_detail",
    ),
    path(
        "klimapartnerskaber/aftaler/<id:pk>/status/",
        partnerships.agreement_act,
        name="agreement_act",
    ),
    path(
        "klimapartnerskaber/aftaler/<id:pk>/forpligtelser/",
        partnerships.commitment_add,
        name="commitment_add",
    ),
    path(
        "klimapartnerskaber/aftaler/<id:pk>/forpligtelser/<id:commitment_pk>/",
        partnerships.commitment_edit,
        name="commitment_edit",
    ),
    # Climate partnerships: progress reports (frontend/views/reports.py)
    path(
        "klimapartnerskaber/aftaler/<id:pk>/rapporter/",
        reports.report_list,
        name="report_list",
    ),
    path(
        "klimapartnerskaber/aftaler/<id:pk>/rapporter/ny/",
        reports.report_start,
        name="report_start",
    ),
    path("klimapartnerskaber/rapporter/<id:pk>/", reports.report_detail, name="report_detail"),
    path(
        "klimapartnerskaber/rapporter/<id:pk>/indsend/",
        reports.report_submit,
        name="report_submit",
    ),
    path(
        "klimapartnerskaber/rapporter/<id:pk>/bilag/",
        reports.evidence_upload,
        name="evidence_upload",
    ),
    path(
        "klimapartnerskaber/rapporter/<id:pk>/bilag/<id:file_pk>/",
        reports.evidence_file,
        name="evidence_file",
    ),
    path(
        "klimapartnerskaber/rapporter/<id:pk>/bilag/<id:file_pk>/fjern/",
        reports.evidence_remove,
        name="evidence_remove",
    ),
    path(
        "moderation/klimapartnerskaber/rapporter/",
        reports.report_queue,
        name="report_queue",
    ),
    path(
        "moderation/klimapartnerskaber/rapporter/<id:pk>/",
        reports.report_review,
        name="report_review",
    ),
    # (end of progress reports)
    # --- the partner's commitments in an agreement ---
    path(
        "klimapartnerskaber/aftaler/<id:pk>/partnerens-maal/ny/",
        commitments.partner_commitment_add,
        name="partner_commitment_add",
    ),
    path(
        "klimapartnerskaber/aftaler/<id:pk>/partnerens-maal/<id:commitment_pk>/",
        commitments.partner_commitment_edit,
        name="partner_commitment_edit",
    ),
    path(
        "klimapartnerskaber/aftaler/<id:pk>/partnerens-maal/<id:commitment_pk>/traek-tilbage/",
        commitments.partner_commitment_withdraw,
        name="partner_commitment_withdraw",
    ),
    # --- end of the partner's commitments ---
    path("klimapartnerskaber/<slug:slug>/", partnerships.programme_detail, name="programme_detail"),
    path(
        "klimapartnerskaber/<slug:slug>/rediger/",
        partnerships.programme_edit,
        name="programme_edit",
    ),
    path(
        "klimapartnerskaber/<slug:slug>/ansoeg/",
        partnerships.programme_apply,
        name="programme_apply",
    ),
]

# --- organisation API tokens -------------------------------------------------------------
from frontend.views import organisation_tokens  # noqa: E402

urlpatterns += [
    path(
        "organisationer/<slug:slug>/api-noegler/",
        organisation_tokens.organisation_tokens,
        name="organisation_tokens",
    ),
    path(
        "organisationer/<slug:slug>/api-noegler/<id:pk>/tilbagekald/",
        organisation_tokens.organisation_token_revoke,
        name="organisation_token_revoke",
    ),
]
