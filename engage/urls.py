from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView

from frontend.views.language import set_language
from proposals.api.docs import ApiDocsView

# The admin has no login form of its own: people sign in (with MFA) through allauth.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Hverdagsmål"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("konto/", include("frontend.urls_account")),
    path("afmeld/", include("frontend.urls_unsubscribe")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", include("engage.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("frontend.urls")),
]

# allauth answers its rate limits through handler429; our own limits use the same page.
handler404 = "frontend.views.errors.handler404"
handler429 = "frontend.views.errors.handler429"
handler500 = "frontend.views.errors.handler500"
