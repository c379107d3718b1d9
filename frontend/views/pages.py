"""Public pages: the front page, themes, focus areas and the fixed information pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from engage.taxonomy.models import FocusArea, Theme
from engage.taxonomy.selectors import focus_area_get, theme_get, theme_list
from partnerships.selectors import focus_area_partnerships
from proposals.selectors.overview import focus_area_counts_attach, proposal_list_recent


def home(request: HttpRequest) -> HttpResponse:
    themes = list(theme_list())
    focus_area_counts_attach(themes=themes)
    context = {"themes": themes, "recent": proposal_list_recent(user=request.user)}
    return render(request, "frontend/pages/home.html", context)


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        theme = theme_get(slug=slug)
    except Theme.DoesNotExist:
        raise Http404("No such theme") from None
    focus_area_counts_attach(themes=[theme], theme_slug=theme.slug)
    context = {
        "theme": theme,
        "recent": proposal_list_recent(user=request.user, theme_slug=theme.slug),
    }
    return render(request, "frontend/pages/theme.html", context)


def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        focus_area = focus_area_get(slug=slug)
    except FocusArea.DoesNotExist:
        raise Http404("No such focus area") from None
    context = {
        "focus_area": focus_area,
        # The climate partnerships working on it, next to its proposals.
        "partnerships": focus_area_partnerships(focus_area=focus_area),
    }
    return render(request, "frontend/pages/focus_area.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/pages/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/pages/privacy.html")


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/pages/about.html", {"themes": theme_list()})
