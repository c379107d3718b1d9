"""The public side of the climate partnerships as people see it: the partner directory
(filters kept in the URL, name search, pages, values that do not fit named and ignored),
a partner's page (both sides' commitments, derived status, a small chart and table of its
verified values per commitment), a programme's partners and totals, and the partnerships
working on a focus area. Only partners with an agreement the public sees are listed.
Every page runs a constant number of queries however much there is."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engage.taxonomy.models import FocusArea
from partnerships.models import AgreementStatus, Commitment, Kind, ProgressReport, Sector
from partnerships.selectors import commitment_progress
from tests.factories import UserFactory
from tests.partnerships.factories import (
    ChecklistCommitmentFactory,
    HousingFactory,
    OrganisationFactory,
    PartnerCommitmentFactory,
    ProgrammeFactory,
    agreement_make,
    coordinator_make,
    verified_value_make,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("frontend:partner_list")


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()


def text_of(response) -> str:
    return response.content.decode()


def listed(response) -> list[str]:
    """The partners' names on a directory page, in order."""
    return re.findall(
        r'<h3 id="partner-\d+" class="card-heading h4"><a href="[^"]+">([^<]+)</a>',
        text_of(response),
    )


def partner(name: str, *, programme=None, factory=OrganisationFactory, **kwargs):
    organisation = factory(name=name, verified_at=timezone.now(), **kwargs)
    agreement_make(organisation=organisation, programme=programme)
    return organisation


def queries(client, url: str, *, fresh: bool = False) -> int:
    client.get(url)  # sessions and caches settle
    if fresh:  # what the first visitor after a change reads
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# --- the directory ---------------------------------------------------------------------


def test_only_partners_with_an_agreement_the_public_sees_are_listed(client):
    partner("Aktiv Partner A/S")
    paused = partner("Pauset Partner A/S")
    paused.agreements.update(status=AgreementStatus.PAUSED)
    ended = partner("Afsluttet Partner A/S")
    ended.agreements.update(status=AgreementStatus.ENDED)
    OrganisationFactory(name="Uden Aftale A/S", verified_at=timezone.now())
    OrganisationFactory(name="Ikke Verificeret A/S")
    response = client.get(DIRECTORY, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert listed(response) == ["Aktiv Partner A/S"]
    assert "1 partner found" in text_of(response)


def test_filters_by_kind_sector_programme_and_focus_area_and_searches_names(client):
    area = FocusArea.objects.order_by("pk").first()
    schools = ProgrammeFactory(name="Grønne skoler", eligible_kinds=[Kind.SCHOOL])
    partner("Solgården A/S", sector=Sector.ENERGY)
    partner("Engen Boligforening", factory=HousingFactory)
    school = partner("Engskolen", programme=schools, kind=Kind.SCHOOL, cvr="")
    PartnerCommitmentFactory(agreement=school.agreements.get(), focus_area=area)
    # A withdrawn commitment in the area does not count.
    withdrawn = PartnerCommitmentFactory(
        agreement=partner("Vindmøllen ApS").agreements.get(), focus_area=area
    )
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()

    assert listed(client.get(DIRECTORY, {"kind": "housing"})) == ["Engen Boligforening"]
    assert listed(client.get(DIRECTORY, {"sector": "buildings"})) == ["Engen Boligforening"]
    assert listed(client.get(DIRECTORY, {"programme": schools.slug})) == ["Engskolen"]
    assert listed(client.get(DIRECTORY, {"focus_area": area.slug})) == ["Engskolen"]
    assert listed(client.get(DIRECTORY, {"q": "sol"})) == ["Solgården A/S"]
    assert listed(client.get(DIRECTORY, {"q": "ENG"})) == ["Engen Boligforening", "Engskolen"]
    both = client.get(DIRECTORY, {"q": "eng", "kind": "school"})
    assert listed(both) == ["Engskolen"]
    # The form shows what is used, so a visitor sees why.
    page = text_of(both)
    assert 'value="eng"' in page
    assert re.search(r'<option value="school"[^>]*selected', page)
    assert listed(client.get(DIRECTORY, {"q": "findes ikke"})) == []
    nothing = client.get(DIRECTORY, {"q": "findes ikke"}, headers={"accept-language": "en"})
    assert "No partners match the filters." in text_of(nothing)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"kind": "rumskib"}, "Kind of organisation"),
        ({"sector": "x" * 50}, "Sector"),
        ({"programme": "findes-ikke"}, "Programme"),
        ({"focus_area": "findes-ikke"}, "Focus area"),
        ({"q": "n" * 500}, "Name"),
        ({"q": "nul\x00tegn"}, "Name"),
    ],
)
def test_a_filter_that_does_not_fit_is_named_and_left_out(client, query, named):
    partner("Solgården A/S")
    partner("Engen Boligforening", factory=HousingFactory)
    response = client.get(DIRECTORY, query, headers={"accept-language": "en"})
    assert response.status_code == 200
    page = text_of(response)
    assert "Some filters could not be used and are left out" in page
    assert f"<li>{named}: " in page
    assert listed(response) == ["Engen Boligforening", "Solgården A/S"]


