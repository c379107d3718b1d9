"""Tab order on the login page: from the email field straight to the password field, and the
"Forgot your password?" link after it (keyboard only, after focusing the first field)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const el = document.activeElement;
    return {tag: el.tagName.toLowerCase(), name: el.getAttribute('name') || '',
            href: el.getAttribute('href') || '', type: el.getAttribute('type') || ''};
}"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


@pytest.mark.parametrize("language", ["da", "en"])
def test_tab_goes_from_email_to_password_then_to_the_reset_link(make_page, language, taxonomy):
    page = make_page(language=language)
    page.goto(reverse("account_login"))
    page.locator("input[name=login]").focus()

    order = [tab(page) for _ in range(4)]

    assert order[0] == {"tag": "input", "name": "password", "href": "", "type": "password"}
    assert order[1]["href"] == reverse("account_reset_password")
    assert order[2]["name"] == "remember"
    assert order[3]["tag"] == "button" and order[3]["type"] == "submit"
    # The link still reads as the password field's help (aria-describedby).
    described = page.locator("input[name=password]").get_attribute("aria-describedby") or ""
    link_box = page.locator(f'a[href="{reverse("account_reset_password")}"]').locator("..")
    assert link_box.get_attribute("id") in described.split()
