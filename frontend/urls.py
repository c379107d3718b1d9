from django.urls import path

from frontend.views import pages

app_name = "frontend"

urlpatterns = [
    path("", pages.home, name="home"),
    path("temaer/<slug:slug>/", pages.theme_detail, name="theme"),
    path("fokusomraader/<slug:slug>/", pages.focus_area_detail, name="focus_area"),
    path("tilgaengelighed/", pages.accessibility, name="accessibility"),
    path("privatliv/", pages.privacy, name="privacy"),
    path("om/", pages.about, name="about"),
]
