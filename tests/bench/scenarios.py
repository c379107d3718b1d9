"""What is measured, and the closing table of targets next to measured values."""

import random
import traceback
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse

from engage.cache import listing_changed
from engage.taxonomy.models import Theme
from proposals.lifecycle import OPEN_STATUSES
from proposals.models import Proposal
from proposals.selectors.public import ProposalFilters, proposal_list_public
from tests.bench import inprocess, moderation, served, words

API_LIST = "/api/v1/proposals/"
TRIVIAL = "/bench/trivial/"
TARGET_QUERIES = 10
TARGET_LIST_RATIO = 30
TARGET_DETAIL_RATIO = 20
TARGET_SERVED_RATIO = 15
TARGET_SEARCH_P95_MS = 50
LOG_DIR = Path(__file__).resolve().parent.parent.parent / "var" / "bench"


def _list_url() -> str | None:
    try:
        return reverse("frontend:proposal_list")
    except NoReverseMatch:
        return None


def _detail_url(pk: int) -> str | None:
    try:
        return reverse("frontend:proposal_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


def _theme_slugs() -> list[str]:
    return list(Theme.objects.order_by("position").values_list("slug", flat=True))


def _detail_pks(rng: random.Random, k: int = 400) -> list[int]:
    pks = list(
        Proposal.objects.filter(status__in=OPEN_STATUSES, comment_count__gt=0).values_list(
            "pk", flat=True
        )
    )
    return rng.sample(pks, min(k, len(pks)))


def _busiest_pk() -> int:
    return (
        Proposal.objects.filter(status__in=OPEN_STATUSES)
        .order_by("-comment_count", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _q(i: int) -> str:
    """The i-th of the 20 Danish searches as a query string (they contain spaces and æøå)."""
    return urlencode({"q": words.SEARCHES[i % len(words.SEARCHES)]})


def _search_selector(i: int) -> None:
    """What the searched list page asks the database for: the first page and the count."""
    queryset = proposal_list_public(filters=ProposalFilters(q=words.SEARCHES[i % 20]))
    list(queryset[:20])
    queryset.count()


def run_inprocess(*, requests: int, log) -> dict[str, inprocess.Result]:
    rng = random.Random(42)
    themes = _theme_slugs()
    list_url = _list_url()
    pks = _detail_pks(rng)
    results: dict[str, inprocess.Result] = {}

    def run(key: str, name: str, url_for, *, client: Client | None = None, n: int = requests, **kw):
        result = inprocess.measure_view(name, url_for, requests=n, client=client, **kw)
        results[key] = result
        trivial = results.get("trivial")
        log(inprocess.percentile_line(result, trivial.median if trivial else None))

    log(
        f"\nIn-process (Django test Client, DEBUG=False), {requests} timed requests each; "
        "ratio = median / trivial median"
    )
    run("trivial", "trivial view (HttpResponse('ok'))", lambda i: TRIVIAL, n=max(requests, 500))
    if list_url:
        run("list", "list page", lambda i: list_url)
        run(
            "list_filtered",
            "list page ?theme=…&sort=most_supported",
            lambda i: f"{list_url}?theme={themes[i % len(themes)]}&sort=most_supported",
        )
        run(
            "list_searched",
            "list page ?q=… (20 Danish searches)",
            lambda i: f"{list_url}?{_q(i)}",
        )
        run("list_deep", "list page ?page=100 (deep page)", lambda i: f"{list_url}?page=100")
        run(
            "list_cold",
            "list page, rendered afresh each time",
            lambda i: (inprocess.everything_changed(), list_url)[1],
        )
        run(
            "list_after_support",
            "list page after a support elsewhere (count kept)",
            lambda i: (
                listing_changed(proposal_ids=[pks[i % len(pks)]], members=False),
                list_url,
            )[1],
        )
        signed_in = Client(raise_request_exception=False)
        signed_in.force_login(get_user_model().objects.get(pk=1))
        run("list_user", "list page, signed in", lambda i: list_url, client=signed_in)
    else:
        log("  list page: frontend:proposal_list does not exist yet, skipped")
    if pks and _detail_url(pks[0]):
        run(
            "detail",
            "detail page (random, with comments; first view of each)",
            lambda i: _detail_url(pks[i % len(pks)]),
        )
        run(
            "detail_warm",
            "detail page (20 pages, each seen again)",
            lambda i: _detail_url(pks[i % 20]),
        )
        others = pks[20:]  # never one of the 20 pages measured

        def _another_changes(i: int) -> str:
            # What a support or comment on some other proposal does to the shared pages.
            listing_changed(proposal_ids=[others[i % len(others)]], members=False)
            return _detail_url(pks[i % 20])

        run(
            "detail_busy_site",
            "detail page (20 seen again; another proposal changes before each)",
            _another_changes,
        )
        busiest = _busiest_pk()
        run("detail_busiest", "detail page (most comments)", lambda i: _detail_url(busiest), n=50)
    else:
        log("  detail page: frontend:proposal_detail does not exist yet, skipped")
    run("api", f"API {API_LIST}", lambda i: API_LIST)
    run(
        "api_cold",
        "API, counted afresh each time",
        lambda i: (inprocess.everything_changed(), API_LIST)[1],
    )
    run(
        "api_filtered",
        "API ?theme=…&sort=most_supported",
        lambda i: f"{API_LIST}?theme={themes[i % len(themes)]}&sort=most_supported",
    )
    run("api_100", "API ?page_size=100", lambda i: f"{API_LIST}?page_size=100")
    run("api_searched", "API ?q=…", lambda i: f"{API_LIST}?{_q(i)}")
    result = inprocess.measure_callable(
        "search selector (first page + count)", _search_selector, requests=requests
    )
    results["search_selector"] = result
    log(inprocess.percentile_line(result))
    try:
        moderation.run_inprocess(run=run, results=results, requests=requests, log=log)
    except Exception:  # keep the figures measured so far
        log("Moderation scenarios failed:\n" + traceback.format_exc())
    return results


def query_counts(*, rng: random.Random) -> dict[str, list[int] | None]:
    """Queries per request on this database: the most over a few URLs per scenario."""
    themes = _theme_slugs()
    list_url = _list_url()
    pks = _detail_pks(rng, k=3)
    urls: dict[str, list[str]] = {
        "api_20": [f"{API_LIST}?page_size=20", f"{API_LIST}?page_size=20&page=3"],
        "api_100": [f"{API_LIST}?page_size=100", f"{API_LIST}?page_size=100&page=2"],
        "api_filtered": [f"{API_LIST}?theme={t}&sort=most_supported" for t in themes[:2]],
    }
    if list_url:
        urls["list"] = [list_url, f"{list_url}?page=2"]
        urls["list_filtered"] = [f"{list_url}?theme={t}&sort=most_supported" for t in themes[:2]]
        urls["list_searched"] = [f"{list_url}?{_q(i)}" for i in range(3)]
    if pks and _detail_url(pks[0]):
        urls["detail"] = [_detail_url(pk) for pk in [*pks, _busiest_pk()]]
    # The same pages for a signed-in citizen: session, user and permission checks add to it.
    for key in ["list", "detail", "api_20"]:
        if key in urls:
            urls[f"{key}_user"] = urls[key]
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(get_user_model().objects.get(pk=1))
    counts: dict[str, list[int] | None] = {}
    for key, group in urls.items():
        client = signed_in if key.endswith("_user") else None
        found = [inprocess.count_queries(url, client=client) for url in group]
        counts[key] = [q for status, q in found] if all(s == 200 for s, _ in found) else None
    counts.update(moderation.query_counts(rng=rng))
    return counts


def run_served(*, database_url: str, log) -> list[served.Throughput]:
    list_url = _list_url()
    log("\nServed: gunicorn, 2 sync workers, 127.0.0.1; stdlib client with 4 threads")
    results = []
    with served.gunicorn_running(
        database_url=database_url, log_path=LOG_DIR / "gunicorn.log"
    ) as port:
        plan = [("trivial", [TRIVIAL], 2000)]
        if list_url:
            plan.append(("list", [list_url], 400))
            plan.append(("list_searched", [f"{list_url}?{_q(i)}" for i in range(20)], 400))
        pks = _detail_pks(random.Random(3), k=100)
        if pks and _detail_url(pks[0]):
            plan.append(("detail", [_detail_url(pk) for pk in pks], 400))
        for name, paths, count in plan:
            result = served.load(name, port, paths, count=count, time_cap=45)
            results.append(result)
            error = f"  errors {result.errors} ({result.first_error})" if result.errors else ""
            log(
                f"  {name:<16} {result.rps:8.1f} req/s  ({result.completed} in "
                f"{result.seconds:.1f} s){error}"
            )
    return results


def _verdict(ok: bool | None) -> str:
    return {True: "meets", False: "MISSES", None: "n/a"}[ok]


def print_table(
    results, big_counts, small_counts, served_results, *, log, routing_quality=None
) -> None:
    rows: list[tuple[str, str, str, bool | None]] = []

    def queries_row(
        label: str, keys: list[str], *, same: bool = False, limit: int | None = TARGET_QUERIES
    ) -> None:
        """Most queries per request, per scenario: 100k proposals | 1k proposals.

        With `same`, every URL must also run as many queries on both databases; with
        `limit=None` that constant count is the whole target.
        """
        ok: bool | None = True
        big_parts, small_parts, differ = [], [], False
        for key in keys:
            big, small = big_counts.get(key), small_counts.get(key)
            big_parts.append("?" if big is None else str(max(big)))
            small_parts.append("?" if small is None else str(max(small)))
            if big is None or small is None:
                ok = None if ok else ok
                continue
            too_many = limit is not None and (max(big) > limit or max(small) > limit)
            differ = differ or big != small
            if too_many or (same and big != small):  # `same`: no count may track data size
                ok = False
        measured = f"100k: {'/'.join(big_parts)}   1k: {'/'.join(small_parts)}"
        if same and differ:
            measured += " (per URL differ)"
        ceiling = f"<={limit} same" if same else f"<= {limit}"
        target = "constant" if limit is None else ceiling
        rows.append((label, measured, target, ok))

    queries_row("queries list/filtered/searched", ["list", "list_filtered", "list_searched"])
    queries_row("queries detail (any comment count)", ["detail"])
    queries_row("queries API size 20/100/filtered", ["api_20", "api_100", "api_filtered"])
    queries_row("queries signed in list/detail/API", ["list_user", "detail_user", "api_20_user"])

    trivial = results.get("trivial")
    for key, label, target in [
        ("list", "in-process list / trivial", TARGET_LIST_RATIO),
        ("list_filtered", "in-process list filtered / trivial", TARGET_LIST_RATIO),
        ("list_searched", "in-process list searched / trivial", TARGET_LIST_RATIO),
        ("list_cold", "in-process list, rendered afresh", TARGET_LIST_RATIO),
        ("list_after_support", "in-process list, after a support", TARGET_LIST_RATIO),
        ("detail_warm", "in-process detail seen again / trivial", TARGET_DETAIL_RATIO),
        ("detail_busy_site", "in-process detail, others changing", TARGET_DETAIL_RATIO),
        ("detail", "in-process detail, first view / trivial", TARGET_DETAIL_RATIO),
    ]:
        result = results.get(key)
        if result is None or trivial is None or result.status != 200:
            rows.append((label, "n/a", f"<= {target}x", None))
            continue
        ratio = result.median / trivial.median
        rows.append(
            (label, f"{ratio:.1f}x ({result.median:.1f} ms)", f"<= {target}x", ratio <= target)
        )

    by_name = {r.name: r for r in served_results}
    if "trivial" in by_name and "list" in by_name and by_name["list"].rps:
        ratio = by_name["trivial"].rps / by_name["list"].rps
        rows.append(
            (
                "served trivial rps / list rps",
                f"{ratio:.1f} ({by_name['trivial'].rps:.0f} / {by_name['list'].rps:.0f})",
                f"<= {TARGET_SERVED_RATIO}",
                ratio <= TARGET_SERVED_RATIO,
            )
        )
    else:
        rows.append(("served trivial rps / list rps", "n/a", f"<= {TARGET_SERVED_RATIO}", None))

    for key, label in [
        ("search_selector", "Danish search p95, selector"),
        ("list_searched", "Danish search p95, list page"),
    ]:
        result = results.get(key)
        if result is None or result.status != 200:
            rows.append((label, "n/a", f"< {TARGET_SEARCH_P95_MS} ms", None))
            continue
        rows.append(
            (
                label,
                f"{result.p95:.1f} ms",
                f"< {TARGET_SEARCH_P95_MS} ms",
                result.p95 < TARGET_SEARCH_P95_MS,
            )
        )

    rows += moderation.table_rows(
        results, big_counts, small_counts, routing_quality, queries_row=queries_row
    )

    log("\n" + "=" * 104)
    log(f"{'check':<36} {'measured':<44} {'target':<13} verdict")
    log("-" * 104)
    for label, measured, target, ok in rows:
        log(f"{label:<36} {measured:<44} {target:<13} {_verdict(ok)}")
    log("=" * 104)
