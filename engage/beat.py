"""The Celery beat scheduler, made impossible to run twice (app.conf.beat_scheduler).

Two schedulers would send every periodic task twice. Before it reads its schedule, beat
takes a lock and refuses to start without it:
- with Redis (REDIS_URL), a key that expires unless the running beat renews it on every
  tick, so a killed beat frees it within BEAT_LOCK_SECONDS;
- without (`make run`, the broker in var/), an exclusive file lock next to the schedule
  file, which the kernel releases the moment its process ends, however it ends.
"""

import fcntl
import logging
import os
import secrets
import signal
import sys
from pathlib import Path

from celery.beat import PersistentScheduler
from django.conf import settings

logger = logging.getLogger(__name__)

# Renewed at least every BEAT_MAX_LOOP_SECONDS (celery.py sets beat_max_loop_interval).
BEAT_MAX_LOOP_SECONDS = 60
BEAT_LOCK_SECONDS = 3 * BEAT_MAX_LOOP_SECONDS
REDIS_LOCK_KEY = "engage:celery-beat-lock"


class BeatAlreadyRunning(RuntimeError):
    pass


class FileLock:
    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BeatAlreadyRunning(
                f"another celery beat holds {self.path}: not starting a second scheduler"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def renew(self) -> None:
        pass  # held for as long as the file descriptor is open

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing it releases the lock
            self._fd = None


class RedisLock:
    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url)
        self.token = f"{os.getpid()}:{secrets.token_hex(8)}".encode()

    def acquire(self) -> None:
        if not self.client.set(REDIS_LOCK_KEY, self.token, nx=True, ex=BEAT_LOCK_SECONDS):
            raise BeatAlreadyRunning(
                f"another celery beat holds the Redis key {REDIS_LOCK_KEY} "
                f"(it expires {BEAT_LOCK_SECONDS} s after that beat stops renewing it)"
            )

    def renew(self) -> None:
        if self.client.get(REDIS_LOCK_KEY) != self.token:
            # Expired while this process stalled and another beat took over: leave to it.
            raise BeatAlreadyRunning("the beat lock was taken over by another scheduler")
        self.client.expire(REDIS_LOCK_KEY, BEAT_LOCK_SECONDS)

    def release(self) -> None:
        if self.client.get(REDIS_LOCK_KEY) == self.token:
            self.client.delete(REDIS_LOCK_KEY)


def beat_lock_get(*, schedule_filename: str | None) -> FileLock | RedisLock:
    """The lock this deployment's beats share: in Redis when there is one, else a file
    next to the schedule (the one folder every beat of a checkout writes to)."""
    if settings.REDIS_URL:
        return RedisLock(settings.REDIS_URL)
    return FileLock(Path(f"{schedule_filename or settings.CELERY_BEAT_SCHEDULE_FILENAME}.lock"))


def _exit_with_parent() -> None:
    """Under `make run` (ENGAGE_EXIT_WITH_PARENT=1), end when the shell that started us
    ends, even by SIGKILL: an orphan would keep scheduling after the site stopped."""
    if os.environ.get("ENGAGE_EXIT_WITH_PARENT") != "1" or not sys.platform.startswith("linux"):
        return
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class SingleBeatScheduler(PersistentScheduler):
    """PersistentScheduler that holds the beat lock from start to close."""

    def setup_schedule(self):
        _exit_with_parent()
        self.beat_lock = beat_lock_get(schedule_filename=self.schedule_filename)
        self.beat_lock.acquire()
        logger.info("celery beat: holding the single-scheduler lock")
        super().setup_schedule()

    def tick(self, *args, **kwargs):
        self.beat_lock.renew()
        return super().tick(*args, **kwargs)

    def close(self):
        try:
            super().close()
        finally:
            lock = getattr(self, "beat_lock", None)
            if lock is not None:
                lock.release()
