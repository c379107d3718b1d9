"""Two processes on the same Redis: a change made in one reaches pages the other serves,
at once (the cache versions live in Redis; no process keeps a copy of its own)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from engage.testing import require_redis, require_service
from tests.processes import database_url, free_port
from tests.proposals.factories import ProposalFactory, focus_area_get

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def production_env(taxonomy):
    redis_url = require_redis()
    if connection.vendor != "postgresql":
        require_service(f"PostgreSQL (two processes cannot share the {connection.vendor} test db)")
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.pop("TEST_DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.two_process_settings",
        DJANGO_SECRET_KEY="two-processes-" + "k" * 50,
        DATABASE_URL=database_url(connection.settings_dict),
        REDIS_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    yield env
    client.flushdb()


@pytest.fixture
def servers(production_env):
    """Two Django processes serving the site on loopback."""
    processes, urls = [], []
    for _ in range(2):
        port = free_port()
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
        processes.append(
            subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=production_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            _wait_for(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=15)


def _wait_for(url: str) -> None:
    """Until the server accepts connections (asking for no page, so none is cached)."""
    host, port = url.removeprefix("http://").split(":")
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _get(url: str, path: str) -> str:
    with urllib.request.urlopen(f"{url}{path}", timeout=30) as response:  # noqa: S310
        return response.read().decode()


def _in_a_third_process(env: dict, code: str) -> None:
    """Run `code` in a process of its own with the same settings (Redis, database)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_change_in_one_process_shows_at_once_in_the_others(servers, production_env):
    area = focus_area_get()
    proposal = ProposalFactory(focus_area=area, title="Flere cykelstativer ved stationen")
    page = f"/forslag/{proposal.pk}/"
    for url in servers:  # both processes render and share their renderings in Redis
        for _ in range(2):
            shown = _get(url, page)
            assert area.name_da in shown and "0 personer støtter dette forslag" in shown
            listing = _get(url, "/forslag/")
            assert area.name_da in listing and "0 støtter" in listing

    # A renamed focus area (through the model, as the admin does), a support and a new
    # published proposal, each made in a third process.
    _in_a_third_process(
        production_env,
        "from engage.taxonomy.models import FocusArea\n"
        f"area = FocusArea.objects.get(pk={area.pk})\n"
        "area.name_da = 'Omdøbt fokusområde'\n"
        "area.save()\n",
    )
    _in_a_third_process(
        production_env,
        "from engage.accounts.models import User\n"
        "from proposals.models import Proposal\n"
        "from proposals.services.engagement import proposal_support\n"
        "user = User.objects.create_user(email='stoette@example.com', password='x' * 20)\n"
        f"proposal_support(proposal=Proposal.objects.get(pk={proposal.pk}), user=user)\n",
    )
    newcomer = ProposalFactory(focus_area=area, title="Bænke langs søen")
    _in_a_third_process(
        production_env,
        # What a service does when a proposal is published: the lists change.
        "from engage.cache import listing_changed\n"
        f"listing_changed(proposal_ids=[{newcomer.pk}])\n",
    )

    for url in servers:
        shown = _get(url, page)
        assert "Omdøbt fokusområde" in shown and area.name_da not in shown
        assert "1 person støtter dette forslag" in shown
        listing = _get(url, "/forslag/")
        assert "Omdøbt fokusområde" in listing and area.name_da not in listing
        assert "1 støtte" in listing
        assert newcomer.title in listing
        filters = _get(url, f"/forslag/?focus_area={area.slug}")
        assert "Omdøbt fokusområde" in filters
