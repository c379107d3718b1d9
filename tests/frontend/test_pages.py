"""The public pages: both languages, the language switch, 404s, query counts and the CSP."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.template.loader import get_template, render_to_string
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from django.views.defaults import permission_denied, server_error

from engage.taxonomy.content import THEMES
from engage.taxonomy.models import SDG, FocusArea, Theme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FOCUS_AREA_SLUGS = [area["slug"] for theme in THEMES for area in theme["focus_areas"]]

# (url, Danish text, English text) that only the right language's page shows.
PAGES = [
    ("/", "Verdensmål til hverdagsmål", "From UN goals to everyday goals"),
    ("/temaer/klima/", "Fokusområder", "Focus areas"),
    ("/fokusomraader/lavbundsjorde/", "Dette fokusområde bidrager", "This focus area contributes"),
    ("/tilgaengelighed/", "Tilgængelighedserklæring", "Accessibility statement"),
    ("/privatliv/", "Privatliv og cookies", "Privacy and cookies"),
    ("/om/", "Om Hverdagsmål", "About Hverdagsmål"),
]
PAGE_URLS = [url for url, _da, _en in PAGES]


def client_in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def html_of(response) -> str:
    return response.content.decode()


def test_urls_are_the_published_danish_paths():
    assert reverse("frontend:home") == "/"
    assert reverse("frontend:theme", kwargs={"slug": "klima"}) == "/temaer/klima/"
    assert reverse("frontend:focus_area", kwargs={"slug": "x"}) == "/fokusomraader/x/"
    assert reverse("frontend:accessibility") == "/tilgaengelighed/"
    assert reverse("frontend:privacy") == "/privatliv/"
    assert reverse("frontend:about") == "/om/"


@pytest.mark.parametrize(("url", "danish", "english"), PAGES)
def test_page_in_danish_by_default(url, danish, english):
    response = Client().get(url)
    assert response.status_code == 200
    html = html_of(response)
    assert '<html lang="da">' in html
    assert danish in html
    assert english not in html


@pytest.mark.parametrize(("url", "danish", "english"), PAGES)
def test_page_in_english_from_the_language_cookie(url, danish, english):
    response = client_in("en").get(url)
    assert response.status_code == 200
    html = html_of(response)
    assert '<html lang="en">' in html
    assert english in html
    assert danish not in html


@pytest.mark.parametrize("language", ["da", "en"])
def test_home_lists_every_theme_and_focus_area_in_the_language(language):
    html = html_of(client_in(language).get("/"))
    assert ("Klima" if language == "da" else "Climate") in html
    with translation.override(language):
        for area in FocusArea.objects.all():
            assert reverse("frontend:focus_area", kwargs={"slug": area.slug}) in html
            assert escape(area.name) in html
        for theme in Theme.objects.all():
            assert f'<a href="/temaer/{theme.slug}/">{escape(theme.name)}</a>' in html


def test_home_shows_sdg_badges_with_accessible_text():
    html = html_of(Client().get("/"))
    # 13 Klimaindsats, read out as "Verdensmål 13: Klimaindsats".
    assert re.search(
        r'<span class="sdg-badge sdg-badge--13"><span class="sr-only">Verdensmål </span>13'
        r'<span class="sr-only">:</span> Klimaindsats</span>',
        html,
    )


def test_language_switch_by_post_sets_the_cookie_and_redirects_back():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/om/"})
    assert response.status_code == 302
    assert response["Location"] == "/om/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = html_of(client.get("/"))
    assert "Climate" in html
    assert '<html lang="en">' in html

    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert '<html lang="da">' in html_of(client.get("/"))


def test_language_switch_ignores_a_foreign_next_url():
    response = Client().post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_signed_in_language_switch_is_stored_and_persists():
    user = UserFactory(preferred_language="da")
    client = Client()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"
    # The stored choice wins even without the cookie, e.g. on another device.
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    html = html_of(client.get("/"))
    assert '<html lang="en">' in html
    assert "Climate" in html


@pytest.mark.parametrize("slug", FOCUS_AREA_SLUGS)
def test_focus_area_page(slug):
    area = FocusArea.objects.select_related("theme").prefetch_related("sdgs").get(slug=slug)
    html = html_of(Client().get(f"/fokusomraader/{slug}/"))
    assert f"<h1>{escape(area.name_da)}</h1>" in html
    # Breadcrumbs: Forside > theme > this page.
    assert '<nav class="breadcrumbs mb-6" aria-label="Brødkrummesti">' in html
    assert f'<a class="breadcrumbs__link" href="/temaer/{area.theme.slug}/">' in html
    assert area.sdgs.exists()
    for sdg in area.sdgs.all():
        assert f'class="sdg-badge sdg-badge--{sdg.number}"' in html
        assert escape(sdg.name_da) in html
    assert html.count('class="sdg-badge ') == area.sdgs.count()


def test_every_published_focus_area_has_a_page_test():
    assert sorted(FocusArea.objects.values_list("slug", flat=True)) == sorted(FOCUS_AREA_SLUGS)
    assert len(FOCUS_AREA_SLUGS) == 23


@pytest.mark.parametrize("slug", [theme["slug"] for theme in THEMES])
def test_theme_page_lists_its_focus_areas(slug):
    theme = Theme.objects.get(slug=slug)
    html = html_of(client_in("en").get(f"/temaer/{slug}/"))
    assert f"<h1>{escape(theme.name_en)}</h1>" in html
    for area in theme.focus_areas.all():
        assert escape(area.name_en) in html
    other = FocusArea.objects.exclude(theme=theme).first()
    assert f"/fokusomraader/{other.slug}/" not in html.split('id="main-content"')[1]


@pytest.mark.parametrize("url", ["/temaer/findes-ikke/", "/fokusomraader/findes-ikke/"])
@pytest.mark.parametrize(
    ("language", "text"), [("da", "Siden blev ikke fundet"), ("en", "Page not found")]
)
def test_unknown_slug_is_404_with_the_site_layout(url, language, text):
    response = client_in(language).get(url)
    assert response.status_code == 404
    html = html_of(response)
    assert f"<h1>{text}</h1>" in html
    assert 'id="main-content"' in html


def test_403_page_uses_the_site_layout():
    request = RequestFactory().get("/forbudt/")
    with translation.override("da"):
        response = permission_denied(request, exception=None)
    assert response.status_code == 403
    assert "<h1>Adgang nægtet</h1>" in response.content.decode()


def test_500_page_renders_without_a_request():
    with translation.override("da"):
        response = server_error(RequestFactory().get("/"))
        html = get_template("500.html").render()
    assert response.status_code == 500
    assert "<h1>Der skete en fejl</h1>" in response.content.decode()
    assert "<h1>Der skete en fejl</h1>" in html
    assert 'href="/static/frontend/vendor/dkfds/css/dkfds.min.css"' in html


def test_home_page_query_count_is_constant(django_assert_num_queries):
    # Themes, focus areas and their SDGs: one query each, however many there are; then
    # the proposal counts per focus area and the latest proposals.
    with django_assert_num_queries(5):
        assert Client().get("/").status_code == 200
    theme = Theme.objects.create(slug="ekstra", name_da="Ekstra", name_en="Extra", position=9)
    for number in (1, 2):
        area = FocusArea.objects.create(
            theme=theme, slug=f"ekstra-{number}", name_da=f"Ekstra {number}", name_en="Extra"
        )
        area.sdgs.set(SDG.objects.filter(number__lte=number + 3))
    with django_assert_num_queries(5):
        assert "Ekstra 2" in html_of(Client().get("/"))


def test_home_page_query_count_signed_in(django_assert_num_queries):
    client = Client()
    client.force_login(UserFactory())
    # The user (its session, with the person's roles and unread count, comes from the
    # cache); the three taxonomy queries, the counts per focus area and the latest
    # proposals.
    with django_assert_num_queries(6):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", PAGE_URLS)
def test_csp_header_and_no_inline_script_or_style(url):
    response = Client().get(url)
    policy = response["Content-Security-Policy"]
    # Django adds a nonce only to pages that use one; these pages need none.
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = html_of(response)
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the layout loads its scripts"
    for tag in scripts:
        assert " src=" in tag or " nonce=" in tag, f"inline script without a nonce: {tag}"
    assert not re.search(r"<style\b(?![^>]*\bnonce=)", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.parametrize("url", PAGE_URLS)
def test_layout_landmarks_and_single_h1(url):
    html = html_of(Client().get(url))
    assert html.count("<h1") == 1
    assert html.count("<main ") == 1
    assert '<main id="main-content" tabindex="-1">' in html
    assert "<header" in html and "<footer" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)
    # The skip link is the first focusable element.
    body = html.split("<body>", 1)[1]
    first = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body)
    assert first.group(0) == '<a class="skipnav" href="#main-content">'
    assert "Gå til sidens indhold" in body
    for name in ("frontend:accessibility", "frontend:privacy", "frontend:about"):
        assert f'href="{reverse(name)}"' in body.split("<footer", 1)[1]


def test_language_form_is_labelled_and_posts_to_set_language():
    html = html_of(Client().get("/om/"))
    for form_id in ("desktop", "mobile"):
        # The form, with this visitor's token and page, sits outside the cached header;
        # the select and button in the header belong to it through their form attribute.
        form = re.search(
            rf'<form id="language-form-{form_id}" action="([^"]+)" method="post" hidden>(.*?)'
            r"</form>",
            html,
            re.S,
        )
        assert form and form.group(1) == reverse("set_language")
        assert 'name="csrfmiddlewaretoken"' in form.group(2)
        assert '<input type="hidden" name="next" value="/om/">' in form.group(2)
        label = re.search(
            rf'<label class="form-label[^"]*" for="language-{form_id}">(.*?)</label>', html, re.S
        )
        assert label and label.group(1).endswith("Sprog")
        # No submit on change: a keyboard user moving through the options must not be
        # sent to another page before choosing (WCAG 3.2.2 On Input).
        assert f'id="language-{form_id}" name="language" form="language-form-{form_id}">' in html
        assert f'form="language-form-{form_id}">Skift</button>' in html
    assert '<option value="en" lang="en">English</option>' in html


def test_the_cached_header_is_each_visitors_own():
    """The header is rendered once per process and kept; nobody gets another's."""
    anne, bo = UserFactory(display_name="Anne Borger"), UserFactory(display_name="Bo Borger")
    clients = {}
    for user in (anne, bo):
        clients[user] = Client()
        clients[user].force_login(user)
    assert "Anne Borger" in html_of(clients[anne].get("/"))
    html = html_of(clients[bo].get("/"))
    assert "Bo Borger" in html and "Anne Borger" not in html
    assert "Anne Borger" not in html_of(Client().get("/"))
    anne.display_name = "Anne Ny"
    anne.save(update_fields=["display_name"])
    assert "Anne Ny" in html_of(clients[anne].get("/"))
    # Tokens are never kept with the header: each visitor's forms carry their own.
    tokens = {
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html_of(c.get("/"))).group(1)
        for c in (Client(), Client())
    }
    assert len(tokens) == 2


