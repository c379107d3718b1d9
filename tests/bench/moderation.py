"""Moderation and routing figures (issues 4 and 9).

Pages and API for signed-in staff: the triage queue (unfiltered and filtered, page and
API), one proposal's moderation page, the reports workspace, a focus-area team's queue
(page and API) and the audit trail. The
suggester: the speed of POST /api/v1/proposals/suggest-focus-areas/ and of suggest()
alone, and its quality and confidence on both halves of tests/proposals/routing_evaluation.py.
"""

import json
import random
import time
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from proposals.lifecycle import Status
from proposals.models import Proposal
from tests.bench import inprocess
from tests.bench.seed import ADMIN_EMAIL, MODERATOR_EMAIL, TEAM_MEMBER_EMAIL

TRIAGE_API = "/api/v1/moderation/queue/"
TARGET_STAFF_RATIO = 60
# (result key, table label, target): the staff pages of issue 9, at the sizes it names.
RATIOS = [
    ("mod_queue", "triage page (50 rows)", TARGET_STAFF_RATIO),
    ("mod_queue_theme", "triage page ?theme=…", TARGET_STAFF_RATIO),
    ("mod_api_100", "triage API ?page_size=100", TARGET_STAFF_RATIO),
    ("mod_item", "moderation item page", TARGET_STAFF_RATIO),
    ("mod_reports", "reports workspace (open reports)", TARGET_STAFF_RATIO),
    ("mod_hidden", "hidden content page", TARGET_STAFF_RATIO),
    ("team_queue", "team queue page", TARGET_STAFF_RATIO),
    ("team_api", "team queue API", TARGET_STAFF_RATIO),
    ("audit", "audit trail page", TARGET_STAFF_RATIO),
]
SUGGEST_API = "/api/v1/proposals/suggest-focus-areas/"
TARGET_SUGGEST_P95_MS = 50
# Issue 13's goals for the suggester on citizen text.
TARGET_TOP1 = 0.70
TARGET_TOP3 = 0.90
TARGET_THEME = 0.85
TARGET_AUROC = 0.80
TARGET_SUGGEST_DIRECT_P95_MS = 20


def staff_client(email: str) -> Client:
    """A client signed in as `email` with the session an allauth password + TOTP login leaves.

    RequireMFAMiddleware only checks that TOTP is enrolled (the seed enrols both bench
    staff users); the authentication records make the session the size a real one is.
    """
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    user = get_user_model().objects.get(email=email)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    record_authentication(request, user, "password", email=email)
    record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    request.session.save()
    return client


@dataclass
class Fixtures:
    """What the scenarios ask for, read from the seeded database."""

    moderator: Client
    member: Client
    admin: Client
    team_slug: str
    team_open: int
    waiting: int
    themes: list[str]
    suggested: list[str]  # the suggested focus areas with the most waiting proposals
    combined: str  # theme + suggested area + overdue: the oldest waiting proposal's
    waiting_pks: list[int]
    open_reports: int

    @property
    def team_page(self) -> str:
        return reverse("frontend:team_queue", kwargs={"slug": self.team_slug})

    @property
    def team_api(self) -> str:
        return f"/api/v1/teams/{self.team_slug}/queue/"


def fixtures(*, rng: random.Random, themes: list[str], k: int = 400) -> Fixtures | None:
    from proposals.models import Report

    User = get_user_model()
    member = User.objects.filter(email=TEAM_MEMBER_EMAIL).first()
    staff = User.objects.filter(email__in=[MODERATOR_EMAIL, ADMIN_EMAIL]).count()
    if member is None or staff < 2:
        return None
    team = member.teams.order_by("pk").first()
    waiting = Proposal.objects.filter(status=Status.SUBMITTED)
    pks = list(waiting.values_list("pk", flat=True))
    suggested = Counter(waiting.values_list("suggested_focus_area", flat=True))
    oldest = waiting.order_by("submitted_at", "pk").values_list(
        "theme__slug", "suggested_focus_area"
    )[:1]
    theme, area = oldest[0] if oldest else ("", "")
    return Fixtures(
        moderator=staff_client(MODERATOR_EMAIL),
        member=staff_client(TEAM_MEMBER_EMAIL),
        admin=staff_client(ADMIN_EMAIL),
        team_slug=team.slug,
        team_open=Proposal.objects.filter(
            team=team, status__in=[Status.PUBLISHED, Status.UNDER_REVIEW]
        ).count(),
        waiting=len(pks),
        themes=themes,
        suggested=[slug for slug, _n in suggested.most_common(5) if slug],
        combined=f"theme={theme}&suggested={area}&overdue=on",
        waiting_pks=rng.sample(pks, min(k, len(pks))),
        open_reports=Report.objects.filter(resolved_at__isnull=True).count(),
    )


