"""The climate dashboard's partner sections: every figure they show for a small inventory
and partners with known values (scope 1, 2 and 3, values not verified, a paused agreement, a
withdrawn commitment, a commitment in a unit of its own), the filters, and a constant
number of queries."""

import html as htmllib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from engage.cache import climate_dashboard_changed
from engage.taxonomy.models import FocusArea
from partnerships import dashboard, services
from partnerships.models import (
    AgreementStatus,
    Kind,
    ProgressReport,
    ProgressValue,
    ReportStatus,
    Sector,
    ValueState,
)
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
from tests.partnerships.test_inventory import (
    FIGURES,
    danish,
    english,
    page_text,
    rows_of,
    targets_default,
)

pytestmark = pytest.mark.django_db

URL = "/klima/"


def value_in_state(*, commitment, year: int, value, state: str) -> ProgressValue:
    """A value of `commitment` for `year` that is not verified (its own submitted report)."""
    report = ProgressReport.objects.create(
        agreement=commitment.agreement,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        due_date=date(year + 1, 3, 31),
        status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    return ProgressValue.objects.create(
        report=report, commitment=commitment, value=value, source="Måler", state=state
    )


def emissions(agreement, scope: int, baseline, target, **kwargs):
    return PartnerCommitmentFactory(
        agreement=agreement,
        scope=scope,
        baseline_value=Decimal(baseline),
        target_value=Decimal(target),
        **kwargs,
    )


def measure(agreement, metric: str, unit: str, baseline, target, **kwargs):
    return PartnerCommitmentFactory(
        agreement=agreement,
        metric=metric,
        unit=unit,
        scope=None,
        baseline_value=Decimal(baseline),
        target_value=Decimal(target),
        **kwargs,
    )


@pytest.fixture
def world():
    """The inventory of test_inventory (2020: energy 150, transport 250, agriculture 180,
    industry 40, waste 20) and three partners:

    A company in energy (programme "Alfa"), active: scope 1 100 → 50 (focus area
    klimahandlingsplan) verified 90 in 2023 and 70 in 2024 (a pending 10 for 2025);
    scope 2 40 → 30 in transport, verified 35; scope 3 200 → 100 (klimahandlingsplan),
    verified 150; waste 10 → 6 t, verified 8; a custom metric in "kg CO2e"; a withdrawn
    scope 1 1000 → 0 with a verified 0.
    A housing association (buildings, so energy; programme "Beta"), active: scope 1 60 → 20
    verified 50 (a returned 0 for 2025); energy 500 → 400 MWh verified 450; food waste
    1000 → 600 kg without a verified value.
    A company in programme "Alfa" whose agreement is paused: scope 1 500 → 100, verified 200.
    """
    coordinator = coordinator_make()
    targets_default()
    services.inventory_import(
        actor=coordinator,
        rows=rows_of(FIGURES),
        label="Energistyrelsen 2025",
        source="Energistyrelsen",
        published_on=date(2025, 3, 1),
    )
    alfa = ProgrammeFactory(name="Alfa", slug="alfa")
    beta = ProgrammeFactory(name="Beta", slug="beta")
    area = FocusArea.objects.get(slug="klimahandlingsplan")
    company = agreement_make(
        organisation=OrganisationFactory(sector=Sector.ENERGY, verified_at=timezone.now()),
        programme=alfa,
    )
    c1 = emissions(company, 1, 100, 50, focus_area=area)
    verified_value_make(commitment=c1, year=2023, value=Decimal(90))
    verified_value_make(commitment=c1, year=2024, value=Decimal(70))
    value_in_state(commitment=c1, year=2025, value=Decimal(10), state=ValueState.PENDING)
    c2 = emissions(company, 2, 40, 30, sector=Sector.TRANSPORT)
    verified_value_make(commitment=c2, year=2024, value=Decimal(35))
    c3 = emissions(company, 3, 200, 100, focus_area=area)
    verified_value_make(commitment=c3, year=2024, value=Decimal(150))
    c4 = measure(company, "waste", "t", 10, 6)
    verified_value_make(commitment=c4, year=2024, value=Decimal(8))
    measure(company, "custom", "kg CO2e", 1000, 500)
    gone = emissions(company, 1, 1000, 0, withdrawn_at=timezone.now())
    verified_value_make(commitment=gone, year=2024, value=Decimal(0))

    housing = agreement_make(
        organisation=HousingFactory(verified_at=timezone.now()), programme=beta
    )
    h1 = emissions(housing, 1, 60, 20)
    verified_value_make(commitment=h1, year=2024, value=Decimal(50))
    value_in_state(commitment=h1, year=2025, value=Decimal(0), state=ValueState.RETURNED)
    h2 = measure(housing, "energy", "MWh", 500, 400)
    verified_value_make(commitment=h2, year=2024, value=Decimal(450))
    measure(housing, "food_waste", "kg", 1000, 600)

    paused = agreement_make(
        organisation=OrganisationFactory(verified_at=timezone.now()),
        programme=alfa,
        status=AgreementStatus.PAUSED,
    )
    p1 = emissions(paused, 1, 500, 100)
    verified_value_make(commitment=p1, year=2024, value=Decimal(200))
    return {"company": company, "housing": housing, "paused": paused, "coordinator": coordinator}


def figure(html: str, dom_id: str) -> str:
    """The chart's <figure>, spaces collapsed and entities read."""
    text = htmllib.unescape(" ".join(html.split()))
    match = re.search(
        rf'<figure class="climate-chart" aria-labelledby="{dom_id}-heading">.*?</figure>', text
    )
    assert match, dom_id
    return match.group(0)


def table_rows(html: str) -> list[list[str]]:
    """Each body row of the tables in `html`: its header and cells, as text."""
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row)]
        for row in re.findall(r'<tr[^>]*>(<th scope="row">.*?)</tr>', html)
    ]


