"""The form renderer: Django's, with the widgets that every form repeats written in Python.

Django renders each input through three templates (the widget's, input.html and
attrs.html), and a group of checkboxes through three more per option: on the
moderation pages that was a third of the time. The markup here is the markup of those templates
(tests/frontend/test_form_renderer.py compares the two); every other template renders
as usual.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from frontend.html import esc

_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "number",
        "password",
        "url",
        "date",
        "datetime",
        "time",
        "hidden",
        "search",
        "tel",
        "color",
        "file",
        "checkbox",
    )
)
_TEXTAREA = "django/forms/widgets/textarea.html"
_SELECTS = frozenset({"frontend/widgets/select.html"})
_CHOICE_GROUPS = frozenset(
    {"django/forms/widgets/checkbox_select.html", "django/forms/widgets/radio.html"}
)
_CHOICES = frozenset(
    {"django/forms/widgets/checkbox_option.html", "django/forms/widgets/radio_option.html"}
)


def _attrs(attrs: dict) -> str:
    # attrs.html: False leaves the attribute out, True writes it bare.
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{esc(value)}"'
    return (
        f'<input type="{esc(widget["type"])}" '
        f'name="{esc(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _shown(value) -> str:
    # As {{ value }} in a template: numbers and dates in the active language's format.
    return esc(value if isinstance(value, str) else localize(value))


def _textarea(widget: dict) -> str:
    value = _shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _select(widget: dict) -> str:
    # frontend/widgets/select.html: Django's select with its options written in place.
    parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{esc(group_name)}">')
        parts.extend(
            f'\n  <option value="{esc(option["value"])}"'
            f"{' selected' if option['selected'] else ''}>"
            f"{_shown(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _choice(option: dict) -> str:
    # input_option.html: the input inside its label (the line break is the template's).
    if not option["wrap_label"]:
        return _input(option)
    target = option["attrs"].get("id")
    label_for = f' for="{esc(target)}"' if target else ""
    return f"<label{label_for}>{_input(option)}\n {_shown(option['label'])}</label>"


def _choice_group(widget: dict) -> str:
    # multiple_input.html: a div of radios or checkboxes, each option group in a div.
    attrs = widget["attrs"]
    parts = ["<div"]
    if attrs.get("id"):
        parts.append(f' id="{esc(attrs["id"])}"')
    if attrs.get("class"):
        parts.append(f' class="{esc(attrs["class"])}"')
    parts.append(">")
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f"\n  <div><label>{_shown(group_name)}</label>")
        # Included templates keep the line breaks that end their files.
        parts.extend(
            f"<div>\n    {_choice(option)}{'\n\n' if option['wrap_label'] else '\n\n\n'}</div>"
            for option in options
        )
        if group_name:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None) -> SafeString:
        if template_name in _INPUTS:
            return mark_safe(_input(context["widget"]))  # noqa: S308 (escaped above)
        if template_name == _TEXTAREA:
            return mark_safe(_textarea(context["widget"]))  # noqa: S308
        if template_name in _SELECTS:
            return mark_safe(_select(context["widget"]))  # noqa: S308
        if template_name in _CHOICE_GROUPS:
            return mark_safe(_choice_group(context["widget"]))  # noqa: S308
        if template_name in _CHOICES:
            return mark_safe(_choice(context["widget"]))  # noqa: S308
        return super().render(template_name, context, request=request)
