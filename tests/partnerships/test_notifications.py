"""What organisations' admins are told, as they read it: the email and the notification
centre, in their language."""

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.urls import reverse

from engage.mail.services import outgoing_email_due_ids, outgoing_emails_send
from notifications import sending
from notifications.models import Delivery
from partnerships import services
from tests.factories import UserFactory
from tests.partnerships.factories import InvitationFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


def sent_to(user) -> str:
    delivery = Delivery.objects.get(recipient=user)
    sending.deliveries_send_immediate(event_id=delivery.event_id)
    before = len(mail.outbox)
    outgoing_emails_send(email_ids=outgoing_email_due_ids(older_than=timedelta(0)))
    (sent,) = mail.outbox[before:]
    parsed = message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    return sent.subject + "\n" + parsed.get_body(("plain",)).get_content()


def test_verification_is_emailed_to_the_admin_in_their_language(client):
    admin = UserFactory(preferred_language="en")
    organisation = OrganisationFactory(name="Solgården", admins=[admin])
    services.organisation_verify(organisation=organisation, actor=UserFactory())
    text = sent_to(admin)
    assert "“Solgården” is verified by the municipality" in text
    assert "Why you got this email: You are an administrator of “Solgården”." in text
    assert organisation.get_absolute_url() in text
    client.force_login(admin)
    centre = client.get(reverse("notification_centre")).content.decode()
    assert "“Solgården” is verified by the municipality" in centre
    settings_page = client.get(reverse("notification_preferences")).content.decode()
    assert "Your organisations" in settings_page and "kind-organisation-verified" in settings_page


def test_an_accepted_invitation_is_told_to_the_inviting_admin(client):
    admin = UserFactory(preferred_language="da")
    organisation = OrganisationFactory(name="Solgården", admins=[admin])
    invitation = InvitationFactory(organisation=organisation, invited_by=admin, email="n@x.dk")
    services.invitation_accept(
        invitation=invitation, user=UserFactory(email="n@x.dk", display_name="Niels")
    )
    text = sent_to(admin)
    assert "Niels har taget imod din invitation til “Solgården”" in text
    assert reverse("frontend:organisation_members", args=[organisation.slug]) in text


# --- programmes, applications and agreements -------------------------------------------


def _applied(admin_language="da", coordinator_language="en"):
    from django.utils import timezone

    from tests.partnerships.factories import ProgrammeFactory, coordinator_make

    coordinator = coordinator_make(preferred_language=coordinator_language)
    admin = UserFactory(preferred_language=admin_language)
    organisation = OrganisationFactory(name="Solgården", admins=[admin], verified_at=timezone.now())
    programme = ProgrammeFactory(name="Klimaalliancen", coordinators=[coordinator])
    application = services.application_submit(
        programme=programme, organisation=organisation, actor=admin, answers=["Varmepumper"]
    )
    return coordinator, admin, application


def test_a_new_application_is_emailed_to_the_programmes_coordinators(client):
    coordinator, _admin, application = _applied()
    text = sent_to(coordinator)
    assert "“Solgården” applies to “Klimaalliancen”" in text
    assert "Why you got this email: You are a coordinator of “Klimaalliancen”." in text
    assert application.get_absolute_url() in text


def test_a_decision_is_emailed_to_the_organisations_admins_with_the_message(client):
    coordinator, admin, application = _applied(admin_language="da")
    services.application_decide(
        application=application,
        actor=coordinator,
        decision="changes_requested",
        message="Skriv mere om jeres mål for 2030.",
    )
    text = sent_to(admin)
    assert "Kommunen beder om ændringer i jeres ansøgning til “Klimaalliancen”" in text
    assert "Skriv mere om jeres mål for 2030." in text
    client.force_login(admin)
    centre = client.get(reverse("notification_centre")).content.decode()
    assert "Kommunen beder om ændringer" in centre


def test_a_commitment_reminder_is_emailed_to_its_owner(client):
    from django.utils import timezone

    coordinator, _admin, application = _applied()
    application = services.application_decide(
        application=application,
        actor=coordinator,
        decision="approved",
        message="Velkommen",
        review_date=timezone.localdate() + timedelta(days=365),
    )
    services.commitment_add(
        agreement=application.agreement,
        actor=coordinator,
        text="Data om varmeforbrug",
        due_date=timezone.localdate() - timedelta(days=1),
        owner=coordinator,
    )
    Delivery.objects.filter(recipient=coordinator).delete()
    services.commitment_reminders_record(today=timezone.localdate())
    text = sent_to(coordinator)
    assert "A commitment to “Solgården” is overdue" in text
    assert "Data om varmeforbrug" in text
    assert application.agreement.get_absolute_url() in text