def section_rows(html: str, table_id: str) -> list[list[str]]:
    """The body rows of the table with id `table_id`."""
    text = htmllib.unescape(" ".join(html.split()))
    table = re.search(rf'<table class="table table--compact" id="{table_id}">.*?</table>', text)
    assert table, table_id
    return table_rows(table.group(0))


def test_every_partner_figure_the_dashboard_shows(world):
    html = english().get(URL).content.decode()
    text = page_text(english().get(URL))
    # Two partners count: the paused agreement and the withdrawn commitment do not, nor do
    # the pending and the returned values.
    assert (
        "2 partners have committed to cut 100 tCO2e of scope 1 and 2 within the municipality "
        "and 100 tCO2e of scope 3 in their value chains."
    ) in text
    assert (
        "Verified values show 45 tCO2e cut within the municipality (3 of 3 commitments "
        "reported) and 50 tCO2e in the value chains (1 of 1 reported)."
    ) in text
    # Scope 1 and 2 as part of each inventory sector in 2020, never added to it.
    shares = figure(html, "chart-partner-shares")
    assert "as part of each sector in 2020" in shares
    assert table_rows(shares) == [
        ["Energy", "150", "40", "26.7 %"],
        ["Transport", "250", "5", "2.0 %"],
        ["Agriculture and land use", "180", "0", "0.0 %"],
        ["Industrial processes", "40", "0", "0.0 %"],
        ["Waste", "20", "0", "0.0 %"],
    ]
    assert (
        "In energy the partners' verified scope 1 and 2 reduction is 40 tCO2e, 26.7 % of the "
        "inventory's 150 tCO2e in 2020."
    ) in shares
    # The inventory's own figures are unchanged by the partners.
    assert "In 2020 emissions were 640 tCO2e: 36 % less than in 1990." in text
    # By sector, programme, kind and focus area: committed and achieved, scope 1+2 and 3.
    assert table_rows(figure(html, "chart-partners-sector")) == [
        ["Energy", "90", "40", "100", "50"],
        ["Transport", "10", "5", "0", "0"],
    ]
    assert table_rows(figure(html, "chart-partners-programme")) == [
        ["Alfa", "60", "35", "100", "50"],
        ["Beta", "40", "10", "0", "0"],
    ]
    assert table_rows(figure(html, "chart-partners-kind")) == [
        ["Company", "60", "35", "100", "50"],
        ["Housing association", "40", "10", "0", "0"],
    ]
    assert table_rows(figure(html, "chart-partners-focus-area")) == [
        [
            "Develop a joint climate action plan and climate budgets and accounts",
            "50",
            "30",
            "100",
            "50",
        ],
        ["No focus area", "50", "15", "0", "0"],
    ]
    assert (
        "“Alfa” has the most committed: 60 tCO2e of scope 1 and 2 (35 achieved) and 100 tCO2e "
        "of scope 3 (50 achieved)."
    ) in figure(html, "chart-partners-programme")
    # Waste, food waste and energy in their own units.
    assert section_rows(html, "partner-measures") == [
        ["Waste", "tonnes", "4", "2", "1", "1"],
        ["Food waste", "kg", "400", "0", "1", "0"],
        ["Energy used", "MWh", "100", "50", "1", "1"],
    ]
    # The commitment in a unit of its own is counted apart.
    assert section_rows(html, "partner-separate") == [["Custom metric", "kg CO2e", "1", "0"]]
    # The selector behind the page holds the same figures, unrounded.
    section = dashboard.dashboard_partners_get(filters=dashboard.PartnerFilters())
    inside, outside = section.emissions.inside, section.emissions.outside
    assert (inside.committed, inside.achieved, inside.commitments, inside.reported) == (
        100,
        45,
        3,
        3,
    )
    assert (outside.committed, outside.achieved, outside.commitments, outside.reported) == (
        100,
        50,
        1,
        1,
    )
    assert {metric: (a.committed, a.achieved) for metric, a in section.measures.items()} == {
        "waste": (4, 2),
        "food_waste": (400, 0),
        "energy": (100, 50),
    }
    # The rule against double counting is explained.
    assert "Why partners' reductions are not added to the inventory" in text
    assert "a paused or ended agreement counts for nothing" in text


