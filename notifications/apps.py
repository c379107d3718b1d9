from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Each app declares its own kinds in <app>/notifications.py (notifications.registry).
        autodiscover_modules("notifications")
        from django.contrib.auth.signals import user_logged_in

        from notifications.selectors import unread_keep_at_sign_in

        user_logged_in.connect(unread_keep_at_sign_in, dispatch_uid="unread_keep_at_sign_in")
