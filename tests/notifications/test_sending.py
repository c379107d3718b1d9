"""From a change to the email in a person's inbox: at once, bundled when it floods, and in
daily and weekly digests that a doubled, late or missed scheduler run cannot spoil."""

from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from engage.mail.models import OutgoingEmail
from engage.mail.services import outgoing_email_due_ids, outgoing_emails_send
from notifications import sending
from notifications.models import Delivery, Digest, Notification
from notifications.registry import Channel, kind_get
from notifications.services import preference_set
from proposals.lifecycle import Outcome, Status
from proposals.services.comments import comment_create
from proposals.services.moderation import proposal_answer
from tests.factories import StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, ProposalFollowFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_broker")]

CPH = ZoneInfo("Europe/Copenhagen")


def send_all() -> list:
    """Send every due email the way the worker does; the messages that reached the server."""
    before = len(mail.outbox)
    outgoing_emails_send(email_ids=outgoing_email_due_ids(older_than=timedelta(0)))
    return mail.outbox[before:]


def answer(proposal, *, by=None):
    member = by or StaffFactory()
    proposal_answer(proposal=proposal, actor=member, outcome=Outcome.ACCEPTED, text="Vi gør det.")
    return member


def test_an_answer_emails_the_author_at_once_in_their_language_with_list_headers():
    author = UserFactory(preferred_language="en")
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, author=author, title="Flere træer")
    answer(proposal)

    delivery = Delivery.objects.get(recipient=author)
    assert sending.deliveries_send_immediate(event_id=delivery.event_id) == 1
    assert sending.deliveries_send_immediate(event_id=delivery.event_id) == 0  # repeatable

    (sent,) = send_all()
    assert sent.to == [author.email]
    assert sent.subject == "The municipality has answered “Flere træer”"
    parsed = message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    assert (
        parsed["Message-ID"] == f"<delivery-{delivery.pk}.{delivery.event_id}@hverdagsmaal.local>"
    )
    assert parsed["List-Id"] == "Hverdagsmål <notifications.hverdagsmaal.local>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        parsed["List-Unsubscribe"].startswith("<http") and "/afmeld/" in parsed["List-Unsubscribe"]
    )
    # As sent over SMTP: the URL as it is, not folded into encoded words (RFC 2369).
    raw = sent.message(policy=policy.SMTP).as_bytes()
    unsubscribe = parsed["List-Unsubscribe"][1:-1]
    assert f"List-Unsubscribe: <{unsubscribe}>\r\n".encode() in raw
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw
    plain = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "Why you got this email: You wrote the proposal “Flere træer”." in plain
    assert "#kind-author-answered" in plain
    assert proposal.get_absolute_url() in plain
    assert '<html lang="en">' in html and "<img" not in html
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.QUEUED
    email = OutgoingEmail.objects.get(pk=delivery.email_id)
    assert email.status == OutgoingEmail.Status.SENT


def test_danish_is_the_language_of_a_danish_recipient():
    author = UserFactory(preferred_language="da")
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, author=author, title="Cykelsti")
    answer(proposal)
    sending.deliveries_send_immediate(event_id=Delivery.objects.get(recipient=author).event_id)
    (sent,) = send_all()
    assert sent.subject == "Kommunen har svaret på “Cykelsti”"
    assert "Derfor får du denne e-mail" in sent.body


def test_a_notification_read_in_the_app_first_is_not_emailed():
    proposal = ProposalFactory(status=Status.UNDER_REVIEW)
    answer(proposal)
    Notification.objects.filter(recipient=proposal.author).update(read_at=timezone.now())
    delivery = Delivery.objects.get(recipient=proposal.author)

    assert sending.deliveries_send_immediate(event_id=delivery.event_id) == 0
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SKIPPED
    assert send_all() == []


@override_settings(NOTIFICATIONS_IMMEDIATE_PER_HOUR=3)
def test_a_flood_of_immediate_emails_is_cut_at_the_limit_and_the_rest_bundled_later():
    author = UserFactory()
    proposals = [ProposalFactory(status=Status.UNDER_REVIEW, author=author) for _ in range(5)]
    for proposal in proposals:
        answer(proposal)
        event_id = Delivery.objects.filter(recipient=author).latest("pk").event_id
        sending.deliveries_send_immediate(event_id=event_id)
    assert len(send_all()) == 3
    assert Delivery.objects.filter(recipient=author, status="pending").count() == 2

    # Within the hour nothing more goes out, however often the sweeper runs.
    assert sending.deliveries_release_held(now=timezone.now() + timedelta(minutes=5)) == 0
    assert send_all() == []

    later = timezone.now() + timedelta(hours=1, minutes=1)
    assert sending.deliveries_release_held(now=later) == 1
    (bundle,) = send_all()
    assert bundle.subject == "2 nye beskeder fra Hverdagsmål"
    for proposal in proposals[3:]:
        assert proposal.get_absolute_url() in bundle.body
    assert not Delivery.objects.filter(recipient=author, status="pending").exists()


def _follow_and_comment(*, follower, proposal, at):
    """A new comment on `proposal`, owed to its followers as of `at`."""
    comment_create(
        proposal=proposal, author=proposal.author, body="Godt forslag, det vil jeg gerne støtte."
    )
    Delivery.objects.filter(created_at__gt=at).update(created_at=at)


