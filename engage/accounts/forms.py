from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from engage.accounts.models import User


class SignupExtraForm(forms.Form):
    """Fields allauth's signup form adds beyond email and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Shown next to what you write. You can change it later."),
    )

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data.get("display_name", "").strip()
        user.save(update_fields=["display_name"])


class LanguageRadioSelect(forms.RadioSelect):
    """Radio buttons whose options carry their language code, so labels get a lang attribute."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["lang"] = str(value)
        return option


class ProfileForm(forms.Form):
    """What a person may change about themselves on the account settings page.

    A plain form, not a ModelForm: validating a ModelForm would already change the User
    instance in memory; the view passes cleaned_data to the accounts services instead.
    """

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=User._meta.get_field("display_name").max_length,
        required=False,
        help_text=_("Shown next to what you write. Leave empty to appear as 'Citizen'."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        help_text=_("The language of the website and of the emails we send you."),
        widget=LanguageRadioSelect,
    )

    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault(
            "initial",
            {"display_name": user.display_name, "preferred_language": user.preferred_language},
        )
        super().__init__(*args, **kwargs)
        # Each language is named in itself, so a person finds their own whatever the page shows.
        self.fields["preferred_language"].choices = [
            (code, translation.get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted for good."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
