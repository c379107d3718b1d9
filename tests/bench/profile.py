"""`python -m tests.bench --profile URL`: where one page spends its time.

Prints the time per template (exclusive of the templates it includes), every query with
its time and EXPLAIN ANALYZE for the slow ones, and the busiest Python functions.
"""

import cProfile
import io
import pstats
import time
from collections import Counter

from django.db import connection
from django.template import base
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench.inprocess import everything_changed

SLOW_QUERY_SECONDS = 0.003


def _get(client: Client, url: str, *, fresh: bool):
    if fresh:
        everything_changed()
    return client.get(url)


def _template_times(
    client: Client, url: str, requests: int, *, fresh: bool
) -> tuple[float, list[str]]:
    exclusive: Counter = Counter()
    inclusive: Counter = Counter()
    calls: Counter = Counter()
    stack: list[float] = []
    original = base.Template._render

    def timed(template, context):
        started = time.perf_counter()
        stack.append(0.0)
        try:
            return original(template, context)
        finally:
            spent = time.perf_counter() - started
            children = stack.pop()
            exclusive[template.name] += spent - children
            inclusive[template.name] += spent
            calls[template.name] += 1
            if stack:
                stack[-1] += spent

    base.Template._render = timed
    try:
        started = time.perf_counter()
        for _ in range(requests):
            _get(client, url, fresh=fresh)
        per_request = (time.perf_counter() - started) * 1000 / requests
    finally:
        base.Template._render = original
    lines = []
    for name, own in exclusive.most_common(12):
        own_ms, with_includes_ms = own * 1000 / requests, inclusive[name] * 1000 / requests
        lines.append(
            f"  {own_ms:7.2f} ms own {with_includes_ms:7.2f} ms with includes"
            f"  x{calls[name] / requests:<5.0f} {name}"
        )
    return per_request, lines


def profile(
    url: str, *, requests: int = 30, log, client: Client | None = None, fresh: bool = False
) -> None:
    """With `fresh`, every request renders afresh, as the first visitor after a change."""
    client = client or Client(raise_request_exception=False)
    for _ in range(5):
        _get(client, url, fresh=fresh)
    per_request, lines = _template_times(client, url, requests, fresh=fresh)
    log(f"\n{url}: {per_request:.1f} ms per request (templates timed)")
    log("Templates, most expensive first:")
    for line in lines:
        log(line)

    if fresh:
        everything_changed()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    log(f"\nQueries (HTTP {response.status_code}): {len(ctx.captured_queries)}")
    for query in ctx.captured_queries:
        log(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:110]}")
        if float(query["time"]) >= SLOW_QUERY_SECONDS and query["sql"].startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                for (row,) in cursor.fetchall():
                    log(f"      {row}")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, url, fresh=fresh)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    log("\nPython, by own time (cProfile):")
    log("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-3000:])
