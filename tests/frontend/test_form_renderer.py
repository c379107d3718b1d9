"""The form renderer writes the same HTML as Django's widget templates, only faster."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from frontend.forms.proposals import Select
from frontend.forms.renderer import FormRenderer


class EveryWidget(forms.Form):
    name = forms.CharField(max_length=20, help_text="Help")
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=0)
    amount = forms.DecimalField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    website = forms.URLField(required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    agree = forms.BooleanField(required=False)
    area = forms.ChoiceField(
        choices=[("", "All"), ("Klima", [("a", "Air & <sea>"), ("b", "Bees")]), ("c", "Cars")]
    )
    area_fast = forms.ChoiceField(
        widget=Select, choices=[("", "All"), ("Klima", [("a", "Air & <sea>")]), ("c", 'C"s')]
    )
    level = forms.TypedChoiceField(choices=[(1, 1), (2, Decimal("2.5"))], coerce=int)
    tags = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    areas = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple(attrs={"class": "c"}),
        choices=[("Klima", [("a", "Air & <sea>"), ("b", "Bees")]), ("c", "Cars")],
        required=False,
    )
    outcome = forms.ChoiceField(widget=forms.RadioSelect, choices=[("y", "Yes"), ("n", "<No>")])


CASES = [
    {},
    {
        "name": 'Søren "<b>"',
        "email": "not-an-email",
        "count": "-3",
        "amount": "1,5",
        "secret": "p&ss",
        "hidden": "<h>",
        "day": "2026-12-03",
        "website": "javascript:alert(1)",
        "body": "Line one\n<script>alert(1)</script>",
        "agree": "on",
        "area": "a",
        "area_fast": "c",
        "level": "2",
        "tags": ["y"],
        "areas": ["b", "c"],
        "outcome": "n",
    },
]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("data", CASES)
def test_every_widget_renders_as_the_templates_do(data, language):
    initial = {"count": 7, "amount": Decimal("57.048"), "day": datetime.date(2026, 1, 2)}
    with translation.override(language):
        fields = []
        for renderer in (DjangoTemplates(), FormRenderer()):
            form = EveryWidget(data or None, initial=initial, renderer=renderer)
            form.is_valid()
            shown = [str(form[name]) for name in form.fields]
            shown += [str(choice) for choice in form["areas"]]  # one checkbox at a time
            fields.append(shown)
        assert fields[0] == fields[1]
