"""Render Django form widgets with DKFDS classes, so form classes stay free of markup."""

from django import forms, template
from django.core.cache import caches
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from engage.cache import static_field_key
from frontend.html import esc

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


def _shown(value) -> str:
    # As {{ value }} in a template: numbers in the active language's format, escaped.
    return esc(value if isinstance(value, str) else localize(value))


def _errors(field: forms.BoundField) -> str:
    # The markup of frontend/account/_field_errors.html, which templates that lay out a
    # field themselves include: keep the two alike.
    if not field.errors:
        return "\n"
    marker = f'<span class="sr-only">{esc(_("Error:"))} </span>'
    messages = "<br>".join(f"{marker}{esc(error)}" for error in field.errors)
    return f'<span class="form-error-message" id="{esc(field.auto_id)}_error">{messages}</span>\n'


def _radios(field: forms.BoundField) -> str:
    required = " required" if field.field.required else ""
    parts = []
    for radio in field:
        data, target = radio.data, esc(radio.id_for_label)
        lang = data["attrs"].get("lang")
        lang_attr = f' lang="{esc(lang)}"' if lang else ""
        checked = " checked" if data["selected"] else ""
        parts.append(
            '\n    <div class="form-group-radio">\n'
            f'      <input class="form-radio" type="radio" name="{esc(data["name"])}" '
            f'id="{target}" value="{_shown(data["value"])}"{checked}{required}>\n'
            f'      <label class="form-label" for="{target}"{lang_attr}>'
            f"{_shown(radio.choice_label)}</label>\n"
            "    </div>\n    "
        )
    return "".join(parts)


def _hint(help_text: str, auto_id: str) -> str:
    return (
        f'<span class="form-hint" id="{auto_id}_helptext">{help_text}</span>' if help_text else ""
    )


@register.simple_tag
def dkfds_field(field: forms.BoundField, label="", help_after=False) -> SafeString:
    """One bound field in DKFDS markup: its label (or `label`), help text, errors and
    widget. The ids "<auto_id>_helptext" and "<auto_id>_error" match the aria-describedby
    Django puts on the widget itself. `help_after` puts the help text after the input: for
    help that is a link ("Forgot your password?"), so that Tab goes from the label's input
    to the next input before it reaches the link.

    Written in Python: an included template took some 150 template calls per field, most
    of what a staff page's forms cost.
    """
    if field.is_hidden:
        return mark_safe(str(field))  # noqa: S308 (the widget renderer escapes)
    kind, label = field_kind(field), esc(label or field.label)
    target, auto_id = esc(field.id_for_label), esc(field.auto_id)
    help_text = str(field.help_text) if field.help_text else ""  # help texts are markup
    if kind == "checkbox":
        inner = (
            f"\n  {_errors(field)}\n"
            '  <div class="form-group-checkbox">\n'
            f"    {dkfds_widget(field)}\n"
            f'    <label class="form-label" for="{target}">{label}</label>\n'
            f"    {_hint(help_text, auto_id)}\n"
            "  </div>\n"
        )
    elif kind == "radios":
        described = field.aria_describedby
        described_attr = f' aria-describedby="{esc(described)}"' if described else ""
        inner = (
            f"\n  <fieldset{described_attr}>\n"
            f'    <legend class="form-label">{label}</legend>\n'
            f"    {_hint(help_text, auto_id)}\n"
            f"    {_errors(field)}\n"
            f"    {_radios(field)}\n"
            "  </fieldset>\n"
        )
    else:
        optional = (
            ""
            if field.field.required
            else f' <span class="weight-normal">({esc(_("optional"))})</span>'
        )
        before = after = ""
        if help_text and help_after:
            after = f'<div class="form-hint mt-3" id="{auto_id}_helptext">{help_text}</div>'
        elif help_text:
            before = f'<div class="form-hint" id="{auto_id}_helptext">{help_text}</div>'
        inner = (
            f'\n  <label class="form-label" for="{target}">{label}{optional}</label>\n'
            f"  {before}\n"
            f"  {_errors(field)}\n"
            f"  {dkfds_widget(field)}\n"
            f"  {after}\n"
        )
    error = " form-error" if field.errors else ""
    html = f'\n<div class="form-group{error}">\n{inner}\n</div>\n'
    return mark_safe(html)  # noqa: S308 (every value above is escaped or is markup)


ROW_ID = "id_row-field-ids_"  # no label or hint contains it


@register.simple_tag(takes_context=True)
def row_field(context, field: forms.BoundField, **options) -> SafeString:
    """dkfds_field for a field that every row of a page repeats (a
    reply box under each comment, a reason under each report): the markup is rendered
    once per request and given each row's ids, not rendered again per row.

    Precondition: the rows' forms are built alike (one form class, the same widget
    attributes); they may differ in auto_id and in the field's value, which is part of
    the key. Only an unbound field whose ids all come from the form's auto_id
    ("id_<row>_%s") is reused; a bound one, with the person's input and errors, is
    rendered on its own. `options` are what dkfds_field takes besides `field` (label=).
    A form class with `static_markup = True` (nothing in its fields comes from a row or
    a setting) has its unbound fields kept across requests too, per process and language.
    """
    form = field.form
    auto_id = form.auto_id if isinstance(form.auto_id, str) else ""

    def render() -> SafeString:
        return dkfds_field(field, **options)

    if form.is_bound or not auto_id.endswith("%s"):
        return render()
    value = field.value()
    option_items = tuple(sorted((name, str(value)) for name, value in options.items()))

    def render_with_row_ids() -> SafeString:
        # Rendered once with a stand-in for the row's part of every id, then filled in.
        form.auto_id = f"{ROW_ID}%s"
        try:
            return render()
        finally:
            form.auto_id = auto_id

    # The rows of one page ask for the same markup again and again: kept for the request.
    request = context.get("request")
    memo = vars(request).setdefault("_row_field_html", {}) if request is not None else {}
    key = (type(form), form.prefix, field.name, repr(value), option_items, get_language())
    if key not in memo:
        if getattr(form, "static_markup", False):
            # Rendering a field through Django's widget templates costs more than the
            # rest of a comment; the markup of such a form changes only with a release.
            static_key = static_field_key(
                form_class=type(form), field=field.html_name, value=value, options=option_items
            )
            html = caches["chrome"].get(static_key)
            if html is None:
                html = render_with_row_ids()
                caches["chrome"].set(static_key, html, timeout=None)
            memo[key] = html
        else:
            memo[key] = render_with_row_ids()
    html = memo[key]
    # The prefix is the code-given auto_id ("id_<row>_"), never anyone's input.
    return mark_safe(html.replace(ROW_ID, auto_id.removesuffix("%s")))  # noqa: S308
