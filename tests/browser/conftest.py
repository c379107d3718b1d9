"""Playwright against Debian's Chromium and pytest-django's live server.

One browser for the whole session, one fresh context (cookies, storage) per test.
"""

import importlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache

# Playwright's sync API runs an event loop in this thread, which makes Django refuse
# ORM calls from the test body ("You cannot call this from an async context").
# Django reads the variable at call time, so setting it here is early enough.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
AXE_CANDIDATES = [
    REPO / "frontend/static/frontend/vendor/axe-core/axe.min.js",
    REPO / "frontend/node_modules/axe-core/axe.min.js",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "Blue-Harbour-Bikes-42"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _require_chromium() -> str:
    """Skip on a machine without Chromium; under CI a missing browser is a failure."""
    try:
        from engage.testing import require_chromium
    except ImportError:
        require_chromium = None
    if require_chromium is not None:
        return require_chromium() or CHROMIUM
    path = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if path:
        return path
    if _in_ci():
        pytest.fail(f"CI=true but Chromium is not installed at {CHROMIUM}")
    pytest.skip(f"Chromium not installed at {CHROMIUM}")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _isolated_rate_limits() -> Iterator[None]:
    # allauth keeps its rate-limit counters in the (per-process, shared with the live
    # server thread) cache: without this, signups and logins from earlier tests add up.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def taxonomy(transactional_db) -> None:
    """The published themes, focus areas and SDGs.

    live_server needs a transactional database, which is flushed after each test, so the
    data migration's rows are gone from the second test on: re-run its loader.
    """
    migration = importlib.import_module("engage.taxonomy.migrations.0002_load_focus_areas")
    migration.load(apps, None)


@pytest.fixture
def make_page(browser, live_server) -> Iterator[Callable]:
    """Open a page in a fresh browser context on the live server.

    language sets the language cookie; user signs that person in first; bypass_csp lets
    tests inject axe-core (only the axe checks use it: every other test runs under the
    real Content-Security-Policy). Contexts are closed after the test.
    """
    contexts = []

    def make(*, language: str = "da", user=None, bypass_csp: bool = False):
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=bypass_csp,
            viewport={"width": 1280, "height": 900},
            locale="da-DK" if language == "da" else "en-GB",
        )
        contexts.append(context)
        context.set_default_timeout(10_000)
        cookies = {settings.LANGUAGE_COOKIE_NAME: language}
        if user is not None:
            cookies[settings.SESSION_COOKIE_NAME] = _sign_in(user)
        context.add_cookies(
            [{"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()]
        )
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page):
    """A page under the real CSP, with Danish as the chosen language."""
    return make_page()


@pytest.fixture
def make_user(transactional_db) -> Callable:
    """Create a person with a verified primary email address, so allauth lets them sign in."""

    def make(*, email: str = "citizen@example.org", language: str = "da", groups=()):
        from allauth.account.models import EmailAddress
        from django.contrib.auth.models import Group

        try:
            from tests.factories import UserFactory
        except ImportError:  # the shared factories are not there yet
            UserFactory = None
        if UserFactory is not None:
            user = UserFactory(email=email, preferred_language=language)
        else:
            from engage.accounts.models import User

            user = User.objects.create_user(email, preferred_language=language)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user

    return make


def _sign_in(user) -> str:
    """Sign in through allauth's login view and return the session key.

    Going through the view (rather than force_login) makes allauth record the
    authentication, which reauthentication-protected pages such as TOTP activation check.
    """
    from django.test import Client
    from django.urls import reverse

    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, f"login failed with status {response.status_code}"
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _axe_script() -> Path:
    for path in AXE_CANDIDATES:
        if path.exists():
            return path
    pytest.fail("axe-core is missing: run `cd frontend && npm ci && npm run build`")


@pytest.fixture
def axe() -> Callable:
    """Check the page with axe-core (WCAG 2.1 A and AA rules); fail on any violation.

    The page must come from make_page(bypass_csp=True): axe is injected as a script tag
    the CSP would otherwise block.
    """
    script = str(_axe_script())

    def check(page) -> None:
        page.add_script_tag(path=script)
        violations = page.evaluate(
            """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})
                .then(result => result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                    html: v.nodes.slice(0, 1).map(n => n.html),
                })))""",
            WCAG_TAGS,
        )
        if violations:
            lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
            for v in violations:
                lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({v['count']} node(s))")
                lines.extend(f"    at {target}" for target in v["targets"])
                lines.extend(f"    {html[:240]}" for html in v["html"])
            pytest.fail("\n".join(lines), pytrace=False)

    return check
