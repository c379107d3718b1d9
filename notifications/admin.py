from django.contrib import admin

from notifications.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "target_type", "target_id", "actor"]
    list_filter = ["kind"]
    list_select_related = ["target_type", "actor"]
    readonly_fields = ["kind", "actor", "target_type", "target_id", "data", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
