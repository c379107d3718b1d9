"""/afmeld/<token>/: the page every email's unsubscribe link opens; no sign-in needed."""

from django.urls import path

from frontend.views import notifications

urlpatterns = [
    path("<str:token>/", notifications.notification_unsubscribe, name="notification_unsubscribe"),
]
