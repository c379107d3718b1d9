"""Test support that lives in the package so every test folder (and .ci/run) shares it."""

from engage.testing.services import (
    CHROMIUM_PATH,
    MISSING_SERVICE,
    REDIS_TEST_URL,
    require_chromium,
    require_redis,
    require_service,
)

__all__ = [
    "CHROMIUM_PATH",
    "MISSING_SERVICE",
    "REDIS_TEST_URL",
    "require_chromium",
    "require_redis",
    "require_service",
]
