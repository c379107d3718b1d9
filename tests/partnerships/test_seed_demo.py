"""`manage.py seed_demo_partnerships`: the demo organisations and their admin logins."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from engage.accounts.management.commands.seed_demo import DEMO_PASSWORD
from partnerships.models import Membership, Organisation
from proposals.lifecycle import Status
from proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _run(name: str) -> str:
    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def test_demo_organisations_once_with_working_admin_logins(settings, client):
    settings.DEBUG = True
    _run("seed_demo")
    _run("seed_demo_content")
    first = _run("seed_demo_partnerships")
    second = _run("seed_demo_partnerships")
    for output in (first, second):
        assert "virksomhed@example.com" in output and "boligforening@example.com" in output
    assert "created" in first and "created" not in second
    assert "Solgården Energi A/S (verified)" in second
    assert "Boligforeningen Engen (verified)" in second
    assert "Egebjerg Skole (awaiting verification)" in second

    company = Organisation.objects.get(name="Solgården Energi A/S")
    housing = Organisation.objects.get(name="Boligforeningen Engen")
    school = Organisation.objects.get(name="Egebjerg Skole")
    assert company.is_verified and housing.is_verified and not school.is_verified
    assert Organisation.objects.count() == 4 and Membership.objects.count() == 4
    proposal = Proposal.objects.get(organisation=company)
    assert proposal.status == Status.PUBLISHED

    response = client.post(
        reverse("account_login"), {"login": "virksomhed@example.com", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    page = client.get(reverse("my_organisations")).content.decode()
    assert "Solgården Energi A/S" in page


def test_demo_programme_with_an_active_agreement_once(settings):
    from partnerships.models import Agreement, Commitment, Programme

    settings.DEBUG = True
    _run("seed_demo")
    _run("seed_demo_content")
    output = _run("seed_demo_partnerships")
    _run("seed_demo_partnerships")
    assert Programme.objects.count() == 2 and Agreement.objects.count() == 3
    programme = Programme.objects.get(name="Klimaalliancen")
    assert programme.is_open
    agreement = Agreement.objects.get(programme=programme, organisation__kind="company")
    assert agreement.status == "active"
    assert agreement.organisation.name == "Solgården Energi A/S"
    assert Commitment.objects.filter(agreement=agreement).count() == 2
    assert set(programme.coordinators.values_list("email", flat=True)) == {
        "koordinator@example.com",
        "admin@example.com",
    }
    assert agreement.get_absolute_url() in output
    assert "koordinator@example.com" in output
    owners = set(Commitment.objects.values_list("owner__email", flat=True))
    assert owners == {"koordinator@example.com"}


def test_the_demo_coordinator_signs_in_with_two_factor_and_decides_for_the_programme(
    settings, client
):
    from allauth.mfa.models import Authenticator

    from engage.accounts.management.commands.seed_demo import demo_totp_code
    from partnerships.models import Agreement

    settings.DEBUG = True
    logins = _run("seed_demo")
    _run("seed_demo_content")
    _run("seed_demo_partnerships")
    assert "koordinator@example.com" in logins and "coordinator" in logins
    response = client.post(
        reverse("account_login"), {"login": "koordinator@example.com", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert Authenticator.objects.filter(user__email="koordinator@example.com").exists()
    response = client.post(reverse("mfa_authenticate"), {"code": demo_totp_code()})
    assert response.status_code == 302
    workspace = client.get(reverse("frontend:partnership_workspace"))
    assert workspace.status_code == 200
    agreement = Agreement.objects.get(organisation__name="Solgården Energi A/S")
    page = client.get(agreement.get_absolute_url())
    assert page.status_code == 200
    assert reverse("frontend:agreement_act", args=[agreement.pk]) in page.content.decode()


def test_three_verified_partners_with_two_periods_of_verified_progress(settings, client):
    """A company, a housing association and a festival, each with an agreement, measurable
    commitments and two verified periods; the housing association's third report waits for
    the coordinator, and the statuses follow from the verified values."""
    from partnerships import selectors
    from partnerships.models import Agreement, ProgressReport

    settings.DEBUG = True
    _run("seed_demo")
    _run("seed_demo_content")
    _run("seed_demo_partnerships")
    _run("seed_demo_partnerships")  # adds no second set of reports
    agreements = {a.organisation.kind: a for a in Agreement.objects.select_related("organisation")}
    assert set(agreements) == {"company", "housing", "festival"}
    for agreement in agreements.values():
        assert agreement.organisation.is_verified and agreement.status == "active"
        assert agreement.partner_commitments.count() >= 2
        assert agreement.reports.filter(status="verified").count() == 2
    assert (
        ProgressReport.objects.filter(status="submitted").get().agreement == agreements["housing"]
    )
    assert agreements["festival"].programme.reporting_rhythm == "per_event"
    statuses = {
        kind: sorted(str(row.status) for row in selectors.agreement_progress(agreement=agreement))
        for kind, agreement in agreements.items()
    }
    assert statuses["company"] == ["achieved", "behind", "on_track"]
    assert set(statuses["festival"]) == {"achieved"}
    assert set(statuses["housing"]) == {"not_reported"}  # the latest year awaits verification

    # The demo coordinator finds the waiting report in the review queue.
    from engage.accounts.management.commands.seed_demo import demo_totp_code

    client.post(
        reverse("account_login"), {"login": "koordinator@example.com", "password": DEMO_PASSWORD}
    )
    client.post(reverse("mfa_authenticate"), {"code": demo_totp_code()})
    queue = client.get(reverse("frontend:report_queue"))
    assert queue.status_code == 200 and "Boligforeningen Engen" in queue.content.decode()
