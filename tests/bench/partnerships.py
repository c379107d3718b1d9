"""Climate-partnership figures (issue 11): 2,000 organisations, 6,000 partner commitments and
20,000 progress values in the bench database, added beside the proposals; on them the
partner pages, the climate dashboard and the partners' open data are timed.

The rows are what the services would have made (approved applications with their agreements,
reports with values and provenance), bulk-created from a fixed random seed. They are kept
between runs: `partnerships_seed` adds them once and finds them the next time.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from engage.accounts.models import User
from engage.taxonomy.models import FocusArea
from partnerships.metrics import GREEN_ACTIONS
from tests.bench import inprocess

ORGANISATIONS = 2_000
COMMITMENTS_PER_AGREEMENT = 3
VALUES = 20_000
# Reports submitted and not yet verified: the coordinator's review queue.
AWAITING = 400
COORDINATOR_EMAIL = "coordinator@bench.example"
ORG_ADMIN_EMAIL = "org-admin@bench.example"
SLUG_PREFIX = "bench-org-"
PROGRAMMES = [
    ("bench-klimaalliancen", "Klimaalliancen (bench)", ["company", "public"], "annual"),
    ("bench-groenne-boligforeninger", "Grønne boligforeninger (bench)", ["housing"], "annual"),
    ("bench-groenne-skoler", "Grønne skoler (bench)", ["school", "association"], "annual"),
    ("bench-festivaler", "Bæredygtige festivaler (bench)", ["festival"], "per_event"),
]
KINDS = ["company"] * 9 + ["housing"] * 4 + ["school"] * 3 + ["association", "public", "festival"]
SECTORS = ["energy", "transport", "buildings", "waste", "industry", "other"]
REPORT_YEARS = (2022, 2023, 2024, 2025)


def seeded() -> bool:
    from partnerships.models import Organisation

    return Organisation.objects.filter(slug__startswith=SLUG_PREFIX).count() >= ORGANISATIONS


def _user(email: str, name: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _staff_totp(user: User) -> None:
    """Staff must have TOTP enrolled (RequireMFAMiddleware); allauth writes the record."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())


def _commitment_rows(rng: random.Random, agreement, kind: str, creator_id: int) -> list:
    from partnerships.models import PartnerCommitment

    if kind == "festival":
        codes = rng.sample(["reusable_cups", "sorting_stations", "grid_power", "shuttle_buses"], 3)
        return [
            PartnerCommitment(
                agreement=agreement,
                title=f"Grøn handling: {code}",
                metric="checklist",
                unit=GREEN_ACTIONS[code].result_unit or "",
                checklist_action=code,
                position=n,
                created_by_id=creator_id,
            )
            for n, code in enumerate(codes)
        ]
    base = Decimal(rng.randint(80, 4_000))
    return [
        PartnerCommitment(
            agreement=agreement,
            title="Halvere udledningen fra egne kedler og biler",
            metric="emissions",
            unit="tCO2e",
            scope=rng.choice([1, 2]),
            direction="reduce",
            baseline_year=2021,
            baseline_value=base,
            target_year=2030,
            target_value=(base / 2).quantize(Decimal("0.001")),
            sector=rng.choice(SECTORS),
            position=0,
            created_by_id=creator_id,
        ),
        PartnerCommitment(
            agreement=agreement,
            title="Mindre energiforbrug i bygningerne",
            metric="energy",
            unit="MWh",
            direction="reduce",
            baseline_year=2021,
            baseline_value=base * 3,
            target_year=2030,
            target_value=(base * 2).quantize(Decimal("0.001")),
            sector="buildings",
            position=1,
            created_by_id=creator_id,
        ),
        PartnerCommitment(
            agreement=agreement,
            title="Sortere mere af affaldet",
            metric="waste_sorted_share",
            unit="%",
            direction="increase",
            baseline_year=2021,
            baseline_value=Decimal(rng.randint(20, 50)),
            target_year=2028,
            target_value=Decimal(80),
            sector="waste",
            position=2,
            created_by_id=creator_id,
        ),
    ]


