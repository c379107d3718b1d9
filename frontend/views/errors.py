"""The 429 page for sign-in, sign-up and allauth's own limits, with the real waiting time."""

from math import ceil

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
