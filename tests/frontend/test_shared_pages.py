"""Whole public pages shared among visitors who are not signed in: each visitor still gets
a working CSRF token of their own and the messages meant for them alone."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from frontend.sharing import CSRF_PLACEHOLDER
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def _urls() -> list[str]:
    proposal = ProposalFactory(title="Flere bænke ved søen")
    return [
        reverse("frontend:proposal_list"),
        f"{reverse('frontend:proposal_list')}?q=b%C3%A6nke",
        proposal.get_absolute_url(),
    ]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_each_visitor_of_a_shared_page_gets_a_token_that_works(index, django_assert_num_queries):
    url = _urls()[index]
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(url)  # renders and shares
    with django_assert_num_queries(0):
        response = second.get(url)
    html = response.content.decode()
    assert CSRF_PLACEHOLDER not in html
    tokens = TOKEN.findall(html)
    assert tokens and f'name="csrfmiddlewaretoken" value="{tokens[0]}"' in html
    # The header's language form, posted with the token of the shared page, switches.
    answer = second.post(
        reverse("set_language"),
        {"language": "en", "next": url, "csrfmiddlewaretoken": tokens[0]},
    )
    assert answer.status_code == 302
    assert "Skip to content" in second.get(url).content.decode()


def test_a_message_for_one_visitor_is_shown_to_them_and_not_shared():
    url = reverse("frontend:proposal_list")
    leaving, other = Client(), Client()
    other.get(url)  # a shared copy exists
    leaving.force_login(UserFactory())
    leaving.post(reverse("account_logout"))  # leaves a message
    assert "Du er logget ud." in leaving.get(url).content.decode()
    assert "Du er logget ud." not in other.get(url).content.decode()
    # Shown once, then the visitor is back on the shared page.
    assert "Du er logget ud." not in leaving.get(url).content.decode()


def test_a_signed_in_visitor_never_gets_the_shared_page():
    user = UserFactory(display_name="Karen Kiosk")
    url = reverse("frontend:proposal_list")
    Client().get(url)
    signed_in = Client()
    signed_in.force_login(user)
    assert "Karen Kiosk" in signed_in.get(url).content.decode()
