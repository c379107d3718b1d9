from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from engage.accounts import personal_data
from engage.accounts.models import User
from engage.cache import public_pages_changed


def user_set_language(*, user: User, language: str) -> User:
    """Store the person's language choice; callers also set the language cookie."""
    field = User._meta.get_field("preferred_language")
    if language not in dict(field.choices):
        raise ValueError(f"Unsupported language: {language!r}")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


def user_update_profile(*, user: User, display_name: str) -> User:
    """Store the public name shown next to what the person writes (may be empty).

    Side effect: shared renderings of public pages are retired, as they may show the name.
    """
    display_name = display_name.strip()
    if user.display_name != display_name:
        user.display_name = display_name
        user.save(update_fields=["display_name"])
        public_pages_changed()
    return user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Erase a person's personal data and close the account.

    The row stays (anonymised, inactive, unusable password) so that what the person wrote
    keeps its author reference and shows as by a deleted user. Every registered app erases
    its own personal data first. Side effects: every session of the person ends, because
    Django ties sessions to the password hash and the password becomes unusable; shared
    renderings of public pages are retired, as they may show the name.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.deleted_at:
        return
    for section in personal_data.sections():
        if section.erase:
            section.erase(user=user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"deleted-{user.pk}@invalid.invalid"
    user.display_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save(
        update_fields=[
            "email",
            "display_name",
            "is_active",
            "is_staff",
            "is_superuser",
            "deleted_at",
            "password",
        ]
    )
    public_pages_changed()
