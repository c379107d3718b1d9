"""`make run` shows what a citizen sees: the site's own 404 and 500 pages, not Django's debug
pages, with the traceback in the server's log and the site's styles still served."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a process of its own with the settings `make run` serves with (engage.settings.local,
# DJANGO_DEBUG=false from the Makefile), on a fresh SQLite file, through the whole WSGI stack.
SCRIPT = r"""
import json, re, django
django.setup()
from django.core.management import call_command
from django.test import Client
from frontend.views import pages

call_command("migrate", verbosity=0)
client = Client(HTTP_HOST="127.0.0.1:8000", raise_request_exception=False)
home = client.get("/")
stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home.content.decode())
missing = client.get("/forslag/987654/")
unknown = client.get("/no-such-page/")

def broken():
    raise RuntimeError("boom-for-the-log")

pages.theme_list = broken
failing = client.get("/om/")
print(json.dumps({
    "home": home.status_code,
    "css": [client.get(href).status_code for href in stylesheets],
    "missing": [missing.status_code, missing.content.decode()],
    "unknown": [unknown.status_code, unknown.content.decode()],
    "failing": [failing.status_code, failing.content.decode()],
}))
"""


def test_a_wrong_proposal_number_under_make_run_shows_the_sites_own_pages(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "engage.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    pages = json.loads(result.stdout.strip().splitlines()[-1])

    assert pages["home"] == 200
    assert pages["css"] and set(pages["css"]) == {200}  # the styles, without collectstatic
    for name in ("missing", "unknown"):
        status, html = pages[name]
        assert status == 404
        assert "<h1>Siden blev ikke fundet</h1>" in html
        assert 'lang="da"' in html and "Using the URLconf" not in html
        assert "Traceback" not in html
    status, html = pages["failing"]
    assert status == 500
    assert "<h1>Der skete en fejl</h1>" in html
    assert "boom-for-the-log" not in html and "Traceback" not in html
    # The developer still gets the traceback, in the terminal `make run` prints to.
    assert re.search(r"Traceback.*RuntimeError: boom-for-the-log", result.stderr, re.S)
