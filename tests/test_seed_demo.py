"""`manage.py seed_demo`: the demo logins `make run` prints must exist once and work."""

import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import CommandError, call_command
from django.urls import reverse

from engage.accounts.management.commands.seed_demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    demo_totp_code,
)
from engage.accounts.models import User
from engage.accounts.selectors import user_has_mfa

pytestmark = pytest.mark.django_db


def _seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        _seed()
    assert not User.objects.exists()
    _seed(force=True)
    assert User.objects.count() == 5


def test_creates_five_logins_once_and_prints_them(settings):
    settings.DEBUG = True
    first = _seed()
    second = _seed()

    assert User.objects.count() == 5
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 5
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 4
    assert Authenticator.objects.filter(type=Authenticator.Type.RECOVERY_CODES).count() == 4
    for output in (first, second):
        emails = ("borger@example.com", "moderator@example.com", "team@example.com")
        for email in (*emails, "koordinator@example.com", "admin@example.com"):
            assert email in output
        assert DEMO_PASSWORD in output
        assert f"use any TOTP app with secret {DEMO_TOTP_SECRET}" in output
    assert "created" in first and "created" not in second

    citizen = User.objects.get(email="borger@example.com")
    moderator = User.objects.get(email="moderator@example.com")
    admin = User.objects.get(email="admin@example.com")
    team_member = User.objects.get(email="team@example.com")
    assert team_member.is_staff and not team_member.is_superuser
    assert not citizen.has_perm("accounts.must_use_mfa")
    assert not user_has_mfa(user=citizen)
    assert moderator.groups.filter(name=settings.MODERATOR_GROUP).exists()
    assert not (moderator.is_staff or moderator.is_superuser)
    assert admin.is_staff and admin.is_superuser
    for user in (citizen, moderator, admin):
        assert user.check_password(DEMO_PASSWORD)


def test_resets_a_changed_demo_account(settings):
    settings.DEBUG = True
    _seed()
    moderator = User.objects.get(email="moderator@example.com")
    moderator.set_password("something-else-entirely")
    moderator.save()
    moderator.groups.clear()
    Authenticator.objects.filter(user=moderator).delete()

    _seed()

    moderator.refresh_from_db()
    assert moderator.check_password(DEMO_PASSWORD)
    assert moderator.groups.filter(name=settings.MODERATOR_GROUP).exists()
    totp = Authenticator.objects.get(user=moderator, type=Authenticator.Type.TOTP)
    assert TOTP(totp).validate_code(demo_totp_code())


def test_moderator_signs_in_with_password_and_the_printed_totp_secret(client, settings):
    settings.DEBUG = True
    _seed()

    response = client.post(
        reverse("account_login"),
        {"login": "moderator@example.com", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": demo_totp_code()})
    assert response.status_code == 302
    assert response.wsgi_request.user.email == "moderator@example.com"
    # Enrolled, so the MFA middleware lets the moderator through to ordinary pages.
    home = client.get(reverse("frontend:home"))
    assert home.status_code == 200


def test_demo_content_adds_teams_and_proposals_once(settings):
    from engage.taxonomy.models import FocusArea, Team
    from proposals.lifecycle import Status
    from proposals.models import Proposal

    settings.DEBUG = True
    _seed()
    call_command("seed_demo_content", stdout=io.StringIO())
    call_command("seed_demo_content", stdout=io.StringIO())

    assert Team.objects.count() == 4
    assert not FocusArea.objects.filter(team__isnull=True).exists()
    assert Team.objects.get(slug="klimateamet").members.filter(email="team@example.com").exists()
    statuses = sorted(Proposal.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [Status.ANSWERED, Status.PUBLISHED, Status.UNDER_REVIEW, Status.PUBLISHED]
        + [Status.SUBMITTED] * 2
    )
