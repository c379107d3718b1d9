"""Memberships and invitations in a person's data export and account deletion, and what
happens to an organisation whose last administrator deletes their account."""

from datetime import timedelta

import pytest
from django.urls import reverse

from engage.accounts.selectors import user_export_personal_data
from engage.accounts.services import user_delete
from partnerships.models import Invitation, Membership, Organisation, Role
from tests.factories import UserFactory
from tests.partnerships.factories import InvitationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_memberships_and_invitations():
    user = UserFactory(email="anne@example.dk")
    own = OrganisationFactory(name="Alfa ApS", admins=[user])
    OrganisationFactory(name="Beta", members=[user])
    InvitationFactory(organisation=own, email="bo@example.dk", invited_by=user)
    InvitationFactory(email="ANNE@example.dk")
    InvitationFactory(email="someone-else@example.dk")
    data = user_export_personal_data(user=user)["partnerships"]
    assert [(m["organisation"], m["role"]) for m in data["memberships"]] == [
        ("Alfa ApS", "admin"),
        ("Beta", "member"),
    ]
    assert [i["email"] for i in data["invitations_sent"]] == ["bo@example.dk"]
    assert [i["email"].lower() for i in data["invitations_received"]] == ["anne@example.dk"]


def test_the_export_page_downloads_them(client):
    user = UserFactory()
    OrganisationFactory(name="Alfa ApS", admins=[user])
    client.force_login(user)
    response = client.post(reverse("account_export"))
    assert '"organisation": "Alfa ApS"' in response.content.decode()


def test_deleting_the_account_ends_memberships_and_removes_invitations_to_it():
    user = UserFactory(email="anne@example.dk")
    organisation = OrganisationFactory(admins=[user, UserFactory()])
    received = InvitationFactory(email="anne@example.dk")
    sent = InvitationFactory(organisation=organisation, invited_by=user)
    user_delete(user=user)
    assert not Membership.objects.filter(user=user).exists()
    assert not Invitation.objects.filter(pk=received.pk).exists()
    sent.refresh_from_db()
    assert sent.invited_by is None  # the organisation's invitation stays, without the name


def test_the_longest_standing_member_takes_over_from_the_last_admin():
    admin, first, second = UserFactory(), UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[admin], members=[first, second])
    user_delete(user=admin)
    roles = dict(organisation.memberships.values_list("user", "role"))
    assert roles == {first.pk: Role.ADMIN, second.pk: Role.MEMBER}


def test_an_organisation_left_with_nobody_goes_to_the_coordinators(client):
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin], name="Ensom ApS")
    user_delete(user=admin)
    assert Organisation.objects.filter(pk=organisation.pk).exists()  # its page stays
    assert list(Organisation.objects.without_admin()) == [organisation]
    from partnerships.selectors import organisation_list_for_staff

    organisation.verified_at = organisation.created_at
    organisation.save(update_fields=["verified_at"])
    assert [o.name for o in organisation_list_for_staff()] == ["Ensom ApS"]


def test_the_deletion_page_deletes_an_admin(client):
    admin, member = UserFactory(), UserFactory()
    organisation = OrganisationFactory(admins=[admin], members=[member])
    client.force_login(admin)
    from tests.factories import DEFAULT_PASSWORD

    response = client.post(
        reverse("account_delete"), {"password": DEFAULT_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert organisation.memberships.get().user == member
    assert organisation.memberships.get().role == Role.ADMIN


def test_applications_and_commitments_in_the_export_and_at_deletion():
    from django.utils import timezone

    from partnerships import services
    from partnerships.models import Commitment, Programme
    from tests.partnerships.factories import ProgrammeFactory, coordinator_make

    coordinator, admin = coordinator_make(), UserFactory()
    programme = ProgrammeFactory(name="Klimaalliancen", coordinators=[coordinator])
    organisation = OrganisationFactory(name="Alfa ApS", admins=[admin], verified_at=timezone.now())
    application = services.application_submit(
        programme=programme, organisation=organisation, actor=admin, answers=["Ja"]
    )
    services.application_decide(
        application=application,
        actor=coordinator,
        decision="approved",
        message="Velkommen",
        review_date=timezone.localdate() + timedelta(days=9),
    )
    services.commitment_add(
        agreement=application.agreement,
        actor=coordinator,
        text="Rådgivning",
        due_date=timezone.localdate(),
        owner=coordinator,
    )
    assert user_export_personal_data(user=admin)["partnerships"]["applications_submitted"] == [
        {
            "programme": "Klimaalliancen",
            "organisation": "Alfa ApS",
            "submitted_at": application.submitted_at.isoformat(),
            "status": "approved",
        }
    ]
    data = user_export_personal_data(user=coordinator)["partnerships"]
    assert data["programmes_coordinated"] == ["Klimaalliancen"]
    assert [s["message"] for s in data["application_steps"]] == ["Velkommen"]
    assert [c["text"] for c in data["commitments_owned"]] == ["Rådgivning"]
    user_delete(user=coordinator)
    assert not Programme.objects.get().coordinators.exists()
    assert Commitment.objects.get().owner is None


def test_the_coordinators_are_told_of_an_organisation_left_with_nobody_and_appoint_one(
    client, mailoutbox
):
    from notifications.models import Notification
    from tests.factories import give_totp
    from tests.partnerships.factories import coordinator_make

    coordinator, moderator_only = coordinator_make(preferred_language="en"), UserFactory()
    give_totp(coordinator)
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin], name="Ensom ApS")
    handed_on = OrganisationFactory(admins=[UserFactory()], members=[UserFactory()])
    user_delete(user=admin)
    user_delete(user=handed_on.memberships.get(role=Role.ADMIN).user)  # a member takes over
    told = Notification.objects.filter(kind="organisation.without_admin")
    assert list(told.values_list("recipient", flat=True)) == [coordinator.pk]
    assert moderator_only.pk not in told.values_list("recipient", flat=True)
    # The notification leads to the members page, where the coordinator invites a new admin.
    client.force_login(coordinator)
    centre = client.get(reverse("notification_centre")).content.decode()
    members_url = reverse("frontend:organisation_members", args=[organisation.slug])
    assert "“Ensom ApS” has no administrator any more" in centre
    opened = client.post(reverse("notification_open", args=[told.get().pk]))
    assert opened["Location"] == members_url
    client.post(members_url, {"email": "ny-chef@example.dk", "role": "admin"})
    assert Invitation.objects.get(organisation=organisation).role == Role.ADMIN
    assert mailoutbox[-1].to == ["ny-chef@example.dk"]


