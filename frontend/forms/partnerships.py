"""Forms for programmes, applications and agreements: they check the shape of input;
partnerships.services checks the rest (eligibility, required answers, verification,
which status may follow which)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.commitments import CommitmentRows, GreenGuideChecklist
from frontend.forms.moderation import DATE_FORMATS, DATE_WIDGET, FocusAreasField
from frontend.forms.proposals import WIDE
from partnerships.models import (
    AgreementAction,
    CommitmentStatus,
    Kind,
    Programme,
    ReportingRhythm,
)
from partnerships.services.programmes import MESSAGE_MAX_LENGTH, QUESTION_MAX_LENGTH

REQUIRED_MARK = "*"


def questions_parse(text: str) -> list[dict]:
    """One question a line; a line that begins with * is a required question."""
    questions = []
    for line in text.splitlines():
        line = line.strip()
        required = line.startswith(REQUIRED_MARK)
        line = line.removeprefix(REQUIRED_MARK).strip()
        if line:
            questions.append({"text": line, "required": required})
    return questions


def questions_text(questions: list[dict]) -> str:
    return "\n".join(
        f"{REQUIRED_MARK} {q['text']}" if q.get("required") else q["text"] for q in questions
    )


class ProgrammeForm(CommitmentRows, forms.Form):
    name = forms.CharField(
        label=_("Name of the programme"),
        max_length=Programme._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"class": WIDE}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=Programme._meta.get_field("description").max_length,
        help_text=_("Who the programme is for, what partners commit to and what they get."),
        widget=forms.Textarea(attrs={"rows": 8, "class": WIDE}),
    )
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Who may apply"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of organisation that may apply.")},
    )
    reporting_rhythm = forms.ChoiceField(
        label=_("Reporting rhythm"),
        choices=ReportingRhythm.choices,
        initial=ReportingRhythm.ANNUAL,
        widget=forms.RadioSelect,
    )
    questions = forms.CharField(
        label=_("Application questions"),
        required=False,
        help_text=_(
            "One question a line, in the order the application form asks them. Begin a "
            "line with * for a question that must be answered."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "class": WIDE}),
    )
    coordinators = forms.MultipleChoiceField(
        label=_("Coordinators"),
        required=False,
        help_text=_("Partnership coordinators who decide applications and look after agreements."),
        widget=forms.CheckboxSelectMultiple,
    )
    is_open = forms.BooleanField(label=_("Open for applications"), required=False)

    def __init__(
        self,
        *args,
        themes,
        coordinators: list[tuple[int, str]],
        suggested: list[dict] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"] = FocusAreasField(
            themes=themes,
            label=_("Focus areas"),
            required=False,
            help_text=_("The municipality's focus areas the programme works for."),
        )
        self.fields["coordinators"].choices = [(str(pk), name) for pk, name in coordinators]
        self.order_fields(["name", "description", "eligible_kinds", "focus_areas"])
        # The suggested commitments applicants start from (a green action only counts in a
        # festival programme; the service says so).
        self.commitment_rows_add(rows=list(suggested), themes=themes, with_checklist=True)

    def clean_questions(self) -> list[dict]:
        questions = questions_parse(self.cleaned_data["questions"])
        if any(len(q["text"]) > QUESTION_MAX_LENGTH for q in questions):
            raise forms.ValidationError(
                _("A question may be at most %(max)d characters long."),
                params={"max": QUESTION_MAX_LENGTH},
            )
        return questions

    def grouped_focus_areas(self) -> list[tuple[str, list]]:
        """(theme name, [checkbox subwidgets]) for rendering one fieldset per theme."""
        bound = self["focus_areas"]
        subwidgets = {sub.data["value"]: sub for sub in bound.subwidgets}
        return [
            (theme, [subwidgets[slug] for slug, _label in options])
            for theme, options in self.fields["focus_areas"].choices
        ]

    def coordinator_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["coordinators"]]


class ApplicationForm(CommitmentRows, GreenGuideChecklist, forms.Form):
    """One text field per question (answer_0, answer_1, ...); required ones say so. Then
    the proposed commitments: rows that start from the programme's suggestions, and for a
    festival programme the green guide's checklist."""

    uses_green_guide = False

    def __init__(
        self,
        *args,
        questions: list[dict],
        organisations=None,
        themes=(),
        proposed: list[dict] = (),
        green_guide: dict[str, str] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ChoiceField(
                label=_("The organisation that applies"),
                choices=[(o.slug, o.name) for o in organisations],
                widget=forms.RadioSelect,
            )
        for n, question in enumerate(questions):
            # Required answers are checked by the service, whose message says what is
            # missing in the person's language; the form field only marks them.
            self.fields[f"answer_{n}"] = forms.CharField(
                label=question["text"],
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4, "class": WIDE}),
            )
            self.fields[f"answer_{n}"].question_required = question.get("required", False)
        self.question_count = len(questions)
        self.commitment_rows_add(rows=list(proposed), themes=themes, with_checklist=False)
        if green_guide is not None:
            self.green_guide_add(ticked=green_guide)

    def question_fields(self) -> list:
        """The organisation's choice and the answers, in order (without the commitments)."""
        return [
            self[name]
            for name in self.fields
            if name == "organisation" or name.startswith("answer_")
        ]

    def commitments(self) -> list[dict]:
        """The proposed commitments (rows, then ticked green actions); afterwards
        `error_fields` says on which field each of the service's errors goes."""
        items = self.row_commitments()
        self.error_fields = self.row_error_fields()
        if self.uses_green_guide:
            ticked, fields = self.checklist_commitments(len(items))
            items += ticked
            self.error_fields.update(fields)
        return items

    def answers(self) -> list[str]:
        return [self.cleaned_data.get(f"answer_{n}", "") for n in range(self.question_count)]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approved", _("Approve: make an agreement")),
            ("changes_requested", _("Ask for changes")),
            ("declined", _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the organisation"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "class": WIDE}),
        help_text=_("The organisation's administrators get it by notification."),
    )
    start_date = forms.DateField(
        label=_("Start date of the agreement"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("Only on approval. Today if you leave it empty."),
    )
    review_date = forms.DateField(
        label=_("Review date of the agreement"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("Only on approval: when the municipality and the partner review it."),
    )


class AgreementActionForm(forms.Form):
    # What a coordinator chooses to do; the history names the same step as done.
    ACTION_LABELS = {
        AgreementAction.PAUSED: _("Pause the agreement"),
        AgreementAction.RESUMED: _("Resume the agreement"),
        AgreementAction.RENEWED: _("Renew the agreement"),
        AgreementAction.ENDED: _("End the agreement"),
    }

    action = forms.ChoiceField(
        label=_("What to do"), choices=AgreementAction.choices[1:], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "class": WIDE}),
    )
    review_date = forms.DateField(
        label=_("New review date"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("Only when you renew the agreement."),
    )

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = {**dict(AgreementAction.choices), **self.ACTION_LABELS}
        self.fields["action"].choices = [(a, labels[a]) for a in actions]


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=_("What the municipality commits to"),
        max_length=300,
        help_text=_("For example advice, a network, data or a permit."),
        widget=forms.TextInput(attrs={"class": WIDE}),
    )
    due_date = forms.DateField(label=_("Due date"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)
    owner = forms.TypedChoiceField(
        label=_("Responsible coordinator"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Reminded daily from 7 days before the due date until it is done."),
    )

    def __init__(self, *args, owners: list[tuple[int, str]], with_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from frontend.forms.proposals import Select

        self.fields["owner"].choices = [("", _("Nobody")), *owners]
        self.fields["owner"].widget = Select(attrs={"class": WIDE})
        self.fields["owner"].widget.choices = self.fields["owner"].choices
        if with_status:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=CommitmentStatus.choices, widget=forms.RadioSelect
            )
