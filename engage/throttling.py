"""DRF throttles that identify anonymous callers by `client_ip_get`, like every other limit."""

from rest_framework import throttling

from engage.clientip import client_ip_get


class ClientIpMixin:
    def get_ident(self, request) -> str:
        return client_ip_get(request)


class AnonRateThrottle(ClientIpMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIpMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientIpMixin, throttling.ScopedRateThrottle):
    pass
