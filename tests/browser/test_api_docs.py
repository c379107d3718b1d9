"""/api/docs/ in a real browser under the site's Content-Security-Policy."""

import pytest

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_the_operations_without_csp_violations(page, taxonomy):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto("/api/docs/")

    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() > 20
    assert page.get_by_text("/api/v1/proposals/", exact=True).first.is_visible()
    assert not [p for p in problems if "Content Security Policy" in p or "CSP" in p], problems
    assert problems == []
