"""The data migration publishes the taxonomy exactly as engage.taxonomy.content states it."""

import pytest

from engage.taxonomy.content import SDGS, THEMES
from engage.taxonomy.models import SDG, FocusArea, Theme

pytestmark = pytest.mark.django_db

# Slugs are public API (URLs, the REST API, saved links): a rename must break this test.
THEME_SLUGS = ["klima", "ressourcer", "ulighed", "biodiversitet"]
FOCUS_AREA_SLUGS = {
    "klima": [
        "klimahandlingsplan", "klimapartnerskaber", "lavbundsjorde", "vaad-natur",
        "saarbare-naturtyper",
    ],
    "ressourcer": [
        "mindre-forbrug-affald", "cirkulaer-oekonomi", "baeredygtige-indkoeb", "mindre-spild",
        "baeredygtig-dannelse",
    ],
    "ulighed": [
        "lighed-i-sundhed", "lige-muligheder", "bekaempe-ensomhed",
        "faellesskaber-mental-sundhed", "aktivt-medborgerskab", "inkluderende-byplanlaegning",
        "by-og-land", "social-mobilitet",
    ],
    "biodiversitet": [
        "truede-arter", "natur-foerst", "vild-natur", "naturformidling", "sammenhaengende-natur",
    ],
}  # fmt: skip


def test_counts():
    assert Theme.objects.count() == 4
    assert FocusArea.objects.count() == 23
    assert SDG.objects.count() == 17
    assert list(SDG.objects.values_list("number", flat=True)) == list(range(1, 18))


def test_themes_and_focus_areas_in_published_order():
    assert list(Theme.objects.values_list("slug", flat=True)) == THEME_SLUGS
    for theme in Theme.objects.all():
        slugs = list(theme.focus_areas.order_by("position").values_list("slug", flat=True))
        assert slugs == FOCUS_AREA_SLUGS[theme.slug]


def test_every_fact_matches_the_content_module():
    for theme_item in THEMES:
        theme = Theme.objects.get(slug=theme_item["slug"])
        for field in ("name_da", "name_en", "description_da", "description_en"):
            assert getattr(theme, field) == theme_item[field]
        for area_item in theme_item["focus_areas"]:
            area = FocusArea.objects.get(slug=area_item["slug"])
            assert area.theme_id == theme.pk
            for field in ("name_da", "name_en", "description_da", "description_en"):
                assert getattr(area, field) == area_item[field], (area.slug, field)
            numbers = sorted(area.sdgs.values_list("number", flat=True))
            assert numbers == sorted(area_item["sdgs"]), area.slug
    for sdg_item in SDGS:
        sdg = SDG.objects.get(number=sdg_item["number"])
        for field in ("name_da", "name_en", "description_da", "description_en", "color"):
            assert getattr(sdg, field) == sdg_item[field]


def test_focus_area_sdgs_spot_check():
    # Independent of content.py: climate partnerships serve goals 7, 8, 9, 13 and 17.
    area = FocusArea.objects.get(slug="klimapartnerskaber")
    assert sorted(area.sdgs.values_list("number", flat=True)) == [7, 8, 9, 13, 17]
    assert Theme.objects.get(slug="klima").name_da == "Klima"
    assert Theme.objects.get(slug="klima").name_en == "Climate"


def test_names_follow_the_active_language():
    from django.utils import translation

    theme = Theme.objects.get(slug="biodiversitet")
    with translation.override("en"):
        assert theme.name == "Biodiversity"
    with translation.override("da"):
        assert theme.name == "Biodiversitet"
