"""The one answer to "which address is this request from", for every rate limit.

Behind `TRUSTED_PROXY_COUNT` reverse proxies, each appends the address it received from
to X-Forwarded-For, so the client is the entry that many places from the right; anything
further left was written by the client and proves nothing. With no trusted proxy the
header is ignored and the socket's address counts.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip_get(request: HttpRequest) -> str:
    """The client's address as far as the trusted proxies vouch for it."""
    remote_addr = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote_addr
    # Fewer entries than proxies: the left-most is the furthest a trusted proxy saw.
    return addresses[-min(proxies, len(addresses))]
