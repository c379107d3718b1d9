"""The organisation pages as people use them: registering, the public page, members,
invitations by email, verification, and proposals written on an organisation's behalf."""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from PIL import Image

from notifications.models import Notification
from partnerships.models import Membership, Organisation, Role
from proposals.lifecycle import Status
from proposals.models import Proposal
from tests.factories import UserFactory, give_totp
from tests.partnerships.factories import HousingFactory, OrganisationFactory, cvr_make
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"


def text_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def coordinator():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
    give_totp(user)
    return user


def form_data(**overrides) -> dict:
    return {
        "name": "Solgården A/S",
        "kind": "company",
        "cvr": cvr_make(),
        "sector": "energy",
        "size": "40",
        "description": "Vi laver solceller.",
        "website": "https://solgaarden.example.dk",
        "address": "Solvej 1",
        **overrides,
    }


def logo() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), (0, 90, 40)).save(out, format="PNG")
    out.name = "logo.png"
    out.seek(0)
    return out


def test_registering_an_organisation_makes_you_its_admin(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("frontend:organisation_create"), form_data(logo=logo()))
    organisation = Organisation.objects.get()
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    page = client.get(organisation.get_absolute_url())
    html = text_of(page)
    assert "Solgården A/S" in html and "Endnu ikke verificeret" in html
    assert "Vi laver solceller." in html and "40 ansatte" in html
    assert reverse("frontend:organisation_edit", args=[organisation.slug]) in html
    assert client.get(organisation.logo_url)["Content-Type"] == "image/jpeg"
    mine = text_of(client.get(reverse("my_organisations")))
    assert "Solgården A/S" in mine and "Du er administrator." in mine


@pytest.mark.parametrize(
    ("language", "words"),
    [("da", "Dette er ikke et gyldigt CVR-nummer"), ("en", "This is not a valid CVR number")],
)
def test_a_wrong_cvr_number_is_shown_on_the_form_in_the_persons_language(client, language, words):
    client.force_login(UserFactory(preferred_language=language))
    response = client.post(reverse("frontend:organisation_create"), form_data(cvr="12345678"))
    assert response.status_code == 200
    html = text_of(response)
    assert words in html
    assert 'href="#id_cvr"' in html  # the error summary links the field
    assert not Organisation.objects.exists()


def test_editing_the_profile(client):
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin])
    client.force_login(admin)
    url = reverse("frontend:organisation_edit", args=[organisation.slug])
    assert organisation.name in text_of(client.get(url))
    response = client.post(url, form_data(name="Nyt Navn", cvr=organisation.cvr))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nyt Navn" and organisation.address == "Solvej 1"