def _texts() -> list[tuple[str, str]]:
    from tests.proposals.routing_evaluation import halves

    return [(item.title, item.body) for half in halves().values() for item in half]


def _suggest_payload(i: int) -> dict:
    texts = _texts()
    title, body = texts[i % len(texts)]
    return {"title": title, "body": body}


def _post_suggest(client: Client, i: int):
    # A different address per request: many people typing, each well inside the
    # suggest_focus_areas throttle, whose bookkeeping is part of what is timed.
    address = f"10.{i // 62500 % 250}.{i // 250 % 250}.{i % 250 + 1}"
    return client.post(
        SUGGEST_API,
        data=json.dumps(_suggest_payload(i)),
        content_type="application/json",
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=address,
    )


def _suggest_direct(i: int) -> None:
    from proposals.routing import suggester_get

    suggester_get().suggest(**_suggest_payload(i), limit=5)


def run_inprocess(*, run, wanted, results: dict, requests: int, log) -> None:
    """Time the moderation scenarios with `run` (scenarios.run_inprocess's helper), those
    whose key `wanted` accepts."""
    fx = fixtures(rng=random.Random(43), themes=_themes())
    if fx is None:
        log("  moderation: no bench staff users in this database (re-seed), skipped")
        return
    triage = reverse("frontend:moderation_queue")
    log(
        f"\nModeration and teams (signed-in moderator / team member, TOTP enrolled, MFA session); "
        f"{fx.waiting:,} waiting in triage, team {fx.team_slug} with {fx.team_open:,} open, "
        f"{fx.open_reports:,} open reports"
    )
    # Half the usual count: ten pages at 100 ms or so would stretch the whole bench.
    n = max(30, requests // 2)
    mod = {"client": fx.moderator, "n": n}
    themes, suggested, pks = fx.themes, fx.suggested, fx.waiting_pks
    run("mod_queue", "triage page /moderation/", lambda i: triage, **mod)
    run(
        "mod_queue_theme",
        "triage page ?theme=…",
        lambda i: f"{triage}?theme={themes[i % len(themes)]}",
        **mod,
    )
    run(
        "mod_queue_suggested",
        "triage page ?suggested=… (5 busiest)",
        lambda i: f"{triage}?suggested={suggested[i % len(suggested)]}",
        **mod,
    )
    run("mod_queue_overdue", "triage page ?overdue=on", lambda i: f"{triage}?overdue=on", **mod)
    run("mod_api_50", "triage API ?page_size=50", lambda i: f"{TRIAGE_API}?page_size=50", **mod)
    run("mod_api_100", "triage API ?page_size=100", lambda i: f"{TRIAGE_API}?page_size=100", **mod)
    run(
        "mod_item",
        "moderation item page (random waiting)",
        lambda i: reverse("frontend:moderation_item", kwargs={"pk": pks[i % len(pks)]}),
        **mod,
    )
    reports = reverse("frontend:moderation_reports")
    run("mod_reports", "reports workspace page", lambda i: reports, **mod)
    hidden = reverse("frontend:moderation_hidden")
    run("mod_hidden", "hidden content page (50 newest)", lambda i: hidden, **mod)
    member = {"client": fx.member, "n": n}
    run("team_queue", "team page /teams/<busiest team>/", lambda i: fx.team_page, **member)
    run("team_api", "team API …/queue/", lambda i: fx.team_api, **member)
    audit = reverse("frontend:audit_trail")
    run("audit", "audit trail page (admin)", lambda i: audit, client=fx.admin, n=n)

    trivial = results.get("trivial")
    if wanted("suggest_api"):
        result = inprocess.measure_send(
            f"suggest API POST ({len(_texts())} evaluation texts)",
            _post_suggest,
            describe=lambda i: f"POST {SUGGEST_API}",
            requests=max(requests, 300),
        )
        results["suggest_api"] = result
        log(inprocess.percentile_line(result, trivial.median if trivial else None))
    if wanted("suggest_direct"):
        result = inprocess.measure_callable(
            "suggester_get().suggest() alone", _suggest_direct, requests=max(requests, 1000)
        )
        results["suggest_direct"] = result
        log(inprocess.percentile_line(result))


def _themes() -> list[str]:
    from engage.taxonomy.models import Theme

    return list(Theme.objects.order_by("position").values_list("slug", flat=True))


def query_counts(*, rng: random.Random) -> dict[str, list[int] | None]:
    """Queries per request of the moderation pages and API on this database."""
    fx = fixtures(rng=rng, themes=_themes(), k=3)
    if fx is None:
        return {}
    triage = reverse("frontend:moderation_queue")
    item = [reverse("frontend:moderation_item", kwargs={"pk": pk}) for pk in fx.waiting_pks]
    groups: dict[str, tuple[Client, list[str]]] = {
        "mod_queue": (fx.moderator, [triage, f"{triage}?page=2"]),
        "mod_queue_filtered": (
            fx.moderator,
            [
                f"{triage}?theme={fx.themes[0]}",
                f"{triage}?suggested={fx.suggested[0]}",
                f"{triage}?overdue=on",
                f"{triage}?{fx.combined}",
            ],
        ),
        "mod_api": (
            fx.moderator,
            [
                f"{TRIAGE_API}?page_size=50",
                f"{TRIAGE_API}?page_size=100",
                f"{TRIAGE_API}?page_size=50&theme={fx.themes[0]}&overdue=true",
            ],
        ),
        "mod_item": (fx.moderator, item),
        "mod_reports": (fx.moderator, [reverse("frontend:moderation_reports")]),
        "mod_hidden": (fx.moderator, [reverse("frontend:moderation_hidden")]),
        "team_queue": (
            fx.member,
            [fx.team_page, f"{fx.team_page}?page=2", f"{fx.team_page}?vis=besvarede"],
        ),
        "team_api": (
            fx.member,
            [fx.team_api, f"{fx.team_api}?page_size=100", f"{fx.team_api}?include_answered=true"],
        ),
        "audit": (
            fx.admin,
            [
                reverse("frontend:audit_trail"),
                reverse("frontend:audit_trail") + "?page=2",
                reverse("frontend:audit_trail") + "?action=proposal.route",
            ],
        ),
    }
    counts: dict[str, list[int] | None] = {}
    for key, (client, urls) in groups.items():
        found = [inprocess.count_queries(url, client=client) for url in urls]
        counts[key] = [q for status, q in found] if all(s == 200 for s, _ in found) else None
    return counts


# --- routing quality ---------------------------------------------------------------------


def _learned_from(items, *, areas) -> dict:
    """What routing_model_train stores had moderators routed `items` as labelled (each to
    its best area): the product's own proposals.routing.learned_counts."""
    from proposals.routing import learned_counts

    return learned_counts(
        decisions=((item.areas[0], item.title, item.body) for item in items if item.areas),
        areas=areas,
    )


LEARNED_FOLDS = 5


class _FoldSuggester:
    """Ranks each tuning item with a suggester that learned from the other folds' items.

    Stands in for a Suggester in evaluation_measure, so a learned figure on the tuning half
    pools every item and never ranks an item its suggester learned from.
    """

    def __init__(self, *, items, areas, folds: int = LEARNED_FOLDS):
        from proposals.routing import Suggester

        self.fold_of = {(item.title, item.body): i % folds for i, item in enumerate(items)}
        self.suggesters = [
            Suggester(
                areas=areas,
                learned=_learned_from(
                    [item for j, item in enumerate(items) if j % folds != fold], areas=areas
                ),
            )
            for fold in range(folds)
        ]

    def rank(self, *, title: str, body: str, limit: int = 5):
        return self.suggesters[self.fold_of[(title, body)]].rank(
            title=title, body=body, limit=limit
        )


def routing_quality() -> dict:
    """The day-one suggester on both halves of the evaluation set; after learning as
    moderators' routing decisions, the tuning half by folds (learning from the other
    fifths) and the held-out half (learning from the whole tuning half).

    Needs only the taxonomy in the database (no seeded proposals).
    """
    from proposals.routing import Suggester, area_texts
    from tests.proposals.routing_evaluation import evaluation_measure, halves

    areas = area_texts()
    day_one = Suggester(areas=areas, learned={})
    parts = halves()
    folds = _FoldSuggester(items=parts["tuning"], areas=areas)
    learned = Suggester(areas=areas, learned=_learned_from(parts["tuning"], areas=areas))
    return {
        "tuning": evaluation_measure(suggester=day_one, items=parts["tuning"]),
        "held-out": evaluation_measure(suggester=day_one, items=parts["held-out"]),
        "tuning, learned": evaluation_measure(suggester=folds, items=parts["tuning"]),
        "held-out, learned": evaluation_measure(suggester=learned, items=parts["held-out"]),
    }


def log_routing_quality(quality: dict, *, log) -> None:
    from proposals.routing import FITS_MINIMUM

    log(
        "\nRouting quality on tests/proposals/routing_evaluation.py (citizen proposals in Danish "
        "and English written for the evaluation; off-topic = roads, parking, sport, culture, "
        "adverts, near-empty text). Nothing is tuned on the held-out half. 'learned': after "
        "learning the tuning half's items as moderators' routing decisions (for the tuning "
        f"half itself, each fifth from the other {LEARNED_FOLDS - 1})."
    )
    log(
        f"  {'half':<20} {'in/off':>7} {'top-1':>6} {'top-3':>6} {'theme':>6} {'AUROC':>6}"
        f"  'none fits' on off-topic / in-scope (best score < {FITS_MINIMUM:.2f})"
    )
    for name, m in quality.items():
        log(
            f"  {name:<20} {m.in_scope:>3}/{m.off_topic:<3} {m.top1:>6.3f} {m.top3:>6.3f} "
            f"{m.theme_top1:>6.3f} {m.auroc:>6.3f}  {m.none_on_off_topic:.2f} / "
            f"{m.none_on_in_scope:.2f}"
        )
    log(
        "  Reliability of the best suggestion (off-topic text counts as wrong): "
        "suggestions shown with a best score in the range, and the share of them right"
    )
    names = list(quality)
    log("    score      " + "".join(f"{name:>20}" for name in names))
    bins = sorted(
        {(low, high) for name in names for low, high, _n, _r in quality[name].reliability}
    )
    for low, high in bins:
        cells = []
        for name in names:
            found = [(n, r) for lo, _hi, n, r in quality[name].reliability if lo == low]
            cells.append(f"{found[0][0]:>4}  {found[0][1]:>5.0%}" if found else "-")
        log(f"    {low:>3}-{high:<3} %  " + "".join(f"{cell:>20}" for cell in cells))


def run_routing(*, requests: int, log) -> None:
    """`python -m tests.bench --routing`: the suggester's quality and confidence, the speed
    of suggest() and of the suggest endpoint, and their lines of the closing table."""
    from proposals.routing import suggester_reset

    results: dict = {}
    quality = routing_quality()
    log_routing_quality(quality, log=log)
    suggester_reset()
    started = time.perf_counter()
    _suggest_direct(0)
    seconds = time.perf_counter() - started
    log(f"\nBuilding the suggester (the first suggest() in a process): {seconds:.3f} s")
    results["suggest_api"] = inprocess.measure_send(
        f"suggest API POST ({len(_texts())} evaluation texts)",
        _post_suggest,
        describe=lambda i: f"POST {SUGGEST_API}",
        requests=max(requests, 300),
    )
    log(inprocess.percentile_line(results["suggest_api"]))
    results["suggest_direct"] = inprocess.measure_callable(
        "suggester_get().suggest() alone", _suggest_direct, requests=max(requests, 1000)
    )
    log(inprocess.percentile_line(results["suggest_direct"]))
    log("")
    for label, measured, target, ok in table_rows(results, quality):
        verdict = {True: "PASS", False: "MISS", None: "n/a"}[ok]
        log(f"{label:<46} {measured:<42} {target:<22} {verdict}")


def routing_calibration_fit() -> dict[str, float]:
    """Fresh values for proposals.routing's TEMPER and FIT_* constants, from the tuning half.

    TEMPER by grid search so that the best area's share matches how often it is right on
    in-scope items; the FIT_* weights by logistic regression of in-scope vs off-topic.
    From a shell with Django set up; it leaves the module's constants as they were.
    """
    import math

    from proposals import routing
    from tests.proposals.routing_evaluation import halves

    items = halves()["tuning"]
    suggester = routing.Suggester(areas=routing.area_texts(), learned={})
    saved = routing.TEMPER
    best = (math.inf, saved)
    try:
        for tenths in range(3, 41):
            routing.TEMPER = tenths / 10
            loss = 0.0
            for item in (i for i in items if i.areas):
                shares = suggester.evidence(title=item.title, body=item.body).shares
                slug = max(shares, key=shares.get)
                p = shares[slug] if slug in item.areas else 1 - shares[slug]
                loss -= math.log(max(p, 1e-9))
            best = min(best, (loss, routing.TEMPER))
        routing.TEMPER = best[1]
        rows = [
            ((1.0, *suggester.evidence(title=i.title, body=i.body).calibration_inputs()), i.areas)
            for i in items
        ]
    finally:
        routing.TEMPER = saved
    weights = [0.0] * 4
    for _step in range(3000):
        gradient = [0.0] * 4
        for x, areas in rows:
            z = max(-30.0, min(30.0, sum(w * v for w, v in zip(weights, x, strict=True))))
            error = 1 / (1 + math.exp(-z)) - (1.0 if areas else 0.0)
            gradient = [g + error * v for g, v in zip(gradient, x, strict=True)]
        weights = [
            w - 0.5 * g / len(rows) - 0.0005 * w for w, g in zip(weights, gradient, strict=True)
        ]
    names = ["FIT_INTERCEPT", "FIT_KNOWN_WORDS", "FIT_COVERAGE", "FIT_AREA_SHARE"]
    return {"TEMPER": best[1], **dict(zip(names, weights, strict=True))}


def queries_rows(queries_row) -> None:
    """The closing table's query-count lines for the staff pages (queries_row appends)."""
    queries_row("queries triage page/filtered/API", ["mod_queue", "mod_queue_filtered", "mod_api"])
    queries_row("queries team page/API", ["team_queue", "team_api"])
    queries_row(
        "queries item/reports/hidden/audit", ["mod_item", "mod_reports", "mod_hidden", "audit"]
    )


def table_rows(results, quality) -> list[tuple]:
    """The closing table's suggester and routing-quality lines."""
    rows = []
    for key, label, limit in [
        ("suggest_api", "suggest API p95, in-process", TARGET_SUGGEST_P95_MS),
        ("suggest_direct", "suggest() p95, alone", TARGET_SUGGEST_DIRECT_P95_MS),
    ]:
        result = results.get(key)
        target = f"< {limit} ms"
        if result is None or result.status != 200:
            rows.append((label, "n/a", target, None))
            continue
        measured = f"{result.p95:.2f} ms (median {result.median:.2f})"
        rows.append((label, measured, target, result.p95 < limit))
    if quality:
        target = f">={TARGET_TOP1:.2f}/{TARGET_TOP3:.2f}/{TARGET_THEME:.2f}/{TARGET_AUROC:.2f}"
        for name, m in quality.items():
            measured = (
                f"{m.top1:.3f} / {m.top3:.3f} / {m.theme_top1:.3f} / {m.auroc:.3f} "
                f"({m.in_scope}+{m.off_topic})"
            )
            met = (
                m.top1 >= TARGET_TOP1
                and m.top3 >= TARGET_TOP3
                and m.theme_top1 >= TARGET_THEME
                and m.auroc >= TARGET_AUROC
            )
            rows.append((f"routing t1/t3/theme/AUROC, {name}", measured, target, met))
    return rows
