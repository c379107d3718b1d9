"""allauth forms with this site's limits (settings ACCOUNT_FORMS and MFA_FORMS).

Apart from engage/accounts/forms.py, which allauth's own forms module imports.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError

from engage.accounts import limits
from engage.accounts.adapters import rate_limited
from engage.ratelimit import RateLimited


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        """Count the signup against the address, then save, or mail the owner of a taken
        address. Both ways hash the password once, so neither answers sooner."""
        try:
            limits.signup_count(request=request)
        except RateLimited as exc:
            raise rate_limited(request, exc) from None
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))  # the time a new account takes
        return super().try_save(request)


class _LimitedCodeMixin:
    """Wrong TOTP or recovery codes count per person and address, apart from passwords."""

    def clean_code(self) -> str:
        request = context.request
        try:
            limits.mfa_failure_check(request=request, user_id=self.user.pk)
        except RateLimited as exc:
            raise rate_limited(request, exc) from None
        try:
            return super().clean_code()
        except ValidationError:
            limits.mfa_failure_record(request=request, user_id=self.user.pk)
            raise


class MFAAuthenticateForm(_LimitedCodeMixin, AuthenticateForm):
    pass


class MFAReauthenticateForm(_LimitedCodeMixin, ReauthenticateForm):
    pass
