"""Forms for the moderation and team pages: they check the shape of input, the moderation
services check the rest (lifecycle, teams, reasons) and raise ValidationError."""

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.taxonomy.models import FocusArea, Team, Theme
from frontend.forms.proposals import WIDE, Select
from proposals.lifecycle import Outcome
from proposals.models import Proposal, RejectionReason

AUDIT_ACTIONS = {
    "proposal.route": _("Routed"),
    "proposal.reject": _("Rejected"),
    "proposal.merge": _("Merged"),
    "proposal.unmerge": _("Merge undone"),
    "proposal.reroute": _("Re-routed"),
    "proposal.under_review": _("Set under review"),
    "proposal.answer": _("Answered"),
    "proposal.hide": _("Proposal hidden"),
    "proposal.restore": _("Proposal restored"),
    "proposal.auto_hide": _("Proposal hidden automatically"),
    "comment.hide": _("Comment hidden"),
    "comment.restore": _("Comment restored"),
    "comment.auto_hide": _("Comment hidden automatically"),
    "organisation.create": _("Organisation registered"),
    "organisation.verify": _("Organisation verified"),
    "organisation.delete": _("Organisation deleted"),
    "organisation.member_remove": _("Member removed"),
    "organisation.role_change": _("Member's role changed"),
    "organisation.admin_succession": _("Administrator role passed on after an account deletion"),
    "organisation.admin_left": _("Last administrator left"),
    "organisation.token_create": _("API token created"),
    "organisation.token_revoke": _("API token revoked"),
    "programme.create": _("Programme created"),
    "programme.update": _("Programme changed"),
    "application.approved": _("Application approved"),
    "application.declined": _("Application declined"),
    "application.changes_requested": _("Changes to an application asked for"),
    "agreement.paused": _("Agreement paused"),
    "agreement.resumed": _("Agreement resumed"),
    "agreement.renewed": _("Agreement renewed"),
    "agreement.ended": _("Agreement ended"),
    "commitment.add": _("Commitment added"),
    "commitment.update": _("Commitment changed"),
}
AUDIT_OBJECT_TYPES = {
    "proposals.proposal": _("Proposal"),
    "proposals.comment": _("Comment"),
    "partnerships.organisation": _("Organisation"),
    "partnerships.programme": _("Programme"),
    "partnerships.application": _("Application"),
    "partnerships.agreement": _("Agreement"),
}
NOTE_ATTRS = {"rows": 3, "class": WIDE}
# <input type="date"> sends ISO dates whatever the page's language; typed ones may be Danish.
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _area_choices(themes: Iterable[Theme], teams: dict[int, str]) -> tuple[list, dict]:
    """Grouped (theme → focus areas) choices and a slug → FocusArea map.

    An option names the area's responsible team, so moderators see where "the focus
    area's team" sends a proposal.
    """
    choices, areas = [], {}
    for theme in themes:
        options = []
        for area in theme.focus_areas.all():
            areas[area.slug] = area
            team = teams.get(area.team_id)
            label = f"{area.name} ({team})" if team else area.name
            options.append((area.slug, label))
        choices.append((theme.name, options))
    return choices, areas


