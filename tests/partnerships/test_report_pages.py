"""Progress report pages as people use them: a member starts and fills a report (Danish
decimal commas), submits it; the coordinator finds it in the queue and verifies or sends
back each value; evidence files are served with safe headers and only to those allowed;
the agreement page shows each commitment's derived status and provenance, and the
organisation's public page verified values only. Lists run a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape

from partnerships.models import Evidence, ProgressReport, ProgressValue, ReportStatus
from tests.factories import UserFactory, give_totp
from tests.partnerships.factories import (
    OrganisationFactory,
    PartnerCommitmentFactory,
    ProgrammeFactory,
    agreement_make,
    coordinator_make,
    verified_value_make,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    coordinator = coordinator_make(display_name="Karin Koordinator")
    give_totp(coordinator)
    member = UserFactory(preferred_language="da")
    organisation = OrganisationFactory(name="Solgården A/S", members=[member])
    agreement = agreement_make(
        organisation=organisation,
        programme=ProgrammeFactory(coordinators=[coordinator]),
        start_date=date(2023, 1, 1),
    )
    commitment = PartnerCommitmentFactory(agreement=agreement, title="Halver udledningen")
    return {
        "coordinator": coordinator,
        "member": member,
        "organisation": organisation,
        "agreement": agreement,
        "commitment": commitment,
    }


def test_a_member_fills_and_submits_and_the_coordinator_sends_back_then_verifies(client, world):
    member, commitment = world["member"], world["commitment"]
    client.force_login(member)
    response = client.post(
        reverse("frontend:report_start", args=[world["agreement"].pk]), {"year": "2024"}
    )
    report = ProgressReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Halver udledningen" in page and f'name="value_{commitment.pk}"' in page

    # A bad value: the page says so on the field and keeps what was typed.
    response = client.post(
        report.get_absolute_url(),
        {f"value_{commitment.pk}": "-4", f"source_{commitment.pk}": "Elmåler", "story": "Godt år"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Værdien kan ikke være negativ." in text and "Godt år" in text
    response = client.post(
        report.get_absolute_url(),
        {f"value_{commitment.pk}": "87,5", f"source_{commitment.pk}": "Elmåler", "story": "Godt"},
    )
    assert response.status_code == 302
    value = ProgressValue.objects.get()
    assert (value.value, value.entered_via, value.entered_by) == (Decimal("87.5"), "page", member)
    client.post(reverse("frontend:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    client.force_login(world["coordinator"])
    queue = client.get(reverse("frontend:report_queue")).content.decode()
    assert reverse("frontend:report_review", args=[report.pk]) in queue
    agreement = report.agreement
    shown = f"{escape(agreement.organisation.name)} · {report.period_label}"
    assert shown in queue and escape(agreement.programme.name) in queue
    assert "1 værdi at verificere" in queue
    review_url = reverse("frontend:report_review", args=[report.pk])
    response = client.post(review_url, {f"value_{value.pk}": "return"})
    assert response.status_code == 400  # a comment is needed to send it back
    response = client.post(
        review_url, {f"value_{value.pk}": "return", f"comment_{value.pk}": "Vedlæg elregningen"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    client.force_login(member)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Vedlæg elregningen" in page
    client.post(
        report.get_absolute_url(),
        {f"value_{commitment.pk}": "86", f"source_{commitment.pk}": "Elregning"},
    )
    client.post(reverse("frontend:report_submit", args=[report.pk]))
    client.force_login(world["coordinator"])
    client.post(review_url, {f"value_{value.pk}": "verify"})
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED

    # The agreement page shows the derived status with provenance.
    page = client.get(world["agreement"].get_absolute_url()).content.decode()
    assert "Fremskridt" in page and "Karin Koordinator" in page and "Elregning" in page


def test_submitting_without_every_value_says_what_is_missing(client, world):
    client.force_login(world["member"])
    client.post(reverse("frontend:report_start", args=[world["agreement"].pk]), {"year": "2024"})
    report = ProgressReport.objects.get()
    response = client.post(reverse("frontend:report_submit", args=[report.pk]))
    assert response.status_code == 400
    assert "Halver udledningen" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def _evidence(report, value=None) -> Evidence:
    evidence = Evidence(
        report=report,
        value=value,
        original_name='faktura "2024".pdf',
        content_type="application/pdf",
        size=20,
    )
    evidence.file.save("e.pdf", ContentFile(b"%PDF-1.4\n%%EOF"), save=False)
    evidence.save()
    return evidence


def test_evidence_is_served_with_safe_headers_and_private_until_verified(client, world):
    report = ProgressReport.objects.create(
        agreement=world["agreement"],
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        due_date=date(2025, 3, 31),
        status="submitted",
    )
    value = report.values.create(commitment=world["commitment"], value=5, source="Måler")
    evidence = _evidence(report, value)
    url = evidence.get_absolute_url()
    assert client.get(url).status_code == 404  # private: nobody outside learns of it
    client.force_login(world["member"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert '"' not in response["Content-Disposition"].split("filename=", 1)[1].strip('"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    value.state = "verified"
    value.save()
    client.logout()
    assert client.get(url).status_code == 200  # verified: public with its value


def test_no_public_url_serves_uploaded_files(client, world):
    evidence = _evidence(
        ProgressReport.objects.create(
            agreement=world["agreement"],
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
            due_date=date(2025, 3, 31),
        )
    )
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_the_public_page_shows_verified_values_only(client, world):
    commitment = world["commitment"]
    verified_value_make(
        commitment=commitment, year=2023, value=Decimal("93"), verifier=world["coordinator"]
    )
    pending_report = ProgressReport.objects.create(
        agreement=world["agreement"],
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        due_date=date(2025, 3, 31),
        status="submitted",
    )
    pending_report.values.create(commitment=commitment, value=Decimal("12345"), source="Gæt")
    page = client.get(world["organisation"].get_absolute_url()).content.decode()
    assert "Halver udledningen" in page
    assert "93" in page and "Karin Koordinator" in page
    assert "12345" not in page and "12.345" not in page and "Gæt" not in page


def test_a_green_action_is_named_in_the_readers_language(client, world):
    """Its stored title is in the language of whoever added it; pages use the guide's."""
    from tests.partnerships.factories import ChecklistCommitmentFactory

    cups = ChecklistCommitmentFactory(agreement=world["agreement"], title="Genbrugskrus")
    verified_value_make(commitment=cups, year=2023, value=Decimal("90"), done=True)
    english = client.get(
        world["organisation"].get_absolute_url(), headers={"accept-language": "en"}
    ).content.decode()
    assert "Reusable cups and tableware instead of disposables" in english
    assert "Genbrugskrus" not in english
    danish = client.get(
        world["organisation"].get_absolute_url(), headers={"accept-language": "da"}
    ).content.decode()
    assert "Genbrugskrus og -service i stedet for engangsartikler" in danish


