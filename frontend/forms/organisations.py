"""Forms for the organisation pages: they check the shape of input; partnerships.services
checks the rest (CVR numbers, sizes, logos, the last administrator)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frontend.forms.proposals import WIDE, Select
from partnerships.cvr import cvr_check, cvr_normalise
from partnerships.models import Kind, Organisation, Role, Sector


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=Organisation._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"class": WIDE, "autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=Kind.choices, widget=forms.RadioSelect
    )
    cvr = forms.CharField(
        label=_("CVR number"),
        required=False,
        max_length=16,
        help_text=_("8 digits. Required for a company."),
        widget=forms.TextInput(attrs={"class": "input-width-s", "inputmode": "numeric"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Choose a sector")), *Sector.choices],
        help_text=_("Where most of the organisation's climate impact lies."),
        widget=Select(attrs={"class": WIDE}),
    )
    size = forms.IntegerField(
        label=_("Size"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        help_text=_(
            "The number of employees (company or public institution), homes (housing "
            "association), pupils (school) or guests (festival). Leave it empty for an "
            "association or NGO."
        ),
        widget=forms.NumberInput(attrs={"class": "input-width-s"}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=Organisation._meta.get_field("description").max_length,
        help_text=_("What the organisation does and what it wants to do for the climate."),
        widget=forms.Textarea(attrs={"rows": 6, "class": WIDE}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=Organisation._meta.get_field("website").max_length,
        assume_scheme="https",
        help_text=_("For example https://example.dk"),
        widget=forms.URLInput(attrs={"class": WIDE, "autocomplete": "url"}),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=Organisation._meta.get_field("address").max_length,
        widget=forms.TextInput(attrs={"class": WIDE, "autocomplete": "street-address"}),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB and 25 megapixels."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if has_logo:
            self.fields["remove_logo"] = forms.BooleanField(
                label=_("Remove the current logo"), required=False
            )

    def clean_cvr(self) -> str:
        """Checked here too, so its error shows together with the form's other errors."""
        cvr = cvr_normalise(self.cleaned_data["cvr"])
        if cvr:
            cvr_check(cvr)
        return cvr

    def service_kwargs(self, *, editing: bool) -> dict:
        data = self.cleaned_data
        kwargs = {
            name: data[name]
            for name in ("name", "kind", "sector", "description", "website", "address", "size")
        }
        kwargs["cvr"] = data["cvr"] or ""
        if data.get("logo"):
            kwargs["logo"] = data["logo"]
        elif editing and data.get("remove_logo"):
            kwargs["logo"] = None
        return kwargs


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"class": WIDE, "autocomplete": "off"}),
        help_text=_("We send a link that can be used once and expires after 14 days."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (Role.MEMBER, _("Member: can write proposals on behalf of the organisation")),
            (Role.ADMIN, _("Administrator: can also edit the profile and manage members")),
        ]


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class PartnerFilterForm(forms.Form):
    """The partner directory's GET filters. A value that does not fit is ignored (and the
    page names it), never an error page."""

    q = forms.CharField(label=_("Name"), required=False, max_length=120)
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    focus_area = forms.ChoiceField(label=_("Focus area"), required=False)

    def __init__(self, *args, programmes, focus_areas, **kwargs):
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["kind"].choices = [everything, *Kind.choices]
        self.fields["sector"].choices = [everything, *Sector.choices]
        self.fields["programme"].choices = [everything, *programmes]
        self.fields["focus_area"].choices = [everything, *focus_areas]

    def value(self, name: str) -> str:
        """The cleaned value of one filter, or empty when it was not valid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or ""

    def problems(self) -> list[str]:
        """Each filter left out, with its label and why, in the reader's language."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return [
            f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        ]
