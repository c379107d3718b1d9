"""Organisation API tokens: an organisation's administrators create and revoke them; a
partner's system signs in to the API with one, for its own organisation only; only a hash
of the secret is stored."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from engage.accounts.selectors import user_export_personal_data
from engage.accounts.services import user_delete
from engage.audit.models import AuditEntry
from notifications.models import Notification
from partnerships import services
from partnerships.models import Membership, OrganisationToken, Role
from tests.factories import UserFactory
from tests.partnerships.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    # The pages speak English to them (the tests read the pages' words).
    admin = UserFactory(preferred_language="en")
    other_admin, member = UserFactory(preferred_language="en"), UserFactory()
    organisation = OrganisationFactory(
        name="Solgården A/S", admins=[admin, other_admin], members=[member]
    )
    return {
        "admin": admin,
        "other_admin": other_admin,
        "member": member,
        "organisation": organisation,
        "elsewhere": OrganisationFactory(admins=[UserFactory()]),
    }


def make_token(world, **kwargs) -> services.NewToken:
    return services.organisation_token_create(
        organisation=world["organisation"], actor=world["admin"], name="Energistyring", **kwargs
    )


def check(plain: str | None, slug: str, *, language: str = "en"):
    client = APIClient()
    headers = {"Accept-Language": language}
    if plain is not None:
        headers["Authorization"] = f"Bearer {plain}"
    return client.get(reverse("organisation-token-check", args=[slug]), headers=headers)


# --- creating and revoking -----------------------------------------------------------


def test_creating_stores_only_a_hash_of_the_secret(world):
    new = make_token(world)
    assert new.plain.startswith(f"hm_{new.token.prefix}_")
    secret = new.plain.removeprefix(f"hm_{new.token.prefix}_")
    assert len(secret) >= 43
    row = OrganisationToken.objects.values().get(pk=new.token.pk)
    stored = " ".join(str(value) for value in row.values())
    assert new.plain not in stored and secret not in stored
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM partnerships_organisationtoken")
        assert secret not in repr(cursor.fetchall())
    # Two tokens never share a secret or a prefix.
    again = make_token(world)
    assert again.plain != new.plain and again.token.prefix != new.token.prefix


def test_creating_is_audited_and_tells_the_other_admins(client, world):
    new = make_token(world)
    entry = AuditEntry.objects.get(action="organisation.token_create")
    assert entry.actor == world["admin"] and entry.data["prefix"] == new.token.prefix
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {world["other_admin"].pk}  # not the creator, not a plain member
    client.force_login(world["other_admin"])
    centre = client.get(reverse("notification_centre")).content.decode()
    name = world["admin"].public_name
    assert f"{name} created an API token for “Solgården A/S”" in centre
    opened = client.post(reverse("notification_open", args=[Notification.objects.get().pk]))
    assert opened["Location"] == tokens_url(world["organisation"])


def test_only_an_admin_of_the_organisation_creates_or_revokes(world):
    for person in (world["member"], UserFactory(), world["elsewhere"].memberships.get().user):
        with pytest.raises(PermissionDenied):
            services.organisation_token_create(
                organisation=world["organisation"], actor=person, name="x"
            )
    new = make_token(world)
    with pytest.raises(PermissionDenied):
        services.organisation_token_revoke(token=new.token, actor=world["member"])
    assert not OrganisationToken.objects.filter(revoked_at__isnull=False).exists()


def test_a_name_is_required_and_an_expiry_must_be_ahead(world):
    with pytest.raises(ValidationError) as exc:
        services.organisation_token_create(
            organisation=world["organisation"], actor=world["admin"], name="  "
        )
    assert "name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_token(world, expires_at=timezone.now() - timedelta(minutes=1))
    assert "expires_at" in exc.value.message_dict
    assert not OrganisationToken.objects.exists()


def test_revoking_stops_the_token_and_is_audited_once(world):
    new = make_token(world)
    services.organisation_token_revoke(token=new.token, actor=world["other_admin"])
    services.organisation_token_revoke(token=new.token, actor=world["admin"])
    new.token.refresh_from_db()
    assert new.token.revoked_by == world["other_admin"]
    assert AuditEntry.objects.filter(action="organisation.token_revoke").count() == 1
    assert check(new.plain, world["organisation"].slug).status_code == 401


# --- signing in with a token ---------------------------------------------------------


def test_a_token_signs_in_as_its_creator_for_its_organisation(world):
    new = make_token(world)
    response = check(new.plain, world["organisation"].slug)
    assert response.status_code == 200
    assert response.json() == {
        "organisation": world["organisation"].slug,
        "organisation_name": "Solgården A/S",
        "token_name": "Energistyring",
        "prefix": new.token.prefix,
        "acting_as": world["admin"].public_name,
        "expires_at": None,
    }


def test_last_use_is_written_at_most_once_a_minute(world):
    new = make_token(world)
    slug = world["organisation"].slug
    assert check(new.plain, slug).status_code == 200
    new.token.refresh_from_db()
    first = new.token.last_used_at
    assert first is not None
    with CaptureQueriesContext(connection) as queries:
        assert check(new.plain, slug).status_code == 200
    assert not any(q["sql"].startswith("UPDATE") for q in queries.captured_queries)
    new.token.refresh_from_db()
    assert new.token.last_used_at == first
    OrganisationToken.objects.filter(pk=new.token.pk).update(
        last_used_at=first - timedelta(minutes=2)
    )
    assert check(new.plain, slug).status_code == 200
    new.token.refresh_from_db()
    assert new.token.last_used_at > first


def _wrong_secret(plain: str) -> str:
    last = "A" if plain[-1] != "A" else "B"
    return plain[:-1] + last


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("no token", "Send your organisation's API token"),
        ("malformed", "The API token is malformed"),
        ("unknown prefix", "The API token is not known"),
        ("wrong secret", "The API token is not known"),
        ("revoked", "The API token has been revoked"),
        ("expired", "The API token has expired"),
        ("creator stepped down", "no longer administers the organisation"),
        ("creator left", "no longer administers the organisation"),
        ("creator deleted", "no longer has an account"),
    ],
)
def test_refused_tokens_answer_401_in_json_saying_why(world, case, words):
    new = make_token(world, expires_at=timezone.now() + timedelta(days=1))
    plain = new.plain
    admin = world["admin"]
    own = Membership.objects.get(user=admin, organisation=world["organisation"])
    if case == "no token":
        plain = None
    elif case == "malformed":
        plain = "hm_not-a-token"
    elif case == "unknown prefix":
        plain = "hm_0000000000_" + plain.split("_", 2)[2]
    elif case == "wrong secret":
        plain = _wrong_secret(plain)
    elif case == "revoked":
        services.organisation_token_revoke(token=new.token, actor=admin)
    elif case == "expired":
        OrganisationToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    elif case == "creator stepped down":
        services.membership_role_set(membership=own, role=Role.MEMBER, actor=admin)
    elif case == "creator left":
        services.membership_remove(membership=own, actor=admin)
    elif case == "creator deleted":
        user_delete(user=admin)
        OrganisationToken.objects.update(revoked_at=None)  # refused even if not revoked
    response = check(plain, world["organisation"].slug)
    assert response.status_code == 401, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert words in response.json()["detail"]


def test_the_refusal_is_in_the_clients_language(world):
    response = check("hm_broken", world["organisation"].slug, language="da")
    assert response.status_code == 401
    assert "API-nøglen" in response.json()["detail"]


def test_a_token_reaches_only_its_own_organisation(world):
    from rest_framework.test import APIRequestFactory

    from partnerships.api.authentication import (
        OrganisationTokenAuthentication,
        organisation_access_allowed,
    )

    new = make_token(world)
    # The other organisation's page: refused, although the creator may see it as a person.
    response = check(new.plain, world["elsewhere"].slug)
    assert response.status_code == 403
    assert "another organisation" in response.json()["detail"]
    assert check(new.plain, "no-such-organisation").status_code == 404

    # What an endpoint asks: with the token only its organisation; with a session the rules.
    from rest_framework.request import Request

    raw = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {new.plain}")
    request = Request(raw, authenticators=[OrganisationTokenAuthentication()])
    perm = "partnerships.view_organisation"  # anyone may, as a person
    assert organisation_access_allowed(request, world["organisation"], perm=perm)
    assert not organisation_access_allowed(request, world["elsewhere"], perm=perm)
    session = Request(APIRequestFactory().get("/"))
    session.user = world["admin"]
    assert organisation_access_allowed(session, world["elsewhere"], perm=perm)
    assert not organisation_access_allowed(
        session, world["elsewhere"], perm="partnerships.manage_tokens"
    )


def test_a_browser_session_is_not_a_token(client, world):
    client.force_login(world["admin"])
    response = client.get(reverse("organisation-token-check", args=[world["organisation"].slug]))
    assert response.status_code == 401


def test_the_schema_describes_the_bearer_scheme_on_the_check_only(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()
    scheme = schema["components"]["securitySchemes"]["organisationToken"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    check_path = schema["paths"]["/api/v1/organisations/{slug}/token-check/"]["get"]
    assert check_path["security"] == [{"organisationToken": []}]
    assert "401" in check_path["responses"]
    members = schema["paths"]["/api/v1/organisations/{slug}/members/"]["get"]
    assert {"organisationToken": []} not in members.get("security", [])


# --- pages ---------------------------------------------------------------------------


def tokens_url(organisation) -> str:
    return reverse("frontend:organisation_tokens", args=[organisation.slug])


def test_the_admin_creates_a_token_and_sees_it_once(client, world):
    organisation = world["organisation"]
    client.force_login(world["admin"])
    response = client.post(tokens_url(organisation), {"name": "Energistyring", "expires_on": ""})
    assert response.status_code == 200
    token = OrganisationToken.objects.get()
    text = response.content.decode()
    plain = response.context["new_token"].plain
    assert f'value="{plain}"' in text
    assert "cannot be shown again" in text
    assert response["Cache-Control"].startswith("max-age=0")
    again = client.get(tokens_url(organisation)).content.decode()
    assert plain not in again and f"hm_{token.prefix}" in again and "Energistyring" in again
    assert check(plain, organisation.slug).status_code == 200


def test_a_form_error_is_shown_and_creates_nothing(client, world):
    client.force_login(world["admin"])
    response = client.post(
        tokens_url(world["organisation"]), {"name": "", "expires_on": "01.01.2000"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "expires_on"}
    assert not OrganisationToken.objects.exists()


def test_the_admin_revokes_after_confirming(client, world):
    new = make_token(world)
    organisation = world["organisation"]
    url = reverse("frontend:organisation_token_revoke", args=[organisation.slug, new.token.pk])
    client.force_login(world["other_admin"])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "stops working at once" in confirm.content.decode()
    new.token.refresh_from_db()
    assert new.token.revoked_at is None  # looking at the question changes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == tokens_url(organisation)
    assert "Revoked" in response.content.decode()
    assert check(new.plain, organisation.slug).status_code == 401


@pytest.mark.parametrize("who", ["member", "citizen", "other_org_admin", "coordinator"])
def test_people_who_do_not_administer_it_are_refused(client, world, who):
    from tests.partnerships.factories import coordinator_make

    new = make_token(world)
    organisation = world["organisation"]
    people = {
        "member": world["member"],
        "citizen": UserFactory(),
        "other_org_admin": world["elsewhere"].memberships.get().user,
        "coordinator": coordinator_make(),
    }
    if who == "coordinator":
        from tests.factories import give_totp

        give_totp(people[who])
    client.force_login(people[who])
    revoke = reverse("frontend:organisation_token_revoke", args=[organisation.slug, new.token.pk])
    assert client.get(tokens_url(organisation)).status_code == 403
    assert client.post(tokens_url(organisation), {"name": "Mine"}).status_code == 403
    assert client.get(revoke).status_code == 403
    assert client.post(revoke).status_code == 403
    assert OrganisationToken.objects.get().revoked_at is None
    assert OrganisationToken.objects.count() == 1


def test_unknown_organisations_and_tokens_are_404(client, world):
    new = make_token(world)
    client.force_login(world["admin"])
    assert client.get(reverse("frontend:organisation_tokens", args=["nowhere"])).status_code == 404
    elsewhere = world["elsewhere"]
    # A token of another organisation is not found under this one's address.
    other = services.organisation_token_create(
        organisation=elsewhere, actor=elsewhere.memberships.get().user, name="x"
    )
    wrong = reverse(
        "frontend:organisation_token_revoke", args=[world["organisation"].slug, other.token.pk]
    )
    assert client.get(wrong).status_code == 404
    assert client.post(wrong).status_code == 404
    own = reverse(
        "frontend:organisation_token_revoke", args=[world["organisation"].slug, new.token.pk + 999]
    )
    assert client.get(own).status_code == 404


def test_the_token_list_reads_the_same_number_of_queries_however_long(client, world):
    client.force_login(world["admin"])
    url = tokens_url(world["organisation"])
    counts = []
    for n in (1, 5):
        for i in range(n):
            new = make_token(world)
            if i % 2:
                services.organisation_token_revoke(token=new.token, actor=world["other_admin"])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_list_says_when_a_token_no_longer_works(client, world):
    new = make_token(world, expires_at=timezone.now() + timedelta(days=3))
    stepped_down = services.organisation_token_create(
        organisation=world["organisation"], actor=world["other_admin"], name="Gammel"
    )
    services.membership_role_set(
        membership=Membership.objects.get(user=world["other_admin"]),
        role=Role.MEMBER,
        actor=world["admin"],
    )
    client.force_login(world["admin"])
    tokens = {t.pk: t for t in client.get(tokens_url(world["organisation"])).context["tokens"]}
    assert tokens[new.token.pk].creator_is_admin
    assert not tokens[stepped_down.token.pk].creator_is_admin
    text = client.get(tokens_url(world["organisation"])).content.decode()
    assert "its creator is no longer an administrator" in text


def test_the_admin_finds_the_page_from_the_organisation(client, world):
    url = tokens_url(world["organisation"])
    client.force_login(world["member"])
    assert url not in client.get(world["organisation"].get_absolute_url()).content.decode()
    client.force_login(world["admin"])
    assert url in client.get(world["organisation"].get_absolute_url()).content.decode()


# --- personal data -------------------------------------------------------------------


def test_the_export_lists_the_persons_tokens_without_secrets(world):
    new = make_token(world)
    data = user_export_personal_data(user=world["admin"])["partnerships"]
    (item,) = data["api_tokens_created"]
    assert item["name"] == "Energistyring" and item["prefix"] == new.token.prefix
    assert item["organisation"] == "Solgården A/S" and item["revoked_at"] is None
    assert new.plain.split("_", 2)[2] not in repr(data)
    assert (
        user_export_personal_data(user=world["other_admin"])["partnerships"]["api_tokens_created"]
        == []
    )


def test_deleting_the_account_revokes_the_persons_tokens(world):
    new = make_token(world)
    kept = services.organisation_token_create(
        organisation=world["organisation"], actor=world["other_admin"], name="Bliver"
    )
    user_delete(user=world["admin"])
    new.token.refresh_from_db()
    kept.token.refresh_from_db()
    assert new.token.revoked_at is not None
    assert kept.token.revoked_at is None
    assert check(kept.plain, world["organisation"].slug).status_code == 200


def test_the_admin_site_lists_tokens_read_only_without_their_hash(client, world):
    from tests.factories import AdminFactory, give_totp

    new = make_token(world)
    admin = AdminFactory()
    give_totp(admin)
    client.force_login(admin)
    listing = client.get(reverse("admin:partnerships_organisationtoken_changelist"))
    assert listing.status_code == 200 and new.token.prefix in listing.content.decode()
    page = client.get(reverse("admin:partnerships_organisationtoken_change", args=[new.token.pk]))
    assert page.status_code == 200
    assert new.token.secret_hash not in page.content.decode()
    assert (
        client.post(
            reverse("admin:partnerships_organisationtoken_delete", args=[new.token.pk]),
            {"post": "yes"},
        ).status_code
        == 403
    )
    assert OrganisationToken.objects.filter(pk=new.token.pk).exists()
