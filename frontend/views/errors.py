"""Error pages: 429 with the real waiting time, and 404/500 that are JSON under /api/."""

from math import ceil

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from rest_framework.exceptions import APIException, NotFound


def too_many_attempts(request: HttpRequest, retry_after: int | None = None) -> HttpResponse:
    """HTTP 429 saying when to try again. Without `retry_after` (allauth's limits, all per
    minute in settings.ACCOUNT_RATE_LIMITS) the wait is at most a minute."""
    seconds = 60 if retry_after is None else max(1, int(retry_after))
    context = {"minutes": max(1, ceil(seconds / 60))}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def handler429(request: HttpRequest) -> HttpResponse:
    """allauth renders its rate limits through ROOT_URLCONF.handler429."""
    return too_many_attempts(request)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 page; under /api/ DRF's JSON shape (an id no route accepts lands here)."""
    if _is_api(request):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": str(APIException.default_detail)}, status=500)
    return defaults.server_error(request)
