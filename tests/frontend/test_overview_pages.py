"""The front page and the theme pages: counts per focus area, the latest public proposals,
a call to write one, constant query counts, and no promise of features that are not there."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engage.taxonomy.models import Theme
from proposals.lifecycle import Status
from proposals.services import proposal_publish
from tests.factories import ModeratorFactory
from tests.proposals.factories import ProposalFactory, SupportFactory

pytestmark = pytest.mark.django_db

THEME = "klima"
AREA = "klimahandlingsplan"  # in THEME
OTHER_AREA = "lavbundsjorde"  # in THEME too
ELSEWHERE = "mindre-forbrug-affald"  # another theme


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def card_of(html: str, slug: str) -> str:
    """The focus area card whose heading links to `slug`."""
    start = html.index(f'href="{reverse("frontend:focus_area", args=[slug])}"')
    end = html.find("card-heading", start)
    return html[start : end if end > 0 else None]


def test_theme_page_counts_public_proposals_per_focus_area(client):
    for _ in range(3):
        ProposalFactory(focus_area=AREA)
    ProposalFactory(focus_area=AREA, status=Status.DRAFT)
    ProposalFactory(focus_area=AREA, status=Status.SUBMITTED)
    ProposalFactory(focus_area=AREA, hidden_at=timezone.now())
    ProposalFactory(focus_area=OTHER_AREA, status=Status.ANSWERED)

    html = html_of(client, reverse("frontend:theme", args=[THEME]))

    assert "3 forslag" in card_of(html, AREA)
    assert "1 forslag" in card_of(html, OTHER_AREA)


def test_theme_page_shows_its_latest_public_proposals_and_links_to_all(client):
    old = ProposalFactory(focus_area=AREA, title="Gammelt klimaforslag")
    new = ProposalFactory(focus_area=OTHER_AREA, title="Nyt klimaforslag")
    new.published_at = old.published_at + timezone.timedelta(hours=1)
    new.save(update_fields=["published_at"])
    ProposalFactory(focus_area=AREA, title="Hemmelig kladde", status=Status.DRAFT)
    ProposalFactory(focus_area=ELSEWHERE, title="Om naturtyper")

    html = html_of(client, reverse("frontend:theme", args=[THEME]))

    assert html.index("Nyt klimaforslag") < html.index("Gammelt klimaforslag")
    assert "Hemmelig kladde" not in html and "Om naturtyper" not in html
    assert f'href="{reverse("frontend:proposal_list")}?theme={THEME}"' in html
    assert f'href="{reverse("frontend:proposal_create")}"' in html


def test_home_has_a_call_to_write_a_proposal_and_the_latest_ones(client):
    ProposalFactory(title="Flere bænke i parken")
    ProposalFactory(title="Min kladde", status=Status.DRAFT)

    html = html_of(client, reverse("frontend:home"))

    create = reverse("frontend:proposal_create")
    assert f'href="{create}"' in html
    assert html[html.index(f'href="{create}"') :].split("</a>")[0].endswith("Skriv et forslag")
    assert "Flere bænke i parken" in html and "Min kladde" not in html
    assert f'href="{reverse("frontend:proposal_list")}"' in html


def test_a_published_proposal_shows_on_home_and_its_theme_page_at_once(client):
    proposal = ProposalFactory(focus_area=AREA, title="Ladestandere ved hallen", status="submitted")
    home, theme = reverse("frontend:home"), reverse("frontend:theme", args=[THEME])
    assert "Ladestandere ved hallen" not in html_of(client, home)
    assert "Ladestandere ved hallen" not in html_of(client, theme)

    proposal_publish(proposal=proposal, actor=ModeratorFactory())

    assert "Ladestandere ved hallen" in html_of(client, home)
    assert "Ladestandere ved hallen" in html_of(client, theme)
    assert "1 forslag" in card_of(html_of(client, theme), AREA)


@pytest.mark.parametrize("url", [reverse("frontend:home"), f"/temaer/{THEME}/"])
def test_query_count_does_not_grow_with_proposals(client, url):
    ProposalFactory(focus_area=AREA)
    client.get(url)  # warm per-process copies (taxonomy, chrome)
    with CaptureQueriesContext(connection) as few:
        html_of(client, url)
    for slug in (AREA, OTHER_AREA, ELSEWHERE) * 4:
        ProposalFactory(focus_area=slug, author=ProposalFactory().author)
    with CaptureQueriesContext(connection) as many:
        html_of(client, url)
    assert len(many) == len(few) <= 5, [q["sql"][:120] for q in many.captured_queries]


@pytest.mark.parametrize("url", [reverse("frontend:home"), reverse("frontend:about")])
@pytest.mark.parametrize("language", ["da", "en"])
def test_no_page_promises_partnership_reports_that_do_not_exist(client, settings, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = html_of(client, url).lower()
    for claim in (
        "report on their progress here",
        "rapporterer",
        "follow how the climate",
        "følge, hvordan klimapartnerskaberne",
    ):
        assert claim not in html
    assert ("later" if language == "en" else "senere") in html


def test_theme_count_and_themes_exist():
    assert Theme.objects.filter(slug=THEME, focus_areas__slug=OTHER_AREA).exists()
    assert not Theme.objects.filter(slug=THEME, focus_areas__slug=ELSEWHERE).exists()


def test_a_supporter_sees_on_home_which_latest_proposals_they_support(client):
    supported = ProposalFactory(title="Støttet forslag")
    ProposalFactory(title="Andet forslag")
    supporter = SupportFactory(proposal=supported).user
    client.force_login(supporter)

    html = html_of(client, reverse("frontend:home"))

    card = html[html.index("Støttet forslag") : html.index("</article>", html.index("Støttet"))]
    assert "Du støtter dette" in card
    other = html[html.index("Andet forslag") : html.index("</article>", html.index("Andet"))]
    assert "Du støtter dette" not in other
