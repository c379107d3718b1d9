"""The comment edit page opened on its own (a new tab, a bookmark): saving must work there
too, where the proposal page's #comments target is absent, and inline on the page."""

import re

import pytest
from django.urls import reverse

from proposals.models import Comment
from tests.factories import UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def own_comment(taxonomy):
    author = UserFactory(preferred_language="da")
    proposal = ProposalFactory(title="Flere bænke ved søen")
    return CommentFactory(proposal=proposal, author=author, body="Første udgave")


def test_saving_on_the_standalone_edit_page_returns_to_the_proposal(make_page, own_comment):
    page = make_page(user=own_comment.author)
    errors = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(reverse("frontend:comment_edit", args=[own_comment.pk]))
    page.get_by_label("Kommentar").fill("Anden udgave, rettet")
    page.get_by_role("button", name="Gem kommentar").click()
    page.wait_for_url(f"**{own_comment.proposal.get_absolute_url()}*")
    assert page.get_by_text("Anden udgave, rettet").is_visible()
    assert Comment.objects.get(pk=own_comment.pk).body == "Anden udgave, rettet"
    assert not [text for text in errors if "targetError" in text]


def test_editing_inline_on_the_proposal_page_still_swaps_the_comments(make_page, own_comment):
    page = make_page(user=own_comment.author)
    page.goto(own_comment.proposal.get_absolute_url())
    page.locator(f"#comment-{own_comment.pk}").get_by_role(
        "link", name=re.compile("^Redigér")
    ).click()
    page.locator(f"#id_edit{own_comment.pk}_body").fill("Rettet på siden")
    page.get_by_role("button", name="Gem kommentar").click()
    page.locator("#comments").get_by_text("Rettet på siden").wait_for()
    assert page.url.endswith(own_comment.proposal.get_absolute_url())
    assert Comment.objects.get(pk=own_comment.pk).body == "Rettet på siden"
