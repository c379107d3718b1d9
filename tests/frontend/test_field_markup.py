"""A form field in DKFDS markup ({% dkfds_field %}): label, hint, errors and the aria
attributes that tie them to the input, for every kind of field."""

import re

from django import forms
from django.template import engines
from django.utils import translation


class Everything(forms.Form):
    name = forms.CharField(label='Name & "title"', help_text="As <em>shown</em>")
    note = forms.CharField(required=False, widget=forms.Textarea)
    agree = forms.BooleanField(help_text="Read the terms")
    outcome = forms.ChoiceField(
        widget=forms.RadioSelect(attrs={"lang": "en"}),
        choices=[("yes", "Yes"), ("no", "No <never>")],
        help_text="Pick one",
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def _field(form: forms.Form, name: str, **options) -> str:
    template = engines["django"].from_string(
        "{% load dkfds_forms %}{% dkfds_field field label=label help_after=help_after %}"
    )
    return template.render({"field": form[name], **options})


def _tag(html: str, start: str) -> str:
    return re.search(rf"<{start}[^>]*>", html).group(0)


def test_a_text_field_ties_its_label_hint_and_errors_to_the_input():
    with translation.override("da"):
        html = _field(Everything(data={}), "name")
    field = _tag(html, "input")
    assert 'class="form-input"' in field and 'id="id_name"' in field
    assert 'aria-describedby="id_name_helptext id_name_error"' in field
    assert 'aria-invalid="true"' in field and "placeholder" not in field
    assert '<div class="form-group form-error">' in html
    assert '<label class="form-label" for="id_name">Name &amp; &quot;title&quot;</label>' in html
    assert '<div class="form-hint" id="id_name_helptext">As <em>shown</em></div>' in html
    assert (
        '<span class="form-error-message" id="id_name_error"><span class="sr-only">Fejl: </span>'
        "Dette felt er påkrævet.</span>"
    ) in html
    assert html.index("id_name_helptext") < html.index("id_name_error") < html.index("<input")


def test_an_optional_field_says_so_and_a_label_can_be_given():
    with translation.override("en"):
        html = _field(Everything(), "note", label="Your <note>")
    assert "Your &lt;note&gt; <span" in html and "(optional)" in html
    assert 'class="form-group"' in html and "form-error" not in html
    assert _tag(html, "textarea").startswith('<textarea name="note"')


def test_help_after_puts_the_hint_after_the_input():
    html = _field(Everything(), "name", help_after=True)
    assert html.index("<input") < html.index('class="form-hint mt-3" id="id_name_helptext"')


def test_a_checkbox_has_its_label_after_the_box_and_its_errors_first():
    html = _field(Everything(data={}), "agree")
    box = _tag(html, "input")
    assert 'type="checkbox"' in box and 'class="form-checkbox"' in box
    assert 'aria-describedby="id_agree_helptext id_agree_error"' in box
    assert html.index('id="id_agree_error"') < html.index("form-group-checkbox")
    assert html.index("<input") < html.index('<label class="form-label" for="id_agree">')
    assert '<span class="form-hint" id="id_agree_helptext">Read the terms</span>' in html


def test_radios_are_a_fieldset_with_a_legend_and_the_hint_and_errors_it_points_to():
    html = _field(Everything(data={"outcome": "maybe"}), "outcome")
    fieldset = _tag(html, "fieldset")
    assert 'aria-describedby="id_outcome_helptext id_outcome_error"' in fieldset
    assert '<legend class="form-label">Outcome</legend>' in html
    radios = re.findall(r"<input [^>]*>", html)
    assert len(radios) == 2 and all("required" in r and "checked" not in r for r in radios)
    assert '<label class="form-label" for="id_outcome_1" lang="en">No &lt;never&gt;</label>' in html
    chosen = _field(Everything(data={"outcome": "no"}), "outcome")
    assert re.search(r'<input [^>]*value="no" checked required>', chosen)
    assert 'id="id_outcome_error"' not in chosen


def test_a_hidden_field_is_only_its_input():
    html = _field(Everything(initial={"token": "a&b"}), "token")
    assert html.strip() == '<input type="hidden" name="token" value="a&amp;b" id="id_token">'