def _value_for(rng: random.Random, commitment, year: int) -> tuple[Decimal | None, bool | None]:
    if commitment.metric == "checklist":
        return Decimal(rng.randint(40, 100)), rng.random() < 0.8
    span = commitment.target_year - commitment.baseline_year
    progress = min(1.0, (year - commitment.baseline_year) / span) * rng.uniform(0.4, 1.3)
    value = commitment.baseline_value + (
        commitment.target_value - commitment.baseline_value
    ) * Decimal(str(round(progress, 3)))
    if commitment.metric.endswith("_share"):
        value = max(Decimal(0), min(Decimal(100), value))
    return max(Decimal(0), value).quantize(Decimal("0.001")), None


@transaction.atomic
def partnerships_seed(*, log) -> None:
    """Add the bench's organisations, agreements, commitments and reports unless present."""
    from partnerships import models as m

    if seeded():
        log(
            f"Reusing {ORGANISATIONS:,} bench organisations with "
            f"{m.PartnerCommitment.objects.filter(agreement__organisation__slug__startswith=SLUG_PREFIX).count():,}"
            " commitments and "
            f"{m.ProgressValue.objects.filter(report__agreement__organisation__slug__startswith=SLUG_PREFIX).count():,}"
            " progress values"
        )
        return
    rng = random.Random(11)
    now = timezone.now()
    coordinator = _user(COORDINATOR_EMAIL, "Bench-koordinator")
    group, _created = Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)
    coordinator.groups.add(group)
    _staff_totp(coordinator)
    org_admin = _user(ORG_ADMIN_EMAIL, "Bench-organisationsadministrator")
    areas = list(FocusArea.objects.order_by("pk").values_list("pk", flat=True))

    programmes = []
    for slug, name, kinds, rhythm in PROGRAMMES:
        programme, _created = m.Programme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": "Et program i benchmark-databasen.",
                "eligible_kinds": kinds,
                "reporting_rhythm": rhythm,
                "is_open": True,
            },
        )
        programme.coordinators.add(coordinator)
        if areas:
            programme.focus_areas.set(rng.sample(areas, min(3, len(areas))))
        programmes.append(programme)
    by_kind = {kind: p for p in programmes for kind in p.eligible_kinds}

    members = list(
        User.objects.filter(is_active=True, is_superuser=False, groups__isnull=True)
        .exclude(email__in=[COORDINATOR_EMAIL, ORG_ADMIN_EMAIL])
        .order_by("pk")
        .values_list("pk", flat=True)[:ORGANISATIONS]
    )
    organisations = m.Organisation.objects.bulk_create(
        [
            m.Organisation(
                name=f"Bench-organisation {n:04d}",
                slug=f"{SLUG_PREFIX}{n:04d}",
                kind=KINDS[n % len(KINDS)],
                description="En partner i benchmark-databasen. " * 5,
                sector=SECTORS[n % len(SECTORS)],
                size=rng.randint(5, 2_000),
                verified_at=now - timedelta(days=900),
                verified_by=coordinator,
                created_at=now - timedelta(days=1_000),
                updated_at=now - timedelta(days=900),
            )
            for n in range(ORGANISATIONS)
        ]
    )
    memberships = [
        m.Membership(organisation=o, user_id=members[i % len(members)], role="admin")
        for i, o in enumerate(organisations)
    ]
    memberships.append(m.Membership(organisation=organisations[0], user=org_admin, role="admin"))
    m.Membership.objects.bulk_create(memberships, ignore_conflicts=True)

    per_year = ORGANISATIONS * COMMITMENTS_PER_AGREEMENT
    earlier = (VALUES - 3 * per_year) // COMMITMENTS_PER_AGREEMENT
    applications = m.Application.objects.bulk_create(
        [
            m.Application(
                programme=by_kind[o.kind],
                organisation=o,
                status="approved",
                submitted_by_id=members[i % len(members)],
                submitted_at=now - timedelta(days=800),
                decided_at=now - timedelta(days=790),
            )
            for i, o in enumerate(organisations)
        ]
    )
    agreements = m.Agreement.objects.bulk_create(
        [
            m.Agreement(
                application=a,
                programme=a.programme,
                organisation=a.organisation,
                start_date=date(2022 if i < earlier else 2023, 1, 1),
                review_date=date(2027, 1, 1),
                created_at=now - timedelta(days=790),
            )
            for i, a in enumerate(applications)
        ]
    )
    m.AgreementStep.objects.bulk_create(
        [m.AgreementStep(agreement=a, action="created", actor=coordinator) for a in agreements]
    )
    commitments = m.PartnerCommitment.objects.bulk_create(
        [
            row
            for i, agreement in enumerate(agreements)
            for row in _commitment_rows(
                rng, agreement, agreement.organisation.kind, members[i % len(members)]
            )
        ]
    )
    by_agreement: dict[int, list] = {}
    for commitment in commitments:
        by_agreement.setdefault(commitment.agreement_id, []).append(commitment)

    # Three years (2023-2025) for every agreement, and 2022 too for as many as VALUES allows
    # (they started a year earlier); AWAITING of the 2025 reports wait for a coordinator.
    reports, report_commitments = [], []
    for i, agreement in enumerate(agreements):
        festival = agreement.organisation.kind == "festival"
        years = REPORT_YEARS if i < earlier else REPORT_YEARS[1:]
        for year in years:
            awaiting = year == REPORT_YEARS[-1] and i < AWAITING
            start = date(year, 7, 1) if festival else date(year, 1, 1)
            end = date(year, 7, 4) if festival else date(year, 12, 31)
            reports.append(
                m.ProgressReport(
                    agreement=agreement,
                    period_start=start,
                    period_end=end,
                    event_name=f"Festival {year}" if festival else "",
                    due_date=end + timedelta(days=30) if festival else date(year + 1, 3, 31),
                    status="submitted" if awaiting else "verified",
                    story="Vi har skiftet til LED, fået solceller på taget og sorterer mere.",
                    submitted_by_id=members[i % len(members)],
                    submitted_at=timezone.make_aware(
                        timezone.datetime(year + 1, 2, 1 + i % 27, 10)
                    ),
                )
            )
            report_commitments.append((year, awaiting, by_agreement[agreement.pk]))
    reports = m.ProgressReport.objects.bulk_create(reports)
    values = []
    for report, (year, awaiting, rows) in zip(reports, report_commitments, strict=True):
        for commitment in rows:
            value, done = _value_for(rng, commitment, year)
            values.append(
                m.ProgressValue(
                    report=report,
                    commitment=commitment,
                    value=value,
                    done=done,
                    source="Elselskabets årsopgørelse og egne målinger",
                    entered_by_id=report.submitted_by_id,
                    entered_at=report.submitted_at,
                    state="pending" if awaiting else "verified",
                    verified_by=None if awaiting else coordinator,
                    verified_at=None if awaiting else report.submitted_at + timedelta(days=14),
                )
            )
    m.ProgressValue.objects.bulk_create(values, batch_size=2_000)
    with connection.cursor() as cursor:
        # The main seed analysed its tables before these were filled: without statistics
        # the planner reads the partners' tables as empty and the dashboard takes seconds.
        cursor.execute("ANALYZE")
    log(
        f"Seeded {len(organisations):,} organisations, {len(agreements):,} agreements, "
        f"{len(commitments):,} commitments, {len(reports):,} reports and {len(values):,} "
        "progress values"
    )


