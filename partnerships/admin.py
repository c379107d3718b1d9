from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.models import (
    Agreement,
    AgreementStep,
    Application,
    ApplicationStep,
    Commitment,
    Invitation,
    Membership,
    Organisation,
    Programme,
    ProgressReport,
    ProgressValue,
)
from partnerships.services import organisation_delete, organisation_update, organisation_verify


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["created_at"]
    # Roles change through the members page, which keeps at least one administrator.
    can_delete = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "cvr", "verified_at", "created_at"]
    list_filter = ["kind", "sector", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "cvr", "slug"]
    # The logo is processed on upload by the organisation's own edit page.
    readonly_fields = ["slug", "logo", "verified_at", "verified_by", "created_at", "updated_at"]
    inlines = [MembershipInline]
    actions = ["verify"]

    def save_model(self, request, obj, form, change) -> None:
        """A change goes through the service, so that public pages and the climate
        dashboard show it at once; what the service refuses is said and not saved."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        fields = ["name", "kind", "sector", "description", "website", "address", "size", "cvr"]
        try:
            organisation_update(
                organisation=obj,
                actor=request.user,
                **{name: getattr(obj, name) for name in fields},
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)

    # Through the service, so that the logo and evidence files go with the organisation.
    def delete_model(self, request, obj) -> None:
        organisation_delete(organisation=obj, actor=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for organisation in queryset:
            organisation_delete(organisation=organisation, actor=request.user)

    @admin.action(description=_("Verify the chosen organisations"))
    def verify(self, request, queryset) -> None:
        for organisation in queryset.filter(verified_at__isnull=True):
            try:
                organisation_verify(organisation=organisation, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.WARNING)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "email", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "organisation__name"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
    readonly_fields = ["created_at", "accepted_at", "accepted_by"]


# Programmes, applications and agreements change through their pages and services, which
# check coordinators, eligibility and verification and keep each step's history: the
# admin shows them read-only.


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ApplicationStepInline(_ReadOnlyInline):
    model = ApplicationStep
    fields = ["created_at", "action", "actor", "message"]
    readonly_fields = fields


class AgreementStepInline(_ReadOnlyInline):
    model = AgreementStep
    fields = ["created_at", "action", "actor", "reason", "review_date"]
    readonly_fields = fields


class CommitmentInline(_ReadOnlyInline):
    model = Commitment
    fields = ["text", "due_date", "status", "owner"]
    readonly_fields = fields


@admin.register(Programme)
class ProgrammeAdmin(_ReadOnly):
    list_display = ["name", "is_open", "reporting_rhythm", "created_at"]
    list_filter = ["is_open", "reporting_rhythm"]
    search_fields = ["name", "slug"]


@admin.register(Application)
class ApplicationAdmin(_ReadOnly):
    list_display = ["organisation", "programme", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "programme"]
    search_fields = ["organisation__name", "programme__name"]
    list_select_related = ["organisation", "programme"]
    inlines = [ApplicationStepInline]


@admin.register(Agreement)
class AgreementAdmin(_ReadOnly):
    list_display = ["organisation", "programme", "status", "start_date", "review_date"]
    list_filter = ["status", "programme"]
    search_fields = ["organisation__name", "programme__name"]
    list_select_related = ["organisation", "programme"]
    inlines = [CommitmentInline, AgreementStepInline]


# --- organisation API tokens -------------------------------------------------------------
from partnerships.models import OrganisationToken  # noqa: E402


@admin.register(OrganisationToken)
class OrganisationTokenAdmin(admin.ModelAdmin):
    """Read only: tokens are created and revoked by the organisation's administrators on
    its token page (the secret is never stored, so there is nothing here to show)."""

    list_display = ["name", "prefix", "organisation", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "organisation__name"]
    list_select_related = ["organisation"]
    exclude = ["secret_hash"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- progress reports: read-only, as every write goes through services/reports.py ---------


class ProgressValueInline(_ReadOnlyInline):
    model = ProgressValue
    fields = ["commitment", "value", "done", "source", "state", "verified_by", "verified_at"]
    readonly_fields = fields


@admin.register(ProgressReport)
class ProgressReportAdmin(_ReadOnly):
    list_display = ["agreement", "period_end", "event_name", "status", "due_date", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["agreement__organisation__name", "event_name"]
    list_select_related = ["agreement__organisation", "agreement__programme"]
    inlines = [ProgressValueInline]
