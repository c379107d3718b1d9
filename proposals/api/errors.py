"""The API's one exception handler: domain errors from services and selectors → HTTP.

django ValidationError → 400 in DRF's usual shape ({"field": [...]} or non_field_errors),
InvalidTransition → 409, RateLimited → 429 with Retry-After, an object the caller may not
see (the selectors raise DoesNotExist) → 404. Everything else is DRF's default handling.
Wired in settings as REST_FRAMEWORK["EXCEPTION_HANDLER"].
"""

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from engage.ratelimit import RateLimited
from proposals.lifecycle import InvalidTransition


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
    return drf_exception_handler(exc, context)