# --- what the bench measures --------------------------------------------------------------

# Issue 9's ratios for staff pages and public pages rendered afresh, applied to the
# partnership pages of issue 11.
TARGET_STAFF_RATIO = 60
TARGET_PUBLIC_RATIO = 40
TARGET_QUERIES = 12
# The climate dashboard, as the proposal pages of issue 9: afresh and from a shared copy.
TARGET_SHARED_RATIO = 10
RATIOS = [
    ("partner_queue", "coordinator's report queue", TARGET_STAFF_RATIO),
    ("partner_review", "coordinator's report review page", TARGET_STAFF_RATIO),
    ("partner_org", "organisation page (verified progress)", TARGET_PUBLIC_RATIO),
    ("partner_agreement", "agreement page, coordinator", TARGET_STAFF_RATIO),
    ("partner_dashboard_fresh", "climate dashboard, rendered afresh", TARGET_PUBLIC_RATIO),
    ("partner_dashboard", "climate dashboard, seen again", TARGET_SHARED_RATIO),
    (
        "partner_dashboard_changed",
        "climate dashboard, partner changed",
        TARGET_PUBLIC_RATIO,
    ),
]
# The partners' open data, each dataset's full CSV download (frontend:climate_download).
EXPORTS = {
    "organisations": "organisationer",
    "agreements": "aftaler",
    "commitments": "forpligtelser",
    "progress": "fremskridt",
}