def test_inviting_and_accepting_through_the_emailed_link(client, mailoutbox):
    admin = UserFactory(display_name="Anne Admin")
    organisation = OrganisationFactory(admins=[admin], name="Solgården")
    client.force_login(admin)
    members_url = reverse("frontend:organisation_members", args=[organisation.slug])
    response = client.post(members_url, {"email": "ny@example.dk", "role": "member"})
    assert response.status_code == 302
    (message,) = mailoutbox
    link = re.search(r"http\S+(/organisationer/invitation/\S+/)", message.body).group(1)
    assert "ny@example.dk" in text_of(client.get(members_url))  # listed as open

    # Signed out, the page asks to sign in or sign up and come back.
    client.logout()
    page = text_of(client.get(link))
    assert "Log ind med ny@example.dk" in page
    assert f"{reverse('account_login')}?next=" in page
    # Signing in from there comes back to the invitation.
    invited = UserFactory(email="ny@example.dk", display_name="Niels Ny")
    from tests.factories import DEFAULT_PASSWORD

    response = client.post(
        f"{reverse('account_login')}?next={link}",
        {"login": "ny@example.dk", "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == link
    client.logout()
    # Someone else signed in cannot accept it.
    client.force_login(UserFactory(email="anden@example.dk"))
    page = text_of(client.get(link))
    assert "Du er logget ind med en anden e-mailadresse" in page
    response = client.post(link)
    assert not Membership.objects.filter(user__email="anden@example.dk").exists()

    client.force_login(invited)
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert Membership.objects.get(user=invited).role == Role.MEMBER
    assert Notification.objects.filter(
        recipient=admin, kind="organisation.invitation_accepted"
    ).exists()
    # Single use: the link now says it cannot be used.
    again = client.get(link)
    assert again.status_code == 400 and "Invitationen kan ikke bruges" in text_of(again)
    # The member sees the member list but no management.
    members = text_of(client.get(members_url))
    assert "Niels Ny" in members and "Anne Admin" in members
    assert "Send invitationen" not in members


def test_the_last_admin_is_refused_with_a_clear_error(client):
    admin, member = UserFactory(), UserFactory(display_name="Mette Medlem")
    organisation = OrganisationFactory(admins=[admin], members=[member])
    client.force_login(admin)
    own = Membership.objects.get(user=admin)
    url = reverse("frontend:organisation_member_role", args=[organisation.slug, own.pk])
    response = client.post(url, {"role": "member"}, follow=True)
    assert any("mindst én administrator" in m for m in messages_of(response))
    assert Membership.objects.get(user=admin).role == Role.ADMIN
    remove = reverse("frontend:organisation_member_remove", args=[organisation.slug, own.pk])
    response = client.post(remove, follow=True)
    assert any("mindst én administrator" in m for m in messages_of(response))
    assert Membership.objects.filter(user=admin).exists()


def test_handing_over_and_removing_members(client):
    admin, member = UserFactory(), UserFactory(display_name="Mette Medlem")
    leaver = UserFactory(display_name="Lars Leaver")
    organisation = OrganisationFactory(admins=[admin], members=[member, leaver])
    client.force_login(admin)
    page = text_of(client.get(reverse("frontend:organisation_members", args=[organisation.slug])))
    assert "Overdrag din rolle som administrator" in page
    gone = Membership.objects.get(user=leaver)
    client.post(reverse("frontend:organisation_member_remove", args=[organisation.slug, gone.pk]))
    assert not Membership.objects.filter(user=leaver).exists()
    target = Membership.objects.get(user=member)
    response = client.post(
        reverse("frontend:organisation_hand_over", args=[organisation.slug, target.pk]),
        follow=True,
    )
    assert any("Mette Medlem er nu administrator" in m for m in messages_of(response))
    roles = dict(organisation.memberships.values_list("user", "role"))
    assert roles == {admin.pk: Role.MEMBER, member.pk: Role.ADMIN}


def test_staff_verify_and_the_badge_shows(client):
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin], name="Ventende ApS")
    verified = OrganisationFactory(name="Allerede Verificeret ApS", admins=[UserFactory()])
    Organisation.objects.filter(pk=verified.pk).update(verified_at="2026-01-01T00:00Z")
    client.force_login(coordinator())
    page = text_of(client.get(reverse("frontend:organisation_staff_list")))
    assert "Ventende ApS" in page and "Allerede Verificeret ApS" not in page
    response = client.post(reverse("frontend:organisation_verify", args=[organisation.slug]))
    assert response.status_code == 302
    assert "Ingen organisationer venter" in text_of(
        client.get(reverse("frontend:organisation_staff_list"))
    )
    client.logout()
    assert "Verificeret af kommunen" in text_of(client.get(organisation.get_absolute_url()))
    assert Notification.objects.filter(recipient=admin, kind="organisation.verified").exists()


def test_an_organisation_without_admin_is_listed_and_staff_can_invite_one(client, mailoutbox):
    orphan = HousingFactory(name="Boligforeningen Uden Ejer")
    Organisation.objects.filter(pk=orphan.pk).update(verified_at="2026-01-01T00:00Z")
    client.force_login(coordinator())
    page = text_of(client.get(reverse("frontend:organisation_staff_list")))
    assert "Boligforeningen Uden Ejer" in page and "Ingen administrator" in page
    members_url = reverse("frontend:organisation_members", args=[orphan.slug])
    assert "Organisationen har ingen administrator" in text_of(client.get(members_url))
    client.post(members_url, {"email": "ny-chef@example.dk", "role": "admin"})
    assert mailoutbox[0].to == ["ny-chef@example.dk"]


# --- proposals on behalf of an organisation ----------------------------------------------------


def test_the_submission_form_lists_only_the_persons_organisations(client):
    user = UserFactory()
    own = OrganisationFactory(name="Min Forening", members=[user])
    other = OrganisationFactory(name="Fremmed Firma", admins=[UserFactory()])
    client.force_login(user)
    page = text_of(client.get(reverse("frontend:proposal_create")))
    assert "Skrevet på vegne af" in page and "Min Forening" in page
    assert "Fremmed Firma" not in page
    data = {"title": "Solceller på taget", "body": "Lad os sætte solceller op.", "action": "save"}
    response = client.post(reverse("frontend:proposal_create"), {**data, "organisation": other.pk})
    assert response.status_code == 200 and not Proposal.objects.exists()
    client.post(reverse("frontend:proposal_create"), {**data, "organisation": own.pk})
    assert Proposal.objects.get().organisation == own


def test_people_in_no_organisation_see_no_such_field(client):
    client.force_login(UserFactory())
    assert "Skrevet på vegne af" not in text_of(client.get(reverse("frontend:proposal_create")))


