"""Render Django form widgets with DKFDS classes, so form classes stay free of markup."""

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


def _dkfds_class(widget: forms.Widget) -> str:
    input_type = getattr(widget, "input_type", None)
    if input_type == "checkbox":
        return "form-checkbox"
    if input_type == "radio":
        return "form-radio"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-input"


@register.simple_tag
def dkfds_widget(field: forms.BoundField, **extra_attrs) -> SafeString:
    """The field's widget with its DKFDS class and without a placeholder.

    Labels are always visible, so placeholders would only repeat them (and vanish on
    input). Django itself adds aria-invalid and aria-describedby ("<id>_helptext",
    "<id>_error") when the field has help text or errors; the field template uses the
    same ids.
    """
    widget = field.field.widget
    classes = " ".join(c for c in (widget.attrs.get("class"), _dkfds_class(widget)) if c)
    attrs = {"class": classes, "placeholder": False, **extra_attrs}
    return field.as_widget(attrs=attrs)


def _anchor(bound: forms.BoundField) -> str:
    # Radio groups have no single input; the first option is where a person lands.
    if bound.id_for_label:
        return bound.id_for_label
    return f"{bound.auto_id}_0" if bound.auto_id else ""


@register.filter
def error_summary(form: forms.BaseForm) -> list[tuple[str, str]]:
    """(anchor id, message) for every error in `form`, non-field errors first.

    Non-field errors link to the form itself; field errors link to the field's input.
    """
    if not form or not form.errors:
        return []
    items = [("", str(message)) for message in form.non_field_errors()]
    # A hidden field cannot be focused, but its message still has to reach the person.
    items += [("", str(m)) for bound in form.hidden_fields() for m in bound.errors]
    items += [(_anchor(bound), str(m)) for bound in form.visible_fields() for m in bound.errors]
    return items


@register.filter
def field_kind(field: forms.BoundField) -> str:
    """Which DKFDS pattern renders `field`: "checkbox", "radios", "checkboxes" or "input"."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    if input_type == "radio":
        return "radios"
    if input_type == "checkbox":
        return "checkboxes" if getattr(widget, "allow_multiple_selected", False) else "checkbox"
    return "input"