def run_inprocess(*, run, wanted, results: dict, requests: int, log) -> None:
    """Seed the partnerships once, then time the coordinator's queue and review page, an
    organisation's public page, an agreement page, the derived status of every
    commitment, the climate dashboard and the partners' open data (run_opendata)."""
    from django.urls import reverse

    from partnerships import selectors
    from partnerships.models import Agreement, ProgressReport
    from tests.bench.moderation import staff_client

    partnerships_seed(log=log)
    coordinator = staff_client(COORDINATOR_EMAIL)
    rng = random.Random(12)
    slugs = [f"{SLUG_PREFIX}{n:04d}" for n in rng.sample(range(ORGANISATIONS), 200)]
    agreements = list(
        Agreement.objects.filter(organisation__slug__in=slugs).values_list("pk", flat=True)
    )
    waiting = list(
        ProgressReport.objects.filter(
            status="submitted", agreement__organisation__slug__startswith=SLUG_PREFIX
        ).values_list("pk", flat=True)[:100]
    )
    log(
        f"\nClimate partnerships ({ORGANISATIONS:,} organisations, "
        f"{ORGANISATIONS * COMMITMENTS_PER_AGREEMENT:,} commitments, about {VALUES:,} values; "
        f"{AWAITING} reports awaiting verification), signed in as a coordinator where staff"
    )
    n = max(30, requests // 2)
    staff = {"client": coordinator, "n": n}
    queue = reverse("frontend:report_queue")
    run("partner_queue", "coordinator's report queue", lambda i: queue, **staff)
    run(
        "partner_review",
        "report review page (random waiting report)",
        lambda i: reverse("frontend:report_review", kwargs={"pk": waiting[i % len(waiting)]}),
        **staff,
    )
    run(
        "partner_org",
        "organisation page (random, first view)",
        lambda i: reverse("frontend:organisation_detail", kwargs={"slug": slugs[i % len(slugs)]}),
        n=n,
    )
    run(
        "partner_agreement",
        "agreement page (random), coordinator",
        lambda i: reverse(
            "frontend:agreement_detail", kwargs={"pk": agreements[i % len(agreements)]}
        ),
        **staff,
    )
    if wanted("partner_statuses"):
        result = inprocess.measure_callable(
            "derived status of every commitment (selectors.commitment_progress)",
            lambda i: selectors.commitment_progress(),
            requests=10,
            warmup=2,
            budget_seconds=60,
        )
        results["partner_statuses"] = result
        trivial = results.get("trivial")
        log(inprocess.percentile_line(result, trivial.median if trivial else None))
    run_opendata(run=run, wanted=wanted, results=results, requests=requests, log=log)


def _export_measure(slug: str, url: str, *, repeats: int) -> inprocess.Result:
    """The full CSV download of one dataset, read to its end as a client would: `repeats`
    timed downloads after one warm-up, then one with its queries counted. The note gives
    rows per second at the median."""
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from partnerships.opendata import partner_dataset_queryset

    client = Client(raise_request_exception=False)
    result = inprocess.Result(f"full CSV export: {slug}")
    rows = partner_dataset_queryset(slug=slug).count()

    def read() -> int:
        response = client.get(url)
        if response.status_code != 200 and result.status == 200:
            result.status = response.status_code
        return sum(len(chunk) for chunk in response.streaming_content)

    size = read()
    for _ in range(repeats):
        started = time.perf_counter()
        read()
        result.samples_ms.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        read()
    result.queries = len(ctx.captured_queries)
    per_second = rows / (result.median / 1000) if result.median else float("nan")
    result.note = f"  {rows:,} rows, {size / 1e6:.1f} MB, {per_second:,.0f} rows/s"
    result.rows = rows  # type: ignore[attr-defined]
    result.rows_per_second = per_second  # type: ignore[attr-defined]
    return result


def run_opendata(*, run, wanted, results: dict, requests: int, log) -> None:
    """The climate dashboard afresh and seen again, a page of the progress API and each
    partner dataset's full CSV export."""
    from django.urls import reverse

    from engage.cache import climate_dashboard_changed

    dashboard = reverse("frontend:climate_dashboard")
    n = max(30, requests // 2)
    log(
        "\nClimate dashboard and the partners' open data (anonymous). 'Seen again' is the "
        "dashboard's shared rendering; 'afresh' retires it before each request (as a change "
        "elsewhere would, the sections being kept); 'partner changed' "
        "retires those figures too."
    )
    run(
        "partner_dashboard_fresh",
        "climate dashboard /klima/, rendered afresh",
        lambda i: (inprocess.everything_changed(), dashboard)[1],
        n=n,
    )
    run("partner_dashboard", "climate dashboard /klima/, seen again", lambda i: dashboard, n=n)
    # The worst case: a partner's change retires the partners' kept figures too.
    run(
        "partner_dashboard_changed",
        "climate dashboard /klima/, partner changed",
        lambda i: (climate_dashboard_changed(), dashboard)[1],
        n=n,
    )
    api = reverse("open-data-progress")
    run(
        "partner_opendata_api",
        "open-data API progress, page of 100 (random page)",
        lambda i: f"{api}?page_size=100&page={1 + (i * 37) % 150}",
        n=n,
    )
    if wanted("partner_export"):
        for slug, name in EXPORTS.items():
            url = reverse("frontend:climate_download", kwargs={"name": name, "fmt": "csv"})
            result = _export_measure(slug, url, repeats=5)
            results[f"partner_export_{slug}"] = result
            log(inprocess.percentile_line(result))


def table_rows(results) -> list[tuple]:
    """The closing table's partnership lines: ratios, queries and the derived statuses."""
    from tests.bench.scenarios import _ratio_row

    rows = [_ratio_row(results, key, label, target) for key, label, target in RATIOS]
    counts = [results[k].queries for k, _l, _t in RATIOS if k in results]
    if counts:
        rows.append(
            (
                "queries partner pages, dashboard, open-data API",
                "/".join(str(c) for c in counts),
                f"<={TARGET_QUERIES}",
                max(counts) <= TARGET_QUERIES,
            )
        )
    api = results.get("partner_opendata_api")
    if api is not None:
        rows.append(
            (
                "open-data API, progress page of 100",
                f"{api.median:.1f} ms median, p95 {api.p95:.1f}, {api.queries} queries",
                f"<={TARGET_QUERIES} queries",
                api.queries <= TARGET_QUERIES and api.status == 200,
            )
        )
    for slug in EXPORTS:
        export = results.get(f"partner_export_{slug}")
        if export is not None:
            rows.append(
                (
                    f"full CSV export, {slug}",
                    f"{export.rows_per_second:,.0f} rows/s ({export.rows:,} rows), "
                    f"{export.queries} queries",
                    f"<={TARGET_QUERIES} queries",
                    export.queries <= TARGET_QUERIES and export.status == 200,
                )
            )
    statuses = results.get("partner_statuses")
    if statuses is not None:
        rows.append(
            (
                "derived status, all commitments",
                f"{statuses.median:.0f} ms median, {statuses.queries} queries",
                f"<={TARGET_QUERIES} queries",
                statuses.queries <= TARGET_QUERIES,
            )
        )
    return rows