def test_the_organisation_shows_as_author_on_the_proposal_page_and_cards(client):
    author = UserFactory(display_name="Privat Person")
    organisation = OrganisationFactory(name="Klimafirmaet ApS", members=[author])
    proposal = ProposalFactory(author=author, organisation=organisation, title="Grønne tage")
    ProposalFactory(status=Status.DRAFT, author=author, organisation=organisation, title="Kladde")
    detail = text_of(client.get(proposal.get_absolute_url()))
    assert f'Af <a href="{organisation.get_absolute_url()}">Klimafirmaet ApS</a>' in detail
    assert "Privat Person" not in detail
    listing = text_of(client.get(reverse("frontend:proposal_list")))
    assert "Af Klimafirmaet ApS" in listing
    page = text_of(client.get(organisation.get_absolute_url()))
    assert "Grønne tage" in page and "Kladde" not in page  # only its published proposals


def test_a_new_name_shows_on_the_cards_at_once(client):
    admin = UserFactory()
    organisation = OrganisationFactory(name="Gammelt Navn", admins=[admin])
    ProposalFactory(author=admin, organisation=organisation)
    assert "Af Gammelt Navn" in text_of(client.get(reverse("frontend:proposal_list")))
    client.force_login(admin)
    client.post(
        reverse("frontend:organisation_edit", args=[organisation.slug]),
        form_data(name="Nyt Navn", cvr=organisation.cvr),
    )
    client.logout()
    assert "Af Nyt Navn" in text_of(client.get(reverse("frontend:proposal_list")))


def test_the_admin_lists_organisations_and_verifies_them(client):
    from tests.factories import AdminFactory

    admin = AdminFactory()
    give_totp(admin)
    owner = UserFactory()
    organisation = OrganisationFactory(name="Adminfirmaet ApS", admins=[owner])
    client.force_login(admin)
    changelist = reverse("admin:partnerships_organisation_changelist")
    assert "Adminfirmaet ApS" in text_of(client.get(changelist))
    assert client.get(reverse("admin:partnerships_invitation_changelist")).status_code == 200
    change = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    assert client.get(change).status_code == 200
    client.post(
        changelist, {"action": "verify", "_selected_action": [organisation.pk]}, follow=True
    )
    organisation.refresh_from_db()
    assert organisation.verified_by == admin
    assert Notification.objects.filter(recipient=owner, kind="organisation.verified").exists()


HTMX = {"HX-Request": "true"}


def test_member_actions_with_htmx_answer_with_the_panel_and_a_status(client):
    admin, member = UserFactory(), UserFactory(display_name="Mette Medlem")
    organisation = OrganisationFactory(admins=[admin], members=[member])
    client.force_login(admin)
    target = Membership.objects.get(user=member)
    url = reverse("frontend:organisation_member_role", args=[organisation.slug, target.pk])
    response = client.post(url, {"role": "admin"}, headers=HTMX)
    html = text_of(response)
    assert response.status_code == 200 and "<html" not in html
    assert html.startswith('<div id="members-panel">')
    assert 'hx-swap-oob="innerHTML:#members-status"' in html
    assert "Mette Medlem er nu administrator." in html
    assert Membership.objects.get(user=member).role == Role.ADMIN

    own = Membership.objects.get(user=admin)
    client.post(url, {"role": "member"}, headers=HTMX)  # back to member
    refused = client.post(
        reverse("frontend:organisation_member_role", args=[organisation.slug, own.pk]),
        {"role": "member"},
        headers=HTMX,
    )
    assert "mindst én administrator" in text_of(refused)
    assert Membership.objects.get(user=admin).role == Role.ADMIN


