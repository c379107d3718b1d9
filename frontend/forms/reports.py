"""Forms for progress reports: they check the shape of input; partnerships.services.reports
checks the rest (units, shares, sources, which values may change, who decides)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.moderation import DATE_FORMATS, DATE_WIDGET
from frontend.forms.proposals import WIDE
from partnerships.metrics import GREEN_ACTIONS
from partnerships.models import PartnerCommitment, ProgressValue, ValueState
from partnerships.services.reports import (
    COMMENT_MAX_LENGTH,
    EVENT_NAME_MAX_LENGTH,
    RETURN,
    SOURCE_MAX_LENGTH,
    STORY_MAX_LENGTH,
    VERIFY,
    ValueDecision,
    ValueEntry,
)

NUMBER = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


class AnnualReportStartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        from frontend.forms.proposals import Select

        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].widget = Select(choices=self.fields["year"].choices)

    def service_kwargs(self) -> dict:
        return {"year": self.cleaned_data["year"]}


class EventReportStartForm(forms.Form):
    event_name = forms.CharField(
        label=_("Name of the event"),
        max_length=EVENT_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": WIDE}),
    )
    event_start = forms.DateField(
        label=_("First day of the event"), input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )
    event_end = forms.DateField(
        label=_("Last day of the event"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("The report is due 30 days after the event ends."),
    )

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class ReportForm(forms.Form):
    """A value and its source per commitment (a green action: done or not, and an
    optional measured result), and the story. Verified values are shown, not asked for.

    `rows` lists, per commitment, its current value and the names of its fields. A row
    left entirely empty is not sent to the service."""

    story = forms.CharField(
        label=_("What happened in the period"),
        required=False,
        max_length=STORY_MAX_LENGTH,
        help_text=_("A short story: what you did, what worked and what did not."),
        widget=forms.Textarea(attrs={"rows": 6, "class": WIDE}),
    )

    def __init__(
        self,
        *args,
        commitments: list[PartnerCommitment],
        values: dict[int, ProgressValue],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.rows = []
        for commitment in commitments:
            value = values.get(commitment.pk)
            row = {"commitment": commitment, "value": value, "fields": []}
            self.rows.append(row)
            if value is not None and value.state == ValueState.VERIFIED:
                continue
            pk = commitment.pk
            if commitment.is_checklist:
                action = GREEN_ACTIONS.get(commitment.checklist_action)
                self.fields[f"done_{pk}"] = forms.TypedChoiceField(
                    label=_("Carried out?"),
                    required=False,
                    coerce=lambda v: v == "yes",
                    empty_value=None,
                    choices=[("yes", _("Yes")), ("no", _("No"))],
                    widget=forms.RadioSelect,
                )
                result_label = action.result_label if action and action.result_label else None
                if result_label:
                    self.fields[f"value_{pk}"] = forms.DecimalField(
                        label=result_label,
                        required=False,
                        localize=True,
                        widget=NUMBER,
                    )
                row["fields"] = [f"done_{pk}", *([f"value_{pk}"] if result_label else [])]
            else:
                self.fields[f"value_{pk}"] = forms.DecimalField(
                    label=_("Value in %(unit)s") % {"unit": commitment.unit},
                    required=False,
                    localize=True,
                    widget=NUMBER,
                )
                row["fields"] = [f"value_{pk}"]
            self.fields[f"source_{pk}"] = forms.CharField(
                label=_("Source"),
                required=False,
                max_length=SOURCE_MAX_LENGTH,
                help_text=_("Where the figure comes from: a meter, an invoice, a count."),
                widget=forms.TextInput(attrs={"class": WIDE}),
            )
            row["fields"].append(f"source_{pk}")
            if value is not None and not self.is_bound:
                self.initial[f"source_{pk}"] = value.source
                if f"value_{pk}" in self.fields:
                    self.initial[f"value_{pk}"] = value.value
                if f"done_{pk}" in self.fields and value.done is not None:
                    self.initial[f"done_{pk}"] = "yes" if value.done else "no"
        for row in self.rows:
            row["bound"] = [self[name] for name in row["fields"]]

    def entries(self) -> list[ValueEntry]:
        data = self.cleaned_data
        entries = []
        for row in self.rows:
            if not row["fields"]:
                continue
            pk = row["commitment"].pk
            value: Decimal | None = data.get(f"value_{pk}")
            done = data.get(f"done_{pk}")
            source = data.get(f"source_{pk}", "")
            if value is None and done is None and not source.strip():
                continue
            entries.append(ValueEntry(commitment_id=pk, value=value, done=done, source=source))
        return entries


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A PDF (at most 10 MB) or an image (JPEG, PNG, WebP or GIF, at most 5 MB). "
            "Only your organisation and the programme's coordinators see it until the "
            "value it backs is verified; then anyone can open it with the value."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )
    value = forms.TypedChoiceField(
        label=_("The value it backs"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, values: list[ProgressValue], **kwargs):
        super().__init__(*args, **kwargs)
        from frontend.forms.proposals import Select

        choices = [("", _("The report as a whole"))] + [
            (v.pk, v.commitment.title) for v in values if v.state != ValueState.VERIFIED
        ]
        self.fields["value"].choices = choices
        self.fields["value"].widget = Select(attrs={"class": WIDE}, choices=choices)


class ReviewForm(forms.Form):
    """Per value awaiting verification: verify or send back, with a comment."""

    def __init__(self, *args, values: list[ProgressValue], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for value in values:
            if value.state != ValueState.PENDING:
                self.rows.append({"value": value, "bound": []})
                continue
            pk = value.pk
            self.fields[f"value_{pk}"] = forms.ChoiceField(
                label=_("Decision"),
                choices=[(VERIFY, _("Verify")), (RETURN, _("Send back for correction"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Verify the value or send it back.")},
            )
            self.fields[f"comment_{pk}"] = forms.CharField(
                label=_("Comment to the organisation"),
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                help_text=_("Needed when you send the value back: say what to correct."),
                widget=forms.Textarea(attrs={"rows": 2, "class": WIDE}),
            )
            self.rows.append(
                {"value": value, "bound": [self[f"value_{pk}"], self[f"comment_{pk}"]]}
            )

    def decisions(self) -> list[ValueDecision]:
        return [
            ValueDecision(
                value_id=row["value"].pk,
                decision=self.cleaned_data[f"value_{row['value'].pk}"],
                comment=self.cleaned_data.get(f"comment_{row['value'].pk}", ""),
            )
            for row in self.rows
            if row["bound"]
        ]
