"""Organisations, members and invitations through the services: what people see happen."""

import io
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from engage.audit.models import AuditEntry
from notifications.models import Notification
from partnerships import services
from partnerships.models import Invitation, Kind, Membership, Organisation, Role, Sector
from partnerships.services.organisations import INVITATION_DAYS
from tests.factories import UserFactory
from tests.partnerships.factories import InvitationFactory, OrganisationFactory, cvr_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def create(creator, **overrides):
    fields = {
        "name": "Solgården A/S",
        "kind": Kind.COMPANY,
        "sector": Sector.ENERGY,
        "cvr": cvr_make(),
        "size": 40,
    }
    return services.organisation_create(creator=creator, **{**fields, **overrides})


def png(size=(40, 20)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def errors_of(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


# --- registering and editing -------------------------------------------------------------


def test_the_creator_becomes_the_only_administrator():
    user = UserFactory()
    organisation = create(user)
    assert organisation.slug == "solgaarden-as"  # Danish letters spelt out, as on the site
    assert list(organisation.memberships.values_list("user", "role")) == [(user.pk, Role.ADMIN)]
    assert organisation.verified_at is None
    assert AuditEntry.objects.filter(action="organisation.create").count() == 1


def test_a_company_must_give_a_cvr_number():
    with pytest.raises(ValidationError) as caught:
        create(UserFactory(), cvr="")
    assert "cvr" in errors_of(caught)


@pytest.mark.parametrize(
    ("language", "words"),
    [("da", "ikke et gyldigt CVR-nummer"), ("en", "not a valid CVR number")],
)
def test_a_wrong_cvr_number_is_refused_in_the_persons_language(language, words):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        create(UserFactory(), cvr="12345678")
    assert words in errors_of(caught)["cvr"][0]
    assert not Organisation.objects.exists()


def test_a_cvr_number_is_registered_once_whatever_its_spelling():
    create(UserFactory(), cvr="12345674")
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        create(UserFactory(), name="Another", cvr="DK 1234 5674")
    assert "already registered" in errors_of(caught)["cvr"][0]


def test_other_kinds_need_no_cvr_number_and_size_applies_by_kind():
    housing = create(UserFactory(), kind=Kind.HOUSING, sector=Sector.BUILDINGS, cvr="", size=300)
    assert housing.size_unit == str(translation.gettext("homes"))
    with pytest.raises(ValidationError) as caught:
        create(UserFactory(), name="Foreningen", kind=Kind.ASSOCIATION, cvr="", size=12)
    assert "size" in errors_of(caught)
    association = create(UserFactory(), name="Foreningen", kind=Kind.ASSOCIATION, cvr="", size=None)
    assert association.size_unit == ""


def test_a_name_that_is_a_page_of_its_own_gets_another_address():
    organisation = create(UserFactory(), name="Ny", kind=Kind.ASSOCIATION, cvr="", size=None)
    assert organisation.slug == "ny-2"


def test_the_logo_is_checked_and_reencoded_like_proposal_images():
    organisation = create(UserFactory(), logo=png())
    assert organisation.logo.name.endswith(".jpg")  # re-encoded: an opaque PNG becomes JPEG
    assert (organisation.logo_width, organisation.logo_height) == (40, 20)
    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        create(UserFactory(), name="Other", logo=fake)
    assert "logo" in errors_of(caught)


def test_a_logo_with_too_many_pixels_is_refused_from_its_header(monkeypatch):
    from proposals import images

    monkeypatch.setattr(images, "MAX_PIXELS", 100)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        create(UserFactory(), logo=png((20, 20)))
    assert "too many pixels" in errors_of(caught)["logo"][0]


def test_editing_keeps_or_removes_the_logo():
    admin = UserFactory()
    organisation = create(admin, logo=png())
    fields = {"name": "Solgården", "kind": Kind.COMPANY, "sector": Sector.ENERGY}
    kept = services.organisation_update(
        organisation=organisation, actor=admin, cvr=organisation.cvr, size=41, **fields
    )
    assert kept.logo and kept.size == 41 and kept.name == "Solgården"
    removed = services.organisation_update(
        organisation=organisation, actor=admin, cvr=organisation.cvr, logo=None, **fields
    )
    assert not removed.logo


# --- verification ----------------------------------------------------------------------------


def test_verifying_tells_the_admins_and_only_them():
    admin, member, coordinator = UserFactory(), UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[admin], members=[member])
    services.organisation_verify(organisation=organisation, actor=coordinator)
    organisation.refresh_from_db()
    assert organisation.verified_by == coordinator
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (admin.pk, "organisation.verified")
    ]
    assert AuditEntry.objects.filter(action="organisation.verify", actor=coordinator).exists()
    with pytest.raises(ValidationError):
        services.organisation_verify(organisation=organisation, actor=coordinator)


# --- the last administrator ------------------------------------------------------------------


def test_the_last_admin_cannot_be_removed_or_step_down():
    admin, member = UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[admin], members=[member])
    own = Membership.objects.get(user=admin)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.membership_remove(membership=own, actor=admin)
    assert "at least one administrator" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        services.membership_role_set(membership=own, role=Role.MEMBER, actor=admin)
    assert organisation.memberships.filter(role=Role.ADMIN).count() == 1


def test_with_two_admins_one_may_go():
    first, second = UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[first, second])
    services.membership_remove(membership=Membership.objects.get(user=first), actor=first)
    assert list(organisation.memberships.values_list("user", flat=True)) == [second.pk]


def test_handing_over_swaps_the_roles():
    admin, member = UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[admin], members=[member])
    services.organisation_admin_hand_over(
        organisation=organisation, actor=admin, to=Membership.objects.get(user=member)
    )
    roles = dict(organisation.memberships.values_list("user", "role"))
    assert roles == {admin.pk: Role.MEMBER, member.pk: Role.ADMIN}


