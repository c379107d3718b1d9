"""The partners' open data: organisations, agreements, commitments and verified progress as
CSV, JSON and through the API, for a few partners with known values (scope 1, 2 and 3,
values awaiting verification or sent back, a withdrawn commitment, a paused agreement, a
commitment in another unit). Every row and figure is checked, in each form."""

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import ProgressReport, ProgressValue, ReportStatus, ValueState
from partnerships.services import ValueDecision
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

# URL name of each dataset's download, and its API route.
DOWNLOADS = {
    "organisations": "organisationer",
    "agreements": "aftaler",
    "commitments": "forpligtelser",
    "progress": "fremskridt",
}
API = {slug: f"open-data-{slug}" for slug in DOWNLOADS}


def english() -> Client:
    client = Client(headers={"accept-language": "en"})
    client.cookies["django_language"] = "en"
    return client


def danish() -> Client:
    client = Client()
    client.cookies["django_language"] = "da"
    return client


def download(slug: str, fmt: str, client: Client | None = None, **headers):
    client = client or english()
    return client.get(
        reverse("frontend:climate_download", args=[DOWNLOADS[slug], fmt]), headers=headers
    )


def body_of(response) -> str:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def typed(fields: list[dict], row: dict) -> dict:
    """A row read back (CSV text or JSON values) as Python values by the schema's types."""

    def cast(kind: str, value):
        if value in ("", None):
            return None if kind != "string" else ""
        if kind == "integer":
            return int(value)
        if kind == "number":
            return Decimal(str(value))
        if kind == "boolean":
            return value if isinstance(value, bool) else {"True": True, "False": False}[value]
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "datetime":
            return datetime.fromisoformat(value)
        return value

    return {f["name"]: cast(f["type"], row[f["name"]]) for f in fields}