class FocusAreaField(forms.ChoiceField):
    """A select of focus areas in one optgroup per theme; cleans to a FocusArea (or None)."""

    widget = Select

    def __init__(self, *, themes, teams: dict[int, str], empty_label=None, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", WIDE)  # focus-area names are long
        grouped, self.areas = _area_choices(themes, teams)
        self.choices = ([("", empty_label)] if empty_label else []) + grouped

    def clean(self, value) -> FocusArea | None:
        value = super().clean(value)
        return self.areas.get(value) if value else None


class FocusAreasField(forms.MultipleChoiceField):
    """Checkboxes of focus areas grouped per theme; cleans to a list of FocusArea."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, themes, **kwargs):
        super().__init__(**kwargs)
        self.choices, self.areas = _area_choices(themes, {})

    def clean(self, value) -> list[FocusArea]:
        return [self.areas[slug] for slug in super().clean(value)]


class TeamField(forms.ChoiceField):
    """A select of `teams` (already loaded, in the order shown); cleans to a Team or None."""

    widget = Select

    def __init__(self, *, teams: list[Team], empty_label: str, **kwargs):
        super().__init__(**kwargs)
        self.teams = {str(team.pk): team for team in teams}
        self.choices = [("", empty_label), *((str(team.pk), team.name) for team in teams)]

    def clean(self, value) -> Team | None:
        value = super().clean(value)
        return self.teams.get(value) if value else None


def team_names(teams: Iterable[Team]) -> dict[int, str]:
    return {team.pk: team.name for team in teams}


class RouteForm(forms.Form):
    focus_area = forms.Field()  # replaced in __init__
    secondary_focus_areas = forms.Field()
    team = forms.Field()
    note = forms.CharField(
        label=_("Note for the team"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=NOTE_ATTRS),
        help_text=_("The team sees it with the proposal; the public does not."),
    )
    field_order = ["focus_area", "secondary_focus_areas", "team", "note"]

    def __init__(self, *args, themes, teams: list[Team], **kwargs):
        kwargs.setdefault("auto_id", "id_route_%s")
        super().__init__(*args, **kwargs)
        names = team_names(teams)
        self.fields["focus_area"] = FocusAreaField(
            themes=themes,
            teams=names,
            label=_("Primary focus area"),
            empty_label=_("Choose a focus area"),
        )
        self.fields["secondary_focus_areas"] = FocusAreasField(
            themes=themes,
            label=_("Secondary focus areas"),
            required=False,
            help_text=_("Other focus areas the proposal also touches."),
        )
        self.fields["team"] = TeamField(
            teams=teams,
            label=_("Responsible team"),
            required=False,
            empty_label=_("The focus area's team"),
            help_text=_("Leave it to send the proposal to the primary focus area's team."),
        )
        self.order_fields(self.field_order)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=RejectionReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Explanation for the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=NOTE_ATTRS),
        help_text=_("The author receives it. Required if you choose “Other”."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_reject_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("reason") == RejectionReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Explain the reason to the author."))
        return data


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Number of the proposal to merge into"),
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "input-width-s"}),
        help_text=_("The number is in the address of the proposal's page, e.g. /forslag/123/."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=NOTE_ATTRS),
        help_text=_("Shown on the proposal's public history."),
    )
    # The status the moderator saw: if a colleague acted meanwhile, the merge is refused.
    expected_status = forms.CharField(required=False, widget=forms.HiddenInput)
    # Set by the confirmation page: without it the merge is only described, not done.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_merge_%s")
        super().__init__(*args, **kwargs)


class UnmergeForm(forms.Form):
    note = forms.CharField(
        label=_("Why the merge is undone"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=NOTE_ATTRS),
        help_text=_("Shown on the proposal's public history."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_unmerge_%s")
        super().__init__(*args, **kwargs)


class BulkForm(forms.Form):
    """One form around the triage table: route or reject the ticked proposals."""

    ROUTE, REJECT = "route", "reject"

    proposals = forms.ModelMultipleChoiceField(
        queryset=Proposal.objects.select_related("focus_area"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one proposal.")},
        label=_("Proposals"),
    )
    action = forms.ChoiceField(
        label=_("What to do with the ticked proposals"),
        choices=[(ROUTE, _("Route")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    focus_area = forms.Field()
    team = forms.Field()
    reason = forms.ChoiceField(
        label=_("Reason for rejection"),
        required=False,
        choices=[("", _("Choose a reason")), *RejectionReason.choices],
        widget=Select,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=NOTE_ATTRS),
        help_text=_("When rejecting, the authors receive it. Required for “Other”."),
    )

    def __init__(self, *args, themes, teams: list[Team], **kwargs):
        kwargs.setdefault("prefix", "bulk")
        super().__init__(*args, **kwargs)
        self.fields["focus_area"] = FocusAreaField(
            themes=themes,
            teams=team_names(teams),
            label=_("Focus area"),
            required=False,
            empty_label=_("Choose a focus area"),
        )
        self.fields["team"] = TeamField(
            teams=teams, label=_("Team"), required=False, empty_label=_("The focus area's team")
        )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.ROUTE and not data.get("focus_area"):
            self.add_error("focus_area", _("Choose the focus area to route to."))
        if data.get("action") == self.REJECT:
            if not data.get("reason"):
                self.add_error("reason", _("Choose a reason."))
            elif data["reason"] == RejectionReason.OTHER and not data.get("note", "").strip():
                self.add_error("note", _("Explain the reason to the authors."))
        return data


class TriageFilterForm(forms.Form):
    """GET filters of the triage queue; unknown values are ignored, never an error page."""

    # engage.js submits the form when a select changes (the button stays for no-JS).
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, widget=Select(attrs={"data-autosubmit": ""})
    )
    suggested = forms.ChoiceField(
        label=_("Suggested focus area"),
        required=False,
        widget=Select(attrs={"data-autosubmit": ""}),
    )
    overdue = forms.BooleanField(label=_("Only past the service target"), required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        themes = list(themes)
        everything = ("", _("All"))
        self.fields["theme"].choices = [everything] + [(t.slug, t.name) for t in themes]
        grouped, _areas = _area_choices(themes, {})
        self.fields["suggested"].choices = [everything, *grouped]

    def value(self, name: str):
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or ""


def reason_form_key(*, action: str, section: str, kind: str, pk: int) -> str:
    """Which card's hide or restore form (ReasonForm) this is; its ids are id_<key>_…."""
    return f"{action}-{section}-{kind}{pk}"


class ReasonForm(forms.Form):
    """Hide or restore content: the reason is kept and (when hiding) the author sees it."""

    static_markup = True  # nothing from a row or setting: dkfds_forms.row_field keeps it

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": WIDE}),
    )


class UnderReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the public history"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": WIDE}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_review_%s")
        super().__init__(*args, **kwargs)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("The official answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "class": WIDE}),
        help_text=_("Published on the proposal's page and sent to its followers."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_answer_%s")
        super().__init__(*args, **kwargs)


class RerouteForm(forms.Form):
    team = forms.Field()
    focus_area = forms.Field()
    note = forms.CharField(
        label=_("Note for the other team"),
        max_length=2000,
        widget=forms.Textarea(attrs=NOTE_ATTRS),
        help_text=_("Why the proposal belongs with them. They see it with the proposal."),
    )
    field_order = ["team", "focus_area", "note"]

    def __init__(self, *args, themes, teams: list[Team], **kwargs):
        kwargs.setdefault("auto_id", "id_reroute_%s")
        super().__init__(*args, **kwargs)
        self.fields["team"] = TeamField(
            teams=teams, label=_("New team"), empty_label=_("Choose a team")
        )
        self.fields["focus_area"] = FocusAreaField(
            themes=themes,
            teams=team_names(teams),
            label=_("New focus area"),
            required=False,
            empty_label=_("Keep the focus area"),
        )
        self.order_fields(self.field_order)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, widget=Select)
    actor = forms.CharField(label=_("Who (email)"), required=False, max_length=254)
    object_type = forms.ChoiceField(label=_("Object type"), required=False, widget=Select)
    since = forms.DateField(
        label=_("From"), required=False, input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )
    until = forms.DateField(
        label=_("To"), required=False, input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["action"].choices = [everything, *AUDIT_ACTIONS.items()]
        self.fields["object_type"].choices = [everything, *AUDIT_OBJECT_TYPES.items()]

    def value(self, name: str):
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or None
