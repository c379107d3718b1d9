"""The one access check the partnership and climate pages share."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def permission_require(request: HttpRequest, perm: str, obj=None) -> None:
    """403 unless the person has `perm` (on `obj`, as partnerships/rules.py decides)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
