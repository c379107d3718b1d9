"""Support for tests that start real processes (Celery workers, Django servers) beside the
test run, against its test database and a Redis database the test may flush."""

import contextlib
import os
import socket
import sys
from urllib.parse import quote

from engage.celery import app as celery_app


def database_url(settings_dict: dict) -> str:
    """The test database as a DATABASE_URL another process can open."""
    user = quote(settings_dict.get("USER") or "postgres", safe="")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_env(*, settings_dict: dict, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment of a worker with the production settings on the test database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "engage.settings.production",
        "DJANGO_SECRET_KEY": "worker-test-" + "k" * 52,
        "DATABASE_URL": database_url(settings_dict),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **extra,
    }
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "TEST_DATABASE_URL"):
        env.pop(name, None)
    return env


def worker_command(*, hostname: str) -> list[str]:
    """One Celery worker process (solo pool), quiet on the cluster's chatter."""
    return [
        sys.executable, "-m", "celery", "-A", "engage", "worker", "--pool=solo",
        "--loglevel=INFO", "--without-mingle", "--without-gossip", "--without-heartbeat",
        f"--hostname={hostname}@%h",
    ]  # fmt: skip


@contextlib.contextmanager
def publish_to(broker_url: str):
    """Point this process's Celery app at `broker_url`, as REDIS_URL would in production.

    The app builds its connection pools lazily from conf, so dropping them (private
    attributes: Celery has no public reset) makes the next .delay() use the new broker.
    """
    conf = celery_app.conf
    saved = conf.broker_url, conf.broker_transport_options
    conf.broker_url, conf.broker_transport_options = broker_url, {"visibility_timeout": 1200}
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.broker_url, conf.broker_transport_options = saved
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
