"""`make bench` = `python -m tests.bench`: seed (or reuse) engage_bench, then measure.

    python -m tests.bench                  everything (about 6 minutes on 2 cores, half of
                                           it the digest; plus about 2 minutes when the
                                           databases are seeded)
    python -m tests.bench --requests 50    fewer timed requests per scenario
    python -m tests.bench --skip-served    no gunicorn stage
    python -m tests.bench --skip-digest    no daily-digest stage (about 3 minutes)
    python -m tests.bench --only mod_queue,audit   only these in-process scenarios (the keys
                                           of scenarios.py and moderation.py) and the
                                           trivial view; no other stage
    python -m tests.bench --routing        only the suggester: its quality and confidence
                                           on the evaluation set, and its speed, on a
                                           database holding just the taxonomy
                                           (engage_bench_routing, created on first use)
    python -m tests.bench --instructions   instructions per request under valgrind, which do
                                           not swing with the machine's load (about 5 minutes)
    python -m tests.bench --reseed         drop and seed the bench databases again
    python -m tests.bench --profile /forslag/?q=fortov   templates, queries, Python of one page
    python -m tests.bench --profile /moderation/ --as moderator   the same, signed in as staff
                                           (--as moderator, team, admin, coordinator or citizen)
    python -m tests.bench --profile /forslag/ --fresh   the same, rendered afresh each time

Measured with Redis as the cache, as deployed (BENCH_REDIS_URL, default redis db 8, which
the bench empties first): without Redis it stops with a message. Figures only: a missed
target is printed as MISS, never as a failing exit status.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/engage_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/8"


def log(message: str) -> None:
    print(message, flush=True)


def _small_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_1k"))


def _routing_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_routing"))


def _redis_check(url: str, *, flush: bool) -> None:
    """Stop with a clear message unless Redis answers at `url`; with `flush`, empty that
    database (the bench's own) so no rendering from an earlier run or seed is served."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3)
        client.ping()
    except redis.RedisError as exc:
        raise SystemExit(
            f"make bench measures with Redis as the cache, as deployed, and {url} does not "
            f"answer ({exc}). Start Redis or set BENCH_REDIS_URL."
        ) from None
    if flush:
        client.flushdb()


def _prepare(*, url: str, scale_name: str, reseed: bool) -> None:
    """Point Django at the bench database, create/migrate/seed it unless it is ready."""
    from tests.bench import seed

    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "engage.settings.bench"
    scale = seed.SCALES[scale_name]
    ready = not reseed and seed.database_ready(url, scale)
    if not ready:
        log(f"Creating {seed.database_name(url)} for {scale.proposals:,} proposals")
        seed.database_recreate(url)

    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"Migrations checked/applied in {time.perf_counter() - started:.1f} s")
    if ready:
        # Migrations applied since the seeding leave new columns without statistics.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        counts = seed.seeded_counts()
        log(
            "Reusing seeded "
            + seed.database_name(url)
            + ": "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )
    else:
        seconds = seed.seed(scale=scale, log=log)
        log(f"Seeded {seed.database_name(url)} in {seconds:.1f} s")


def _routing(*, url: str, requests: int) -> None:
    """The suggester's stage alone: it needs the taxonomy (a migration writes it), not the
    seeded proposals, so it runs on a migrated, otherwise empty database of its own."""
    from tests.bench import seed

    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "engage.settings.bench"
    if seed.database_ensure(url):
        log(f"Created {seed.database_name(url)} (it will hold the taxonomy only)")

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from tests.bench import moderation

    moderation.run_routing(requests=requests, log=log)


