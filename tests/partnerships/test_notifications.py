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
