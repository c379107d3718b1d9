"""Playwright against Debian's Chromium and pytest-django's live server.

One browser for the whole session, one fresh context (cookies, storage) per test.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import DEFAULT_PASSWORD, ModeratorFactory, UserFactory

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


@pytest.fixture(scope="session")
def browser(chromium_path) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
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
def make_page(browser, live_server) -> Iterator[Callable]:
    """Open a page in a fresh browser context on the live server.

    language sets the language cookie; user signs that person in first; bypass_csp lets
    tests inject axe-core (only the axe checks use it: every other test runs under the
    real Content-Security-Policy); javascript=False turns the page's scripts off (Playwright
    can still read the page). Contexts are closed after the test.
    """
    contexts = []

    def make(*, language: str = "da", user=None, bypass_csp: bool = False, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=bypass_csp,
            java_script_enabled=javascript,
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
def password() -> str:
    """The password of every user the factories make."""
    return DEFAULT_PASSWORD


@pytest.fixture
def make_user(transactional_db) -> Callable:
    """A citizen (or, with moderator=True, a moderator) with a verified email address."""

    def make(*, language: str = "da", moderator: bool = False):
        factory = ModeratorFactory if moderator else UserFactory
        return factory(preferred_language=language)

    return make


def _sign_in(user) -> str:
    """Sign in through allauth's login view and return the session key.

    Going through the view (rather than force_login) makes allauth record the
    authentication, which reauthentication-protected pages such as TOTP activation check.
    """
    from django.test import Client
    from django.urls import reverse

    client = Client()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD}
    )
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
