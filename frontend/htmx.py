"""Answers that pages built with htmx share: fragments, and rate-limit refusals."""

from math import ceil

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from engage.ratelimit import RateLimited


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request that wants a fragment (a history restore wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render_fragment(request: HttpRequest, template: str, context: dict, **kwargs) -> HttpResponse:
    """`render`, marked as varying with HX-Request (the same URL answers page or fragment)."""
    response = render(request, template, context, **kwargs)
    patch_vary_headers(response, ["HX-Request"])
    return response


def rate_limited_response(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    """HTTP 429 with a message saying when to try again, as a page or as an htmx alert."""
    referer = request.headers.get("Referer", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    back_url = referer if safe and referer else reverse("frontend:proposal_list")
    context = {"minutes": max(1, ceil(exc.retry_after / 60)), "back_url": back_url}
    if is_htmx(request):
        response = render(request, "frontend/proposals/_rate_limited.html", context, status=429)
        # The alert goes to the page's alert region, not into the button or form that asked.
        response["HX-Retarget"] = "#proposal-alerts"
        response["HX-Reswap"] = "innerHTML show:top"
    else:
        response = render(request, "frontend/proposals/rate_limited.html", context, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response