@pytest.mark.parametrize("count", [1, 6])
def test_the_review_queue_and_report_list_run_constant_queries(
    client, django_assert_max_num_queries, world, count
):
    coordinator = world["coordinator"]
    programme = world["agreement"].programme
    for n in range(count):
        agreement = agreement_make(programme=programme, start_date=date(2020, 1, 1))
        commitment = PartnerCommitmentFactory(agreement=agreement)
        for year in (2021, 2022):
            report = ProgressReport.objects.create(
                agreement=agreement,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                due_date=date(year + 1, 3, 31),
                status="submitted",
            )
            report.values.create(commitment=commitment, value=n, source="x")
        if n == 0:
            first = agreement
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("frontend:report_queue"))
    assert response.content.decode().count('class="card"') == 2 * count
    with django_assert_max_num_queries(12):
        response = client.get(reverse("frontend:report_list", args=[first.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_agreement_and_organisation_pages_show_progress_in_constant_queries(
    client, django_assert_max_num_queries, world, count
):
    agreement = world["agreement"]
    for _ in range(count):
        commitment = PartnerCommitmentFactory(agreement=agreement)
        for year in (2023, 2024):
            verified_value_make(commitment=commitment, year=year, value=Decimal("60"))
    with django_assert_max_num_queries(20):
        response = client.get(world["organisation"].get_absolute_url())
    assert response.status_code == 200
    client.force_login(world["member"])
    with django_assert_max_num_queries(25):
        response = client.get(agreement.get_absolute_url())
    assert response.status_code == 200


def test_another_organisations_member_cannot_open_the_report(client, world):
    report = ProgressReport.objects.create(
        agreement=world["agreement"],
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        due_date=date(2025, 3, 31),
    )
    stranger = UserFactory()
    OrganisationFactory(members=[stranger])
    client.force_login(stranger)
    assert client.get(report.get_absolute_url()).status_code == 403


def test_the_admin_shows_reports_read_only(client, world):
    from tests.factories import AdminFactory

    verified_value_make(commitment=world["commitment"], year=2023, value=Decimal("90"))
    report = ProgressReport.objects.get()
    superuser = AdminFactory()
    give_totp(superuser)
    client.force_login(superuser)
    assert client.get(reverse("admin:partnerships_progressreport_changelist")).status_code == 200
    url = reverse("admin:partnerships_progressreport_change", args=[report.pk])
    assert "Elmåler" in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 403


@pytest.mark.parametrize("count", [1, 4])
def test_the_review_page_lists_each_file_with_the_value_it_backs_in_constant_queries(
    client, django_assert_max_num_queries, world, count
):
    report = ProgressReport.objects.create(
        agreement=world["agreement"],
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        due_date=date(2025, 3, 31),
        status="submitted",
    )
    _evidence(report)  # the report as a whole
    for n in range(count):
        commitment = PartnerCommitmentFactory(agreement=world["agreement"], title=f"Mål {n}")
        _evidence(report, report.values.create(commitment=commitment, value=n, source="Måler"))
    client.force_login(world["coordinator"])
    url = reverse("frontend:report_review", args=[report.pk])
    client.get(url)  # warm the session's roles
    with django_assert_max_num_queries(6):
        response = client.get(url)
    page = response.content.decode()
    assert page.count(escape('faktura "2024".pdf')) == count + 1
    for n in range(count):
        assert f" · Mål {n})" in page
    assert "the report as a whole" in page or "rapporten som helhed" in page