def _at(day: str, hhmm: str = "12:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=CPH)


def _digest_run(channel: Channel, when: datetime) -> int:
    """What the beat task and its build tasks do at `when`."""
    period = sending.digest_period(channel=channel, now=when)
    due = sending.digests_due_recipient_ids(channel=channel, period=period)
    if when < sending.digest_cutoff(period=period):
        return 0
    return sending.digests_build(channel=channel, period=period, recipient_ids=due)


def test_the_daily_digest_is_sent_once_per_day_whether_beat_runs_twice_late_or_not_at_all():
    follower = UserFactory(preferred_language="en")
    proposal = ProposalFactory(status=Status.PUBLISHED, title="Grønne tage")
    ProposalFollowFactory(proposal=proposal, user=follower)

    _follow_and_comment(follower=follower, proposal=proposal, at=_at("2026-12-01", "10:00"))
    _follow_and_comment(follower=follower, proposal=proposal, at=_at("2026-12-01", "18:00"))

    assert _digest_run(Channel.DAILY, _at("2026-12-02", "06:59")) == 0  # before its time
    assert _digest_run(Channel.DAILY, _at("2026-12-02", "07:00")) == 1
    assert _digest_run(Channel.DAILY, _at("2026-12-02", "07:00")) == 0  # fired twice
    assert _digest_run(Channel.DAILY, _at("2026-12-02", "11:30")) == 0  # and late
    (digest,) = send_all()
    assert digest.to == [follower.email]
    assert digest.subject == "Your daily digest: 2 new notifications"
    assert "Grønne tage" in digest.body
    assert digest.body.count("A new comment on “Grønne tage”") == 2

    # A comment after 07:00 waits for the next day; the beat misses 3 December entirely.
    _follow_and_comment(follower=follower, proposal=proposal, at=_at("2026-12-02", "09:00"))
    _follow_and_comment(follower=follower, proposal=proposal, at=_at("2026-12-03", "09:00"))
    assert _digest_run(Channel.DAILY, _at("2026-12-04", "08:15")) == 1
    (catch_up,) = send_all()
    assert catch_up.subject == "Your daily digest: 2 new notifications"

    assert list(Digest.objects.order_by("period").values_list("period", "items")) == [
        (date(2026, 12, 2), 2),
        (date(2026, 12, 4), 2),
    ]
    assert not Delivery.objects.filter(status="pending").exists()


def test_a_digest_leaves_out_what_was_read_and_nobody_gets_an_empty_one():
    reader, other = UserFactory(), UserFactory()
    proposal = ProposalFactory(status=Status.PUBLISHED)
    ProposalFollowFactory(proposal=proposal, user=reader)
    ProposalFollowFactory(proposal=proposal, user=other)
    _follow_and_comment(follower=reader, proposal=proposal, at=_at("2026-12-01"))
    Notification.objects.filter(recipient=reader).update(read_at=_at("2026-12-01", "13:00"))

    assert _digest_run(Channel.DAILY, _at("2026-12-02", "07:01")) == 1
    (sent,) = send_all()
    assert sent.to == [other.email]
    assert Delivery.objects.get(recipient=reader).status == Delivery.Status.SKIPPED
    assert not Digest.objects.filter(recipient=reader).exists()


def test_weekly_digests_go_out_on_monday_mornings_with_the_whole_week():
    follower = UserFactory()
    preference_set(user=follower, kind=kind_get("follower.comment"), channel=Channel.WEEKLY)
    proposal = ProposalFactory(status=Status.PUBLISHED)
    ProposalFollowFactory(proposal=proposal, user=follower)
    _follow_and_comment(follower=follower, proposal=proposal, at=_at("2026-12-01"))  # Tuesday
    _follow_and_comment(follower=follower, proposal=proposal, at=_at("2026-12-05"))  # Saturday

    assert _digest_run(Channel.DAILY, _at("2026-12-06", "07:05")) == 0
    # Before Monday 07:00 the latest weekly run was Monday 30 November, before the comments.
    assert _digest_run(Channel.WEEKLY, _at("2026-12-07", "06:30")) == 0
    assert _digest_run(Channel.WEEKLY, _at("2026-12-07", "07:00")) == 1
    (weekly,) = send_all()
    assert weekly.subject == "Dit ugentlige overblik: 2 nye beskeder"
    assert Digest.objects.get().period.isoformat() == "2026-12-07"


def test_the_sweeper_starts_a_digest_run_the_beat_missed_after_a_grace_period(
    django_capture_on_commit_callbacks,
):
    follower = UserFactory()
    proposal = ProposalFactory(status=Status.PUBLISHED)
    ProposalFollowFactory(proposal=proposal, user=follower)
    _follow_and_comment(follower=follower, proposal=proposal, at=_at("2026-12-01"))

    with (
        mock.patch("notifications.tasks.build_digests.delay") as build,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert sending.notifications_sweep(now=_at("2026-12-02", "07:05"))["daily"] == 0
        assert sending.notifications_sweep(now=_at("2026-12-02", "07:16"))["daily"] == 1
    ((channel, period, ids),) = [call.args for call in build.call_args_list]
    assert (channel, period, ids) == ("daily", "2026-12-02", [follower.pk])


def test_choosing_no_email_keeps_the_notification_in_the_app_only():
    author = UserFactory()
    preference_set(user=author, kind=kind_get("author.answered"), channel=Channel.NONE)
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, author=author)
    answer(proposal)
    assert Notification.objects.filter(recipient=author).exists()
    assert not Delivery.objects.filter(recipient=author).exists()
    assert sending.deliveries_release_held(now=timezone.now() + timedelta(hours=2)) == 0
    assert send_all() == []
