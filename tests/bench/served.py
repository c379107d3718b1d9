"""Served throughput: gunicorn (2 sync workers) on loopback and a small threaded stdlib client."""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@dataclass
class Throughput:
    name: str
    completed: int
    errors: int
    seconds: float
    first_error: str = ""

    @property
    def rps(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


@contextmanager
def gunicorn_running(*, database_url: str, log_path: Path, workers: int = 2):
    """Start gunicorn with the bench settings; always stop it (and only it) on the way out."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "engage.settings.bench",
        "BENCH_DATABASE_URL": database_url,
        "PYTHONPATH": str(BASE_DIR),
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn", "engage.wsgi:application",
        "--workers", str(workers), "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
        "--error-logfile", str(log_path), "--timeout", "60",
    ]  # fmt: skip
    # Django logs errors to stderr: keep them with gunicorn's own log.
    output = (log_path.parent / "gunicorn-stderr.log").open("w")
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                tail = log_path.read_text(errors="replace")[-2000:] if log_path.exists() else ""
                raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{tail}")
            try:
                if _get(port, "/bench/trivial/") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer within 60 s")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        output.close()


def load(
    name: str,
    port: int,
    paths: list[str],
    *,
    count: int,
    threads: int = 4,
    time_cap: float = 60.0,
    warmup: int = 40,
    headers: dict[str, str] | None = None,
) -> Throughput:
    """GET `paths` round-robin `count` times from `threads` threads (stopping at `time_cap`).

    `headers` go with every request: a Cookie header makes it a signed-in person's.
    """
    for i in range(warmup):
        _get(port, paths[i % len(paths)], headers)
    lock = threading.Lock()
    state = {"next": 0, "done": 0, "errors": 0, "first_error": ""}
    deadline = time.monotonic() + time_cap

    def worker() -> None:
        while time.monotonic() < deadline:
            with lock:
                i = state["next"]
                if i >= count:
                    return
                state["next"] += 1
            try:
                status = _get(port, paths[i % len(paths)], headers)
                error = "" if status == 200 else f"HTTP {status} {paths[i % len(paths)]}"
            except OSError as exc:
                error = f"{type(exc).__name__}: {exc}"
            with lock:
                if error:
                    state["errors"] += 1
                    state["first_error"] = state["first_error"] or error
                else:
                    state["done"] += 1

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.perf_counter() - started
    return Throughput(name, state["done"], state["errors"], seconds, state["first_error"])
