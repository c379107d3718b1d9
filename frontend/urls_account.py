"""The person's own account pages under /konto/ (sign-in, email and MFA pages live in allauth)."""

from django.urls import path

import engage.converters  # noqa: F401  (registers <id:...>)
from frontend.views import account, notifications, organisations

urlpatterns = [
    path("", account.account_settings, name="account_settings"),
    path("data/", account.account_export, name="account_export"),
    path("slet/", account.account_delete, name="account_delete"),
    path("organisationer/", organisations.my_organisations, name="my_organisations"),
    path("beskeder/", notifications.notification_centre, name="notification_centre"),
    path("beskeder/<id:pk>/", notifications.notification_open, name="notification_open"),
    path(
        "beskeder/indstillinger/",
        notifications.notification_preferences,
        name="notification_preferences",
    ),
    path(
        "beskeder/ulaeste/",
        notifications.notification_unread_badges,
        name="notification_unread_badges",
    ),
]