@pytest.mark.usefixtures("no_broker")
def test_the_export_holds_the_reports_values_and_files_a_person_sent_or_reviewed(
    settings, tmp_path
):
    from datetime import date
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnerships import services
    from partnerships.services import ValueDecision, ValueEntry
    from tests.partnerships.factories import (
        PartnerCommitmentFactory,
        ProgrammeFactory,
        agreement_make,
        coordinator_make,
    )

    settings.MEDIA_ROOT = tmp_path
    member, coordinator = UserFactory(), coordinator_make()
    organisation = OrganisationFactory(name="Alfa ApS", members=[member])
    agreement = agreement_make(
        organisation=organisation,
        programme=ProgrammeFactory(coordinators=[coordinator]),
        start_date=date(2023, 3, 1),
    )
    commitment = PartnerCommitmentFactory(agreement=agreement, title="Udledning")
    report = services.report_start(agreement=agreement, actor=member, year=2024)
    services.report_values_set(
        report=report,
        actor=member,
        entries=[ValueEntry(commitment_id=commitment.pk, value=Decimal("90"), source="Elmåler")],
        story="Vi skiftede til varmepumper.",
    )
    body = b"%PDF-1.4\n" + b"0" * 200 + b"\n%%EOF"
    services.evidence_add(
        report=report,
        actor=member,
        upload=SimpleUploadedFile("faktura.pdf", body, content_type="application/pdf"),
    )
    report = services.report_submit(report=report, actor=member)
    value = report.values.get()
    services.report_review(
        report=report, actor=coordinator, decisions=[ValueDecision(value.pk, "verify")]
    )

    mine = user_export_personal_data(user=member)["partnerships"]
    assert [(r["period_end"], r["story"]) for r in mine["progress_reports_submitted"]] == [
        ("2024-12-31", "Vi skiftede til varmepumper.")
    ]
    [entered] = mine["progress_values_entered"]
    assert (entered["commitment"], entered["value"], entered["source"], entered["state"]) == (
        "Udledning",
        "90.000",
        "Elmåler",
        "verified",
    )
    assert [e["file_name"] for e in mine["evidence_uploaded"]] == ["faktura.pdf"]
    assert mine["progress_values_reviewed"] == []

    reviewed = user_export_personal_data(user=coordinator)["partnerships"]
    assert [v["commitment"] for v in reviewed["progress_values_reviewed"]] == ["Udledning"]
    assert reviewed["progress_values_entered"] == []


@pytest.mark.usefixtures("no_broker")
def test_an_organisation_deleted_in_the_admin_takes_its_logo_with_it_but_not_its_records(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    from datetime import date

    from django.core.files.base import ContentFile

    from engage.audit.models import AuditEntry
    from tests.factories import AdminFactory, give_totp
    from tests.partnerships.factories import agreement_make

    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationFactory()
    organisation.logo.save("logo.png", ContentFile(b"png"), save=True)
    logo = tmp_path / organisation.logo.name
    partner = OrganisationFactory()
    partner.logo.save("andet.png", ContentFile(b"png"), save=True)
    agreement_make(organisation=partner, start_date=date(2023, 3, 1))

    superuser = AdminFactory()
    give_totp(superuser, recovery_codes=False)
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:partnerships_organisation_delete", args=[organisation.pk]),
            {"post": "yes"},
        )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not logo.exists()
    assert AuditEntry.objects.filter(action="organisation.delete", actor=superuser).count() == 1

    # A partner's agreements and reports are the municipality's records: the admin
    # refuses to delete them with the organisation.
    response = client.post(
        reverse("admin:partnerships_organisation_delete", args=[partner.pk]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert Organisation.objects.filter(pk=partner.pk).exists()
    assert (tmp_path / partner.logo.name).exists()
