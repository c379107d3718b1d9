"""The greenhouse-gas inventory: importing it (CSV and one year typed in) as staff do, the
climate targets, and every figure the dashboard and the open data show for a small
inventory with known values."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from engage.audit.models import AuditEntry
from partnerships import services
from partnerships.models import ClimateSettings, ClimateTarget, InventoryRow, InventoryVersion
from tests.factories import AdminFactory, UserFactory, give_totp
from tests.partnerships.factories import coordinator_make

pytestmark = pytest.mark.django_db

# year: (energy, transport, agriculture, industry, waste); totals 1000, 850 and 640.
FIGURES = {
    1990: (400, 300, 200, 60, 40),
    2010: (300, 280, 190, 50, 30),
    2020: (150, 250, 180, 40, 20),
}
SECTORS = ("energy", "transport", "agriculture", "industry", "waste")


def rows_of(figures: dict) -> list[services.InventoryRowData]:
    return [
        services.InventoryRowData(year, sector, Decimal(value))
        for year, values in figures.items()
        for sector, value in zip(SECTORS, values, strict=True)
    ]


def targets_default() -> None:
    ClimateSettings.objects.update_or_create(pk=1, defaults={"baseline_year": 1990})
    ClimateTarget.objects.all().delete()
    ClimateTarget.objects.create(year=2030, reduction_percent=70)
    ClimateTarget.objects.create(year=2050, reduction_percent=100)


@pytest.fixture
def coordinator():
    user = coordinator_make()
    give_totp(user)
    return user


@pytest.fixture
def inventory(coordinator):
    """An older version (1990: 1100, 2020: 700), then the shown one with FIGURES."""
    targets_default()
    older = services.inventory_import(
        actor=coordinator,
        rows=rows_of({1990: (500, 300, 200, 60, 40), 2020: (200, 260, 180, 40, 20)}),
        label="Energistyrelsen 2024",
        source="Energistyrelsen, energi- og CO2-regnskabet",
        published_on=date(2024, 3, 1),
    )
    shown = services.inventory_import(
        actor=coordinator,
        rows=rows_of(FIGURES),
        label="Energistyrelsen 2025",
        source="Energistyrelsen, energi- og CO2-regnskabet",
        published_on=date(2025, 3, 1),
        note="Ny metode for landbrug",
    )
    return {"older": older, "shown": shown}


def english() -> Client:
    client = Client(headers={"accept-language": "en"})
    client.cookies["django_language"] = "en"
    return client


def danish() -> Client:
    client = Client()
    client.cookies["django_language"] = "da"
    return client


def page_text(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


# --- reading a CSV file ----------------------------------------------------------------


def test_a_file_saved_from_a_danish_spreadsheet_is_read():
    text = "\ufeffÅr;Sektor;Udledning (tCO2e)\n1990;Energi;12.345,6\n1990;Affald;5,25\n\n"
    rows = services.inventory_csv_parse(text=text, today=date(2025, 1, 1))
    assert rows == [
        services.InventoryRowData(1990, "energy", Decimal("12345.600")),
        services.InventoryRowData(1990, "waste", Decimal("5.250")),
    ]


def test_a_comma_separated_english_file_in_windows_1252_is_read():
    data = "year,sector,tCO2e\n2010,Agriculture and land use,1234.5\n2010,Industrial processes,7\n"
    text = services.text_decode(data=data.encode("cp1252"))
    rows = services.inventory_csv_parse(text=text, today=date(2025, 1, 1))
    assert [(r.sector, r.tco2e) for r in rows] == [
        ("agriculture", Decimal("1234.500")),
        ("industry", Decimal("7.000")),
    ]
    danish_letters = "år;sektor;udledning\n2010;Landbrug og arealanvendelse;1\n".encode("cp1252")
    assert services.inventory_csv_parse(text=services.text_decode(data=danish_letters))


def test_every_bad_row_is_named_by_row_and_column():
    text = (
        "år;sektor;udledning\n"
        "1990;Energi;100\n"
        "1989;Energi;100\n"
        "1990;Skibsfart;100\n"
        "1991;Affald;-5\n"
        "1992;Affald;mange\n"
        "²;Affald;1\n"
        "1990;energy;1\n"
    )
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.inventory_csv_parse(text=text, today=date(2025, 1, 1))
    assert caught.value.messages == [
        "Row 3, column “år”: “1989” is not a year from 1990 to 2025.",
        "Row 4, column “sektor”: “Skibsfart” is not one of the sectors: Energy, Transport, "
        "Agriculture and land use, Industrial processes, Waste.",
        "Row 5, column “udledning”: -5 is negative.",
        "Row 6, column “udledning”: “mange” is not a number.",
        "Row 7, column “år”: “²” is not a year from 1990 to 2025.",
        "Row 8: 1990 and Energy are in row 2 already.",
    ]


def test_a_file_without_the_columns_is_refused():
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.inventory_csv_parse(text="year;what\n1990;1\n")
    assert "missing: sector (sektor), tCO2e (udledning)" in caught.value.messages[0]


# --- the import page -------------------------------------------------------------------


def test_a_coordinator_imports_a_file_which_becomes_the_shown_version(client, coordinator):
    targets_default()
    client.force_login(coordinator)
    upload = SimpleUploadedFile(
        "regnskab.csv",
        "År;Sektor;Udledning\n1990;Energi;1000\n2020;Energi;500,5\n".encode("cp1252"),
        content_type="text/csv",
    )
    response = client.post(
        reverse("frontend:inventory_import"),
        {
            "file": upload,
            "label": "Regnskab 2025",
            "source": "Energistyrelsen",
            "published_on": "2025-03-01",
            "show": "on",
        },
    )
    assert response.status_code == 302
    version = InventoryVersion.objects.get()
    assert version.is_shown and version.imported_by == coordinator
    assert sorted(version.rows.values_list("year", "sector", "tco2e")) == [
        (1990, "energy", Decimal("1000.000")),
        (2020, "energy", Decimal("500.500")),
    ]
    entry = AuditEntry.objects.get(action="inventory.import")
    assert entry.actor == coordinator and entry.data["rows"] == 2


def test_a_refused_file_stores_nothing_and_keeps_what_was_typed(client, coordinator):
    client.force_login(coordinator)
    client.cookies["django_language"] = "da"
    upload = SimpleUploadedFile("regnskab.csv", b"aar;sektor;udledning\n1990;Energi;-1\n")
    response = client.post(
        reverse("frontend:inventory_import"),
        {
            "file": upload,
            "label": "Regnskab 2025",
            "source": "Energistyrelsen",
            "published_on": "2025-03-01",
            "note": "Min note",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Række 2, kolonnen “udledning”: -1 er negativ." in html
    assert 'value="Regnskab 2025"' in html and "Min note" in html
    # The file's text comes back in the text box, to be corrected there.
    assert "1990;Energi;-1" in html
    assert not InventoryVersion.objects.exists()


def test_one_year_typed_in_makes_a_version_with_the_other_years(client, inventory, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("frontend:inventory_year"),
        {
            "year": "2020",
            "energy": "100,5",
            "transport": "200",
            "agriculture": "150",
            "industry": "30",
            "waste": "0",
            "label": "Rettet 2020",
            "source": "Kommunens egen opgørelse",
            "published_on": timezone.localdate().isoformat(),
            "show": "on",
        },
    )
    assert response.status_code == 302
    version = InventoryVersion.objects.get(label="Rettet 2020")
    assert version.is_shown
    totals = {}
    for year, value in version.rows.values_list("year", "tco2e"):
        totals[year] = totals.get(year, 0) + value
    assert totals == {1990: 1000, 2010: 850, 2020: Decimal("480.5")}
    inventory["shown"].refresh_from_db()
    assert not inventory["shown"].is_shown
    # The version it came from is unchanged.
    assert inventory["shown"].rows.filter(year=2020, sector="energy").get().tco2e == 150


def test_a_year_with_a_negative_figure_is_refused_and_nothing_stored(client, coordinator):
    client.force_login(coordinator)
    before = InventoryVersion.objects.count()
    response = client.post(
        reverse("frontend:inventory_year"),
        {
            "year": "2020",
            "energy": "-1",
            "transport": "1",
            "agriculture": "1",
            "industry": "1",
            "waste": "x",
            "label": "L",
            "source": "S",
            "published_on": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert InventoryVersion.objects.count() == before


def test_a_coordinator_chooses_the_version_shown(client, inventory, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("frontend:inventory_staff"), {"version": inventory["older"].pk})
    assert response.status_code == 302
    assert InventoryVersion.objects.get(is_shown=True) == inventory["older"]
    text = page_text(english().get(reverse("frontend:climate_dashboard")))
    assert "Figures: Energistyrelsen 2024" in text


# --- the targets -----------------------------------------------------------------------


def test_an_admin_changes_the_targets(client):
    targets_default()
    admin = AdminFactory()
    give_totp(admin)
    client.force_login(admin)
    response = client.post(
        reverse("frontend:climate_targets_edit"),
        {
            "baseline_year": "1990",
            "year_0": "2030",
            "reduction_0": "75",
            "year_1": "2045",
            "reduction_1": "100",
        },
    )
    assert response.status_code == 302
    assert list(ClimateTarget.objects.values_list("year", "reduction_percent")) == [
        (2030, 75),
        (2045, 100),
    ]
    assert AuditEntry.objects.filter(action="climate_targets.update").count() == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"year_0": "2030", "reduction_0": "120"}, "must be from 0 to 100 per cent"),
        ({"year_0": "1980", "reduction_0": "50"}, "must come after the baseline year 1990"),
        ({"year_0": "99999", "reduction_0": "50"}, "The target year 99999 is later than 2100."),
        (
            {"year_0": "2030", "reduction_0": "80", "year_1": "2040", "reduction_1": "70"},
            "The target for 2040 must reduce more than the one for 2030.",
        ),
        (
            {"year_0": "2030", "reduction_0": "80", "year_1": "2030", "reduction_1": "90"},
            "The year 2030 has two targets.",
        ),
    ],
)
def test_targets_that_do_not_fit_are_refused(row, message):
    targets_default()
    admin = AdminFactory(preferred_language="en")
    give_totp(admin)
    client = english()
    client.force_login(admin)
    response = client.post(
        reverse("frontend:climate_targets_edit"), {"baseline_year": "1990", **row}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(ClimateTarget.objects.values_list("year", flat=True)) == [2030, 2050]


# --- the dashboard ---------------------------------------------------------------------


def test_the_dashboard_shows_every_figure_of_the_inventory(inventory):
    text = page_text(english().get(reverse("frontend:climate_dashboard")))
    assert "Figures: Energistyrelsen 2025, from Energistyrelsen, energi- og CO2-regnskabet" in text
    # Where we stand: 640 in 2020, 36 % less than 1000 in 1990; 2030's target is 300.
    assert "In 2020 emissions were 640 tCO2e: 36 % less than in 1990." in text
    assert (
        "The target for 2030 is 300 tCO2e (70 % less than in 1990): emissions must fall by "
        "another 340 tCO2e, about 34 tCO2e a year for 10 years."
    ) in text
    assert "Target for 2030: 70 % less than in 1990 (300 tCO2e)" in text
    assert "Target for 2050: net zero, 100 % less than in 1990 (0 tCO2e)" in text
    # The path chart's summary and table: the straight line passes 650 in 2010, 475 in 2020.
    assert "In 1990 emissions were 1,000 tCO2e; in 2020 they were 640 tCO2e." in text
    assert "That is 165 tCO2e above the straight line to the targets." in text
    for year, total, line in [
        (1990, "1,000", "1,000"),
        (2010, "850", "650"),
        (2020, "640", "475"),
        (2030, "\u2013", "300"),
        (2050, "\u2013", "0"),
    ]:
        assert (
            f'<th scope="row">{year}</th><td class="align-text-right">{total}</td>'
            f'<td class="align-text-right">{line}</td>'
        ) in text
    # The sector chart's table and summary.
    assert (
        '<th scope="row">2020</th><td class="align-text-right">150</td>'
        '<td class="align-text-right">250</td><td class="align-text-right">180</td>'
        '<td class="align-text-right">40</td><td class="align-text-right">20</td>'
    ) in text
    assert "In 2020 the largest sector was transport with 250 tCO2e, 39.1 % of the total." in text
    # Versions: the older one is a link.
    assert f'href="/klima/?version={inventory["older"].pk}"' in text


def test_the_dashboard_in_danish_writes_danish_numbers(inventory):
    text = page_text(danish().get(reverse("frontend:climate_dashboard")))
    assert '<th scope="row">1990</th><td class="align-text-right">1.000</td>' in text
    assert "I 2020 var udledningen 640 tCO2e: 36 % mindre end i 1990." in text


def test_one_sector_and_a_year_range(inventory):
    url = reverse("frontend:climate_dashboard")
    text = page_text(english().get(url, {"sector": "energy", "year_from": "2010"}))
    # Energy: 400 in 1990, so 120 in 2030; 150 in 2020 and the line passes 190 there.
    assert "In 2020 emissions were 150 tCO2e: 62.5 % less than in 1990." in text
    assert "another 30 tCO2e, about 3 tCO2e a year for 10 years." in text
    assert "In 2010 emissions were 300 tCO2e; in 2020 they were 150 tCO2e." in text
    assert "That is 40 tCO2e below the straight line to the targets." in text
    assert '<th scope="row">1990</th>' not in text  # before the range
    assert "chart-sectors" not in text  # one sector: no chart of them all


def test_an_older_version_is_readable_and_says_so(inventory):
    url = reverse("frontend:climate_dashboard")
    text = page_text(english().get(url, {"version": inventory["older"].pk}))
    assert "Figures: Energistyrelsen 2024" in text
    assert "You are looking at an older version of the inventory." in text
    assert "In 2020 emissions were 700 tCO2e" in text


@pytest.mark.parametrize(
    "query",
    [
        {"sector": "shipping"},
        {"year_from": "abc"},
        {"year_from": "1500"},
        {"year_from": "2020", "year_to": "2010"},
        {"version": "999999"},
        {"version": "x"},
        {"year_to": "99999999999999999999"},
    ],
)
def test_filters_that_do_not_fit_are_named_and_left_out(inventory, query):
    response = english().get(reverse("frontend:climate_dashboard"), query)
    text = page_text(response)
    assert "Some filters could not be used and are left out" in text
    assert "Figures: Energistyrelsen 2025" in text or "Figures: Energistyrelsen 2024" in text


def test_the_dashboard_without_an_inventory():
    text = page_text(english().get(reverse("frontend:climate_dashboard")))
    assert "The municipality's inventory has not been published here yet." in text


def test_the_dashboard_runs_a_constant_number_of_queries(django_assert_num_queries, coordinator):
    targets_default()
    url = reverse("frontend:climate_dashboard")
    services.inventory_import(
        actor=coordinator,
        rows=rows_of({1990: FIGURES[1990]}),
        label="A",
        source="S",
        published_on=date(2020, 1, 1),
    )
    # The versions, the chosen version's rows, the baseline year and the targets; then the
    # partners' sections (tests/partnerships/test_dashboard_partners.py): the programmes of
    # the filter, the partners' commitments and their latest verified values.
    with django_assert_num_queries(7):
        assert Client().get(url).status_code == 200
    for n in range(3):
        services.inventory_import(
            actor=coordinator,
            rows=rows_of(FIGURES),
            label=f"V{n}",
            source="S",
            published_on=date(2021 + n, 1, 1),
        )
    with django_assert_num_queries(7):
        assert Client().get(url, {"sector": "waste"}).status_code == 200


def test_the_main_menu_leads_to_the_dashboard():
    text = page_text(danish().get(reverse("frontend:home")))
    assert 'href="/klima/"' in text


# --- open data -------------------------------------------------------------------------


def test_the_csv_download_holds_every_row_with_the_licence(inventory, settings):
    settings.OPEN_DATA_LICENCE = "CC0 1.0"
    response = english().get(reverse("frontend:climate_download", args=["udledning", "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 15
    assert rows[0] == {
        "year": "1990",
        "sector": "agriculture",
        "sector_name": "Agriculture and land use",
        "tco2e": "200.000",
        "version_id": str(inventory["shown"].pk),
        "version_label": "Energistyrelsen 2025",
        "source": "Energistyrelsen, energi- og CO2-regnskabet",
        "published_on": "2025-03-01",
        "licence": "CC0 1.0",
    }
    totals = {}
    for row in rows:
        totals[row["year"]] = totals.get(row["year"], 0) + Decimal(row["tco2e"])
    assert totals == {"1990": 1000, "2010": 850, "2020": 640}


def test_the_json_download_has_the_schema_and_an_older_version(inventory):
    url = reverse("frontend:climate_download", args=["udledning", "json"])
    body = json.loads(english().get(url, {"version": inventory["older"].pk}).content)
    assert body["licence"] == "CC BY 4.0"
    assert body["version"]["label"] == "Energistyrelsen 2024"
    fields = {f["name"]: f for f in body["schema"]["fields"]}
    assert fields["tco2e"] == {
        "name": "tco2e",
        "type": "number",
        "description": "Emissions in tonnes of CO2 equivalents.",
        "unit": "tCO2e",
    }
    assert sum(row["tco2e"] for row in body["rows"] if row["year"] == 1990) == 1100


def test_a_repeated_download_is_answered_not_modified(inventory, coordinator):
    url = reverse("frontend:climate_download", args=["udledning", "csv"])
    first = Client().get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert Client().get(url, headers={"if-none-match": etag}).status_code == 304
    assert Client().get(url, headers={"if-modified-since": modified}).status_code == 304
    services.inventory_version_show(actor=coordinator, version=inventory["older"])
    again = Client().get(url, headers={"if-none-match": etag})
    assert again.status_code == 200 and again["ETag"] != etag


def test_bad_download_parameters_are_clear_refusals(inventory):
    url = reverse("frontend:climate_download", args=["udledning", "csv"])
    assert Client().get(url, {"version": "x"}).status_code == 400
    assert Client().get(url, {"version": "²"}).status_code == 400
    assert Client().get(url, {"version": "999999"}).status_code == 404
    assert Client().get(url, {"version": "9" * 30}).status_code == 404
    api = reverse("open-data-inventory")
    assert Client().get(api, {"version": "9" * 30}).status_code == 404
    assert Client().get(api, {"version": "0"}).status_code == 400
    assert Client().get("/klima/data/udledning.xml").status_code == 404


def test_the_api_pages_the_rows_with_the_licence(inventory):
    url = reverse("open-data-inventory")
    body = Client().get(url, {"page_size": 10}).json()
    assert body["count"] == 15 and body["licence"] == "CC BY 4.0"
    assert len(body["results"]) == 10 and body["next"]
    assert body["results"][0]["tco2e"] == 200.0
    versions = Client().get(reverse("open-data-inventory-versions")).json()
    assert [(v["label"], v["is_shown"], v["rows"]) for v in versions["results"]] == [
        ("Energistyrelsen 2025", True, 15),
        ("Energistyrelsen 2024", False, 10),
    ]
    assert "imported_by" not in versions["results"][0]


def test_the_api_answers_not_modified_without_reading_the_rows(
    inventory, django_assert_num_queries
):
    url = reverse("open-data-inventory")
    etag = Client().get(url)["ETag"]
    with django_assert_num_queries(1):  # the shown version
        assert Client().get(url, headers={"if-none-match": etag}).status_code == 304
    versions_url = reverse("open-data-inventory-versions")
    etag = Client().get(versions_url)["ETag"]
    with django_assert_num_queries(1):
        assert Client().get(versions_url, headers={"if-none-match": etag}).status_code == 304


def test_open_data_runs_a_constant_number_of_queries(
    inventory, coordinator, django_assert_num_queries
):
    urls = [
        reverse("open-data-inventory"),
        reverse("open-data-inventory-versions"),
        reverse("frontend:climate_download", args=["udledning", "json"]),
        reverse("frontend:climate_download", args=["versioner", "csv"]),
    ]
    expected = [2, 2, 2, 2]
    for url, count in zip(urls, expected, strict=True):
        with django_assert_num_queries(count):
            assert Client().get(url).status_code == 200
    for n in range(3):
        services.inventory_import(
            actor=coordinator,
            rows=rows_of(FIGURES),
            label=f"V{n}",
            source="S",
            published_on=date(2025, 6, 1 + n),
        )
    for url, count in zip(urls, expected, strict=True):
        with django_assert_num_queries(count):
            assert Client().get(url).status_code == 200


def test_the_open_data_page_documents_the_fields(inventory):
    text = page_text(english().get(reverse("frontend:climate_open_data")))
    assert "<code>tco2e</code></th><td>number</td><td>tCO2e</td>" in text
    assert "CC BY 4.0" in text


def test_rows_are_never_negative_in_the_database(inventory):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        InventoryRow.objects.create(
            version=inventory["shown"], year=2021, sector="energy", tco2e=-1
        )


def test_a_citizen_cannot_import(client):
    client.force_login(UserFactory())
    assert client.get(reverse("frontend:inventory_import")).status_code == 403


def test_the_demo_inventory_is_seeded_once_and_labelled(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    for _run in range(2):
        call_command("seed_demo_inventory", stdout=io.StringIO())
    version = InventoryVersion.objects.get()
    last = timezone.localdate().year - 2
    years = sorted(set(version.rows.values_list("year", flat=True)))
    assert years == [1990, *range(2010, last + 1)]
    assert version.rows.count() == len(years) * 5
    totals = {}
    for year, value in version.rows.values_list("year", "tco2e"):
        totals[year] = totals.get(year, 0) + value
    assert totals[1990] > totals[2010] > totals[last]
    text = page_text(danish().get(reverse("frontend:climate_dashboard")))
    assert "Demotal: opfundne tal til afprøvning" in text


def test_writes_of_people_without_the_right_are_refused(client, inventory):
    from tests.factories import ModeratorFactory

    moderator = ModeratorFactory()
    give_totp(moderator)
    before = sorted(InventoryVersion.objects.values_list("pk", "is_shown"))
    targets = list(ClimateTarget.objects.values_list("year", "reduction_percent"))
    for user in (UserFactory(), moderator):
        client.force_login(user)
        posts = [
            (reverse("frontend:inventory_staff"), {"version": inventory["older"].pk}),
            (
                reverse("frontend:inventory_import"),
                {
                    "text": "år;sektor;udledning\n1990;energi;1",
                    "label": "L",
                    "source": "S",
                    "published_on": "2025-01-01",
                },
            ),
            (
                reverse("frontend:climate_targets_edit"),
                {"baseline_year": "1990", "year_0": "2030", "reduction_0": "10"},
            ),
        ]
        for url, data in posts:
            assert client.post(url, data).status_code == 403
    assert sorted(InventoryVersion.objects.values_list("pk", "is_shown")) == before
    assert list(ClimateTarget.objects.values_list("year", "reduction_percent")) == targets


def test_a_persons_data_export_names_the_versions_they_imported(inventory, coordinator):
    from partnerships.personal_data import export

    imported = export(user=coordinator)["inventory_versions_imported"]
    assert [v["label"] for v in imported] == ["Energistyrelsen 2024", "Energistyrelsen 2025"]


def test_without_the_baseline_year_the_page_says_no_target_can_be_worked_out(coordinator):
    targets_default()
    services.inventory_import(
        actor=coordinator,
        rows=rows_of({2010: FIGURES[2010], 2020: FIGURES[2020]}),
        label="Uden 1990",
        source="S",
        published_on=date(2025, 1, 1),
    )
    text = page_text(english().get(reverse("frontend:climate_dashboard")))
    assert (
        "The inventory has no figures for the baseline year 1990, so no target can be worked out."
    ) in text
    assert "Straight line to the targets" not in text
    assert '<th scope="row">2020</th><td class="align-text-right">640</td></tr>' in text


def test_the_charts_are_named_svg_with_round_ticks_in_the_persons_language(inventory):
    import re

    html = danish().get(reverse("frontend:climate_dashboard")).content.decode()
    svg = re.search(r'<svg class="climate-chart-svg"[^>]*>', html).group(0)
    assert 'role="img"' in svg and 'width="100%"' in svg and 'viewBox="0 0 480 300"' in svg
    assert 'aria-labelledby="chart-path-title chart-path-desc"' in svg
    assert '<title id="chart-path-title">Udledningen fra 1990 til 2020 set mod den lige' in html
    assert '<desc id="chart-path-desc">I 1990 var udledningen 1.000 tCO2e;' in html
    first = html.split('id="chart-sectors-heading"')[0]
    labels = re.findall(r'text-anchor="end" fill="#1a1a1a">([^<]+)</text>', first)
    assert labels == ["tCO2e", "0", "250", "500", "750", "1.000"]
    years = re.findall(r'text-anchor="middle" fill="#1a1a1a">([^<]+)</text>', first)
    assert years == ["1990", "2000", "2010", "2020", "2030", "2040", "2050"]
    # The target line is dashed; the emissions line is not.
    assert 'data-series="target"' in first and 'stroke-dasharray="9 6"' in first
    english_html = english().get(reverse("frontend:climate_dashboard")).content.decode()
    assert 'fill="#1a1a1a">1,000</text>' in english_html
