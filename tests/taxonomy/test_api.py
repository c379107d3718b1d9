import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command

from engage.taxonomy.content import THEMES
from engage.taxonomy.models import Theme

pytestmark = pytest.mark.django_db

ALL_AREAS = [area for theme in THEMES for area in theme["focus_areas"]]


def test_theme_list(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # themes, focus areas, their SDGs
        response = client.get("/api/v1/themes/")
    assert response.status_code == 200
    data = response.json()
    assert [t["slug"] for t in data] == [t["slug"] for t in THEMES]
    klima = data[0]
    assert klima["name_da"] == "Klima"
    assert klima["name_en"] == "Climate"
    assert klima["focus_areas"] == [a["slug"] for a in THEMES[0]["focus_areas"]]


def test_theme_detail_and_unknown_slug(client):
    response = client.get("/api/v1/themes/ulighed/")
    assert response.status_code == 200
    assert response.json()["name_en"] == "Inequality"
    assert len(response.json()["focus_areas"]) == 8
    assert client.get("/api/v1/themes/no-such-theme/").status_code == 404


def test_focus_area_list(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # areas joined with their theme, then the SDGs
        response = client.get("/api/v1/focus-areas/")
    assert response.status_code == 200
    data = response.json()
    assert len(data) == 23
    by_slug = {item["slug"]: item for item in data}
    for area in ALL_AREAS:
        assert by_slug[area["slug"]]["name_da"] == area["name_da"]
        assert by_slug[area["slug"]]["sdgs"] == sorted(area["sdgs"])


def test_focus_area_filter_by_theme(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get("/api/v1/focus-areas/", {"theme": "biodiversitet"})
    assert [a["slug"] for a in response.json()] == [
        "truede-arter", "natur-foerst", "vild-natur", "naturformidling", "sammenhaengende-natur",
    ]  # fmt: skip
    assert all(a["theme"] == "biodiversitet" for a in response.json())
    assert client.get("/api/v1/focus-areas/", {"theme": "nope"}).json() == []


def test_focus_area_detail_and_unknown_slug(client):
    response = client.get("/api/v1/focus-areas/klimapartnerskaber/")
    assert response.status_code == 200
    data = response.json()
    assert data["theme"] == "klima"
    assert data["sdgs"] == [7, 8, 9, 13, 17]
    assert client.get("/api/v1/focus-areas/no-such-area/").status_code == 404


def test_sdgs(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/api/v1/sdgs/")
    data = response.json()
    assert [s["number"] for s in data] == list(range(1, 18))
    assert data[12]["name_en"] == "Climate action"
    detail = client.get("/api/v1/sdgs/13/")
    assert detail.status_code == 200
    assert detail.json()["color"].startswith("#")
    assert client.get("/api/v1/sdgs/18/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/api/v1/themes/", "/api/v1/focus-areas/", "/api/v1/sdgs/", "/api/v1/themes/klima/"]
)
def test_read_only(client, admin_user, url):
    # An admin with TOTP passes every permission check, so only the missing write actions
    # stand between this request and the data.
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, {"slug": "x"}, content_type="application/json")
        assert response.status_code == 405, (method, url)
    client.logout()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, {"slug": "x"}, content_type="application/json")
        assert response.status_code in (403, 405), (method, url)
    assert client.get(url).status_code == 200
    assert Theme.objects.count() == 4


def test_openapi_schema_validates(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    schema = path.read_text()
    assert "/api/v1/focus-areas/{slug}/" in schema
    assert "/api/v1/themes/" in schema


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/sdgs/" in schema.json()["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_docs_page_runs_no_script_the_csp_would_block(client):
    """Every script on /api/docs/ is a file from this site, which the page's policy
    allows ('self'); the policy allows no inline script."""
    import re

    docs = client.get("/api/docs/")
    html = docs.content.decode()
    policy = dict(
        directive.strip().split(" ", 1) for directive in docs["Content-Security-Policy"].split(";")
    )
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'self'" in policy["script-src"]

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all(re.search(r'src="/', attrs) and not body.strip() for attrs, body in scripts)

    initializer = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1)
    script = client.get(initializer.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content
