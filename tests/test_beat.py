"""Only one Celery beat can run: a second scheduler refuses while the first holds the lock."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import override_settings

from engage.beat import REDIS_LOCK_KEY, BeatAlreadyRunning, SingleBeatScheduler
from engage.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def _scheduler(schedule: Path) -> SingleBeatScheduler:
    return SingleBeatScheduler(app=celery_app, schedule_filename=str(schedule))


@override_settings(REDIS_URL="")
def test_without_redis_a_second_scheduler_refuses_while_the_first_runs(tmp_path):
    first = _scheduler(tmp_path / "schedule")
    with pytest.raises(BeatAlreadyRunning):
        _scheduler(tmp_path / "schedule")
    first.close()
    # Once the first has stopped, the next one starts.
    _scheduler(tmp_path / "schedule").close()


def test_with_redis_a_second_scheduler_refuses_while_the_first_runs(tmp_path, redis_url):
    import redis

    redis.Redis.from_url(redis_url).delete(REDIS_LOCK_KEY)
    with override_settings(REDIS_URL=redis_url):
        first = _scheduler(tmp_path / "one")
        with pytest.raises(BeatAlreadyRunning):
            _scheduler(tmp_path / "two")  # another machine: another schedule file
        first.tick()  # renews its hold
        first.close()
        _scheduler(tmp_path / "three").close()


def _beat(schedule: Path, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env["DJANGO_SETTINGS_MODULE"] = "engage.settings.local"
    env.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
    command = [sys.executable, "-m", "celery", "-A", "engage", "beat", "-s", str(schedule)]
    return subprocess.Popen(
        [*command, "--loglevel=INFO"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _wait_for(log: Path, text: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    pytest.fail(f"{text!r} not in the log:\n{log.read_text(errors='replace')}")


def test_a_beat_left_running_after_sigkill_is_not_doubled_by_a_restart(tmp_path):
    """What `make run` does on a machine without Redis: the lock lives next to the schedule."""
    schedule = tmp_path / "celerybeat-schedule"
    first = _beat(schedule, tmp_path / "first.log")
    try:
        _wait_for(tmp_path / "first.log", "single-scheduler lock")
        second = _beat(schedule, tmp_path / "second.log")
        assert second.wait(timeout=60) != 0
        assert "another celery beat holds" in (tmp_path / "second.log").read_text()
        assert first.poll() is None  # the first one goes on alone

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        third = _beat(schedule, tmp_path / "third.log")
        try:
            _wait_for(tmp_path / "third.log", "single-scheduler lock")
        finally:
            third.terminate()
            third.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
