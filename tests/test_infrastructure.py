"""The build and run contract: migrations, deploy checks, Celery, lint, documented settings."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from engage.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_DIR = ROOT / "engage" / "settings"


def _run(args: list[str], env: dict[str, str] | None = None, timeout: int = 120):
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    # Production requires Redis; nothing here connects to it.
    env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    env["DJANGO_SETTINGS_MODULE"] = "engage.settings.production"
    env.update(extra)
    return env


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_passes_the_deploy_checklist(tmp_path):
    # Its database checks open the database: one of its own, not the var/ of a checkout.
    env = _production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
    )
    result = _run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _dotenv_sets_secret_key() -> bool:
    dotenv = ROOT / ".env"
    return dotenv.exists() and re.search(
        r"^\s*DJANGO_SECRET_KEY\s*=\s*\S", dotenv.read_text(), re.M
    )


@pytest.mark.parametrize("secret_key", [None, "", "   "])
def test_production_refuses_to_start_without_a_secret_key(secret_key):
    if secret_key is None and _dotenv_sets_secret_key():
        pytest.skip("the .env file in the repository sets DJANGO_SECRET_KEY")
    env = _production_env() if secret_key is None else _production_env(DJANGO_SECRET_KEY=secret_key)
    result = _run([sys.executable, "-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("redis_url", ["", "  "])
def test_production_refuses_to_start_without_redis(redis_url):
    env = _production_env(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL=redis_url)
    result = _run([sys.executable, "-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL" in result.stderr


@pytest.mark.parametrize(
    ("site_url", "allowed_hosts"),
    [
        ("http://hverdagsmaal.example.dk", "hverdagsmaal.example.dk"),
        ("hverdagsmaal.example.dk", "hverdagsmaal.example.dk"),
        ("ftp://hverdagsmaal.example.dk", "hverdagsmaal.example.dk"),
        ("https://", "hverdagsmaal.example.dk"),
        # SITE_URL forgotten on a real host: the default links every email to loopback.
        ("http://127.0.0.1:8000", "hverdagsmaal.example.dk"),
        ("http://localhost:8000", "localhost,*"),
    ],
)
def test_production_refuses_to_start_unless_site_url_is_https(site_url, allowed_hosts):
    env = _production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL=site_url,
        DJANGO_ALLOWED_HOSTS=allowed_hosts,
    )
    result = _run([sys.executable, "-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"SITE_URL is {site_url!r}" in result.stderr
    assert "https://" in result.stderr


@pytest.mark.parametrize(
    ("site_url", "allowed_hosts"),
    [
        ("https://hverdagsmaal.example.dk", "hverdagsmaal.example.dk"),
        # docker compose: the production stack on plain-HTTP localhost.
        ("http://localhost:8000", "localhost,127.0.0.1,[::1]"),
    ],
)
def test_production_starts_with_an_https_site_url_or_on_localhost(site_url, allowed_hosts):
    env = _production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        SITE_URL=site_url,
        DJANGO_ALLOWED_HOSTS=allowed_hosts,
    )
    result = _run([sys.executable, "-c", "import django; django.setup()"], env)
    assert result.returncode == 0, result.stderr


def test_production_collects_static_files(tmp_path):
    """What the Dockerfile runs: the manifest storage fails on a CSS url() to a missing file."""
    if not (ROOT / "frontend" / "static" / "frontend").is_dir():
        pytest.fail("front-end assets are not built: run `make assets`")
    env = _production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_STATIC_ROOT=str(tmp_path / "static")
    )
    result = _run([sys.executable, "manage.py", "collectstatic", "--noinput"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "frontend/vendor/dkfds/css/dkfds.min.css" in manifest["paths"]


def test_celery_is_json_only_and_acknowledges_late():
    conf = celery_app.conf
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert list(conf.accept_content) == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_time_limit and conf.task_soft_time_limit
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert "sweep-outgoing-email" in conf.beat_schedule


def test_redis_visibility_timeout_outlasts_any_task():
    """With acks_late, Redis re-delivers unacknowledged tasks after the visibility timeout."""
    code = (
        "import json, django; django.setup(); from engage.celery import app; c = app.conf; "
        "print(json.dumps([c.broker_url, c.broker_transport_options, c.task_time_limit]))"
    )
    env = _production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL="redis://redis.invalid:6379/0"
    )
    result = _run([sys.executable, "-c", code], env)
    assert result.returncode == 0, result.stderr
    broker_url, options, time_limit = json.loads(result.stdout.strip().splitlines()[-1])
    assert broker_url == "redis://redis.invalid:6379/0"
    assert options["visibility_timeout"] > time_limit > 0


def test_ruff_check_and_format():
    check = _run([sys.executable, "-m", "ruff", "check", "--no-cache", "."])
    assert check.returncode == 0, check.stdout + check.stderr
    fmt = _run([sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."])
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


# --- environment variables: read by the settings, documented, set by compose ---

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


ENV_CALL = re.compile(r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]*)[\"']")
OS_ENVIRON = re.compile(r"os\.environ(?:\.get|\.setdefault|\[)\(?\s*[\"']([A-Z][A-Z0-9_]*)[\"']")


def _settings_variables() -> set[str]:
    names: set[str] = set()
    for path in SETTINGS_DIR.glob("*.py"):
        source = path.read_text()
        names |= set(ENV_CALL.findall(source)) | set(OS_ENVIRON.findall(source))
    return names


def test_every_environment_variable_is_documented_in_the_readme():
    variables = _settings_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"} <= variables
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", readme, re.M))
    assert variables - documented == set(), "add these to the README's configuration table"


def test_compose_sets_only_variables_the_settings_read():
    variables = _settings_variables() | {"DJANGO_SETTINGS_MODULE"}
    env = COMPOSE["services"]["web"]["environment"]
    assert set(env) - variables == set()
