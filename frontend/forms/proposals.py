"""Forms for the proposal pages: they check the shape of input; the services check the rest."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from engage.taxonomy.choices import FilterChoices
from engage.taxonomy.models import FocusArea, Theme
from proposals import geo
from proposals.lifecycle import Status
from proposals.models import Comment, Proposal, ProposalImage, Report
from proposals.selectors.public import LISTED_STATUSES, SORTS

SORT_LABELS = {
    "newest": _("Newest"),
    "most_supported": _("Most supported"),
    "most_discussed": _("Most discussed"),
    "recently_answered": _("Recently answered"),
}
THEME_PREFIX = "theme:"
WIDE = "input-width-xl"  # DKFDS: up to 48rem, full width on small screens


class Select(forms.Select):
    """A select whose options are written by one template, not one template each."""

    template_name = "frontend/widgets/select.html"


AREA_PREFIX = "area:"
_COORDINATE = Decimal("0.000001")


class ProposalFilterForm(forms.Form):
    """The GET filters of the public list. Unknown values are ignored, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    focus_area = forms.ChoiceField(label=_("Focus area"), required=False)
    sdg = forms.TypedChoiceField(label=_("UN goal"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, choices: FilterChoices, **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["theme"].choices = [everything, *choices.themes]
        self.fields["focus_area"].choices = [everything, *choices.focus_areas]
        self.fields["sdg"].choices = [everything, *choices.sdgs]
        self.fields["status"].choices = [everything] + [
            (status, Status(status).label) for status in LISTED_STATUSES
        ]
        self.fields["sort"].choices = [(key, SORT_LABELS[key]) for key in SORTS]

    def value(self, name: str):
        """The cleaned value of one filter, or its empty default when it was not valid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        default = None if name == "sdg" else ""
        return self.cleaned_data.get(name) or default


class ClassificationField(forms.ChoiceField):
    """One select for "theme or focus area": a focus area implies its theme."""

    def __init__(self, *, themes: Iterable[Theme], **kwargs):
        super().__init__(**kwargs)
        self.themes = {}
        self.areas = {}
        choices: list = [("", _("I am not sure"))]
        for theme in themes:
            self.themes[theme.slug] = theme
            general = _("%(theme)s in general") % {"theme": theme.name}
            options = [(f"{THEME_PREFIX}{theme.slug}", general)]
            for area in theme.focus_areas.all():
                self.areas[area.slug] = (theme, area)
                options.append((f"{AREA_PREFIX}{area.slug}", area.name))
            choices.append((theme.name, options))
        self.choices = choices

    def resolve(self, value: str) -> tuple[Theme | None, FocusArea | None]:
        if value.startswith(AREA_PREFIX):
            return self.areas[value.removeprefix(AREA_PREFIX)]
        if value.startswith(THEME_PREFIX):
            return self.themes[value.removeprefix(THEME_PREFIX)], None
        return None, None


def classification_initial(proposal: Proposal) -> str:
    if proposal.focus_area_id:
        return f"{AREA_PREFIX}{proposal.focus_area.slug}"
    if proposal.theme_id:
        return f"{THEME_PREFIX}{proposal.theme.slug}"
    return ""


class CoordinateField(forms.Field):
    """Decimal degrees typed with a comma (Danish) or a point, in either language.

    Danish number input would read "57.048" as 57048 (the point separates thousands), so
    the value is parsed here: a comma and a point both mark the decimals, and coordinates
    have no thousands. Rounded to the model's six decimals (about 10 cm). Every error
    starts with the field's label, so the summary at the top of the form says which one.
    """

    widget = forms.TextInput

    def __init__(self, *, axis: str, example: Decimal, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.axis = axis
        self.example = example
        # type=number would let browsers drop or refuse a comma; inputmode still brings up
        # a numeric keyboard on phones.
        self.widget.attrs.update(
            {"inputmode": "decimal", "autocomplete": "off", "class": "input-width-s"}
        )

    def _error(self, message, code: str, **params) -> ValidationError:
        return ValidationError(message, code=code, params={"field": self.label, **params})

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values:
            return None
        text = str(value).strip().replace("\u2212", "-").rstrip("°").strip()
        if text == "":
            return None
        text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or text.count(".") > 1 or "e" in text.lower():
            raise self._error(
                _("%(field)s: write a number of decimal degrees, for example %(example)s."),
                "invalid",
                example=formats.number_format(self.example),
            )
        return number

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)
        if value is None:
            return
        low, high = geo.coordinate_bounds(axis=self.axis)
        if not low <= value <= high:
            raise self._error(
                _(
                    "%(field)s: must lie between %(low)s and %(high)s to be inside the "
                    "municipality."
                ),
                "outside_municipality",
                low=formats.number_format(low),
                high=formats.number_format(high),
            )

    def clean(self, value) -> Decimal | None:
        number = super().clean(value)
        return None if number is None else number.quantize(_COORDINATE, rounding=ROUND_HALF_UP)

    def prepare_value(self, value):
        """A stored Decimal("57.048000") is shown as "57,048" in Danish, "57.048" in English."""
        if isinstance(value, Decimal):
            plain = f"{value.normalize():f}"
            return plain.replace(".", formats.get_format("DECIMAL_SEPARATOR"))
        return value


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=Proposal._meta.get_field("title").max_length,
        help_text=_("A short sentence that says what you propose."),
        widget=forms.TextInput(attrs={"class": WIDE}),
    )
    body = forms.CharField(
        label=_("Your proposal"),
        max_length=Proposal._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 10, "class": WIDE}),
        help_text=_(
            "Describe the idea and why it matters. Formatting: leave a blank line for a new "
            "paragraph, write **bold** or *italic*, and start lines with “- ” for a list."
        ),
    )
    location_text = forms.CharField(
        label=_("Address or place"),
        required=False,
        max_length=Proposal._meta.get_field("location_text").max_length,
        help_text=_("For example a street, a park or a school."),
        widget=forms.TextInput(attrs={"class": WIDE}),
    )
    latitude = CoordinateField(
        axis="latitude",
        label=_("Latitude"),
        example=Decimal("57.048"),
        help_text=_("Decimal degrees, for example 57.048."),
    )
    longitude = CoordinateField(
        axis="longitude",
        label=_("Longitude"),
        example=Decimal("9.921"),
        help_text=_("Decimal degrees, for example 9.921."),
    )
    field_order = [
        "title",
        "body",
        "classification",
        "location_text",
        "latitude",
        "longitude",
        "organisation",
    ]

    def __init__(
        self,
        *args,
        themes: Iterable[Theme],
        similar_url: str = "",
        organisations: Iterable[tuple[int, str]] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        if organisations:
            # Only for people who belong to an organisation, listing only theirs.
            self.fields["organisation"] = forms.TypedChoiceField(
                label=_("Written on behalf of"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Myself, in my own name")), *organisations],
                help_text=_(
                    "If you write for an organisation you belong to, the proposal shows the "
                    "organisation as its author."
                ),
                widget=Select(attrs={"class": WIDE}),
            )
        if similar_url:
            # While the title is typed, htmx fetches similar proposals into a live region.
            self.fields["title"].widget.attrs.update(
                {
                    "hx-get": similar_url,
                    "hx-trigger": "keyup changed delay:400ms",
                    "hx-target": "#similar-proposals",
                    "hx-sync": "this:replace",
                    "autocomplete": "off",
                }
            )
        self.fields["classification"] = ClassificationField(
            themes=themes,
            label=_("Theme or focus area"),
            required=False,
            help_text=_(
                "Choose the focus area that fits best. If you are unsure, choose a theme "
                "or leave it to us."
            ),
        )
        self.fields["classification"].widget.attrs["class"] = WIDE
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        # Only when both fields parsed: a field with its own error is not reported again.
        if "latitude" in data and "longitude" in data:
            for name, other in (("latitude", "longitude"), ("longitude", "latitude")):
                if data[name] is None and data[other] is not None:
                    message = _("%(field)s: fill it in too, or leave both coordinates empty.")
                    self.add_error(
                        name,
                        ValidationError(
                            message, code="point", params={"field": self.fields[name].label}
                        ),
                    )
        return data

    def service_kwargs(self) -> dict:
        """Keyword arguments for proposal_create / proposal_update."""
        data = self.cleaned_data
        theme, focus_area = self.fields["classification"].resolve(data["classification"])
        return {
            "title": data["title"],
            "body": data["body"],
            "theme": theme,
            "focus_area": focus_area,
            "location_text": data["location_text"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            **self._organisation_kwargs(),
        }

    def _organisation_kwargs(self) -> dict:
        if "organisation" not in self.fields:
            return {}
        from partnerships.models import Organisation

        pk = self.cleaned_data.get("organisation")
        return {"organisation": Organisation.objects.get(pk=pk) if pk else None}


class ProposalCreateForm(ProposalForm):
    # A honeypot: hidden from people and assistive technology, filled in only by bots.
    website = forms.CharField(required=False, label=_("Website"))

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ProposalImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB and 25 megapixels (6000 × 4000)."),  # noqa: RUF001
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    alt_text = forms.CharField(
        label=_("Image description"),
        max_length=ProposalImage._meta.get_field("alt_text").max_length,
        widget=forms.TextInput(attrs={"class": WIDE}),
        help_text=_(
            "Describe what the image shows for people who cannot see it, for example "
            "“The broken bench by the playground in Vestparken”."
        ),
    )


class CommentForm(forms.Form):
    static_markup = True  # labels and help text only: dkfds_forms.row_field keeps its fields

    body = forms.CharField(
        label=_("Comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "class": WIDE}),
        help_text=_("Be kind and stay on topic. Blank line = new paragraph."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "class": WIDE}),
    )


class ReportForm(forms.Form):
    static_markup = True  # fixed reasons: dkfds_forms.row_field keeps its fields

    reason = forms.ChoiceField(label=_("Reason"), widget=Select)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=Report._meta.get_field("details").max_length,
        widget=forms.Textarea(attrs={"rows": 3, "class": WIDE}),
        help_text=_("Required if you choose “Other”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choose a reason")), *Report.Reason.choices]


def error_text(exc: ValidationError) -> str:
    """A service's refusal as one line for a message or an alert."""
    return " ".join(exc.messages)


def errors_from_service(form: forms.Form, exc: ValidationError, *, fields: dict | None = None):
    """Show a service's ValidationError on `form`: on the field it names, or on the form.

    `fields` maps a service's field names to this form's (e.g. focus_area → classification).
    """
    fields = fields or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = fields.get(name, name)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, exc.error_list)
