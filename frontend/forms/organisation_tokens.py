"""The form for a new organisation API token: what it is for, and when it expires."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontend.forms.moderation import DATE_FORMATS, DATE_WIDGET
from frontend.forms.proposals import WIDE
from partnerships.models import OrganisationToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"),
        max_length=OrganisationToken._meta.get_field("name").max_length,
        help_text=_("For example the system that will report your figures."),
        widget=forms.TextInput(attrs={"class": WIDE, "autocomplete": "off"}),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("The token stops working at the end of this day. Empty: until revoked."),
    )

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a day in the future."))
        return day

    def expires_at(self) -> datetime | None:
        """The end of the chosen day in local time, or None."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.max))
