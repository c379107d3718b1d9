"""Forms repeated on every row (a reply box per comment, a reason per report) are rendered
once per page: each copy must still carry its own ids, its label and its hints."""

import re

import pytest
from django.urls import reverse

from proposals.lifecycle import Status
from tests.factories import ModeratorFactory, UserFactory, give_totp
from tests.proposals.factories import CommentFactory, ProposalFactory, ReportFactory

pytestmark = pytest.mark.django_db


def _textareas(page: str, name: str) -> list[str]:
    return re.findall(rf'<textarea name="{name}"[^>]*>', page)


def _id(tag: str) -> str:
    return re.search(r' id="([^"]+)"', tag).group(1)


def test_each_reply_box_has_its_own_ids_label_and_hint(client):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    comments = CommentFactory.create_batch(3, proposal=proposal)
    client.force_login(UserFactory())
    page = client.get(proposal.get_absolute_url()).content.decode()

    boxes = _textareas(page, "body")
    ids = [_id(tag) for tag in boxes]
    expected = [f"id_reply{comment.pk}_body" for comment in comments]
    assert sorted(ids) == sorted([*expected, "id_body"])  # three replies and the new comment
    for tag in boxes:
        box = _id(tag)
        assert f'<label class="form-label" for="{box}">' in page
        assert f'aria-describedby="{box}_helptext"' in tag
        assert f'id="{box}_helptext"' in page
    for comment in comments:
        assert f'name="parent" value="{comment.pk}"' in page


def test_a_reply_with_an_error_is_shown_with_it_and_the_others_stay_blank(client):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    first, second = CommentFactory.create_batch(2, proposal=proposal)
    client.force_login(UserFactory())
    response = client.post(
        reverse("frontend:comment_create", kwargs={"pk": proposal.pk}),
        {"body": "", "parent": first.pk},
    )
    page = response.content.decode()
    failed = next(tag for tag in _textareas(page, "body") if _id(tag) == f"id_reply{first.pk}_body")
    assert 'aria-invalid="true"' in failed
    blank = next(tag for tag in _textareas(page, "body") if _id(tag) == f"id_reply{second.pk}_body")
    assert "aria-invalid" not in blank


def test_each_reason_on_the_reports_page_has_its_own_ids(client):
    moderator = ModeratorFactory()
    give_totp(moderator)
    reported = ProposalFactory.create_batch(3, status=Status.PUBLISHED)
    for proposal in reported:
        ReportFactory(proposal=proposal)
    client.force_login(moderator)
    page = client.get(reverse("frontend:moderation_reports")).content.decode()

    ids = [_id(tag) for tag in _textareas(page, "reason")]
    for proposal in reported:
        assert f"id_hide-reports-proposal{proposal.pk}_reason" in ids
        assert f"id_restore-reports-proposal{proposal.pk}_reason" in ids
    assert len(ids) == len(set(ids)) == 6
    for box in ids:
        assert f'for="{box}"' in page


def _select(page: str, name: str) -> str:
    return re.search(rf'<select name="{name}"[^>]*>', page).group(0)


def test_a_report_with_an_error_shows_it_and_the_next_page_is_blank_again(client):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    client.force_login(UserFactory())
    url = reverse("frontend:proposal_report", kwargs={"pk": proposal.pk})
    first = client.get(proposal.get_absolute_url()).content.decode()
    assert "aria-invalid" not in _select(first, "reason")

    failed = client.post(url, {"reason": "", "details": "kept text"}).content.decode()
    assert 'aria-invalid="true"' in _select(failed, "reason")
    assert "kept text</textarea>" in failed

    again = client.get(proposal.get_absolute_url()).content.decode()
    assert "aria-invalid" not in _select(again, "reason")
    assert "kept text" not in again


@pytest.mark.parametrize(
    ("language", "label", "other"), [("da", "Kommentar", "Comment"), ("en", "Comment", "Kommentar")]
)
def test_form_fields_kept_between_pages_are_in_the_page_language(client, language, label, other):
    from django.conf import settings

    proposal = ProposalFactory(status=Status.PUBLISHED)
    client.force_login(UserFactory(preferred_language=""))
    for first in ("da", "en"):  # whichever language rendered the fields first
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = first
        client.get(proposal.get_absolute_url())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert f'<label class="form-label" for="id_body">{label}</label>' in page
    assert f'for="id_body">{other}<' not in page
