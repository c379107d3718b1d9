"""Coordinates on the proposal form: a Danish comma or a point, in either language, and every
error names the field it is about."""

from decimal import Decimal
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from proposals.models import Proposal
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_client(client):
    author = UserFactory(display_name="Anna Forfatter", preferred_language="")
    client.force_login(author)
    return client


def post_point(client, language: str, latitude: str, longitude: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the author has no stored one
    return client.post(
        reverse("frontend:proposal_create"),
        {
            "title": "Bænk ved åen",
            "body": "En bænk ved åen.",
            "latitude": latitude,
            "longitude": longitude,
            "action": "save",
        },
    )


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [("57,048", "9,921"), ("57.048", "9.921"), (" 57,0480004 ", "9.9209996")],
)
def test_a_comma_and_a_point_both_give_the_same_point(author_client, language, latitude, longitude):
    response = post_point(author_client, language, latitude, longitude)

    assert response.status_code == 302, unescape(response.content.decode())
    proposal = Proposal.objects.get()
    assert (proposal.latitude, proposal.longitude) == (Decimal("57.048000"), Decimal("9.921000"))


def test_the_fields_take_text_so_a_browser_keeps_the_comma(author_client):
    html = author_client.get(reverse("frontend:proposal_create")).content.decode()
    for name in ("latitude", "longitude"):
        tag = html[html.index(f'name="{name}"') - 200 : html.index(f'name="{name}"') + 200]
        assert 'type="text"' in tag and 'inputmode="decimal"' in tag


@pytest.mark.parametrize(
    ("language", "latitude", "longitude", "expected"),
    [
        ("da", "57048", "9,921", "Breddegrad: skal ligge mellem 56,85 og 57,25"),
        ("en", "57048", "9.921", "Latitude: must lie between 56.85 and 57.25"),
        ("da", "57,048", "12,5", "Længdegrad: skal ligge mellem 9,55 og 10,45"),
        ("da", "nord", "9,921", "Breddegrad: skriv et tal i decimalgrader, for eksempel 57,048."),
        (
            "en",
            "57.0.4",
            "9.921",
            "Latitude: write a number of decimal degrees, for example 57.048.",
        ),
        ("da", "NaN", "9,921", "Breddegrad: skriv et tal"),
        ("da", "1e9999999", "9,921", "Breddegrad: skriv et tal"),
        ("da", "57,048", "", "Længdegrad: udfyld også"),
        ("en", "", "9.921", "Latitude: fill it in too"),
    ],
)
def test_every_coordinate_error_names_its_field(
    author_client, language, latitude, longitude, expected
):
    response = post_point(author_client, language, latitude, longitude)

    assert response.status_code == 200
    html = unescape(response.content.decode())
    summary = html[html.index('class="alert alert-error"') :]
    assert expected in summary[: summary.index("</ul>")]
    assert f'value="{latitude.strip()}"' in html or not latitude  # what was typed stays
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(("language", "shown"), [("da", "57,048"), ("en", "57.048")])
def test_a_saved_point_is_shown_in_the_language_s_own_notation(client, language, shown):
    author = UserFactory(preferred_language="")
    draft = ProposalFactory(
        author=author, status="draft", latitude="57.048000", longitude="9.921000"
    )
    client.force_login(author)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(reverse("frontend:proposal_edit", args=[draft.pk])).content.decode()

    assert f'value="{shown}"' in html