def _digest(log) -> None:
    from tests.bench import notifications

    try:
        log(
            f"\nBuilding and sending the daily digest for {notifications.DIGEST_PEOPLE:,} people"
            " (several minutes at the rate below)…"
        )
        notifications.log_digest(notifications.digest_measure(), log=log)
    except Exception:
        log("Daily digest failed:\n" + traceback.format_exc())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--skip-served", action="store_true")
    parser.add_argument("--skip-digest", action="store_true")
    parser.add_argument(
        "--only",
        metavar="KEYS",
        help="comma-separated in-process scenario keys; skips every other stage",
    )
    parser.add_argument(
        "--routing",
        action="store_true",
        help="only the suggester's quality and speed, on a taxonomy-only database",
    )
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--scale", choices=["full", "small"], default="full")
    parser.add_argument("--profile", metavar="URL", help="profile one URL instead of the bench")
    parser.add_argument(
        "--as",
        dest="profile_as",
        choices=["moderator", "team", "admin", "coordinator", "citizen"],
        help="--profile signed in as a seeded staff user (TOTP, MFA session) or citizen",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="--profile rendering afresh each time, as the first visitor after a change",
    )
    parser.add_argument(
        "--instructions",
        nargs="?",
        const="all",
        metavar="KEYS",
        help="instructions per request under valgrind (tests/bench/instructions.py) instead",
    )
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="print the query counts as JSON (used for the 1,000-proposal DB)",
    )
    args = parser.parse_args(argv)
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    redis_url = os.environ.setdefault("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    sys.path.insert(0, str(BASE_DIR))
    # The 1,000-proposal run is started by this one, after the flush, on the same Redis.
    _redis_check(redis_url, flush=not args.queries_only)

    total_started = time.perf_counter()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    log(f"{os.cpu_count()} CPUs, load average {load} (other work on the machine skews figures)")
    if args.routing:
        _routing(url=_routing_url(url), requests=args.requests)
        return 0
    _prepare(url=url, scale_name=args.scale, reseed=args.reseed)

    from tests.bench import moderation, scenarios

    if args.profile:
        from tests.bench.profile import profile

        client = None
        if args.profile_as == "citizen":
            client = scenarios.citizen_client()
        elif args.profile_as:
            from tests.bench import partnerships, seed

            email = {
                "moderator": seed.MODERATOR_EMAIL,
                "team": seed.TEAM_MEMBER_EMAIL,
                "admin": seed.ADMIN_EMAIL,
                "coordinator": partnerships.COORDINATOR_EMAIL,
            }[args.profile_as]
            client = moderation.staff_client(email)
        profile(args.profile, log=log, client=client, fresh=args.fresh)
        return 0
    if args.instructions:
        from tests.bench import instructions

        keys = list(instructions.SCENARIOS)
        if args.instructions != "all":
            keys = args.instructions.split(",")
        instructions.run(keys=keys, requests=max(5, min(args.requests, 20)), log=log)
        return 0
    if args.queries_only:
        print("QUERIES " + json.dumps(scenarios.query_counts(rng=random.Random(7))), flush=True)
        return 0

    only = set(args.only.split(",")) if args.only else None
    results = {}
    try:
        results = scenarios.run_inprocess(requests=args.requests, log=log, only=only)
    except Exception:  # report and go on: the table shows what was measured
        log("In-process stage failed:\n" + traceback.format_exc())
    if only:  # the lines above show each ratio; the table needs every stage
        return 0
    quality = None
    try:
        quality = moderation.routing_quality()
        moderation.log_routing_quality(quality, log=log)
    except Exception:
        log("Routing quality failed:\n" + traceback.format_exc())

    try:
        from tests.bench import notifications

        notifications.log_fan_out(notifications.fan_out_measure(), log=log)
    except Exception:
        log("Notifications fan-out failed:\n" + traceback.format_exc())
    if not args.skip_digest:
        _digest(log)

    small_url = _small_url(url)
    log(
        f"\nQuery counts on a second database with 1,000 proposals ({urlsplit(small_url).path[1:]})"
    )
    small = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--scale", "small", "--queries-only"]
        + (["--reseed"] if args.reseed else []),
        cwd=BASE_DIR,
        env={**os.environ, "BENCH_DATABASE_URL": small_url},
        capture_output=True,
        text=True,
        check=False,
    )
    small_counts = {}
    for line in small.stdout.splitlines():
        if line.startswith("QUERIES "):
            small_counts = json.loads(line.removeprefix("QUERIES "))
        else:
            log("  " + line)
    if small.returncode:
        log(f"  the 1,000-proposal run failed ({small.returncode}):\n{small.stderr[-3000:]}")
    big_counts = scenarios.query_counts(rng=random.Random(7))

    served = []
    if not args.skip_served:
        try:
            served = scenarios.run_served(database_url=url, log=log)
        except Exception:  # gunicorn is stopped by then; keep the figures
            log("Served stage failed:\n" + traceback.format_exc())

    scenarios.print_table(
        results, big_counts, small_counts, served, log=log, routing_quality=quality
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    log(f"\nTotal time {time.perf_counter() - total_started:.0f} s; load average now {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
