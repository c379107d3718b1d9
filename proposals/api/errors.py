"""The API's one exception handler: domain errors from services and selectors → HTTP.

django ValidationError → 400 in DRF's usual shape ({"field": [...]} or non_field_errors),
InvalidTransition → 409, RateLimited → 429 with Retry-After, an object the caller may not
see (the selectors raise DoesNotExist) → 404. DRF's own exceptions get DRF's handling;
anything else is a bug, logged with its traceback and answered with a JSON 500 (never
the HTML error page). Wired in settings as REST_FRAMEWORK["EXCEPTION_HANDLER"].
`api_not_found` answers a path under /api/v1/ that matches no route, in JSON too.
"""

import logging
import sys

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from engage.ratelimit import RateLimited
from proposals.lifecycle import InvalidTransition

logger = logging.getLogger("django.request")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


def _validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def exception_handler(exc, context):
    # RateLimited is a PermissionDenied, so it must be looked at before DRF turns it into 403.
    if isinstance(exc, RateLimited):
        retry_after = exc.retry_after
        # Our own message is translated; DRF's "Expected available in …" suffix is not.
        exc = exceptions.Throttled(detail=str(exc.args[0]))
        exc.wait = retry_after  # DRF's handler turns this into the Retry-After header
    elif isinstance(exc, InvalidTransition):
        exc = Conflict(detail=" ".join(exc.messages), code="invalid_transition")
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_validation_detail(exc))
    elif isinstance(exc, ObjectDoesNotExist):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        response = _server_error(exc, context)
    return response


def _server_error(exc: Exception, context) -> Response:
    request = context.get("request")
    logger.error(
        "Internal Server Error: %s",
        getattr(request, "path", "?"),
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    # What Django does for an exception nobody handled: error reporters and the test
    # client (which re-raises it in the test) listen to this signal.
    if sys.exc_info()[1] is exc:
        got_request_exception.send(sender=None, request=getattr(request, "_request", request))
    set_rollback()
    return Response({"detail": _("Something went wrong")}, status=500)


@csrf_exempt  # it changes nothing, and a refused token would answer in HTML
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
