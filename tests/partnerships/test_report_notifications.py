"""What progress reports tell people, as they read it: the coordinators of a submitted
report, the organisation's admins of the decision round (one message, not one per value)
and of reports due or overdue, by email and in the notification centre."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from engage.mail.services import outgoing_email_due_ids, outgoing_emails_send
from notifications import sending
from notifications.models import Delivery
from partnerships import services
from tests.factories import UserFactory
from tests.partnerships.factories import (
    OrganisationFactory,
    PartnerCommitmentFactory,
    ProgrammeFactory,
    agreement_make,
    coordinator_make,
)
from tests.partnerships.test_notifications import sent_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


@pytest.fixture
def world():
    coordinator = coordinator_make(preferred_language="en")
    admin = UserFactory(preferred_language="da")
    organisation = OrganisationFactory(name="Solgården", admins=[admin])
    programme = ProgrammeFactory(name="Klimaalliancen", coordinators=[coordinator])
    agreement = agreement_make(
        organisation=organisation, programme=programme, start_date=date(2023, 1, 1)
    )
    first = PartnerCommitmentFactory(agreement=agreement)
    second = PartnerCommitmentFactory(agreement=agreement)
    report = services.report_start(agreement=agreement, actor=admin, year=2024)
    services.report_values_set(
        report=report,
        actor=admin,
        entries=[
            services.ValueEntry(commitment_id=c.pk, value=Decimal(80), source="Måler")
            for c in (first, second)
        ],
    )
    return {"coordinator": coordinator, "admin": admin, "report": report}


def test_the_coordinator_hears_of_a_submitted_report_in_their_language(world):
    services.report_submit(report=world["report"], actor=world["admin"])
    text = sent_to(world["coordinator"])
    assert "“Solgården” submitted its progress report for 2024" in text
    assert reverse("frontend:report_review", args=[world["report"].pk]) in text
    assert "You are a coordinator of “Klimaalliancen”." in text


def test_the_admins_get_one_message_per_decision_round(world, client):
    report = services.report_submit(report=world["report"], actor=world["admin"])
    first, second = report.values.order_by("pk")
    services.report_review(
        report=report,
        actor=world["coordinator"],
        decisions=[
            services.ValueDecision(first.pk, "verify"),
            services.ValueDecision(second.pk, "return", "Vedlæg elregningen."),
        ],
    )
    text = sent_to(world["admin"])  # exactly one delivery, or sent_to fails
    assert "sendt tilbage til rettelse" in text
    assert "Vedlæg elregningen." in text
    assert reverse("frontend:report_detail", args=[report.pk]) in text
    client.force_login(world["admin"])
    centre = client.get(reverse("notification_centre")).content.decode()
    assert "Jeres fremskridtsrapport for 2024 i “Klimaalliancen”" in centre


def test_a_reminder_names_the_period_and_due_date(world):
    written = services.report_reminders_record(today=date(2025, 3, 10))
    assert sorted((r.period_end.year, r.kind) for r in written) == [
        (2023, "overdue"),
        (2024, "due"),
    ]
    for delivery in Delivery.objects.filter(recipient=world["admin"]):
        sending.deliveries_send_immediate(event_id=delivery.event_id)
    outgoing_emails_send(email_ids=outgoing_email_due_ids(older_than=timedelta(0)))
    subjects = [m.subject for m in mail.outbox]
    assert (
        "Fremskridtsrapporten for 2024 i “Klimaalliancen” skal indsendes senest 31.03.2025"
        in subjects
    )
    assert (
        "Fremskridtsrapporten for 2023 i “Klimaalliancen” er forsinket (frist 31.03.2024)"
        in subjects
    )
