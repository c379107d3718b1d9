"""Account services and the views that call them: profile, export, deletion, language."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from engage.accounts.models import User
from engage.accounts.selectors import user_export_personal_data
from engage.accounts.services import user_delete, user_set_language, user_update_profile
from tests.accounts.conftest import is_logged_in, main_text
from tests.factories import DEFAULT_PASSWORD, ModeratorFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db


def test_user_delete_anonymises(client):
    user = ModeratorFactory(display_name="Søren Ærø")
    give_totp(user)
    client.force_login(user)
    assert client.get(reverse("account_settings")).status_code == 200

    user_delete(user=user)

    user.refresh_from_db()
    assert user.email == f"deleted-{user.pk}@invalid.invalid"
    assert user.display_name == ""
    assert user.public_name == "Slettet bruger"
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.deleted_at is not None
    assert not user.groups.exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    # The session that was open is no longer authenticated.
    response = client.get(reverse("account_settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not response.wsgi_request.user.is_authenticated


def test_user_delete_is_idempotent():
    user = UserFactory()
    user_delete(user=user)
    user.refresh_from_db()
    deleted_at, email = user.deleted_at, user.email
    user_delete(user=user)
    user.refresh_from_db()
    assert (user.deleted_at, user.email) == (deleted_at, email)
    assert User.objects.count() == 1


def test_user_update_profile_strips_and_saves():
    user = UserFactory(display_name="Før")
    user_update_profile(user=user, display_name="  Efter  ")
    user.refresh_from_db()
    assert user.display_name == "Efter"


def test_user_set_language():
    user = UserFactory(preferred_language="da")
    user_set_language(user=user, language="en")
    user.refresh_from_db()
    assert user.preferred_language == "en"
    with pytest.raises(ValueError):
        user_set_language(user=user, language="xx")
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_export_selector_has_the_account_section():
    user = UserFactory(display_name="Åse")
    data = user_export_personal_data(user=user)
    assert data["user_id"] == user.pk
    assert data["account"]["email"] == user.email
    assert data["account"]["display_name"] == "Åse"
    assert data["account"]["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True}
    ]


def test_export_view_downloads_json(client):
    user = UserFactory(display_name="Åse Ørsted")
    client.force_login(user)
    page = client.get(reverse("account_export"))
    assert page.status_code == 200
    assert f'action="{reverse("account_export")}"' in main_text(page)

    response = client.post(reverse("account_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="hverdagsmaal-data-{today}.json"'
    )
    # Not escaped as \u00c5: the file stays readable for a person.
    assert "Åse Ørsted".encode() in response.content
    assert b'\n  "account": {' in response.content
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email


def test_export_and_delete_need_login(client):
    for name in ("account_settings", "account_export", "account_delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.post(reverse("account_export")).status_code == 302


def test_settings_page_saves_profile_and_language(client):
    user = UserFactory(display_name="Gammelt navn", preferred_language="da")
    client.force_login(user)
    response = client.post(
        reverse("account_settings"),
        {"display_name": "Nyt navn", "preferred_language": "en"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_settings")
    assert response.cookies["engage_language"].value == "en"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Nyt navn", "en")
    page = client.get(reverse("account_settings"))
    assert '<html lang="en">' in page.content.decode()
    assert "Your profile has been saved." in main_text(page)


def test_settings_page_rejects_unknown_language(client):
    user = UserFactory(preferred_language="da")
    client.force_login(user)
    response = client.post(
        reverse("account_settings"), {"display_name": "X", "preferred_language": "xx"}
    )
    assert response.status_code == 200
    assert 'class="form-group form-error"' in main_text(response)
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) != ("X", "xx")


def test_delete_view_needs_password_and_confirmation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_delete"), {"password": "forkert-adgangskode-123", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "Adgangskoden er ikke korrekt" in main_text(response) or (
        "The password is not correct." in main_text(response)
    )
    response = client.post(reverse("account_delete"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.deleted_at is None and user.is_active


def test_delete_view_deletes_and_logs_out(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_delete"), {"password": DEFAULT_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:home")
    assert not is_logged_in(client)
    user.refresh_from_db()
    assert user.deleted_at is not None
    home = client.get(response["Location"])
    assert "Din konto er slettet" in main_text(home) or "Your account has been deleted" in (
        main_text(home)
    )


def test_a_name_changed_in_the_admin_shows_at_once_on_shared_pages(client, rf):
    from django.contrib import admin

    from proposals import services
    from tests.proposals.factories import ProposalFactory

    author = UserFactory(display_name="Ebbe Borger")
    proposal = ProposalFactory()
    services.comment_create(proposal=proposal, author=author, body="Godt forslag")
    url = proposal.get_absolute_url()
    assert "Ebbe Borger" in client.get(url).content.decode()

    model_admin = admin.site._registry[type(author)]
    request = rf.post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = model_admin.get_form(request, author, change=True)
    data = {**form_class(instance=author).initial, "display_name": "Ebbe Ny"}
    data = {key: value for key, value in data.items() if value is not None}
    form = form_class(data, instance=author)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)

    assert "Ebbe Ny" in client.get(url).content.decode()
