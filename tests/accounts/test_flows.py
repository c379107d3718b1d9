"""End-to-end account flows through the Django test client, as a person would click them."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from engage.accounts.models import User
from tests.accounts.conftest import is_logged_in, link_in_mail, login, main_text
from tests.factories import (
    DEFAULT_PASSWORD,
    ModeratorFactory,
    StaffFactory,
    UserFactory,
    give_totp,
    recovery_codes_of,
    totp_code,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "solsikke-cykelsti-morgenkaffe"


def test_signup_confirm_login_logout(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "Ny.Borger@Example.dk",
            "display_name": "Ny Borger",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not is_logged_in(client)
    user = User.objects.get(email="ny.borger@example.dk")
    assert user.display_name == "Ny Borger"
    assert user.preferred_language == "da"
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny.borger@example.dk"]
    confirm_path = link_in_mail(mailoutbox[0], "/accounts/confirm-email/")

    # Before confirming, the password is right but the door stays shut.
    response = login(client, "ny.borger@example.dk")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not is_logged_in(client)
    page = client.get(response["Location"])
    assert "Bekræft din e-mailadresse" in main_text(page)

    # Opening the link does not confirm by itself (mail scanners open links too).
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "ny.borger@example.dk" in main_text(page)
    assert not EmailAddress.objects.get(user=user).verified
    response = client.post(confirm_path)
    assert response.status_code == 302
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary

    response = login(client, "ny.borger@example.dk")
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:home")
    assert is_logged_in(client)
    assert int(client.session["_auth_user_id"]) == user.pk

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not is_logged_in(client)


def test_password_reset(client, mailoutbox):
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    key_path = link_in_mail(mailoutbox[0], "/accounts/password/reset/key/")

    # allauth moves the key from the URL into the session before showing the form.
    response = client.get(key_path, follow=True)
    assert response.status_code == 200
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else key_path
    assert 'autocomplete="new-password"' in main_text(response)
    response = client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    assert login(client, user.email, DEFAULT_PASSWORD).status_code == 200
    assert not is_logged_in(client)
    response = login(client, user.email, NEW_PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)

    # The link is spent once used.
    client.post(reverse("account_logout"))
    response = client.get(key_path, follow=True)
    assert 'name="password1"' not in main_text(response)


def test_change_email(client, mailoutbox):
    user = UserFactory(email="gammel@example.dk")
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "Ny@Example.dk"})
    assert response.status_code == 302
    # Nothing changes until the new address is confirmed.
    user.refresh_from_db()
    assert user.email == "gammel@example.dk"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny@example.dk"]
    page = client.get(reverse("account_email"))
    assert "ny@example.dk" in main_text(page)

    response = client.post(link_in_mail(mailoutbox[0], "/accounts/confirm-email/"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "ny@example.dk"
    addresses = list(EmailAddress.objects.filter(user=user).values_list("email", "verified"))
    assert addresses == [("ny@example.dk", True)]


def test_change_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE is off: the person stays logged in.
    assert is_logged_in(client)
    assert client.get(reverse("account_settings")).status_code == 200


def _secret_on_page(response) -> str:
    html = response.content.decode()
    match = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+=*)"', html)
    assert match, "the TOTP secret is not shown as text on the activation page"
    return match.group(1)


def test_moderator_must_enrol_totp_then_log_in_with_it(client):
    moderator = ModeratorFactory()
    response = login(client, moderator.email)
    assert response.status_code == 302
    assert is_logged_in(client)

    # Every page sends a moderator without MFA to the enrolment page.
    response = client.get(reverse("frontend:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # allauth.mfa asks for the password again before a new authenticator is added.
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = main_text(page)
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'autocomplete="one-time-code"' in html
    secret = _secret_on_page(page)

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()
    codes = recovery_codes_of(moderator)
    page = client.get(response["Location"])
    assert all(code in main_text(page) for code in codes)
    assert client.get(reverse("frontend:home")).status_code == 200

    client.post(reverse("account_logout"))
    response = login(client, moderator.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not is_logged_in(client)
    page = client.get(reverse("mfa_authenticate"))
    assert 'autocomplete="one-time-code"' in main_text(page)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert is_logged_in(client)
    assert client.get(reverse("frontend:home")).status_code == 200


def test_recovery_code_works_once(client):
    user = UserFactory()
    give_totp(user)
    code = recovery_codes_of(user)[0]

    login(client, user.email)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert is_logged_in(client)
    assert code not in recovery_codes_of(user)

    client.post(reverse("account_logout"))
    login(client, user.email)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert not is_logged_in(client)
    assert "Forkert kode" in main_text(response)


def test_admin_requires_allauth_login_and_mfa(client):
    response = client.get("/admin/", follow=True)
    login_url = reverse("account_login")
    assert response.redirect_chain[-1][0].startswith(login_url)
    assert response.redirect_chain[-1][0] == f"{login_url}?next=%2Fadmin%2F"

    staff = StaffFactory()
    response = login(client, staff.email, next="/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))

    # With TOTP in place the same person reaches the admin.
    give_totp(staff)
    assert client.get("/admin/").status_code == 200


def test_citizen_cannot_use_admin(client):
    client.force_login(UserFactory())
    assert client.get("/admin/", follow=True).status_code == 403
