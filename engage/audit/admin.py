from django.contrib import admin

from engage.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Admins read and filter the trail; nobody adds, changes or deletes through here."""

    list_display = ["created_at", "actor", "action", "target_label", "from_state", "to_state"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["target_label", "reason", "actor__email"]
    list_select_related = ["actor", "target_type"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser
