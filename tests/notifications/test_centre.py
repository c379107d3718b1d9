"""The notification centre: your own notifications, newest first, read and unread."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from proposals.lifecycle import Outcome, Status
from proposals.services.comments import comment_create
from proposals.services.moderation import content_hide, proposal_answer
from tests.factories import ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

CENTRE = reverse("notification_centre")


def answered(author=None):
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(
        status=Status.UNDER_REVIEW, team=team, **({"author": author} if author else {})
    )
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja.")
    return proposal


def test_the_author_finds_the_answer_in_the_centre_and_opening_it_marks_it_read(client):
    proposal = answered()
    client.force_login(proposal.author)

    page = client.get(CENTRE)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Kommunen har svaret på “{proposal.title}”" in html
    assert "Du har 1 ulæst besked." in html

    [notification] = Notification.objects.filter(recipient=proposal.author)
    opened = client.post(reverse("notification_open", args=[notification.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == proposal.get_absolute_url()
    assert "Du har 0 ulæste beskeder." in client.get(CENTRE).content.decode()


def test_the_centre_is_in_english_for_an_english_reader(client):
    proposal = answered(author=UserFactory(preferred_language="en"))
    client.force_login(proposal.author)
    html = client.get(CENTRE, headers={"accept-language": "en"}).content.decode()
    assert f"The municipality has answered “{proposal.title}”" in html
    assert "You have 1 unread notification." in html


def test_nobody_opens_or_reads_another_persons_notification(client):
    proposal = answered()
    [notification] = Notification.objects.filter(recipient=proposal.author)
    stranger = UserFactory()
    client.force_login(stranger)

    assert client.post(reverse("notification_open", args=[notification.pk])).status_code == 404
    assert proposal.title not in client.get(CENTRE).content.decode()
    client.post(CENTRE)  # mark all read: only the stranger's own
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_the_centre_needs_sign_in(client):
    assert client.get(CENTRE).status_code == 302
    assert client.post(reverse("notification_open", args=[1])).status_code == 302


def test_mark_all_as_read(client):
    author = UserFactory()
    answered(author=author)
    answered(author=author)
    client.force_login(author)
    assert client.post(CENTRE).status_code == 302
    assert not Notification.objects.filter(recipient=author, read_at__isnull=True).exists()


def test_the_hidden_comment_notice_reaches_its_author_in_the_centre(client):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    writer = UserFactory()
    comment = comment_create(proposal=proposal, author=writer, body="Køb billige solbriller")
    content_hide(target=comment, actor=ModeratorFactory(), reason="Reklame")
    client.force_login(writer)
    assert (
        f"En moderator har skjult dit indhold på “{proposal.title}”"
        in client.get(CENTRE).content.decode()
    )


def test_the_centre_runs_the_same_queries_for_few_and_many(client):
    author = UserFactory()
    answered(author=author)
    client.force_login(author)
    client.get(CENTRE)
    with CaptureQueriesContext(connection) as few:
        client.get(CENTRE)
    for _ in range(4):
        answered(author=author)
    proposal = ProposalFactory(status=Status.PUBLISHED, author=author)
    comment = comment_create(proposal=proposal, author=author, body="Min kommentar")
    content_hide(target=comment, actor=ModeratorFactory(), reason="Prøve")
    client.get("/")  # the header counts the new ones once, and the session keeps them
    with CaptureQueriesContext(connection) as many:
        page = client.get(CENTRE)
    assert page.content.decode().count("function-link text-left") == 6
    assert len(many) <= len(few) + 1  # one more query for the comments' content type
