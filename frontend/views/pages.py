"""Public pages: the front page, themes, focus areas and the fixed information pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from engage.taxonomy.models import FocusArea, Theme
from engage.taxonomy.selectors import focus_area_get, theme_get, theme_list


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/pages/home.html", {"themes": theme_list()})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        theme = theme_get(slug=slug)
    except Theme.DoesNotExist:
        raise Http404("No such theme") from None
    return render(request, "frontend/pages/theme.html", {"theme": theme})


def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        focus_area = focus_area_get(slug=slug)
    except FocusArea.DoesNotExist:
        raise Http404("No such focus area") from None
    return render(request, "frontend/pages/focus_area.html", {"focus_area": focus_area})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/pages/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/pages/privacy.html")


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/pages/about.html", {"themes": theme_list()})