def csv_rows(slug: str, client: Client | None = None) -> list[dict]:
    response = download(slug, "csv", client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    fields = json.loads(body_of(download(slug, "json", client)))["schema"]["fields"]
    rows = list(csv.DictReader(io.StringIO(body_of(response))))
    assert {row.pop("licence") for row in rows} <= {"CC BY 4.0"}
    return [typed(fields, row) for row in rows]


def json_rows(slug: str) -> list[dict]:
    body = json.loads(body_of(download(slug, "json")))
    assert body["licence"] == "CC BY 4.0" and body["dataset"] == slug
    return [typed(body["schema"]["fields"], row) for row in body["rows"]]


def api_rows(slug: str) -> list[dict]:
    body = english().get(reverse(API[slug]), {"page_size": 100}).json()
    assert body["licence"] == "CC BY 4.0" and body["dataset"] == slug
    assert body["count"] == len(body["results"]) and body["next"] is None
    return [typed(body["schema"]["fields"], row) for row in body["results"]]


@pytest.fixture
def world():
    now = timezone.now()
    coordinator = coordinator_make(display_name="Kirsten Koordinator")
    admin = UserFactory(display_name="Anders Admin", email="anders@solvarme.example")
    programme = ProgrammeFactory(name="Klimaalliancen", slug="klimaalliancen")
    solvarme = OrganisationFactory(
        name="Solvarme ApS",
        slug="solvarme",
        description="Vi sætter solfangere op.",
        website="https://solvarme.example",
        address="Havnevej 1, 8000 Aarhus C",
        size=25,
        verified_at=now,
        verified_by=coordinator,
        admins=[admin],
    )
    engen = HousingFactory(name="Boligforeningen Engen", slug="engen", members=[UserFactory()])
    OrganisationFactory(
        name="Cykelklubben", slug="cykelklubben", kind="association", sector="other", cvr=""
    )
    active = agreement_make(organisation=solvarme, programme=programme, start_date=date(2023, 3, 1))
    paused = agreement_make(
        organisation=engen, programme=programme, start_date=date(2024, 1, 1), status="paused"
    )
    scope1 = PartnerCommitmentFactory(agreement=active, title="Egne kedler", scope=1, position=0)
    scope2 = PartnerCommitmentFactory(
        agreement=active,
        title="Indkøbt el",
        scope=2,
        baseline_value=Decimal("40"),
        target_value=Decimal("20"),
        position=1,
    )
    scope3 = PartnerCommitmentFactory(
        agreement=active,
        title="Leverandører",
        scope=3,
        baseline_value=Decimal("300"),
        target_value=Decimal("200.5"),
        position=2,
    )
    energy = PartnerCommitmentFactory(
        agreement=active,
        title="Mindre varme",
        metric="energy",
        unit="MWh",
        scope=None,
        baseline_value=Decimal("500"),
        target_value=Decimal("400"),
        sector="buildings",
        position=3,
    )
    cups = ChecklistCommitmentFactory(agreement=active, position=4)
    withdrawn = PartnerCommitmentFactory(
        agreement=active, title="Trukket tilbage", position=5, withdrawn_at=now
    )
    in_pause = PartnerCommitmentFactory(agreement=paused, title="Pauset", scope=1, position=0)
    values = {
        "s1_2023": verified_value_make(
            commitment=scope1, year=2023, value=Decimal("90"), verifier=coordinator
        ),
        "s1_2024": verified_value_make(commitment=scope1, year=2024, value=Decimal("80.25")),
        "s2_2024": verified_value_make(commitment=scope2, year=2024, value=Decimal("35")),
        "s3_2024": verified_value_make(commitment=scope3, year=2024, value=Decimal("280")),
        "mwh_2024": verified_value_make(commitment=energy, year=2024, value=Decimal("450")),
        "cups_2024": verified_value_make(
            commitment=cups, year=2024, value=Decimal("85"), done=True
        ),
    }
    # Never published: a withdrawn commitment's value, a paused agreement's, one sent back
    # and one awaiting verification.
    verified_value_make(commitment=withdrawn, year=2024, value=Decimal("10"))
    verified_value_make(commitment=in_pause, year=2024, value=Decimal("999"))
    ProgressValue.objects.create(
        report=values["s1_2023"].report,
        commitment=scope2,
        value=Decimal("99"),
        source="Gæt",
        state=ValueState.RETURNED,
        entered_by=admin,
    )
    waiting = ProgressReport.objects.create(
        agreement=active,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        due_date=date(2026, 3, 31),
        status=ReportStatus.SUBMITTED,
        submitted_at=now,
        submitted_by=admin,
    )
    pending = ProgressValue.objects.create(
        report=waiting, commitment=scope1, value=Decimal("70"), source="Elmåler", entered_by=admin
    )
    programme.coordinators.add(coordinator)
    return {
        "coordinator": coordinator,
        "admin": admin,
        "programme": programme,
        "solvarme": solvarme,
        "engen": engen,
        "active": active,
        "paused": paused,
        "commitments": [scope1, scope2, scope3, energy, cups],
        "values": values,
        "pending": pending,
        "waiting": waiting,
    }


def expected_organisations(world) -> list[dict]:
    def page(slug):
        return reverse("frontend:organisation_detail", kwargs={"slug": slug})

    return [
        {
            "slug": "engen",
            "name": "Boligforeningen Engen",
            "kind": "housing",
            "kind_name": "Housing association",
            "sector": "buildings",
            "sector_name": "Buildings",
            "description": "",
            "size": 300,
            "size_unit": "homes",
            "cvr": "",
            "address": "",
            "website": "",
            "is_verified": False,
            "url": page("engen"),
        },
        {
            "slug": "cykelklubben",
            "name": "Cykelklubben",
            "kind": "association",
            "kind_name": "Association or NGO",
            "sector": "other",
            "sector_name": "Other",
            "description": "",
            "size": None,  # an association's size is not asked for, nor shown
            "size_unit": "",
            "cvr": "",
            "address": "",
            "website": "",
            "is_verified": False,
            "url": page("cykelklubben"),
        },
        {
            "slug": "solvarme",
            "name": "Solvarme ApS",
            "kind": "company",
            "kind_name": "Company",
            "sector": "energy",
            "sector_name": "Energy supply",
            "description": "Vi sætter solfangere op.",
            "size": 25,
            "size_unit": "employees",
            "cvr": world["solvarme"].cvr,
            "address": "Havnevej 1, 8000 Aarhus C",
            "website": "https://solvarme.example",
            "is_verified": True,
            "url": page("solvarme"),
        },
    ]


def expected_commitments(world) -> list[dict]:
    agreement = world["active"].pk
    scope1, scope2, scope3, energy, cups = world["commitments"]
    common = {
        "agreement_id": agreement,
        "organisation": "solvarme",
        "organisation_name": "Solvarme ApS",
        "programme": "klimaalliancen",
        "description": "",
        "green_action": "",
        "sector": "",
        "sector_name": "",
        "focus_area": "",
    }

    def emissions(c, title, scope, baseline, target):
        return {
            **common,
            "id": c.pk,
            "title": title,
            "metric": "emissions",
            "metric_name": "Greenhouse gas emitted",
            "unit": "tCO2e",
            "unit_name": "tonnes CO₂e",
            "scope": scope,
            "direction": "reduce",
            "baseline_year": 2022,
            "baseline_value": Decimal(baseline),
            "target_year": 2030,
            "target_value": Decimal(target),
        }

    return [
        emissions(scope1, "Egne kedler", 1, "100", "50"),
        emissions(scope2, "Indkøbt el", 2, "40", "20"),
        emissions(scope3, "Leverandører", 3, "300", "200.5"),
        {
            **common,
            "id": energy.pk,
            "title": "Mindre varme",
            "metric": "energy",
            "metric_name": "Energy used",
            "unit": "MWh",
            "unit_name": "MWh",
            "scope": None,
            "direction": "reduce",
            "baseline_year": 2022,
            "baseline_value": Decimal("500"),
            "target_year": 2030,
            "target_value": Decimal("400"),
            "sector": "buildings",
            "sector_name": "Buildings",
        },
        {
            **common,
            "id": cups.pk,
            "title": "Reusable cups and tableware instead of disposables",
            "metric": "checklist",
            "metric_name": "Green action from the guide",
            "unit": "%",
            "unit_name": "share of drinks served in reusable cups (%)",
            "scope": None,
            "direction": "",
            "baseline_year": None,
            "baseline_value": None,
            "target_year": None,
            "target_value": None,
            "green_action": "reusable_cups",
        },
    ]


def expected_progress(world) -> list[dict]:
    v = world["values"]
    scope1, scope2, scope3, energy, cups = world["commitments"]

    def row(value, commitment, year, metric, scope, number, unit, done=None):
        return {
            "id": value.pk,
            "commitment_id": commitment.pk,
            "agreement_id": world["active"].pk,
            "organisation": "solvarme",
            "organisation_name": "Solvarme ApS",
            "period_start": date(year, 1, 1),
            "period_end": date(year, 12, 31),
            "event_name": "",
            "metric": metric,
            "scope": scope,
            "value": Decimal(number),
            "unit": unit,
            "done": done,
            "source": "Elmåler",
            "verified_at": value.verified_at,
        }

    return [
        row(v["s1_2023"], scope1, 2023, "emissions", 1, "90", "tCO2e"),
        row(v["s1_2024"], scope1, 2024, "emissions", 1, "80.25", "tCO2e"),
        row(v["s2_2024"], scope2, 2024, "emissions", 2, "35", "tCO2e"),
        row(v["s3_2024"], scope3, 2024, "emissions", 3, "280", "tCO2e"),
        row(v["mwh_2024"], energy, 2024, "energy", None, "450", "MWh"),
        row(v["cups_2024"], cups, 2024, "checklist", None, "85", "%", done=True),
    ]


def expected(world) -> dict[str, list[dict]]:
    return {
        "organisations": expected_organisations(world),
        "agreements": [
            {
                "id": world["active"].pk,
                "organisation": "solvarme",
                "organisation_name": "Solvarme ApS",
                "programme": "klimaalliancen",
                "programme_name": "Klimaalliancen",
                "start_date": date(2023, 3, 1),
            }
        ],
        "commitments": expected_commitments(world),
        "progress": expected_progress(world),
    }


@pytest.mark.parametrize("slug", list(DOWNLOADS))
def test_every_row_is_the_same_in_the_csv_the_json_and_the_api(world, slug):
    rows = expected(world)[slug]
    assert csv_rows(slug) == rows
    assert json_rows(slug) == rows
    assert api_rows(slug) == rows


def test_the_totals_add_up_by_scope_and_by_unit(world):
    totals: dict[tuple, Decimal] = {}
    for row in csv_rows("progress"):
        key = (row["metric"], row["scope"], row["unit"])
        totals[key] = totals.get(key, Decimal(0)) + row["value"]
    # The paused agreement's 999, the withdrawn commitment's 10, the 99 sent back and the
    # 70 awaiting verification are in none of them.
    assert totals == {
        ("emissions", 1, "tCO2e"): Decimal("170.25"),
        ("emissions", 2, "tCO2e"): Decimal("35"),
        ("emissions", 3, "tCO2e"): Decimal("280"),
        ("energy", None, "MWh"): Decimal("450"),
        ("checklist", None, "%"): Decimal("85"),
    }
    baselines: dict[tuple, Decimal] = {}
    for row in json_rows("commitments"):
        if row["baseline_value"] is not None:
            key = (row["scope"], row["unit"])
            baselines[key] = baselines.get(key, Decimal(0)) + row["baseline_value"]
    assert baselines == {
        (1, "tCO2e"): Decimal("100"),
        (2, "tCO2e"): Decimal("40"),
        (3, "tCO2e"): Decimal("300"),
        (None, "MWh"): Decimal("500"),
    }


def test_no_personal_data_is_published(world):
    text = "".join(
        body_of(download(slug, fmt)) for slug in DOWNLOADS for fmt in ("csv", "json")
    ) + "".join(english().get(reverse(API[slug])).content.decode() for slug in DOWNLOADS)
    for secret in [
        world["admin"].email,
        "Anders Admin",
        "Kirsten Koordinator",
        world["coordinator"].email,
        "verified_by",
        "entered_by",
        "Gæt",  # the source of the value sent back
    ]:
        assert secret not in text


def test_labels_are_in_the_language_asked_for(world):
    rows = {row["slug"]: row for row in csv_rows("organisations", danish())}
    assert (rows["engen"]["kind_name"], rows["engen"]["size_unit"]) == ("Boligforening", "boliger")
    assert rows["engen"]["sector_name"] == "Bygninger"
    metric = {row["metric"]: row["metric_name"] for row in csv_rows("commitments", danish())}
    assert metric["energy"] == "Energiforbrug"


def etags() -> dict[str, str]:
    found = {}
    for slug in DOWNLOADS:
        response = download(slug, "csv")
        body_of(response)
        found[slug] = response["ETag"]
        found[f"api-{slug}"] = english().get(reverse(API[slug]))["ETag"]
    return found


def changed(before: dict, after: dict) -> set[str]:
    return {key for key in before if before[key] != after[key]}


def test_a_change_to_a_row_gives_a_new_etag_and_nothing_else_does(world):
    before = etags()
    assert etags() == before  # nothing changed: the same tags

    report = services.report_review(
        report=world["waiting"],
        actor=world["coordinator"],
        decisions=[ValueDecision(world["pending"].pk, "verify")],
    )
    assert report.status == ReportStatus.VERIFIED
    after = etags()
    assert changed(before, after) == {"progress", "api-progress"}
    assert Decimal("70") in {row["value"] for row in csv_rows("progress")}

    before = after
    solvarme = world["solvarme"]
    services.organisation_update(
        organisation=solvarme,
        actor=world["admin"],
        name="Solvarme og Søn ApS",
        kind=solvarme.kind,
        sector=solvarme.sector,
        description=solvarme.description,
        website=solvarme.website,
        address=solvarme.address,
        size=solvarme.size,
        cvr=solvarme.cvr,
    )
    after = etags()
    assert changed(before, after) == set(before)  # the name is in every dataset
    assert {row["organisation_name"] for row in csv_rows("agreements")} == {"Solvarme og Søn ApS"}

    before = after
    services.agreement_act(
        agreement=world["active"], actor=world["coordinator"], action="paused", reason="Pause."
    )
    after = etags()
    assert changed(before, after) == {key for key in before if not key.endswith("organisations")}
    for slug in ("agreements", "commitments", "progress"):
        assert csv_rows(slug) == [] and api_rows(slug) == []


@pytest.mark.parametrize("slug", list(DOWNLOADS))
def test_a_repeated_download_is_answered_not_modified_with_one_query(
    world, slug, django_assert_num_queries
):
    first = download(slug, "csv")
    body_of(first)
    etag, modified = first["ETag"], first["Last-Modified"]
    with django_assert_num_queries(1):
        assert download(slug, "csv", **{"if-none-match": etag}).status_code == 304
    assert download(slug, "csv", **{"if-modified-since": modified}).status_code == 304
    assert download(slug, "json", **{"if-none-match": etag}).status_code == 200
    api = reverse(API[slug])
    first = english().get(api)
    with django_assert_num_queries(1):
        again = english().get(api, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert (
        english().get(api, {"page": 1}, headers={"if-none-match": first["ETag"]}).status_code == 200
    )


def more_partners(world, n: int) -> None:
    """n more organisations with an active agreement, two commitments and a verified value
    each."""
    for i in range(n):
        organisation = OrganisationFactory(verified_at=timezone.now())
        agreement = agreement_make(organisation=organisation, programme=world["programme"])
        for scope in (1, 2):
            commitment = PartnerCommitmentFactory(agreement=agreement, scope=scope)
            verified_value_make(commitment=commitment, year=2024, value=Decimal(i + scope))


def test_open_data_runs_a_constant_number_of_queries(world, django_assert_num_queries):
    def measure() -> dict[str, int]:
        counts = {}
        for slug in DOWNLOADS:
            for fmt in ("csv", "json"):
                with django_assert_num_queries(2):  # the state, then the rows
                    body_of(download(slug, fmt))
            with django_assert_num_queries(3):  # the state with the count, the ids, the rows
                assert english().get(reverse(API[slug])).status_code == 200
            counts[slug] = len(csv_rows(slug))
        return counts

    small = measure()
    more_partners(world, 6)
    large = measure()
    assert {slug: large[slug] - small[slug] for slug in small} == {
        "organisations": 6,
        "agreements": 6,
        "commitments": 12,
        "progress": 12,
    }


def test_the_full_csv_export_is_streamed_in_chunks(world, django_assert_num_queries, monkeypatch):
    from partnerships import opendata

    monkeypatch.setattr(opendata, "CHUNK_SIZE", 2)
    more_partners(world, 3)
    response = download("progress", "csv")
    assert response.streaming
    with django_assert_num_queries(1):  # one cursor, read two rows at a time
        lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1 + 6 + 6


def test_the_api_pages_the_rows(world):
    url = reverse(API["progress"])
    first = english().get(url, {"page_size": 4}).json()
    assert first["count"] == 6 and len(first["results"]) == 4 and first["next"]
    second = english().get(first["next"]).json()
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert ids == [row["id"] for row in expected_progress(world)]
    assert english().get(url, {"page": 3, "page_size": 4}).status_code == 404
    assert english().get(url, {"page": "x"}).status_code == 400
    assert english().get(url, {"page_size": "0"}).status_code == 400


def test_the_api_is_read_only_and_anonymous(world):
    url = reverse(API["organisations"])
    assert Client().post(url, {}).status_code == 405
    assert Client().get(url).status_code == 200


@pytest.mark.parametrize(
    "client, texts",
    [
        (
            english,
            [
                "Organisations in climate partnerships",
                "Climate partnership agreements",
                "The partners&#x27; commitments",
                "The partners&#x27; verified progress",
                "A paused or ended agreement is not published",
            ],
        ),
        (
            danish,
            [
                "Organisationer i klimapartnerskaber",
                "Klimapartnerskabsaftaler",
                "Partnernes forpligtelser",
                "Partnernes verificerede fremskridt",
                "En aftale, der er sat på pause eller afsluttet, offentliggøres ikke",
            ],
        ),
    ],
)
def test_the_open_data_page_lists_the_partners_datasets_in_both_languages(client, texts):
    response = client().get(reverse("frontend:climate_open_data"))
    text = " ".join(body_of(response).split())
    for expected_text in texts:
        assert expected_text in text
    for slug, name in DOWNLOADS.items():
        assert reverse("frontend:climate_download", args=[name, "csv"]) in text
        assert reverse(API[slug]) in text
    assert "<code>verified_at</code></th><td>datetime</td>" in text


def test_a_deleted_organisation_makes_an_older_copy_stale(world):
    from datetime import timedelta

    from django.db.models import F

    from partnerships.models import Organisation

    gone = OrganisationFactory(name="Lukket ApS")
    hour = timedelta(hours=1)  # the copy below is an hour old: Last-Modified has seconds
    Organisation.objects.update(
        created_at=F("created_at") - hour,
        updated_at=F("updated_at") - hour,
        verified_at=F("verified_at") - hour,
    )
    copy = download("organisations", "csv")
    assert "Lukket ApS" in body_of(copy)
    modified = copy["Last-Modified"]
    assert download("organisations", "csv", **{"if-modified-since": modified}).status_code == 304

    services.organisation_delete(organisation=gone, actor=world["coordinator"])
    again = download("organisations", "csv", **{"if-modified-since": modified})
    assert again.status_code == 200
    assert "Lukket ApS" not in body_of(again)
