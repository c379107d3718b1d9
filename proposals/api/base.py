"""What every proposals API view shares."""

from django.core.exceptions import PermissionDenied
from rest_framework.views import APIView

from proposals.api.schema import ApiSchema


class BaseApi(APIView):
    schema = ApiSchema()


def require_perm(user, perm: str, obj=None) -> None:
    """403 unless `user` has the django-rules permission `perm` on `obj`."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
