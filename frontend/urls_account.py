"""The person's own account pages under /konto/ (sign-in, email and MFA pages live in allauth)."""

from django.urls import path

from frontend.views import account

urlpatterns = [
    path("", account.account_settings, name="account_settings"),
    path("data/", account.account_export, name="account_export"),
    path("slet/", account.account_delete, name="account_delete"),
]
