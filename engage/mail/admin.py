from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engage.mail.models import OutgoingEmail
from engage.mail.services import outgoing_emails_retry


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Read-only: staff can see what was sent and what failed and why, and send failed
    emails again, but not rewrite history."""

    list_display = ["created_at", "subject", "category", "status", "attempts", "sent_at"]
    list_filter = ["status", "category"]
    search_fields = ["subject", "message_id", "key"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]
    actions = ["retry_failed"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected failed emails again"))
    def retry_failed(self, request, queryset) -> None:
        count = outgoing_emails_retry(email_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d failed email was put back in the queue.",
                "%(count)d failed emails were put back in the queue.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