def test_sessions_are_read_from_the_cache_and_survive_its_loss():
    from django.core.cache import cache

    client = Client()
    client.force_login(UserFactory(display_name="Cille Borger"))
    assert "Cille Borger" in html_of(client.get("/"))
    cache.clear()  # a Redis restart: the database copy keeps everyone signed in
    assert "Cille Borger" in html_of(client.get("/"))


def test_signed_out_header_offers_login_and_signup():
    html = html_of(Client().get("/"))
    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert reverse("account_logout") not in html


def test_signed_in_header_offers_account_and_a_logout_form():
    user = UserFactory(display_name="Karen Blixen")
    client = Client()
    client.force_login(user)
    html = html_of(client.get("/"))
    assert "Karen Blixen" in html
    form = re.search(
        r'<form id="logout-form" action="([^"]+)" method="post" hidden>(.*?)</form>', html, re.S
    )
    assert form and form.group(1) == reverse("account_logout")
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert 'form="logout-form">' in html and "Log ud</button>" in html
    assert f'href="{reverse("account_login")}"' not in html
    try:
        settings_url = reverse("account_settings")
    except NoReverseMatch:
        pytest.skip("the account settings page does not exist yet")
    assert f'href="{settings_url}"' in html
    assert "Min konto" in html


@pytest.mark.parametrize(
    ("level", "css_class"),
    [
        (message_levels.SUCCESS, "alert-success"),
        (message_levels.ERROR, "alert-error"),
        (message_levels.WARNING, "alert-warning"),
        (message_levels.INFO, "alert-info"),
    ],
)
def test_messages_render_as_dkfds_alerts_inside_main(level, css_class):
    request = RequestFactory().get("/om/")
    html = render_to_string(
        "frontend/pages/accessibility.html",
        {"messages": [Message(level, "Din profil er gemt.")]},
        request=request,
    )
    main = html.split('<main id="main-content" tabindex="-1">', 1)[1]
    assert f'<div class="alert {css_class}" role="status">' in main
    assert '<p class="alert-text">Din profil er gemt.</p>' in main
