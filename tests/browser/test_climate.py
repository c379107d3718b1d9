"""The climate dashboard (its inventory and partner sections), its open data and the
inventory's staff pages pass axe-core's WCAG 2.1 A/AA rules in Danish and English, with form
errors too; the charts fit a 390 px screen and their series differ without colour."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.browser.test_accessibility import LANGUAGES, _staff_session, visit

pytestmark = pytest.mark.browser

FIGURES = {
    1990: (400, 300, 200, 60, 40),
    2010: (300, 280, 190, 50, 30),
    2020: (150, 250, 180, 40, 20),
}
SECTORS = ("energy", "transport", "agriculture", "industry", "waste")


@pytest.fixture
def climate_world(transactional_db, taxonomy):
    """Targets (a transactional database loses the data migration's), two versions, and a
    coordinator and an admin with TOTP."""
    from partnerships import services
    from partnerships.models import ClimateSettings, ClimateTarget
    from tests.factories import AdminFactory
    from tests.partnerships.factories import coordinator_make

    ClimateSettings.objects.update_or_create(pk=1, defaults={"baseline_year": 1990})
    ClimateTarget.objects.get_or_create(year=2030, defaults={"reduction_percent": 70})
    ClimateTarget.objects.get_or_create(year=2050, defaults={"reduction_percent": 100})
    coordinator, admin = coordinator_make(), AdminFactory()
    for label, factor, published in (("Regnskab 2024", 1.1, 2024), ("Regnskab 2025", 1, 2025)):
        services.inventory_import(
            actor=coordinator,
            rows=[
                services.InventoryRowData(year, sector, Decimal(round(value * factor)))
                for year, values in FIGURES.items()
                for sector, value in zip(SECTORS, values, strict=True)
            ],
            label=label,
            source="Energistyrelsen",
            published_on=date(published, 3, 1),
        )
    _partners_make()
    return {"coordinator": coordinator, "admin": admin}


def _partners_make() -> None:
    """Two partners with scope 1, 2 and 3, waste and a custom metric, verified values."""
    from django.utils import timezone

    from engage.taxonomy.models import FocusArea
    from tests.partnerships.factories import (
        HousingFactory,
        PartnerCommitmentFactory,
        agreement_make,
        verified_value_make,
    )

    area = FocusArea.objects.order_by("pk").first()
    company = agreement_make()
    housing = agreement_make(organisation=HousingFactory(verified_at=timezone.now()))
    for agreement, scope, baseline, target, value in (
        (company, 1, 100, 50, 70),
        (company, 2, 40, 30, 35),
        (company, 3, 200, 100, 150),
        (housing, 1, 60, 20, 50),
    ):
        commitment = PartnerCommitmentFactory(
            agreement=agreement,
            scope=scope,
            baseline_value=Decimal(baseline),
            target_value=Decimal(target),
            focus_area=area if scope == 1 else None,
        )
        verified_value_make(commitment=commitment, year=2024, value=Decimal(value))
    for agreement, metric, unit in ((company, "waste", "t"), (housing, "custom", "kg CO2e")):
        PartnerCommitmentFactory(
            agreement=agreement,
            metric=metric,
            unit=unit,
            scope=None,
            baseline_value=Decimal(10),
            target_value=Decimal(6),
        )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "query",
    [
        "",
        "?sector=energy&year_from=2010",
        "?year_from=abc",
        "?version=1",
        "?programme=nope&kind=housing&year_to=2024",
    ],
)
def test_dashboard_pages(language, query, climate_world, make_page, axe):
    page = make_page(language=language, bypass_csp=True)
    response = page.goto(reverse("frontend:climate_dashboard") + query)
    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("svg[role=img]").count() >= 1
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_data_page(language, climate_world, make_page, axe):
    page = make_page(language=language, bypass_csp=True)
    visit(page, reverse("frontend:climate_open_data"), language=language)
    axe(page)


STAFF_PAGES = [
    ("coordinator", "inventory_staff"),
    ("coordinator", "inventory_import"),
    ("coordinator", "inventory_year"),
    ("admin", "climate_targets_edit"),
]


def _staff_page(make_page, live_server, user, language):
    from django.conf import settings

    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    page = make_page(language=language, bypass_csp=True)
    session = {"name": settings.SESSION_COOKIE_NAME, "value": _staff_session(user)}
    page.context.add_cookies([{**session, "url": live_server.url}])
    return page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("who", "name"), STAFF_PAGES)
def test_staff_pages(who, name, language, climate_world, make_page, live_server, axe):
    page = _staff_page(make_page, live_server, climate_world[who], language)
    visit(page, reverse(f"frontend:{name}"), language=language)
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_import_with_its_errors(language, climate_world, make_page, live_server, axe):
    page = _staff_page(make_page, live_server, climate_world["coordinator"], language)
    visit(page, reverse("frontend:inventory_import"), language=language)
    page.fill("textarea[name=text]", "år;sektor;udledning\n1990;Skibsfart;-1\n")
    page.fill("input[name=label]", "Regnskab")
    page.fill("input[name=source]", "Energistyrelsen")
    page.fill("input[name=published_on]", "2025-03-01")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator(".alert-error li").count() == 2
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_targets_form_with_errors(language, climate_world, make_page, live_server, axe):
    page = _staff_page(make_page, live_server, climate_world["admin"], language)
    visit(page, reverse("frontend:climate_targets_edit"), language=language)
    page.fill("input[name=reduction_0]", "120")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator(".alert-error").count() == 1
    axe(page)


def test_the_charts_fit_a_phone_and_read_without_colour(climate_world, browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(reverse("frontend:climate_dashboard"))
        # Nothing wider than the screen: the page does not scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for chart in page.locator("svg.climate-chart-svg").all():
            box = chart.bounding_box()
            assert box["width"] <= 390 and box["height"] > 140
        # A bar chart's type is at least 11 px high on the phone (its drawing scales down).
        smallest = page.evaluate(
            """Math.min(...[...document.querySelectorAll('svg.climate-bar-svg text')]
                .map(t => t.getBoundingClientRect().height))"""
        )
        assert smallest >= 11, smallest
        # Every line of a chart has a dash pattern or marker of its own.
        looks = page.evaluate(
            """[...document.querySelectorAll('svg.climate-chart-svg:not(.climate-bar-svg)')]
                .map(svg =>
                [...svg.querySelectorAll('g.climate-chart-series')].map(g =>
                    (g.querySelector('path[fill=none]').getAttribute('stroke-dasharray')
                     || 'solid') + '|' + g.dataset.marker))"""
        )
        assert len(looks) == 2
        for chart in looks:
            assert len(set(chart)) == len(chart), chart
        # The partners' bar charts: the shares and four breakdowns; each series of a chart
        # has a fill pattern of its own in the legend, and every bar's value is in its table.
        patterns = page.evaluate(
            """[...document.querySelectorAll('figure:has(svg.climate-bar-svg)')].map(figure =>
                [...figure.querySelectorAll('.climate-chart-legend li')].map(
                    li => li.dataset.pattern))"""
        )
        assert len(patterns) == 5
        for chart in patterns:
            assert len(set(chart)) == len(chart), chart
        # Each group's name is written inside the drawing, not cut off at its right edge.
        for box in page.evaluate(
            """[...document.querySelectorAll('svg.climate-bar-svg')].flatMap(svg => {
                const outer = svg.getBoundingClientRect();
                return [...svg.querySelectorAll('text')].map(t => {
                    const r = t.getBoundingClientRect();
                    return [r.left - outer.left, outer.right - r.right];
                });
            })"""
        ):
            assert box[0] >= -1 and box[1] >= -1, box
    finally:
        context.close()
