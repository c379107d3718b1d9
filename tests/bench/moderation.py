"""Moderation and routing figures (issues 4 and 9).

Pages and API for signed-in staff: the triage queue (unfiltered and filtered, page and
API), one proposal's moderation page, the reports workspace, a focus-area team's queue
(page and API) and the audit trail. The
suggester: the speed of POST /api/v1/proposals/suggest-focus-areas/ and of suggest()
alone, and its quality on tests/proposals/routing_cases.py, on day one and after learning.
"""

import json
import random
from collections import Counter, defaultdict
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
    ("team_queue", "team queue page", TARGET_STAFF_RATIO),
    ("team_api", "team queue API", TARGET_STAFF_RATIO),
    ("audit", "audit trail page", TARGET_STAFF_RATIO),
]
SUGGEST_API = "/api/v1/proposals/suggest-focus-areas/"
TARGET_SUGGEST_P95_MS = 50
# The floors tests/proposals/test_routing.py asserts for the day-one suggester.
TARGET_TOP1 = 0.60
TARGET_TOP3 = 0.80
FOLDS = 5


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


def _cases():
    from tests.proposals.routing_cases import CASES

    return CASES


def _suggest_payload(i: int) -> dict:
    _language, title, body, _expected = _cases()[i % len(_cases())]
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


def run_inprocess(*, run, results: dict, requests: int, log) -> None:
    """Time the moderation scenarios with `run` (scenarios.run_inprocess's helper)."""
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
    member = {"client": fx.member, "n": n}
    run("team_queue", "team page /teams/<busiest team>/", lambda i: fx.team_page, **member)
    run("team_api", "team API …/queue/", lambda i: fx.team_api, **member)
    audit = reverse("frontend:audit_trail")
    run("audit", "audit trail page (admin)", lambda i: audit, client=fx.admin, n=n)

    trivial = results.get("trivial")
    result = inprocess.measure_send(
        "suggest API POST (130 case texts)",
        _post_suggest,
        describe=lambda i: f"POST {SUGGEST_API}",
        requests=max(requests, 300),
    )
    results["suggest_api"] = result
    log(inprocess.percentile_line(result, trivial.median if trivial else None))
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


def _accuracy(suggester, cases) -> tuple[int, int]:
    top1 = top3 = 0
    for _language, title, body, expected in cases:
        top = [s.focus_area for s in suggester.suggest(title=title, body=body, limit=3)[:3]]
        top1 += top[0] == expected
        top3 += expected in top
    return top1, top3


def _folds(cases, k: int) -> list[list]:
    """k folds stratified by focus area: each area's cases, shuffled, dealt round-robin."""
    rng = random.Random(20240605)
    by_area: dict[str, list] = defaultdict(list)
    for case in cases:
        by_area[case[3]].append(case)
    folds: list[list] = [[] for _ in range(k)]
    dealt = 0
    for area in sorted(by_area):
        group = by_area[area]
        rng.shuffle(group)
        for case in group:
            folds[dealt % k].append(case)
            dealt += 1
    return folds


def routing_quality() -> dict[str, float | int]:
    """Top-1/top-3 accuracy on the hand-labelled cases, day one and after learning.

    After learning = 5-fold cross-validation: a Suggester learns, as routing_model_train
    does, document_features times LEARNED_WEIGHT of 4/5 of the cases under their labelled
    focus area and is scored on the remaining 1/5; every case is scored once.
    """
    from proposals.routing import Suggester, area_texts, document_features
    from proposals.services.routing import LEARNED_WEIGHT

    cases = _cases()
    areas = area_texts()
    day1, day3 = _accuracy(Suggester(areas=areas, learned={}), cases)
    folds = _folds(cases, FOLDS)
    cv1 = cv3 = 0
    for held_out, test in enumerate(folds):
        learned: dict[str, Counter] = defaultdict(Counter)
        for fold, train in enumerate(folds):
            if fold == held_out:
                continue
            for _language, title, body, expected in train:
                for feature, n in document_features(title=title, body=body).items():
                    learned[expected][feature] += n * LEARNED_WEIGHT
        hits1, hits3 = _accuracy(Suggester(areas=areas, learned=learned), test)
        cv1, cv3 = cv1 + hits1, cv3 + hits3
    n = len(cases)
    languages = Counter(case[0] for case in cases)
    return {
        "cases": n,
        "da": languages.get("da", 0),
        "en": languages.get("en", 0),
        "areas": len({case[3] for case in cases}),
        "learned_weight": LEARNED_WEIGHT,
        "day_one_top1": day1 / n,
        "day_one_top3": day3 / n,
        "cv_top1": cv1 / n,
        "cv_top3": cv3 / n,
    }


def log_routing_quality(quality: dict, *, log) -> None:
    log(
        f"\nRouting quality on tests/proposals/routing_cases.py: {quality['cases']} hand-labelled "
        f"proposals ({quality['da']} Danish, {quality['en']} English) over {quality['areas']} "
        "focus areas, written without seeing the vocabulary"
    )
    log(
        f"  day one (names, descriptions and vocabulary only):   top-1 "
        f"{quality['day_one_top1']:.3f}  top-3 {quality['day_one_top3']:.3f}"
    )
    log(
        f"  after learning, {FOLDS}-fold cross-validation:           top-1 "
        f"{quality['cv_top1']:.3f}  top-3 {quality['cv_top3']:.3f}"
    )
    log(
        f"    (folds stratified by focus area; each fold's Suggester learned document_features "
        f"x LEARNED_WEIGHT {quality['learned_weight']} of the other {FOLDS - 1} folds' cases "
        "under their labels, as routing_model_train does)"
    )


def queries_rows(queries_row) -> None:
    """The closing table's query-count lines for the staff pages (queries_row appends)."""
    queries_row("queries triage page/filtered/API", ["mod_queue", "mod_queue_filtered", "mod_api"])
    queries_row("queries team page/API", ["team_queue", "team_api"])
    queries_row("queries mod. item/reports/audit", ["mod_item", "mod_reports", "audit"])


def table_rows(results, quality) -> list[tuple]:
    """The closing table's suggester and routing-quality lines."""
    rows = []
    for key, label in [
        ("suggest_api", "suggest API p95, in-process"),
        ("suggest_direct", "suggest() p95, alone"),
    ]:
        result = results.get(key)
        target = f"< {TARGET_SUGGEST_P95_MS} ms"
        if result is None or result.status != 200:
            rows.append((label, "n/a", target, None))
            continue
        measured = f"{result.p95:.2f} ms (median {result.median:.2f})"
        rows.append((label, measured, target, result.p95 < TARGET_SUGGEST_P95_MS))
    if quality:
        target = f">={TARGET_TOP1:.2f}/{TARGET_TOP3:.2f}"
        for prefix, label in [
            ("day_one", "routing top-1/top-3, day one"),
            ("cv", f"routing top-1/top-3, {FOLDS}-fold learned"),
        ]:
            top1, top3 = quality[f"{prefix}_top1"], quality[f"{prefix}_top3"]
            measured = f"{top1:.3f} / {top3:.3f} ({quality['cases']} cases)"
            rows.append((label, measured, target, top1 >= TARGET_TOP1 and top3 >= TARGET_TOP3))
    return rows