def test_a_filter_that_does_not_fit_is_named_in_danish(client):
    partner("Solgården A/S")
    page = text_of(client.get(DIRECTORY, {"kind": "rumskib"}, headers={"accept-language": "da"}))
    assert "Nogle filtre kunne ikke bruges og er udeladt" in page
    assert "<li>Type organisation: " in page


def test_pages_keep_the_filters_and_odd_page_numbers_do_not_fail(client):
    for n in range(30):
        partner(f"Partner {n:02d}", factory=HousingFactory)
    partner("Firma A/S")
    first = client.get(DIRECTORY, {"kind": "housing"})
    assert len(listed(first)) == 25
    assert "?kind=housing&amp;page=2" in text_of(first)
    second = client.get(DIRECTORY, {"kind": "housing", "page": "2"})
    assert listed(second) == [f"Partner {n:02d}" for n in range(25, 30)]
    for odd in ("abc", "-1", "0", "99999999999999999999999", "3"):
        response = client.get(DIRECTORY, {"kind": "housing", "page": odd})
        assert response.status_code == 200, odd
        assert len(listed(response)) in (25, 5)


def test_the_directory_answers_only_reads(client):
    assert client.post(DIRECTORY).status_code == 405
    assert (
        client.get(reverse("frontend:organisation_detail", args=["findes-ikke"])).status_code == 404
    )


def test_the_directory_runs_a_constant_number_of_queries(client):
    programme = ProgrammeFactory()
    partner("Første A/S", programme=programme)
    counts = [
        queries(client, DIRECTORY),
        queries(client, f"{DIRECTORY}?programme={programme.slug}"),
    ]
    for n in range(6):
        organisation = partner(f"Partner {n}", programme=programme)
        agreement_make(organisation=organisation)  # a second programme
    assert [
        queries(client, DIRECTORY),
        queries(client, f"{DIRECTORY}?programme={programme.slug}"),
    ] == counts


def test_the_directory_is_found_from_the_programmes_and_a_partners_page(client):
    organisation = partner("Solgården A/S")
    assert f'href="{DIRECTORY}"' in text_of(client.get(reverse("frontend:programme_list")))
    assert f'href="{DIRECTORY}"' in text_of(client.get(organisation.get_absolute_url()))
    programme = organisation.agreements.get().programme
    page = text_of(client.get(programme.get_absolute_url()))
    assert f'href="{DIRECTORY}?programme={programme.slug}"' in page


# --- a partner's page --------------------------------------------------------------------


