"""Tests that need an outside service (Redis, Chromium) ask for it through these helpers.

A missing service fails the test under CI=true, where .ci/run must have started it, and
skips it elsewhere with a reason that starts with MISSING_SERVICE, so that the test run
ends with one line counting what was skipped and why.
"""

import functools
import os
from pathlib import Path

import pytest

from engage.testing.database import in_ci

MISSING_SERVICE = "missing service: "

REDIS_TEST_URL = os.environ.get("ENGAGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CHROMIUM_PATH = Path(os.environ.get("ENGAGE_CHROMIUM_PATH", "/usr/bin/chromium"))


def require_service(reason: str | None) -> None:
    """Fail (CI) or skip (elsewhere) the calling test when `reason` says a service is missing."""
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(f"{MISSING_SERVICE}{reason}")


@functools.cache
def redis_missing_reason(url: str = REDIS_TEST_URL) -> str | None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis unreachable at {url} ({type(exc).__name__})"
    return None


def chromium_missing_reason(path: Path = CHROMIUM_PATH) -> str | None:
    if not (path.is_file() and os.access(path, os.X_OK)):
        return f"Chromium not found at {path}"
    return None


def require_redis() -> str:
    """Returns the URL of a Redis database the test may flush."""
    require_service(redis_missing_reason(REDIS_TEST_URL))
    return REDIS_TEST_URL


def require_chromium() -> Path:
    """Returns the path of the Chromium executable Playwright should launch."""
    require_service(chromium_missing_reason(CHROMIUM_PATH))
    return CHROMIUM_PATH