def test_the_partner_sections_in_danish(world):
    response = danish().get(URL)
    html = response.content.decode()
    text = page_text(response)
    assert "Hvorfor partnernes reduktioner ikke lægges til opgørelsen" in text
    assert table_rows(figure(html, "chart-partner-shares"))[0] == ["Energi", "150", "40", "26,7 %"]
    assert "2 partnere har forpligtet sig til at reducere 100 tCO2e" in text


@pytest.mark.parametrize(
    ("client", "legend", "caption"),
    [(english, "Legend", "The figures of “"), (danish, "Signaturforklaring", "Tallene bag “")],
)
def test_every_bar_chart_is_named_and_every_bar_filled_by_a_pattern_of_its_own(
    world, client, legend, caption
):
    html = client().get(URL).content.decode()
    charts = re.findall(
        r'<figure class="climate-chart" aria-labelledby="(chart-partners?-[\w-]+)-heading">'
        r"(.*?)</figure>",
        html,
        re.S,
    )
    assert [dom_id for dom_id, _chart in charts] == [
        "chart-partner-shares",
        "chart-partners-sector",
        "chart-partners-programme",
        "chart-partners-kind",
        "chart-partners-focus-area",
    ]
    for dom_id, chart in charts:
        # The drawing is named by its title and its summary.
        assert f'role="img" aria-labelledby="{dom_id}-title {dom_id}-desc"' in chart
        assert re.search(rf'<title id="{dom_id}-title">[^<]+</title>', chart)
        assert re.search(rf'<desc id="{dom_id}-desc">[^<]+</desc>', chart)
        # Every bar and every legend swatch is filled by a pattern the drawing defines,
        # one per series, and the legend names each series of the table.
        patterns = re.findall(rf'<pattern id="({dom_id}-fill-\d+)"', chart)
        bars = set(re.findall(r'<rect class="climate-bar"[^>]* fill="url\(#([^)]+)\)"', chart))
        swatches = re.findall(r'<rect x="1" y="1"[^>]* fill="url\(#([^)]+)\)"', chart)
        assert bars and bars <= set(patterns)
        assert swatches == patterns
        series = re.findall(r'<th scope="col" class="align-text-right">([^<]+) \(', chart)
        named = re.findall(r"</svg> ([^<]+)</li>", chart)
        assert named == series[: len(named)] and len(named) == len(patterns)
        assert f'aria-label="{legend}"' in chart
        assert re.search(rf'<caption id="{dom_id}-table-caption">{caption}', chart)


def test_the_last_year_counts_only_values_of_periods_ended_by_then(world):
    text = page_text(english().get(URL, {"year_to": "2023"}))
    # Only the scope 1 value of 2023 (90) counts: 100 - 90.
    assert (
        "Verified values show 10 tCO2e cut within the municipality (1 of 3 commitments "
        "reported) and 0 tCO2e in the value chains (0 of 1 reported)."
    ) in text


@pytest.mark.parametrize(
    ("query", "words"),
    [
        (
            {"programme": "beta"},
            "1 partner has committed to cut 40 tCO2e of scope 1 and 2 within the municipality "
            "and 0 tCO2e of scope 3 in its value chain.",
        ),
        (
            {"kind": Kind.COMPANY},
            "1 partner has committed to cut 60 tCO2e of scope 1 and 2 within the municipality "
            "and 100 tCO2e of scope 3",
        ),
        (
            {"sector": "transport"},
            "1 partner has committed to cut 10 tCO2e of scope 1 and 2 within the municipality "
            "and 0 tCO2e of scope 3",
        ),
    ],
)
def test_the_filters_choose_among_the_partners(world, query, words):
    response = english().get(URL, query)
    text = page_text(response)
    assert words in text
    assert "Some filters could not be used" not in text
    # The choice is kept in the form, so the URL can be shared.
    value = next(iter(query.values()))
    assert re.search(rf'<option value="{value}" selected>', response.content.decode())


def test_one_sector_shows_only_its_share(world):
    html = english().get(URL, {"sector": "transport"}).content.decode()
    assert table_rows(figure(html, "chart-partner-shares")) == [["Transport", "250", "5", "2.0 %"]]