@pytest.fixture
def world():
    coordinator = coordinator_make(display_name="Karin Koordinator")
    organisation = OrganisationFactory(name="Solgården A/S", verified_at=timezone.now())
    agreement = agreement_make(
        organisation=organisation,
        programme=ProgrammeFactory(coordinators=[coordinator]),
        start_date=date(2022, 1, 1),
    )
    Commitment.objects.create(
        agreement=agreement, text="Energirådgivning", due_date=date(2026, 6, 30), owner=coordinator
    )
    commitment = PartnerCommitmentFactory(agreement=agreement, title="Halver udledningen")
    return {
        "coordinator": coordinator,
        "organisation": organisation,
        "agreement": agreement,
        "commitment": commitment,
    }


def test_the_partners_page_shows_both_sides_and_verified_progress_over_time(
    client, world, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from partnerships.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    commitment = world["commitment"]
    verified = [
        verified_value_make(
            commitment=commitment, year=year, value=Decimal(value), verifier=world["coordinator"]
        )
        for year, value in ((2022, "100"), (2023, "93"), (2024, "81.5"))
    ]

    def evidence(value, name):
        file = Evidence(
            report=value.report,
            value=value,
            original_name=name,
            content_type="application/pdf",
            size=9,
        )
        file.file.save("e.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        file.save()

    evidence(verified[1], "energiregnskab-2023.pdf")
    pending = ProgressReport.objects.create(
        agreement=world["agreement"],
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        due_date=date(2026, 3, 31),
        status="submitted",
    )
    evidence(
        pending.values.create(commitment=commitment, value=Decimal("12345"), source="Gæt"),
        "hemmelig.pdf",
    )
    page = text_of(
        client.get(world["organisation"].get_absolute_url(), headers={"accept-language": "en"})
    )
    # The municipality's side.
    assert "What the municipality commits to" in page and "Energirådgivning" in page
    # The partner's side, with its derived status.
    assert "What Solgården A/S commits to" in page and "Halver udledningen" in page
    # One small chart, named and described, and its numbers in a table, oldest first.
    chart = page[page.index(f'id="progress-{commitment.pk}-heading"') :]
    chart = chart[: chart.index("</figure>")]
    assert (
        'role="img"' in chart
        and f'aria-labelledby="progress-{commitment.pk}-title progress-{commitment.pk}-desc"'
        in chart
    )
    assert "Verified values of “Halver udledningen”" in chart
    assert "2022: 100 tonnes CO₂e; 2024: 81.5 tonnes CO₂e. Target in 2030: 50 tonnes CO₂e." in chart
    rows = re.findall(
        r'<th scope="row">(\d{4})</th>\s*<td class="align-text-right">([\d.,]+)</td>', chart
    )
    assert rows == [("2022", "100"), ("2023", "93"), ("2024", "81.5")]
    assert chart.count("<circle") == 3
    assert "Karin Koordinator" in chart
    # The file backing a verified value is linked; pending values count nowhere public.
    assert "energiregnskab-2023.pdf</a>" in chart
    assert "hemmelig.pdf" not in page
    assert "12345" not in page and "12.345" not in page and "Gæt" not in page


def test_a_green_action_shows_whether_it_was_carried_out(client, world):
    cups = ChecklistCommitmentFactory(agreement=world["agreement"])
    verified_value_make(commitment=cups, year=2023, value=Decimal("90"), done=True)
    verified_value_make(commitment=cups, year=2024, done=False)
    page = text_of(
        client.get(world["organisation"].get_absolute_url(), headers={"accept-language": "en"})
    )
    chart = page[page.index(f'id="progress-{cups.pk}-heading"') :]
    chart = chart[: chart.index("</figure>")]
    assert "Carried out in 1 of 2 reported periods." in chart
    assert re.search(r"<th scope=\"row\">2023</th>\s*<td>Yes</td>", chart)
    assert re.search(r"<th scope=\"row\">2024</th>\s*<td>No</td>", chart)


def test_a_commitment_without_verified_values_says_so(client, world):
    page = text_of(
        client.get(world["organisation"].get_absolute_url(), headers={"accept-language": "en"})
    )
    chart = page[page.index(f'id="progress-{world["commitment"].pk}-heading"') :]
    chart = chart[: chart.index("</figure>")]
    assert "No value has been verified yet." in chart
    assert "<svg" not in chart and "<table" not in chart


@pytest.mark.parametrize(
    "values",
    [
        [],
        [(2023, "60")],  # on the path at its year
        [(2023, "99"), (2024, "45")],  # achieved
        [(2022, "100")],  # older than the last period due
        [(2023, "99"), (2024, "98")],  # behind
    ],
)
def test_the_partners_page_derives_the_status_as_everywhere_else(client, world, values):
    """The partner's page reads its values once; its status is commitment_progress's."""
    commitment = world["commitment"]
    for year, value in values:
        verified_value_make(commitment=commitment, year=year, value=Decimal(value))
    expected = commitment_progress(commitments=type(commitment).objects.filter(pk=commitment.pk))[0]
    page = text_of(
        client.get(world["organisation"].get_absolute_url(), headers={"accept-language": "en"})
    )
    figure = page[page.index(f'id="progress-{commitment.pk}-heading"') :]
    assert f">{expected.status_label}</span>" in figure[: figure.index("</figure>")]


def test_a_paused_agreement_is_not_shown_in_public(client, world):
    world["agreement"].status = AgreementStatus.PAUSED
    world["agreement"].save()
    page = text_of(client.get(world["organisation"].get_absolute_url()))
    assert "Energirådgivning" not in page and "Halver udledningen" not in page


@pytest.mark.parametrize("count", [1, 5])
def test_the_partners_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, world, count
):
    organisation = world["organisation"]
    for n in range(count):
        agreement = agreement_make(organisation=organisation, start_date=date(2022, 1, 1))
        Commitment.objects.create(
            agreement=agreement, text=f"Rådgivning {n}", due_date=date(2026, 1, 1)
        )
        for make in (PartnerCommitmentFactory, ChecklistCommitmentFactory):
            commitment = make(agreement=agreement)
            for year in (2022, 2023, 2024):
                verified_value_make(
                    commitment=commitment, year=year, value=Decimal("70"), done=True
                )
    festival = agreement_make(
        organisation=organisation, programme=ProgrammeFactory(reporting_rhythm="per_event")
    )
    ChecklistCommitmentFactory(agreement=festival)
    # The organisation, the proposal count, and six for the agreements, both sides'
    # commitments, the verified values and their evidence, and the events due.
    with django_assert_max_num_queries(8):
        response = client.get(organisation.get_absolute_url())
    assert text_of(response).count('class="partner-spark"') == 2 * count + 2


# --- a programme's page ------------------------------------------------------------------


def test_a_programmes_page_lists_its_public_partners_with_their_totals(client):
    programme = ProgrammeFactory()
    first = partner("Solgården A/S", programme=programme)
    second = partner("Engen Boligforening", programme=programme, factory=HousingFactory)
    paused = partner("Pauset A/S", programme=programme)
    paused.agreements.update(status=AgreementStatus.PAUSED)
    # 100 → 50 committed, 80 verified: 20 achieved; 200 → 100 committed, none verified.
    one = PartnerCommitmentFactory(agreement=first.agreements.get())
    verified_value_make(commitment=one, year=2023, value=Decimal("90"))
    verified_value_make(commitment=one, year=2024, value=Decimal("80"))
    PartnerCommitmentFactory(
        agreement=second.agreements.get(),
        baseline_value=Decimal("200"),
        target_value=Decimal("100"),
    )
    ChecklistCommitmentFactory(agreement=second.agreements.get())
    PartnerCommitmentFactory(agreement=paused.agreements.get(), baseline_value=Decimal("9000"))
    page = text_of(client.get(programme.get_absolute_url(), headers={"accept-language": "en"}))
    partners = page[page.index('id="partners-heading"') :]
    assert "Solgården A/S" in partners and "Engen Boligforening" in partners
    assert "Pauset A/S" not in page
    facts = page[page.index('id="totals-heading"') : page.index('id="partners-heading"')]
    assert re.search(r"<dt>Partners</dt><dd>2</dd>", facts)
    assert re.search(r"<dt>The partners\W+ commitments</dt><dd>3</dd>", facts)
    # Its 2024 value is older than the last year due (2025): all three are not reported.
    assert re.search(r"Not reported</span></th><td class=\"align-text-right\">3</td>", facts)
    # Counted as the climate dashboard counts them: scope 1 and 2 apart from scope 3.
    assert re.search(r"<dt>Committed, scope 1 and 2</dt>\s*<dd>150 tCO2e", facts)
    assert re.search(r"<dt>Achieved, scope 1 and 2</dt>\s*<dd>20 tCO2e", facts)
    assert "scope 3" not in facts
    assert f"/klima/?programme={programme.slug}" in facts
    assert "from the latest verified values of 1 of 2" in facts


def test_a_programmes_page_runs_a_constant_number_of_queries(client):
    programme = ProgrammeFactory()
    programme.focus_areas.set(FocusArea.objects.all()[:2])
    partner("Første A/S", programme=programme)
    url = programme.get_absolute_url()
    before = (queries(client, url, fresh=True), queries(client, url))
    for n in range(5):
        organisation = partner(f"Partner {n}", programme=programme)
        commitment = PartnerCommitmentFactory(agreement=organisation.agreements.get())
        verified_value_make(commitment=commitment, year=2024, value=Decimal("70"))
    assert (queries(client, url, fresh=True), queries(client, url)) == before
    # Kept, the totals cost one query in place of six.
    assert before[0] - before[1] == 5


def test_a_programmes_totals_follow_a_verified_value_and_a_paused_agreement(client):
    """The totals are kept between visits; any change they count shows on the next one."""
    from partnerships import services
    from tests.partnerships.factories import agreement_approve

    agreement = agreement_approve()
    programme, admin, coordinator = agreement.programme, agreement.admin, agreement.coordinator
    agreement.start_date = date(2023, 1, 1)
    agreement.save(update_fields=["start_date"])
    commitment = PartnerCommitmentFactory(agreement=agreement)
    url = programme.get_absolute_url()

    def achieved() -> str:
        page = text_of(client.get(url, headers={"accept-language": "en"}))
        found = re.search(r"<dt>Achieved, scope 1 and 2</dt>\s*<dd>([^ ]+) tCO2e", page)
        return found.group(1) if found else ""

    assert achieved() == "0"
    report = services.report_start(agreement=agreement, actor=admin, year=2025)
    services.report_values_set(
        report=report,
        actor=admin,
        story="",
        entries=[services.ValueEntry(commitment.pk, "Energiregnskab", Decimal("64"))],
    )
    services.report_submit(report=report, actor=admin)
    assert achieved() == "0"  # submitted, not verified
    services.report_review(
        report=report,
        actor=coordinator,
        decisions=[services.ValueDecision(v.pk, "verify") for v in report.values.all()],
    )
    assert achieved() == "36"
    services.agreement_act(agreement=agreement, actor=coordinator, action="paused", reason="Pause")
    assert achieved() == ""


def test_a_programme_with_many_partners_shows_the_first_and_leads_to_the_rest(client):
    programme = ProgrammeFactory(name="Klimaalliancen")
    for n in range(31):
        partner(f"Partner {n:02d}", programme=programme)
    page = text_of(client.get(programme.get_absolute_url(), headers={"accept-language": "en"}))
    partners = page[page.index('id="partners-heading"') :]
    partners = partners[: partners.index("</section>")]
    assert partners.count("<li>") == 30
    assert "Partner 29" in partners and "Partner 30" not in partners
    assert "Find all 31 partners in Klimaalliancen" in partners


# --- a focus area's page -----------------------------------------------------------------


def test_a_focus_area_shows_the_partnerships_working_on_it(client):
    area, other = FocusArea.objects.order_by("pk")[:2]
    programme = ProgrammeFactory(name="Klimaalliancen")
    programme.focus_areas.set([area])
    ProgrammeFactory(name="Andet program").focus_areas.set([other])
    working = partner("Solgården A/S")
    PartnerCommitmentFactory(
        agreement=working.agreements.get(), focus_area=area, title="Solceller på taget"
    )
    elsewhere = partner("Andetsteds A/S")
    PartnerCommitmentFactory(agreement=elsewhere.agreements.get(), focus_area=other)
    paused = partner("Pauset A/S")
    PartnerCommitmentFactory(agreement=paused.agreements.get(), focus_area=area)
    paused.agreements.update(status=AgreementStatus.PAUSED)
    page = text_of(client.get(reverse("frontend:focus_area", args=[area.slug])))
    section = page[page.index('id="focus-area-partnerships-heading"') :]
    section = section[: section.index("</section>")]
    assert "Klimaalliancen" in section and "Andet program" not in section
    assert "Solgården A/S" in section and "Solceller på taget" in section
    assert "Andetsteds A/S" not in section and "Pauset A/S" not in section
    assert f"{DIRECTORY}?focus_area={area.slug}" in section
    # Next to the proposals.
    assert 'id="focus-area-proposals-heading"' in page


def test_a_focus_area_without_partnerships_says_so(client):
    area = FocusArea.objects.order_by("pk").first()
    page = text_of(
        client.get(
            reverse("frontend:focus_area", args=[area.slug]), headers={"accept-language": "en"}
        )
    )
    assert "No climate partnership works on this focus area yet." in page


def test_a_focus_area_page_runs_a_constant_number_of_queries(client):
    area = FocusArea.objects.order_by("pk").first()
    url = reverse("frontend:focus_area", args=[area.slug])

    def grow(n: int) -> None:
        for _ in range(n):
            organisation = partner(f"Partner {FocusArea.objects.count()}-{timezone.now()}")
            PartnerCommitmentFactory(agreement=organisation.agreements.get(), focus_area=area)
            ProgrammeFactory().focus_areas.set([area])

    grow(1)
    before = queries(client, url)
    grow(14)  # past the number shown
    assert queries(client, url) == before
    page = text_of(client.get(url, headers={"accept-language": "en"}))
    assert page.count('<li class="mt-3"><a href="/organisationer/') == 12
    assert "All partners working on" in page


# --- who is listed: the rule and its queryset ---------------------------------------------


@pytest.mark.parametrize(
    ("status", "listed_as_partner"),
    [
        (AgreementStatus.ACTIVE, True),
        (AgreementStatus.PAUSED, False),
        (AgreementStatus.ENDED, False),
        (None, False),
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "citizen", "coordinator", "member"])
def test_the_rule_and_the_queryset_agree_on_who_is_a_public_partner(status, listed_as_partner, who):
    from django.contrib.auth.models import AnonymousUser

    from partnerships.models import Membership, Organisation

    organisation = OrganisationFactory(verified_at=timezone.now())
    if status is not None:
        agreement = agreement_make(organisation=organisation)
        agreement.status = status
        agreement.save()
    user = {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "coordinator": coordinator_make(),
        "member": UserFactory(),
    }[who]
    if who == "member":
        Membership.objects.create(organisation=organisation, user=user)
    assert user.has_perm("partnerships.list_partner", organisation) is listed_as_partner
    assert (
        Organisation.objects.public_partners().filter(pk=organisation.pk).exists()
        is listed_as_partner
    )


def test_an_organisation_ending_its_agreement_leaves_the_directory(client):
    organisation = partner("Solgården A/S")
    assert listed(client.get(DIRECTORY)) == ["Solgården A/S"]
    organisation.agreements.update(status=AgreementStatus.ENDED)
    assert listed(client.get(DIRECTORY)) == []
