"""In-process timings through Django's test Client: the whole middleware stack, no network."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Result:
    name: str
    samples_ms: list[float] = field(default_factory=list)
    queries: int | None = None  # the most any sampled request ran
    status: int = 200  # the first status that was not 200, else 200
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms) if self.samples_ms else float("nan")

    @property
    def p95(self) -> float:
        if len(self.samples_ms) < 2:
            return self.median
        return statistics.quantiles(self.samples_ms, n=20, method="inclusive")[18]


def percentile_line(result: Result, trivial: float | None = None) -> str:
    ratio = f"{result.median / trivial:6.1f}x" if trivial else "      "
    queries = "  -" if result.queries is None else f"{result.queries:3d}"
    status = "" if result.status == 200 else f"  HTTP {result.status}!"
    return (
        f"  {result.name:<44} median {result.median:7.2f} ms  p95 {result.p95:7.2f} ms  "
        f"{ratio}  queries {queries}  n={len(result.samples_ms)}{status}{result.note}"
    )


def measure_view(
    name: str,
    url_for: Callable[[int], str],
    *,
    requests: int,
    warmup: int = 15,
    budget_seconds: float = 40.0,
    client: Client | None = None,
    query_samples: int = 8,
) -> Result:
    """Warm up, time `requests` GETs (fewer when over budget), then count queries on a few.

    Timing and query counting are separate passes: capturing queries turns on the debug
    cursor, which would add its own cost to the timings.
    """
    return measure_send(
        name,
        lambda client, i: client.get(url_for(i)),
        describe=url_for,
        requests=requests,
        warmup=warmup,
        budget_seconds=budget_seconds,
        client=client,
        query_samples=query_samples,
    )


def measure_send(
    name: str,
    send: Callable[[Client, int], HttpResponse],
    *,
    describe: Callable[[int], str],
    requests: int,
    warmup: int = 15,
    budget_seconds: float = 40.0,
    client: Client | None = None,
    query_samples: int = 8,
) -> Result:
    """measure_view for any request: `send(client, i)` makes the i-th one (a POST, say)."""
    client = client or Client(raise_request_exception=False)
    result = Result(name)
    for i in range(warmup):
        send(client, i)
    deadline = time.perf_counter() + budget_seconds
    for i in range(requests):
        started = time.perf_counter()
        response = send(client, warmup + i)
        result.samples_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200 and result.status == 200:
            result.status = response.status_code
            result.note = f" ({describe(warmup + i)})"
        if time.perf_counter() > deadline and i >= 30:
            break
    most = 0
    for i in range(query_samples):
        # Count what rendering costs, not the visitors' shared copy of a page: the query
        # targets hold for the first visitor after a change too.
        everything_changed()
        with CaptureQueriesContext(connection) as ctx:
            send(client, 10_000 + i)
        most = max(most, len(ctx.captured_queries))
    result.queries = most
    return result


def everything_changed() -> None:
    """As if proposals had just entered or left the lists and a name had changed: every
    shared rendering and every kept count of matches is made afresh (the worst case)."""
    from engage.pagecache import EPOCH_KEY, versions_bump
    from proposals.listing import MEMBERS_KEY

    versions_bump([EPOCH_KEY, MEMBERS_KEY])


def measure_callable(
    name: str,
    call: Callable[[int], object],
    *,
    requests: int,
    warmup: int = 15,
    budget_seconds: float = 30.0,
) -> Result:
    result = Result(name)
    for i in range(warmup):
        call(i)
    deadline = time.perf_counter() + budget_seconds
    for i in range(requests):
        started = time.perf_counter()
        call(warmup + i)
        result.samples_ms.append((time.perf_counter() - started) * 1000)
        if time.perf_counter() > deadline and i >= 30:
            break
    with CaptureQueriesContext(connection) as ctx:
        call(0)
    result.queries = len(ctx.captured_queries)
    return result


def count_queries(url: str, *, client: Client | None = None) -> tuple[int, int]:
    """(status, queries) of one GET after one warm-up GET, rendered afresh (not shared)."""
    client = client or Client(raise_request_exception=False)
    client.get(url)
    everything_changed()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, len(ctx.captured_queries)
