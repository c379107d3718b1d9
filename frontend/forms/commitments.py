"""Forms for the partner's measurable commitments: one commitment (an agreement's add and
edit pages), repeated rows of them (a programme's suggestions, an application's proposals)
and the green guide's checklist (a festival's application).

Every field is optional here and kept as typed: partnerships.services.commitments checks
them all and names the field of each error, so page, API and service refuse alike.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.proposals import WIDE, Select
from partnerships.metrics import GREEN_ACTIONS, GREEN_GUIDE, Direction, Metric, Scope
from partnerships.models import Sector
from partnerships.services.commitments import COMMITMENT_FIELDS, MAX_COMMITMENTS

NUMBER = {"inputmode": "decimal", "class": "input-width-s"}
YEAR = {"inputmode": "numeric", "class": "input-width-xs", "maxlength": "4"}


def _select(choices, **kwargs) -> forms.ChoiceField:
    field = forms.ChoiceField(choices=choices, required=False, widget=Select, **kwargs)
    field.widget.choices = field.choices
    return field


def focus_area_choices(themes) -> list:
    """("", none) and one optgroup per theme of its focus areas."""
    return [
        ("", _("No focus area")),
        *((theme.name, [(a.slug, a.name) for a in theme.focus_areas.all()]) for theme in themes),
    ]


def green_action_choices() -> list:
    topics: dict[str, list] = {}
    for action in GREEN_GUIDE:
        topics.setdefault(str(action.topic), []).append((action.code, action.label))
    return [("", _("Choose a green action")), *topics.items()]


def commitment_fields(*, themes, with_checklist: bool) -> dict[str, forms.Field]:
    """The fields of one commitment, by the service's field names."""
    metrics = [
        (value, label)
        for value, label in Metric.choices
        if with_checklist or value != Metric.CHECKLIST
    ]
    fields = {
        "title": forms.CharField(
            label=_("Commitment"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"class": WIDE}),
            help_text=_("What the partner commits to, in a line."),
        ),
        "description": forms.CharField(
            label=_("Description"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 3, "class": WIDE}),
        ),
        "metric": _select([("", _("Choose a metric")), *metrics], label=_("Metric")),
        "checklist_action": _select(green_action_choices(), label=_("Green action")),
        "unit": forms.CharField(
            label=_("Unit"),
            required=False,
            max_length=40,
            widget=forms.TextInput(attrs={"class": "input-width-s"}),
            help_text=_(
                "Only for a custom metric, for example trees planted. Every other metric has "
                "its own unit."
            ),
        ),
        "scope": _select(
            [("", _("No scope")), *((str(v), label) for v, label in Scope.choices)],
            label=_("Scope"),
            help_text=_("Only for greenhouse gas emissions."),
        ),
        "direction": _select(
            [("", _("Choose a direction")), *Direction.choices], label=_("Direction")
        ),
        "baseline_year": forms.CharField(
            label=_("Baseline year"), required=False, widget=forms.TextInput(attrs=YEAR)
        ),
        "baseline_value": forms.CharField(
            label=_("Baseline value"), required=False, widget=forms.TextInput(attrs=NUMBER)
        ),
        "target_year": forms.CharField(
            label=_("Target year"), required=False, widget=forms.TextInput(attrs=YEAR)
        ),
        "target_value": forms.CharField(
            label=_("Target value"), required=False, widget=forms.TextInput(attrs=NUMBER)
        ),
        "focus_area": _select(focus_area_choices(themes), label=_("Focus area")),
        "sdgs": forms.CharField(
            label=_("UN Sustainable Development Goals"),
            required=False,
            max_length=100,
            widget=forms.TextInput(attrs={"class": "input-width-m"}),
            help_text=_("The goals' numbers, separated by commas, for example 7, 13."),
        ),
        "sector": _select(
            [("", _("No sector")), *Sector.choices], label=_("Emission sector it touches")
        ),
    }
    if not with_checklist:
        del fields["checklist_action"]
    fields["focus_area"].widget.attrs["class"] = WIDE
    return fields


def commitment_initial(item: dict, *, prefix: str = "") -> dict:
    """A commitment in its stored shape as a form's initial values."""
    initial = {}
    for field in COMMITMENT_FIELDS:
        value = item.get(field)
        if field == "sdgs":
            value = ", ".join(str(number) for number in value or [])
        elif value is None:
            value = ""
        initial[f"{prefix}{field}"] = str(value) if field == "scope" and value != "" else value
    return initial


def _data(form: forms.Form, prefix: str, names) -> dict:
    return {name: form.cleaned_data.get(f"{prefix}{name}", "") for name in names}


