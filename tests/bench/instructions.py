"""Instructions per request, counted by valgrind's callgrind: the same count on a quiet or a
busy machine, where a median in milliseconds on two shared cores swings by a third.

    python -m tests.bench --instructions                       every scenario below
    python -m tests.bench --instructions trivial,detail_user   these

For each scenario this runs a process of its own under callgrind twice, with N and with 2N
requests after the same warm-up, and prints (second - first) / N in millions, with the ratio
to the trivial view. Only this process is counted: PostgreSQL's and Redis's work happens in
theirs, and waiting for them costs no instructions. So the figure is the Python side of a
page, the part the code decides, and a change to it shows as a change here.
"""

import os
import re
import shutil
import subprocess
import sys
import time

# Scenario key → what one request does; the keys name the in-process lines they mirror.
SCENARIOS = {
    "trivial": "the trivial view (HttpResponse('ok'))",
    "list_cold": "list page, rendered afresh",
    "detail_cold": "proposal page, rendered afresh (one proposal with comments)",
    "list_user": "list page, signed in",
    "detail_user": "proposal page, signed in (the same proposal)",
}
WARMUP = 5


def _client_request(key: str):
    """A callable doing one request of `key`, set up on the bench database."""
    import random

    from django.test import Client

    from tests.bench import inprocess, scenarios

    anonymous = Client(raise_request_exception=False)
    list_url = scenarios._list_url()
    detail_url = scenarios._detail_url(scenarios._detail_pks(random.Random(42), k=1)[0])
    if key == "trivial":
        return lambda: anonymous.get(scenarios.TRIVIAL)
    if key == "list_cold":
        return lambda: (inprocess.everything_changed(), anonymous.get(list_url))
    if key == "detail_cold":
        return lambda: (inprocess.everything_changed(), anonymous.get(detail_url))
    citizen = scenarios.citizen_client()
    if key == "list_user":
        return lambda: citizen.get(list_url)
    if key == "detail_user":
        return lambda: citizen.get(detail_url)
    raise SystemExit(f"unknown scenario {key!r}: one of {', '.join(SCENARIOS)}")


def child(key: str, requests: int) -> None:
    """Run under callgrind with instrumentation off: set up, warm up, then switch it on
    for the `requests` requests (callgrind_control), so start-up is not counted."""
    import django

    django.setup()
    request = _client_request(key)
    for _ in range(WARMUP):
        request()
    subprocess.run(
        ["callgrind_control", "--instr=on", str(os.getpid())], capture_output=True, check=True
    )
    for _ in range(requests):
        request()


def _collected(key: str, requests: int) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "tests.bench.instructions",
        key,
        str(requests),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ)
    found = re.findall(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or not found:
        raise RuntimeError(f"callgrind run of {key} failed:\n{result.stderr[-2000:]}")
    return int(found[-1])


def run(*, keys: list[str], requests: int, log) -> dict[str, float]:
    """Millions of instructions per request for each of `keys` (and the trivial view)."""
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        log("valgrind is not installed (apt-get install -y valgrind): no instruction counts")
        return {}
    keys = list(dict.fromkeys(["trivial", *keys]))
    log(
        f"\nInstructions per request in this process (valgrind callgrind; {requests} and "
        f"{2 * requests} requests after {WARMUP} of warm-up; PostgreSQL and Redis not counted)"
    )
    counts: dict[str, float] = {}
    for key in keys:
        started = time.perf_counter()
        first, second = _collected(key, requests), _collected(key, 2 * requests)
        counts[key] = (second - first) / requests / 1e6
        ratio = counts[key] / counts["trivial"]
        log(
            f"  {SCENARIOS[key]:<60} {counts[key]:8.2f} M  {ratio:6.1f}x"
            f"  ({time.perf_counter() - started:.0f} s)"
        )
    return counts


if __name__ == "__main__":
    child(sys.argv[1], int(sys.argv[2]))