def test_leaving_with_htmx_goes_to_the_organisations_page(client):
    admin, member = UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[admin], members=[member])
    client.force_login(member)
    own = Membership.objects.get(user=member)
    # A member cannot manage members, so even their own removal is an admin's action.
    url = reverse("frontend:organisation_member_remove", args=[organisation.slug, own.pk])
    assert client.post(url, headers=HTMX).status_code == 403
    second_admin = UserFactory()
    Membership.objects.create(organisation=organisation, user=second_admin, role=Role.ADMIN)
    client.force_login(second_admin)
    mine = Membership.objects.get(user=second_admin)
    response = client.post(
        reverse("frontend:organisation_member_remove", args=[organisation.slug, mine.pk]),
        headers=HTMX,
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == organisation.get_absolute_url()


@pytest.mark.parametrize("path", ["detail", "members", "mine", "staff"])
def test_pages_read_the_same_number_of_queries_however_long_their_lists(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin, staff_user = UserFactory(), coordinator()
    organisation = OrganisationFactory(admins=[admin])

    def grow(n: int) -> None:
        for _ in range(n):
            ProposalFactory(author=admin, organisation=organisation)
            Membership.objects.create(organisation=organisation, user=UserFactory())
            OrganisationFactory(admins=[admin], members=[UserFactory()])

    urls = {
        "detail": (organisation.get_absolute_url(), admin),
        "members": (reverse("frontend:organisation_members", args=[organisation.slug]), admin),
        "mine": (reverse("my_organisations"), admin),
        "staff": (reverse("frontend:organisation_staff_list"), staff_user),
    }
    url, user = urls[path]
    client.force_login(user)
    counts = []
    for n in (1, 4):
        grow(n)
        cache.clear()
        client.get(url)  # sessions and roles settle
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_coordinators_find_their_list_in_the_menu(client):
    staff_url = reverse("frontend:organisation_staff_list")
    client.force_login(UserFactory())
    assert f'href="{staff_url}"' not in text_of(client.get(reverse("frontend:home")))
    client.force_login(coordinator())
    assert f'href="{staff_url}" class="nav-link"' in text_of(client.get(reverse("frontend:home")))


def test_withdrawing_an_invitation_kills_its_link(client, mailoutbox):
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin])
    client.force_login(admin)
    members_url = reverse("frontend:organisation_members", args=[organisation.slug])
    client.post(members_url, {"email": "fortryd@example.dk", "role": "member"})
    link = re.search(r"http\S+(/organisationer/invitation/\S+/)", mailoutbox[0].body).group(1)
    invitation = organisation.invitations.get()
    response = client.post(
        reverse("frontend:organisation_invitation_revoke", args=[organisation.slug, invitation.pk]),
        follow=True,
    )
    assert any("fortryd@example.dk er trukket tilbage" in m for m in messages_of(response))
    assert "Der er ingen åbne invitationer." in text_of(response)
    client.logout()
    assert client.get(link).status_code == 400


def test_a_new_logo_gets_a_new_address(client):
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin])
    client.force_login(admin)
    edit = reverse("frontend:organisation_edit", args=[organisation.slug])
    client.post(edit, form_data(cvr=organisation.cvr, logo=logo()))
    organisation.refresh_from_db()
    first = organisation.logo_url
    client.post(edit, form_data(cvr=organisation.cvr, logo=logo()))
    organisation.refresh_from_db()
    assert organisation.logo_url != first
    assert client.get(organisation.logo_url).status_code == 200
    client.post(edit, form_data(cvr=organisation.cvr, remove_logo="on"))
    organisation.refresh_from_db()
    assert not organisation.logo and organisation.logo_url == ""


def test_a_draft_for_an_organisation_the_author_has_left_is_not_submitted(client):
    author = UserFactory()
    organisation = OrganisationFactory(members=[author], admins=[UserFactory()])
    draft = ProposalFactory(status=Status.DRAFT, author=author, organisation=organisation)
    Membership.objects.filter(user=author).delete()
    client.force_login(author)
    response = client.post(reverse("frontend:proposal_submit", args=[draft.pk]), follow=True)
    assert any("ikke længere medlem af den organisation" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    # Saved again without the organisation (the form no longer offers it), it goes through.
    client.post(
        reverse("frontend:proposal_edit", args=[draft.pk]),
        {"title": draft.title, "body": draft.body, "action": "save"},
    )
    draft.refresh_from_db()
    assert draft.organisation is None
    client.post(reverse("frontend:proposal_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_the_audit_trail_names_organisation_actions(client):
    from tests.factories import AdminFactory

    admin = AdminFactory()
    give_totp(admin)
    owner, member = UserFactory(), UserFactory()
    organisation = OrganisationFactory(name="Sporfirmaet ApS", admins=[owner], members=[member])
    from partnerships import services

    services.organisation_verify(organisation=organisation, actor=admin)
    services.membership_role_set(
        membership=Membership.objects.get(user=member), role=Role.ADMIN, actor=owner
    )
    client.force_login(admin)
    page = text_of(
        client.get(reverse("frontend:audit_trail"), {"object_type": "partnerships.organisation"})
    )
    assert "Organisation verificeret" in page and "Medlems rolle ændret" in page
    assert "Sporfirmaet ApS" in page


def test_verifying_from_the_organisations_page_comes_back_to_it(client):
    organisation = OrganisationFactory(admins=[UserFactory()])
    client.force_login(coordinator())
    page = text_of(client.get(organisation.get_absolute_url()))
    assert "Verificér organisationen" in page
    response = client.post(
        reverse("frontend:organisation_verify", args=[organisation.slug]),
        {"next": organisation.get_absolute_url()},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == organisation.get_absolute_url()
    assert "Verificeret af kommunen" in text_of(response)
    assert "Verificér organisationen" not in text_of(response)