class PartnerCommitmentForm(forms.Form):
    """One commitment of the partner; a green action only in a festival's agreement."""

    reason = forms.CharField(
        label=_("Why (for the history)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "class": WIDE}),
        help_text=_("The other side of the agreement is told."),
    )

    def __init__(self, *args, themes, with_checklist: bool, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields.pop("reason")
        self.fields.update(commitment_fields(themes=themes, with_checklist=with_checklist))
        self.fields["reason"] = reason

    def commitment(self) -> dict:
        return _data(self, "", (name for name in self.fields if name != "reason"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": WIDE}),
        help_text=_("It stays in the agreement's history and in the reports already made."),
        error_messages={"required": _("Say why.")},
    )


_ROW = re.compile(r"^commitment_(\d+)_")


class CommitmentRows:
    """Repeated rows of commitment fields on a form (`commitment_<n>_<field>`, n from 0),
    each with a box to leave it out, and blank rows to add more.

    Rows that are left blank, or ticked to leave out, are not sent to the service; the
    service's errors for the commitments it got (keyed by their place in that list) are
    shown on the rows they came from (`commitment_error_fields`).
    """

    ROW_FIELDS = COMMITMENT_FIELDS

    def commitment_rows_add(
        self, *, rows: list[dict], themes, with_checklist: bool, extra: int = 2
    ) -> None:
        count = len(rows) + extra
        if self.is_bound:
            posted = [int(m.group(1)) for key in self.data if (m := _ROW.match(key))]
            count = max(posted, default=-1) + 1
        count = min(count, MAX_COMMITMENTS)
        self.commitment_row_count = count
        for n in range(count):
            for name, field in commitment_fields(
                themes=themes, with_checklist=with_checklist
            ).items():
                self.fields[f"commitment_{n}_{name}"] = field
            self.fields[f"commitment_{n}_remove"] = forms.BooleanField(
                label=_("Leave this commitment out"), required=False
            )
            if n < len(rows):
                self.initial.update(commitment_initial(rows[n], prefix=f"commitment_{n}_"))
        self._sent_rows: list[int] = []

    def commitment_rows(self) -> list[tuple[int, list]]:
        """(n, [bound fields], its leave-out box) for each row: one fieldset per row."""
        return [
            (
                n,
                [
                    self[name]
                    for name in self.fields
                    if name.startswith(f"commitment_{n}_") and not name.endswith("_remove")
                ],
                self[f"commitment_{n}_remove"],
            )
            for n in range(self.commitment_row_count)
        ]

    def row_commitments(self) -> list[dict]:
        items = []
        self._sent_rows = []
        for n in range(self.commitment_row_count):
            if self.cleaned_data.get(f"commitment_{n}_remove"):
                continue
            prefix = f"commitment_{n}_"
            names = [f[len(prefix) :] for f in self.fields if f.startswith(prefix)]
            item = _data(self, prefix, (name for name in names if name != "remove"))
            if not any(str(value).strip() for value in item.values()):
                continue
            items.append(item)
            self._sent_rows.append(n)
        return items

    def row_error_fields(self) -> dict[str, str]:
        return {
            f"commitment_{i}_{name}": f"commitment_{n}_{name}"
            for i, n in enumerate(self._sent_rows)
            for name in COMMITMENT_FIELDS
        }


class GreenGuideChecklist:
    """The green guide as ticks (`action_<code>`), each with an optional target result in
    the action's unit (`action_<code>_target`)."""

    def green_guide_add(self, *, ticked: dict[str, str]) -> None:
        """`ticked`: {action code: target result ("" for none)} ticked to begin with."""
        self.uses_green_guide = True
        for action in GREEN_GUIDE:
            self.fields[f"action_{action.code}"] = forms.BooleanField(
                label=action.label, required=False
            )
            if action.result_unit:
                self.fields[f"action_{action.code}_target"] = forms.CharField(
                    label=_("Target: %(result)s") % {"result": action.result_label},
                    required=False,
                    max_length=20,
                    widget=forms.TextInput(attrs=NUMBER),
                )
            if action.code in ticked:
                self.initial[f"action_{action.code}"] = True
                self.initial[f"action_{action.code}_target"] = ticked[action.code] or ""

    def green_guide_topics(self) -> list[tuple[str, list]]:
        """(topic, [(tick, target or None)]) in the guide's order."""
        topics: dict[str, list] = {}
        for action in GREEN_GUIDE:
            target = self[f"action_{action.code}_target"] if action.result_unit else None
            topics.setdefault(str(action.topic), []).append((self[f"action_{action.code}"], target))
        return list(topics.items())

    def checklist_commitments(self, start: int) -> tuple[list[dict], dict[str, str]]:
        """The ticked actions as commitments, and where their errors go (list index from
        `start`)."""
        items, fields = [], {}
        for action in GREEN_GUIDE:
            if not self.cleaned_data.get(f"action_{action.code}"):
                continue
            n = start + len(items)
            items.append(
                {
                    "metric": Metric.CHECKLIST,
                    "checklist_action": action.code,
                    "target_value": self.cleaned_data.get(f"action_{action.code}_target", ""),
                }
            )
            fields[f"commitment_{n}_target_value"] = f"action_{action.code}_target"
            fields[f"commitment_{n}_checklist_action"] = f"action_{action.code}"
        return items, fields


def checklist_ticked(items: list[dict]) -> dict[str, str]:
    """{action code: target result} of the green actions among stored commitments."""
    return {
        item["checklist_action"]: item.get("target_value") or ""
        for item in items
        if item.get("metric") == Metric.CHECKLIST and item.get("checklist_action") in GREEN_ACTIONS
    }


def measurable(items: list[dict]) -> list[dict]:
    return [item for item in items if item.get("metric") != Metric.CHECKLIST]