def test_a_person_can_belong_to_several_organisations():
    user = UserFactory()
    OrganisationFactory(admins=[user])
    OrganisationFactory(members=[user])
    assert Organisation.objects.of_member(user).count() == 2


# --- invitations ------------------------------------------------------------------------------


def link_in(message) -> str:
    return re.search(r"http\S+/organisationer/invitation/(\S+)/", message.body).group(1)


def test_an_invitation_is_emailed_with_a_single_use_link(mailoutbox):
    admin = UserFactory(display_name="Anne Admin")
    organisation = OrganisationFactory(admins=[admin], name="Solgården")
    with translation.override("da"):
        invitation = services.invitation_create(
            organisation=organisation, actor=admin, email="Ny@Example.dk"
        )
    assert invitation.email == "ny@example.dk"
    (message,) = mailoutbox
    assert message.to == ["ny@example.dk"]
    assert "Solgården" in message.subject and "Invitation" in message.subject
    assert "Anne Admin" in message.body
    token = link_in(message)
    assert services.invitation_get_by_token(token=token) == invitation

    invited = UserFactory(email="ny@example.dk")
    membership = services.invitation_accept(invitation=invitation, user=invited)
    assert membership.role == Role.MEMBER
    with pytest.raises(services.InvitationInvalid):
        services.invitation_get_by_token(token=token)
    # The inviting admin hears of it.
    assert Notification.objects.filter(
        recipient=admin, kind="organisation.invitation_accepted"
    ).exists()


def test_the_invitation_is_written_in_the_invitees_language_when_known(mailoutbox):
    admin = UserFactory()
    UserFactory(email="english@example.dk", preferred_language="en")
    organisation = OrganisationFactory(admins=[admin])
    with translation.override("da"):
        services.invitation_create(
            organisation=organisation, actor=admin, email="english@example.dk"
        )
    assert "Accept the invitation here" in mailoutbox[0].body


def test_an_expired_or_withdrawn_or_forged_link_does_not_work():
    invitation = InvitationFactory()
    token = services.invitation_token_make(invitation=invitation)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    with pytest.raises(services.InvitationInvalid):
        services.invitation_get_by_token(token=token)
    fresh = InvitationFactory()
    services.invitation_revoke(invitation=fresh, actor=fresh.invited_by)
    with pytest.raises(services.InvitationInvalid):
        services.invitation_get_by_token(token=services.invitation_token_make(invitation=fresh))
    with pytest.raises(services.InvitationInvalid):
        services.invitation_get_by_token(token=token[:-2] + "xx")


def test_the_signature_expires_too(monkeypatch):
    invitation = InvitationFactory()
    token = services.invitation_token_make(invitation=invitation)
    later = timezone.now() + timedelta(days=INVITATION_DAYS + 1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    with pytest.raises(services.InvitationInvalid):
        services.invitation_get_by_token(token=token)


def test_accepting_needs_the_invited_address():
    invitation = InvitationFactory(email="rigtig@example.dk")
    stranger = UserFactory(email="forkert@example.dk")
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.invitation_accept(invitation=invitation, user=stranger)
    assert "rigtig@example.dk" in caught.value.messages[0]
    assert not Membership.objects.filter(user=stranger).exists()


def test_a_new_invitation_replaces_the_open_one_and_members_are_not_invited_again(mailoutbox):
    admin, member = UserFactory(), UserFactory(email="medlem@example.dk")
    organisation = OrganisationFactory(admins=[admin], members=[member])
    first = services.invitation_create(organisation=organisation, actor=admin, email="a@example.dk")
    services.invitation_create(organisation=organisation, actor=admin, email="a@example.dk")
    first.refresh_from_db()
    assert first.revoked_at is not None
    with pytest.raises(ValidationError) as caught:
        services.invitation_create(
            organisation=organisation, actor=admin, email="MEDLEM@example.dk"
        )
    assert "email" in errors_of(caught)


def test_an_admin_invitation_makes_an_admin():
    invitation = InvitationFactory(email="chef@example.dk", role=Role.ADMIN)
    user = UserFactory(email="chef@example.dk")
    assert services.invitation_accept(invitation=invitation, user=user).role == Role.ADMIN


def test_a_replaced_logo_file_is_deleted(django_capture_on_commit_callbacks):
    admin = UserFactory()
    organisation = create(admin, logo=png())
    storage, first = organisation.logo.storage, organisation.logo.name
    fields = {"name": organisation.name, "kind": Kind.COMPANY, "sector": Sector.ENERGY}
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(
            organisation=organisation, actor=admin, cvr=organisation.cvr, logo=png(), **fields
        )
    assert not storage.exists(first)


def test_the_invitation_goes_through_the_outbox_with_the_change(django_capture_on_commit_callbacks):
    """With the real mailer, the email is an outbox row written in the invitation's own
    transaction: a refused invitation writes none."""
    from django.db import transaction
    from django.test import override_settings

    from engage.mail.models import OutgoingEmail
    from tests.mail.backends import mailers_with_outbox

    admin, member = UserFactory(), UserFactory(email="medlem@example.dk")
    organisation = OrganisationFactory(admins=[admin], members=[member])
    with (
        override_settings(MAILERS=mailers_with_outbox()),
        mock.patch("engage.mail.tasks.send_outgoing_emails.delay"),
    ):
        services.invitation_create(organisation=organisation, actor=admin, email="ny@example.dk")
        with pytest.raises(ValidationError), transaction.atomic():
            services.invitation_create(
                organisation=organisation, actor=admin, email="medlem@example.dk"
            )
    (email,) = OutgoingEmail.objects.all()
    assert email.to == ["ny@example.dk"] and "/organisationer/invitation/" in email.body