@pytest.mark.parametrize("query", [{"programme": "nope"}, {"kind": "pirate"}])
def test_unknown_programmes_and_kinds_are_named_and_left_out(world, query):
    text = page_text(english().get(URL, query))
    assert "Some filters could not be used and are left out" in text
    assert "2 partners have committed to cut 100 tCO2e" in text


def test_a_resumed_agreement_and_a_verified_value_count_at_once(world):
    services.agreement_act(
        agreement=world["paused"], actor=world["coordinator"], action="resumed", reason="Igen"
    )
    pending = ProgressValue.objects.get(state=ValueState.PENDING)
    pending.state, pending.verified_at = ValueState.VERIFIED, timezone.now()
    pending.save()
    text = page_text(english().get(URL))
    # 100 + 400 committed; achieved 45 + 300 (paused 500 - 200) + 60 (scope 1 now 10).
    assert "3 partners have committed to cut 500 tCO2e of scope 1 and 2" in text
    assert "Verified values show 405 tCO2e cut within the municipality (4 of 4" in text


def test_without_partners_the_sections_say_so(world):
    text = page_text(english().get(URL, {"programme": "alfa", "kind": Kind.HOUSING}))
    assert "No active partner commitment in tCO2e matches the filters." in text


def test_the_dashboard_runs_a_constant_number_of_queries(world, django_assert_num_queries):
    # The inventory's four, the programmes of the filter, the partners' commitments summed
    # with their latest verified values, and the partners counted.
    with django_assert_num_queries(7):
        assert Client().get(URL).status_code == 200
    for n in range(3):
        agreement = agreement_make(
            organisation=OrganisationFactory(verified_at=timezone.now()),
            programme=ProgrammeFactory(),
        )
        for scope in (1, 2, 3):
            commitment = emissions(agreement, scope, 100 + n, 50)
            verified_value_make(commitment=commitment, year=2024, value=Decimal(80))
        measure(agreement, "energy", "MWh", 10, 5)
        ChecklistCommitmentFactory(agreement=agreement)  # counted apart, by its guide's unit
    climate_dashboard_changed()  # as the services would: the page is rendered afresh
    with django_assert_num_queries(7):
        assert Client().get(URL).status_code == 200
    # Other filters: the programmes of the filter are kept already.
    with django_assert_num_queries(6):
        assert Client().get(URL, {"kind": Kind.COMPANY, "year_to": "2024"}).status_code == 200


def test_a_value_above_the_baseline_is_a_negative_achievement_drawn_left_of_zero():
    agreement = agreement_make()
    commitment = emissions(agreement, 1, 100, 50)
    verified_value_make(commitment=commitment, year=2024, value=Decimal(110))
    PartnerCommitmentFactory(
        agreement=agreement,
        metric="renewable_share",
        unit="%",
        scope=None,
        direction="increase",
        baseline_value=Decimal(20),
        target_value=Decimal(80),
    )
    measure(agreement_make(), "waste", "t", 10, 5)  # a partner without tCO2e
    response = english().get(URL)
    html, text = response.content.decode(), page_text(response)
    assert "1 partner has committed to cut 50 tCO2e of scope 1 and 2" in text
    assert "Verified values show -10 tCO2e cut within the municipality (1 of 1" in text
    chart = figure(html, "chart-partners-kind")
    assert table_rows(chart) == [["Company", "50", "-10", "0", "0"]]
    # The achieved bar (series 1) ends at zero, where the committed one (series 0) starts.
    zero = re.search(r'<rect class="climate-bar" data-series="0" x="([\d.]+)"', chart).group(1)
    bar = re.search(r'data-series="1" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', chart)
    assert float(bar.group(1)) + float(bar.group(2)) == pytest.approx(float(zero))
    # An increase of a share adds to no total.
    assert section_rows(html, "partner-separate") == [["Share of renewable energy", "%", "1", "0"]]
    # Without an inventory there is nothing to be a part of.
    assert (
        "Without figures of the inventory for the years chosen, the partners' part of it cannot "
        "be shown."
    ) in htmllib.unescape(text)


def test_the_latest_value_is_that_of_the_latest_period_whenever_it_was_verified():
    commitment = emissions(agreement_make(), 1, 100, 50)
    verified_value_make(commitment=commitment, year=2024, value=Decimal(60))
    verified_value_make(commitment=commitment, year=2023, value=Decimal(90))  # verified later
    text = page_text(english().get(URL))
    assert "Verified values show 40 tCO2e cut within the municipality (1 of 1" in text
    text = page_text(english().get(URL, {"year_to": "2023"}))
    assert "Verified values show 10 tCO2e cut within the municipality (1 of 1" in text
    # A latest verified value without a figure reports nothing, whatever came before.
    verified_value_make(commitment=commitment, year=2025, value=None)
    climate_dashboard_changed()  # made by a factory, not a service
    text = page_text(english().get(URL))
    assert "Verified values show 0 tCO2e cut within the municipality (0 of 1" in text
