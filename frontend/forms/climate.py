"""Forms for the climate dashboard and the inventory's staff pages: they check the shape of
input; partnerships.services.inventory checks the rest (years, sectors, the targets'
order) and reads the CSV file."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontend.forms.moderation import DATE_FORMATS, DATE_WIDGET
from frontend.forms.proposals import WIDE, Select
from partnerships.models import InventorySector, InventoryVersion, Kind
from partnerships.services.inventory import BASELINE_EARLIEST_YEAR, CSV_MAX_BYTES, number_parse

TARGET_ROWS = 4


def _this_year() -> int:
    return timezone.localdate().year


class ClimateFilterForm(forms.Form):
    """The dashboard's GET filters. A value that does not fit is ignored (and named).
    `programmes` are the (slug, name) choices of the programme filter."""

    CHOICE_FIELDS = ("sector", "programme", "kind")

    sector = forms.ChoiceField(label=_("Sector"), required=False, widget=Select)
    programme = forms.ChoiceField(label=_("Partnership programme"), required=False, widget=Select)
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False, widget=Select)
    year_from = forms.IntegerField(label=_("From year"), required=False)
    year_to = forms.IntegerField(label=_("To year"), required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, programmes: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors")), *InventorySector.choices]
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]
        self.fields["kind"].choices = [("", _("All kinds")), *Kind.choices]
        for name in ("year_from", "year_to"):
            self.fields[name].widget = forms.NumberInput(
                attrs={
                    "min": BASELINE_EARLIEST_YEAR,
                    "max": _this_year(),
                    "class": "input-width-xs",
                    "inputmode": "numeric",
                }
            )

    def clean(self):
        data = super().clean()
        for name in ("year_from", "year_to"):
            year = data.get(name)
            if year is not None and not BASELINE_EARLIEST_YEAR <= year <= _this_year():
                self.add_error(
                    name,
                    _("Choose a year from %(first)d to %(last)d.")
                    % {"first": BASELINE_EARLIEST_YEAR, "last": _this_year()},
                )
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            self.add_error("year_to", _("The last year comes before the first."))
        return data

    def value(self, name: str):
        """The cleaned value, or empty when it was not valid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        empty = "" if name in self.CHOICE_FIELDS else None
        if name in self.errors:
            return empty
        return self.cleaned_data.get(name) or empty


class TonnesField(forms.CharField):
    """tCO2e with a decimal comma or point (12.345,6 or 12345.6)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "input-width-s"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        number = number_parse(text)
        if number is None:
            raise forms.ValidationError(_("Write a number, such as 12345,6."), code="invalid")
        return number


class _VersionFields(forms.Form):
    label = forms.CharField(
        label=_("Label of the version"),
        max_length=InventoryVersion._meta.get_field("label").max_length,
        help_text=_(
            "Shown on the dashboard, such as “Energistyrelsen, energi- og CO2-regnskab 2025”."
        ),
        widget=forms.TextInput(attrs={"class": WIDE}),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=InventoryVersion._meta.get_field("source").max_length,
        help_text=_("Where the figures come from: a publication or a web address."),
        widget=forms.TextInput(attrs={"class": WIDE}),
    )
    published_on = forms.DateField(
        label=_("Date the figures were published"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=InventoryVersion._meta.get_field("note").max_length,
        help_text=_("What changed since the last version, such as a new method."),
        widget=forms.Textarea(attrs={"rows": 3, "class": WIDE}),
    )
    show = forms.BooleanField(
        label=_("Show this version on the dashboard"), required=False, initial=True
    )


class InventoryImportForm(_VersionFields):
    """A file, or its text pasted (a refused file's text comes back here, to correct)."""

    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_(
            "Columns år (year), sektor (sector) and udledning (tCO2e), separated by ; or ,"
            " with a decimal comma or point, as saved from a spreadsheet."
        ),
    )
    text = forms.CharField(
        label=_("Or paste the file's text"),
        required=False,
        max_length=CSV_MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 10, "class": WIDE, "spellcheck": "false"}),
    )

    field_order = ["file", "text", "label", "source", "published_on", "note", "show"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(
                _("The file may be at most %(size)d MB.") % {"size": CSV_MAX_BYTES // 2**20}
            )
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip() and not self.errors:
            self.add_error("file", _("Choose a CSV file or paste its text."))
        return data


class InventoryYearForm(_VersionFields):
    """One year's five figures, typed in; the other years come from the current version."""

    year = forms.IntegerField(
        label=_("Year"),
        widget=forms.NumberInput(attrs={"class": "input-width-xs", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for sector, label in InventorySector.choices:
            self.fields[sector] = TonnesField(label=_("%(sector)s (tCO2e)") % {"sector": label})
        self.order_fields(
            ["year", *InventorySector.values, "label", "source", "published_on", "note", "show"]
        )

    def values(self) -> dict[str, Decimal]:
        return {
            sector: self.cleaned_data[sector]
            for sector in InventorySector.values
            if self.cleaned_data.get(sector) is not None
        }


class ClimateTargetsForm(forms.Form):
    """The baseline year and up to TARGET_ROWS targets (a row left empty is no target)."""

    baseline_year = forms.IntegerField(
        label=_("Baseline year"),
        help_text=_("The targets count from this year's total in the shown inventory."),
        widget=forms.NumberInput(attrs={"class": "input-width-xs", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(TARGET_ROWS):
            self.fields[f"year_{n}"] = forms.IntegerField(
                label=_("Target year"),
                required=False,
                widget=forms.NumberInput(attrs={"class": "input-width-xs", "inputmode": "numeric"}),
            )
            self.fields[f"reduction_{n}"] = forms.DecimalField(
                label=_("Reduction from the baseline year, in per cent"),
                required=False,
                localize=True,
                max_digits=5,
                decimal_places=2,
                widget=forms.TextInput(attrs={"class": "input-width-xs", "inputmode": "decimal"}),
            )

    def rows(self) -> list[tuple]:
        """[(year field, reduction field)] bound, for the template."""
        return [(self[f"year_{n}"], self[f"reduction_{n}"]) for n in range(TARGET_ROWS)]

    def clean(self):
        data = super().clean()
        for n in range(TARGET_ROWS):
            year, reduction = data.get(f"year_{n}"), data.get(f"reduction_{n}")
            if year is None and reduction is not None and f"year_{n}" not in self.errors:
                self.add_error(f"year_{n}", _("Give the target's year."))
            if reduction is None and year is not None and f"reduction_{n}" not in self.errors:
                self.add_error(f"reduction_{n}", _("Give the target's reduction."))
        return data

    def targets(self) -> list[tuple[int, Decimal]]:
        return [
            (self.cleaned_data[f"year_{n}"], self.cleaned_data[f"reduction_{n}"])
            for n in range(TARGET_ROWS)
            if self.cleaned_data.get(f"year_{n}") is not None
        ]
