"""The proposal page's layout: on a wide screen the comments start right under the text,
however tall the panel beside it; on a phone everything comes in reading order."""

import pytest

from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.browser

BOXES = """() => Object.fromEntries(
    ['.proposal-layout__body', '.proposal-layout__panel', '.proposal-layout__comments',
     '.proposal-layout__history'].map(selector => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return [selector.split('__')[1], {top: box.top, bottom: box.bottom, left: box.left,
                                          right: box.right}];
    }))"""


@pytest.fixture
def short_proposal(taxonomy):
    # A short text beside a panel of support, follow and facts: the panel is the taller.
    proposal = ProposalFactory(title="Bænk", body="En bænk ved åen.", location_text="Åen")
    for number in range(3):
        CommentFactory(proposal=proposal, body=f"Kommentar {number}")
    return proposal


def test_wide_screen_comments_follow_the_text_without_a_gap(make_page, short_proposal):
    page = make_page()
    page.goto(short_proposal.get_absolute_url())
    boxes = page.evaluate(BOXES)

    assert boxes["panel"]["bottom"] > boxes["body"]["bottom"] + 100, boxes  # the tall side
    assert boxes["comments"]["top"] - boxes["body"]["bottom"] < 1, boxes
    assert boxes["panel"]["left"] >= boxes["body"]["right"], boxes  # beside, not below
    assert boxes["history"]["top"] >= boxes["panel"]["bottom"], boxes


def test_phone_shows_text_panel_comments_history_in_order(make_page, short_proposal):
    page = make_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(short_proposal.get_absolute_url())
    boxes = page.evaluate(BOXES)

    order = sorted(boxes, key=lambda name: boxes[name]["top"])
    assert order == ["body", "panel", "comments", "history"], boxes
    assert all(box["right"] <= 390 for box in boxes.values()), boxes
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
