"""Wrong input is refused with a clear message in the person's language and changes nothing."""

import html

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from engage.accounts.models import User
from tests.accounts.conftest import is_logged_in, link_in_mail, login, main_text
from tests.factories import DEFAULT_PASSWORD, UserFactory, give_totp, totp_code

pytestmark = pytest.mark.django_db

LANGUAGES = ["da", "en"]


def expected(language: str, message: str) -> str:
    """`message` as the person should read it; Danish must really be translated."""
    with translation.override(language):
        text = gettext(message)
    if language == "da":
        assert text != message, f"no Danish translation for {message!r}"
    return text


def page_text(response) -> str:
    return html.unescape(main_text(response))


def use_language(client, language: str) -> None:
    # Danish is the default; English is chosen with the language switch's cookie.
    if language != "da":
        client.cookies["engage_language"] = language


def signup(client, **data):
    payload = {
        "email": "ny@example.dk",
        "display_name": "",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
    }
    return client.post(reverse("account_signup"), {**payload, **data})


def assert_nothing_signed_up(mailoutbox) -> None:
    assert User.objects.count() == 0
    assert EmailAddress.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_malformed_email(client, mailoutbox, language):
    use_language(client, language)
    response = signup(client, email="ikke-en-adresse@")
    assert response.status_code == 200
    text = page_text(response)
    assert expected(language, "Enter a valid email address.") in text
    assert 'aria-describedby="id_email_error"' in text
    assert_nothing_signed_up(mailoutbox)


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_too_short(client, mailoutbox, language):
    use_language(client, language)
    password = "kort-kodeor"
    assert len(password) == 11
    response = signup(client, password1=password, password2=password)
    assert response.status_code == 200
    with translation.override(language):
        message = (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                12,
            )
            % 12
        )
    assert message in page_text(response)
    assert_nothing_signed_up(mailoutbox)


@pytest.mark.parametrize("language", LANGUAGES)
def test_common_password(client, mailoutbox, language):
    password = "qwerty123456"
    assert len(password) >= 12
    with pytest.raises(ValidationError):
        CommonPasswordValidator().validate(password)
    use_language(client, language)
    response = signup(client, password1=password, password2=password)
    assert response.status_code == 200
    assert expected(language, "This password is too common.") in page_text(response)
    assert_nothing_signed_up(mailoutbox)


@pytest.mark.parametrize("language", LANGUAGES)
def test_reused_confirmation_link(client, mailoutbox, language):
    use_language(client, language)
    signup(client)
    confirm_path = link_in_mail(mailoutbox[0], "/accounts/confirm-email/")
    assert client.post(confirm_path).status_code == 302
    address = EmailAddress.objects.get()
    assert address.verified
    before = list(EmailAddress.objects.values_list("pk", "email", "verified", "primary"))

    response = client.get(confirm_path)
    assert response.status_code == 200
    text = page_text(response)
    assert expected(language, "This confirmation link cannot be used") in text
    explanation = (
        "The link has already been used, has expired or is incomplete. Nothing has been changed."
    )
    assert expected(language, explanation) in text
    assert f'action="{confirm_path}"' not in text

    # Posting it anyway is refused too.
    assert client.post(confirm_path).status_code == 404
    assert list(EmailAddress.objects.values_list("pk", "email", "verified", "primary")) == before
    assert User.objects.count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_totp_code_at_enrolment(client, language):
    user = UserFactory(preferred_language=language)
    login(client, user.email)
    response = client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong})
    assert response.status_code == 200
    text = page_text(response)
    assert expected(language, "Incorrect code.") in text
    assert 'aria-describedby="id_code_error"' in text
    assert Authenticator.objects.filter(user=user).count() == 0
    assert page.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_totp_code_at_login(client, language):
    user = UserFactory()
    secret = give_totp(user)
    use_language(client, language)
    authenticators_before = list(Authenticator.objects.filter(user=user).values("pk", "data"))

    response = login(client, user.email)
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert expected(language, "Incorrect code.") in page_text(response)
    assert not is_logged_in(client)
    assert list(Authenticator.objects.filter(user=user).values("pk", "data")) == (
        authenticators_before
    )
    user.refresh_from_db()
    assert user.last_login is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_password_at_login(client, language):
    user = UserFactory()
    use_language(client, language)
    response = login(client, user.email, "forkert-adgangskode-123")
    assert response.status_code == 200
    assert expected(
        language, "The email address and/or password you specified are not correct."
    ) in page_text(response)
    assert not is_logged_in(client)
