"""What every proposals API view shares."""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.views import APIView


class BaseApi(APIView):
    """Session-authenticated, throttled, documented by proposals.api.schema.ApiSchema."""


def require_perm(user, perm: str, obj=None) -> None:
    """403 unless `user` has the django-rules permission `perm` on `obj`."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


_TEXT_FIELDS = (
    serializers.CharField,
    serializers.ChoiceField,
    serializers.RelatedField,
    serializers.DateField,
    serializers.DateTimeField,
)


def _json_type_error(field: serializers.Field, value) -> str | None:
    """The field's own message when a JSON `value` is not of the type the schema gives
    (DRF alone would take 1 for "1", "1" for 1 and "true" for true)."""
    if value is None:
        return None  # allow_null decides
    if isinstance(field, serializers.ListField | serializers.ManyRelatedField):
        if not isinstance(value, list):
            return _message(field, "not_a_list", value)
        child = field.child if isinstance(field, serializers.ListField) else field.child_relation
        return next(filter(None, (_json_type_error(child, item) for item in value)), None)
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else _message(field, "invalid", value)
    if isinstance(field, serializers.IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else _message(field, "invalid", value)
    if isinstance(field, serializers.FloatField | serializers.DecimalField):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else _message(field, "invalid", value)
    if isinstance(field, _TEXT_FIELDS):
        key = "invalid_choice" if isinstance(field, serializers.ChoiceField) else "invalid"
        return None if isinstance(value, str) else _message(field, key, value)
    return None


def _message(field: serializers.Field, key: str, value) -> str:
    message = field.error_messages.get(key) or field.error_messages["invalid"]
    return str(message).format(input=value, input_type=type(value).__name__, format="ISO 8601")


@extend_schema_field({"type": "number", "minimum": -9999999999999, "maximum": 9999999999999})
class JsonDecimalField(serializers.DecimalField):
    """A JSON number read as a Decimal with `decimal_places`, rounded half up rather than
    refused for more places (a float such as 0.1 + 0.2 has seventeen)."""

    def validate_precision(self, value):
        if self.decimal_places is not None and value.is_finite():
            try:
                value = value.quantize(Decimal(1).scaleb(-self.decimal_places), ROUND_HALF_UP)
            except InvalidOperation:
                self.fail("max_digits", max_digits=self.max_digits)
        return super().validate_precision(value)


class JsonInput(serializers.Serializer):
    """A request body whose values must have the JSON types its schema names."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {
                name: [error]
                for name, field in self.fields.items()
                if name in data and (error := _json_type_error(field, data[name]))
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
