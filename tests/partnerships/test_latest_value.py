"""A commitment's latest verified value is the same everywhere: the dashboard's sums, the
derived status (commitment_progress), the agreement page and the partner's page all take
the first verified value by period end, then when it was verified, then its id."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships import selectors
from partnerships.models import (
    PartnerCommitment,
    ProgressReport,
    ProgressValue,
    ReportStatus,
    ValueState,
)
from tests.partnerships.factories import (
    OrganisationFactory,
    PartnerCommitmentFactory,
    agreement_make,
)
from tests.partnerships.test_dashboard_partners import english
from tests.partnerships.test_inventory import page_text

pytestmark = pytest.mark.django_db


def value_make(*, commitment, start: date, end: date, value, verified_at, state=None):
    """A value of `commitment` in a report of its own for the period start..end."""
    report = ProgressReport.objects.create(
        agreement=commitment.agreement,
        period_start=start,
        period_end=end,
        due_date=end + timedelta(days=90),
        status=ReportStatus.VERIFIED,
        submitted_at=timezone.now(),
    )
    return ProgressValue.objects.create(
        report=report,
        commitment=commitment,
        value=Decimal(value),
        source="Elmåler",
        state=state or ValueState.VERIFIED,
        verified_at=verified_at,
    )


@pytest.fixture
def commitment():
    """Scope 1, 100 → 50 tCO2e, with verified values whose order needs every key of the
    rule: 2023's verified last; three ending with 2024, two verified at the same moment
    (the later id, 65, is the latest); and a pending 10 for 2025 that counts nowhere."""
    agreement = agreement_make(organisation=OrganisationFactory(verified_at=timezone.now()))
    commitment = PartnerCommitmentFactory(
        agreement=agreement, scope=1, baseline_value=Decimal(100), target_value=Decimal(50)
    )
    now = timezone.now()
    end = date(2024, 12, 31)
    value_make(commitment=commitment, start=date(2024, 1, 1), end=end, value=70, verified_at=now)
    moment = now + timedelta(hours=1)
    value_make(commitment=commitment, start=date(2024, 3, 1), end=end, value=60, verified_at=moment)
    value_make(commitment=commitment, start=date(2024, 6, 1), end=end, value=65, verified_at=moment)
    value_make(
        commitment=commitment,
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        value=90,
        verified_at=now + timedelta(days=2),
    )
    value_make(
        commitment=commitment,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        value=10,
        verified_at=None,
        state=ValueState.PENDING,
    )
    return commitment


def test_the_dashboard_sums_the_latest_verified_value(commitment):
    text = page_text(english().get("/klima/"))
    assert "Verified values show 35 tCO2e cut within the municipality (1 of 1" in text
    text = page_text(english().get("/klima/", {"year_to": "2023"}))
    assert "Verified values show 10 tCO2e cut within the municipality (1 of 1" in text


def test_the_status_the_agreement_page_and_the_partner_page_agree(commitment):
    progress = selectors.commitment_progress(
        commitments=PartnerCommitment.objects.filter(pk=commitment.pk)
    )[0]
    page = selectors.agreement_page_get(pk=commitment.agreement_id).partner[0]
    public = selectors.organisation_agreements_public(
        organisation=commitment.agreement.organisation
    )[0].histories[0]
    assert progress.value.value == page.value.value == public.progress.value.value == 65
    assert progress.value.pk == page.value.pk == public.progress.value.pk
    assert progress.status == page.status == public.progress.status
    # The partner's page charts every verified value, oldest first, the latest last.
    assert [v.value for v in public.values] == [90, 70, 60, 65]
