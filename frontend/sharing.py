"""Whole pages shared among visitors who are not signed in.

For such a visitor a public page holds nothing of their own but the CSRF token of the
header's language forms. The shared copy is rendered with a placeholder where the token
goes, and each response gets the visitor's own token (which also sets their CSRF cookie,
as rendering would). Keys and versions are in engage.cache: a service's bump retires the
copy at once.
"""

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

from engage.cache import rendering_seconds

# Letters and dashes only: it passes HTML escaping unchanged, like a real token.
CSRF_PLACEHOLDER = "shared-page-csrf-token-placeholder"


def page_is_shareable(request: HttpRequest) -> bool:
    """Whether `request` may get (and make) the shared copy of a public page: nobody
    signed in, and no message waiting to be shown to this visitor alone."""
    return not request.user.is_authenticated and not len(get_messages(request))


def shared_page_response(
    request: HttpRequest, *, key: str, render: Callable[[dict], HttpResponse]
) -> HttpResponse:
    """The shared copy under `key`, or `render(extra_context)` kept under it when it
    answers 200. Precondition: page_is_shareable(request)."""
    html = cache.get(key)
    if html is None:
        response = render({"csrf_token": CSRF_PLACEHOLDER})
        if response.status_code != 200:
            return response
        html = response.content.decode()
        cache.set(key, html, rendering_seconds())
    else:
        response = HttpResponse(html)
        patch_vary_headers(response, ["HX-Request"])
    response.content = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return response
