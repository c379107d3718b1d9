"""The API's OpenAPI schema class (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]).

Three things drf-spectacular does not do on its own:
- names the HackSoft-style nested Input/Output serializers after their view;
- says which text DRF refuses: a NUL character anywhere, and (unless blank is allowed)
  a text of nothing but whitespace, which DRF strips to "" (the pattern on request text);
  rules across fields go in a serializer's `schema_rules` (e.g. `anyOf`);
- documents the error answers every operation can give, with their JSON bodies, so the
  schema says what the API does (tests/test_api_schemathesis.py holds the two together):
  400 where there is input, 401 where an API token may be sent, 403 where someone may be
  refused (every write: signed out, no permission or no CSRF token), 404 where the path
  names an object or a page, 429 wherever a throttle applies. Codes a view declares itself
  keep their description.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

# What Python's str.strip() removes (DRF trims text with it), spelt out: JSON Schema's
# `\s` is not the same set.
WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
TEXT_PATTERN = r"^[^\x00]*$"
NON_BLANK_TEXT_PATTERN = rf"^[^\x00]*[^\x00{WHITESPACE}][^\x00]*$"


def non_blank_required(name: str) -> dict:
    """For `schema_rules`: the field `name` is sent and is not blank."""
    return {"required": [name], "properties": {name: {"pattern": NON_BLANK_TEXT_PATTERN}}}


def explained_when(field: str, value: str, explanation: str) -> dict:
    """For `schema_rules`: `explanation` is sent and not blank when `field` is `value`."""
    return {
        "anyOf": [
            {"properties": {field: {"not": {"enum": [value]}}}},
            non_blank_required(explanation),
        ]
    }


_DETAIL = {
    "type": "object",
    "description": "A refusal, with a message in the person's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_MESSAGES = {"type": "array", "items": {"type": "string"}}


def _errors_nested(depth: int) -> dict:
    """A field's messages, or (a nested serializer's or a list's) messages by field name or
    item index, `depth` levels deep."""
    if depth == 0:
        return _MESSAGES
    return {
        "anyOf": [_MESSAGES, {"type": "object", "additionalProperties": _errors_nested(depth - 1)}]
    }


_VALIDATION = {
    "type": "object",
    "description": (
        "Bad input: each field's messages under its name (a list's under the item's "
        "index, a nested object's under its fields), errors of the whole input under "
        "`non_field_errors`."
    ),
    # Deep enough for an application's commitments' SDGs: field, item, field, item.
    "additionalProperties": _errors_nested(4),
}

_DEFAULT_DESCRIPTIONS = {
    "400": "Bad input; the fields are named.",
    "401": "Not signed in, or the API token is unknown, revoked, expired or not valid now.",
    "403": "Not signed in, not allowed, or no CSRF token.",
    "404": "No such object (or not one you may see), or no such page.",
    "429": "Too many requests; try again after Retry-After seconds.",
}


class ApiSchema(AutoSchema):
    def get_serializer_name(self, serializer, direction) -> str:
        """ProposalCreateApi.InputSerializer → "ProposalCreateInput", so every view's
        `InputSerializer` and `OutputSerializer` get distinct components."""
        qualname = type(serializer).__qualname__
        if "." not in qualname:
            return super().get_serializer_name(serializer, direction)
        owner, name = qualname.rsplit(".", 1)
        return owner.removesuffix("Api") + name.removesuffix("Serializer")

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request":
            for name, field in serializer.fields.items():
                prop = schema["properties"].get(name)
                if isinstance(field, serializers.CharField) and prop is not None:
                    self._add_text_pattern(field, prop)
        return {**schema, **getattr(serializer, "schema_rules", {})}

    @staticmethod
    def _add_text_pattern(field: serializers.CharField, prop: dict) -> None:
        if prop.get("type") != "string" or {"pattern", "format", "enum", "oneOf"} & prop.keys():
            return  # a slug, an email, a choice, ...: their own pattern says more
        blank_refused = not field.allow_blank and field.trim_whitespace
        prop["pattern"] = NON_BLANK_TEXT_PATTERN if blank_refused else TEXT_PATTERN

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            body = operation.get("requestBody")
            if body and getattr(self.get_request_serializer(), "schema_rules", None):
                body["required"] = True  # no body at all breaks the rules too
            self._allow_empty_query_values(operation)
            self._add_error_responses(operation)
        return operation

    def _allow_empty_query_values(self, operation: dict) -> None:
        """DRF reads an optional query parameter sent empty (`?sort=`) as not sent."""
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            takes_empty = schema.get("type") == "string" and not (
                {"enum", "pattern", "minLength", "format"} & schema.keys()
            )
            if parameter["in"] == "query" and not parameter.get("required") and not takes_empty:
                parameter["schema"] = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}

    def _component(self, name: str, schema: dict) -> dict:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _add_error_responses(self, operation: dict) -> None:
        parameters = operation.get("parameters", [])
        query = {p["name"] for p in parameters if p["in"] == "query"}
        codes = set()
        if "requestBody" in operation or query:
            codes.add("400")
        if self.method not in SAFE_METHODS or {} not in operation.get("security", [{}]):
            codes.add("403")
        # DRF answers 401 instead of 403 to a request not signed in when the view's first
        # authentication class names a scheme (an organisation's API token).
        authenticators = self.view.get_authenticators()
        if authenticators and authenticators[0].authenticate_header(None):
            codes.add("401")
        if any(p["in"] == "path" for p in parameters) or "page" in query:
            codes.add("404")
        if self.view.get_throttles():
            codes.add("429")

        responses = operation["responses"]
        for code in codes:
            responses.setdefault(code, {"description": _DEFAULT_DESCRIPTIONS[code]})
        for code, response in responses.items():
            if code.startswith("4") and "content" not in response:
                detail = self._component("Error", _DETAIL)
                # A body DRF cannot parse is a 400 with a `detail`, not field errors.
                schema = (
                    {"anyOf": [self._component("ValidationError", _VALIDATION), detail]}
                    if code == "400"
                    else detail
                )
                response["content"] = {"application/json": {"schema": schema}}
                if response.get("description") in ("", "No response body"):
                    response["description"] = _DEFAULT_DESCRIPTIONS.get(code, "Refused.")
        operation["responses"] = dict(sorted(responses.items()))
