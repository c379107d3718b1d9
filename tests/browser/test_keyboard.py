"""Keyboard-only use: signing up from the home page, the skip link, the language switch.

Only page.keyboard drives the pages here; the script below merely reads what has focus.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from engage.accounts.models import User

pytestmark = pytest.mark.browser

MAX_TABS = 80

# Remember how every focusable element looks before anything has focus, so a focused
# element can be compared with its own unfocused self.
SNAPSHOT_UNFOCUSED = """() => {
    const pick = s => ({
        outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
            ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        shadow: s.boxShadow,
    });
    window.__focusLook = el => ({
        self: pick(getComputedStyle(el)),
        before: pick(getComputedStyle(el, '::before')),
        after: pick(getComputedStyle(el, '::after')),
    });
    window.__unfocused = new Map();
    document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')
        .forEach(el => window.__unfocused.set(el, window.__focusLook(el)));
}"""

FOCUSED = """() => {
    const el = document.activeElement;
    const rect = el.getBoundingClientRect();
    const now = window.__focusLook(el);
    const before = window.__unfocused.get(el);
    const changed = part => now[part].outline !== 'none'
        && (!before || now[part].outline !== before[part].outline)
        || now[part].shadow !== 'none' && (!before || now[part].shadow !== before[part].shadow);
    return {
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute('name') || '',
        href: el.getAttribute('href') || '',
        classes: el.className && el.className.baseVal === undefined ? el.className : '',
        text: (el.innerText || el.value || '').trim().slice(0, 40),
        visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0,
        indicator: changed('self') || changed('before') || changed('after'),
        look: now,
        unfocused: before || null,
    };
}"""


class KeyboardUser:
    """Presses Tab and records every element that received focus."""

    def __init__(self, page):
        self.page = page
        self.trail: list[dict] = []

    def arrive(self) -> None:
        """Call after each page load, before the first key press."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(SNAPSHOT_UNFOCUSED)

    def tab(self, *, shift: bool = False) -> dict:
        self.page.keyboard.press("Shift+Tab" if shift else "Tab")
        focused = self.page.evaluate(FOCUSED)
        self.trail.append(focused)
        return focused

    def tab_to(self, matches, what: str) -> dict:
        for _ in range(MAX_TABS):
            focused = self.tab()
            if matches(focused):
                return focused
        pytest.fail(f"{what} not reached in {MAX_TABS} Tabs; focus went: {self.trail_text()}")

    def trail_text(self) -> str:
        return " → ".join(f"{f['tag']}[{f['name'] or f['href'] or f['text']}]" for f in self.trail)

    def assert_focus_always_visible(self) -> None:
        hidden = [f for f in self.trail if not f["visible"]]
        assert not hidden, f"focus went to elements that are not on screen: {hidden}"
        # WCAG 2.4.7: links and buttons must show where focus is (form fields too).
        missing = [
            f
            for f in self.trail
            if f["tag"] in {"a", "button", "input", "select", "textarea"} and not f["indicator"]
        ]
        assert not missing, f"no visible focus indicator (outline/box-shadow) on: {missing}"


def test_keyboard_only_signup(page, taxonomy, mailoutbox):
    keyboard = KeyboardUser(page)
    page.goto(reverse("frontend:home"))
    keyboard.arrive()

    skip = keyboard.tab()
    assert skip["href"] == "#main-content", f"first Tab focused {skip}, not the skip link"
    assert skip["visible"], "the skip link stays off screen when focused"

    keyboard.tab_to(lambda f: f["href"] == reverse("account_signup"), "the sign-up link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("account_signup"))
    keyboard.arrive()

    values = {
        "email": "keyboard.user@example.dk",
        "display_name": "Tastatur Tove",
        "password1": "Blue-Harbour-Bikes-42",
        "password2": "Blue-Harbour-Bikes-42",
    }
    filled: list[str] = []
    while len(filled) < len(values):
        field = keyboard.tab_to(
            lambda f: f["tag"] == "input" and f["name"] in values.keys() - set(filled),
            f"the sign-up fields {sorted(values.keys() - set(filled))}",
        )
        page.keyboard.type(values[field["name"]])
        filled.append(field["name"])

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("account_email_verification_sent")), page.url
    with translation.override("da"):
        assert page.locator("h1").inner_text() == gettext("Confirm your email address")

    user = User.objects.get(email=values["email"])
    assert user.display_name == values["display_name"]
    assert user.preferred_language == "da"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [values["email"]]
    assert "/accounts/confirm-email/" in mailoutbox[0].body

    keyboard.assert_focus_always_visible()
    kinds = {f["tag"] for f in keyboard.trail}
    assert {"a", "input"} <= kinds, f"the indicator check saw too little: {kinds}"


def test_skip_link_moves_focus_to_main_content(page, taxonomy):
    keyboard = KeyboardUser(page)
    page.goto(reverse("frontend:home"))
    keyboard.arrive()
    keyboard.tab()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab starts inside main, not back in the header.
    inside = keyboard.tab()
    assert page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    ), f"Tab after the skip link went to {inside}"
    keyboard.assert_focus_always_visible()


@pytest.mark.parametrize(
    "javascript",
    [
        pytest.param(False, id="without-js"),
        # With JavaScript too: choosing an option must not submit (WCAG 3.2.2 On Input).
        pytest.param(True, id="with-js"),
    ],
)
def test_language_switch_by_keyboard(javascript, make_page, taxonomy):
    page = make_page(language="da", javascript=javascript)
    keyboard = KeyboardUser(page)
    page.goto(reverse("frontend:about"))
    keyboard.arrive()
    assert page.evaluate("document.documentElement.lang") == "da"

    keyboard.tab_to(lambda f: f["tag"] == "select" and f["name"] == "language", "language")
    try:
        with page.expect_navigation(timeout=1_000):
            page.keyboard.press("ArrowDown")
    except PlaywrightTimeout:
        pass
    else:
        raise AssertionError("choosing a language with the arrow keys left the page")
    assert page.evaluate("document.activeElement.value") == "en"

    keyboard.tab_to(lambda f: f["tag"] == "button", "the language form's button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("frontend:about")), "the switch left the page"
    assert page.evaluate("document.documentElement.lang") == "en"
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("engage_language") == "en"
    keyboard.assert_focus_always_visible()
