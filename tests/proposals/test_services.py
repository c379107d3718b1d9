"""Every write to proposals: invariants, side effects and the transaction they share."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import ExifTags, Image

from engage.ratelimit import RateLimited
from engage.taxonomy.models import FocusArea, Theme
from notifications.models import Event
from proposals import services
from proposals.lifecycle import Status
from proposals.models import (
    Comment,
    FocusAreaFollow,
    Proposal,
    ProposalEvent,
    ProposalFollow,
    ProposalImage,
    Report,
    Support,
)
from proposals.notifications import EventKind
from tests.factories import ModeratorFactory, UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db

INSIDE = {"latitude": Decimal("57.048000"), "longitude": Decimal("9.919000")}
OUTSIDE = {"latitude": Decimal("55.676100"), "longitude": Decimal("12.568300")}  # Copenhagen
CLOSED = [Status.DRAFT, Status.SUBMITTED, Status.REJECTED, Status.MERGED]
OPEN = [Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED]


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    cache.clear()  # rate-limit counters live in the cache
    settings.MEDIA_ROOT = tmp_path / "media"


def focus_area(slug: str = "klimahandlingsplan") -> FocusArea:
    return FocusArea.objects.select_related("theme").get(slug=slug)


def events(kind: EventKind, target) -> list[Event]:
    return list(Event.objects.filter(kind=kind, target_id=target.pk).order_by("pk"))


def make_draft(author=None, **kwargs) -> Proposal:
    fields = {"title": "Flere cykelstier", "body": "Vi mangler cykelstier til skolen."}
    return services.proposal_create(author=author or UserFactory(), **(fields | kwargs))


def jpeg_upload(name: str = "foto.jpg", *, exif: bool = False) -> SimpleUploadedFile:
    image = Image.new("RGB", (60, 30), "green")
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[ExifTags.Base.Make] = "Kamera"
        data[ExifTags.IFD.GPSInfo] = {1: "N", 2: (57.0, 2.0, 53.0), 3: "E", 4: (9.0, 55.0, 8.0)}
        image.save(out, format="JPEG", exif=data)
    else:
        image.save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


# --- create, update, delete ---


def test_create_makes_a_private_draft_with_sanitised_html():
    author = UserFactory()
    proposal = services.proposal_create(
        author=author,
        title="  Flere træer  ",
        body="Se **her**\n\n<script>alert(1)</script> https://aarhus.dk",
        location_text=" Banegårdspladsen ",
        **INSIDE,
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT
    assert proposal.author == author
    assert proposal.title == "Flere træer"
    assert proposal.location_text == "Banegårdspladsen"
    assert (proposal.latitude, proposal.longitude) == (INSIDE["latitude"], INSIDE["longitude"])
    assert "<strong>her</strong>" in proposal.body_html
    assert "<script" not in proposal.body_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in proposal.body_html
    assert '<a href="https://aarhus.dk" rel="nofollow noopener ugc">' in proposal.body_html
    assert proposal.submitted_at is proposal.published_at is None
    assert not ProposalEvent.objects.filter(proposal=proposal).exists()
    assert not Event.objects.exists()


def test_create_derives_the_theme_from_the_focus_area():
    area = focus_area("truede-arter")
    proposal = make_draft(focus_area=area)
    assert proposal.focus_area == area
    assert proposal.theme.slug == "biodiversitet"


def test_create_with_theme_only():
    theme = Theme.objects.get(slug="ressourcer")
    proposal = make_draft(theme=theme)
    assert (proposal.theme, proposal.focus_area) == (theme, None)


def test_create_refuses_a_focus_area_of_another_theme():
    with pytest.raises(ValidationError) as excinfo:
        make_draft(theme=Theme.objects.get(slug="klima"), focus_area=focus_area("truede-arter"))
    assert "focus_area" in excinfo.value.message_dict
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("point", "code"),
    [
        (OUTSIDE, "outside_municipality"),
        ({"latitude": INSIDE["latitude"], "longitude": None}, "point"),
        ({"latitude": None, "longitude": INSIDE["longitude"]}, "point"),
    ],
)
def test_create_refuses_a_bad_point(point, code):
    with pytest.raises(ValidationError) as excinfo:
        make_draft(**point)
    assert excinfo.value.code == code
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "fields", [{"title": "   "}, {"body": ""}, {"title": "x" * 141}, {"body": "x" * 10001}]
)
def test_create_refuses_empty_or_too_long_text(fields):
    with pytest.raises(ValidationError):
        make_draft(**fields)
    assert not Proposal.objects.exists()


def test_update_changes_a_draft():
    proposal = make_draft(focus_area=focus_area("klimahandlingsplan"))
    before = proposal.updated_at
    updated = services.proposal_update(
        proposal=proposal,
        title="Ny titel",
        body="*Ny* tekst",
        focus_area=focus_area("truede-arter"),
    )
    stored = Proposal.objects.get(pk=proposal.pk)
    assert updated.title == stored.title == "Ny titel"
    assert stored.body == "*Ny* tekst"
    assert stored.body_html == "<p><em>Ny</em> tekst</p>"
    assert stored.theme.slug == "biodiversitet"  # follows the new focus area
    assert stored.updated_at > before


def test_update_refuses_a_theme_that_does_not_fit_the_focus_area():
    proposal = make_draft(focus_area=focus_area("klimahandlingsplan"))
    with pytest.raises(ValidationError):
        services.proposal_update(proposal=proposal, theme=Theme.objects.get(slug="ulighed"))
    assert Proposal.objects.get(pk=proposal.pk).theme.slug == "klima"


def test_update_checks_the_point():
    proposal = make_draft(**INSIDE)
    with pytest.raises(ValidationError):
        services.proposal_update(proposal=proposal, latitude=OUTSIDE["latitude"])
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.latitude == INSIDE["latitude"]
    services.proposal_update(proposal=proposal, latitude=None, longitude=None)
    assert Proposal.objects.get(pk=proposal.pk).latitude is None


def test_update_refuses_a_too_long_body():
    proposal = make_draft(body="Kort.")
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_update(proposal=proposal, body="x" * 10001)
    assert "body" in excinfo.value.message_dict
    assert Proposal.objects.get(pk=proposal.pk).body == "Kort."
    services.proposal_update(proposal=proposal, body="x" * 10000)


@pytest.mark.parametrize("status", [s for s in Status if s != Status.DRAFT])
def test_update_only_for_drafts(status):
    proposal = ProposalFactory(status=status, title="Original")
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_update(proposal=proposal, title="Ændret")
    assert excinfo.value.code == "not_editable"
    assert Proposal.objects.get(pk=proposal.pk).title == "Original"


def test_delete_draft_removes_row_and_image_files(django_capture_on_commit_callbacks):
    proposal = make_draft()
    image = services.proposal_image_add(proposal=proposal, upload=jpeg_upload(), alt_text="Et foto")
    name = image.image.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_delete_draft(proposal=proposal)
    assert not Proposal.objects.filter(pk=proposal.pk).exists()
    assert not ProposalImage.objects.exists()
    assert not default_storage.exists(name)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.REJECTED])
def test_delete_only_drafts(status):
    proposal = ProposalFactory(status=status)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_delete_draft(proposal=proposal)
    assert excinfo.value.code == "not_draft"
    assert Proposal.objects.filter(pk=proposal.pk).exists()


# --- images ---


def test_images_at_most_three_with_positions():
    proposal = make_draft()
    added = [
        services.proposal_image_add(proposal=proposal, upload=jpeg_upload(), alt_text=f"Foto {i}")
        for i in range(3)
    ]
    assert [image.position for image in added] == [0, 1, 2]
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_image_add(proposal=proposal, upload=jpeg_upload(), alt_text="Foto 4")
    assert excinfo.value.code == "too_many_images"
    assert proposal.images.count() == 3


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_image_needs_alt_text(alt_text):
    proposal = make_draft()
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_image_add(proposal=proposal, upload=jpeg_upload(), alt_text=alt_text)
    assert "alt_text" in excinfo.value.message_dict
    assert not ProposalImage.objects.exists()


def test_image_is_stored_re_encoded_without_metadata():
    proposal = make_draft()
    image = services.proposal_image_add(
        proposal=proposal, upload=jpeg_upload(exif=True), alt_text="  Cykelstien  "
    )
    image.refresh_from_db()
    assert image.alt_text == "Cykelstien"
    assert (image.width, image.height) == (60, 30)
    with default_storage.open(image.image.name) as stored, Image.open(stored) as reread:
        assert reread.format == "JPEG"
        assert not reread.getexif()
        assert "exif" not in reread.info


def test_images_only_on_drafts():
    proposal = ProposalFactory(status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_image_add(proposal=proposal, upload=jpeg_upload(), alt_text="Foto")
    assert excinfo.value.code == "not_editable"


def test_image_remove_deletes_the_file():
    proposal = make_draft()
    image = services.proposal_image_add(proposal=proposal, upload=jpeg_upload(), alt_text="Foto")
    name = image.image.name
    services.proposal_image_remove(image=image)
    assert not ProposalImage.objects.exists()
    assert not default_storage.exists(name)


def test_image_remove_refused_after_submission():
    proposal = make_draft()
    image = services.proposal_image_add(proposal=proposal, upload=jpeg_upload(), alt_text="Foto")
    services.proposal_submit(proposal=proposal, actor=proposal.author)
    image = ProposalImage.objects.get(pk=image.pk)
    with pytest.raises(ValidationError):
        services.proposal_image_remove(image=image)
    assert default_storage.exists(image.image.name)


# --- submit and publish ---


def test_submit_waits_for_moderation():
    proposal = make_draft(focus_area=focus_area())
    submitted = services.proposal_submit(proposal=proposal, actor=proposal.author)
    stored = Proposal.objects.get(pk=proposal.pk)
    assert submitted.status == stored.status == Status.SUBMITTED
    assert stored.submitted_at is not None and stored.published_at is None
    assert ProposalFollow.objects.filter(proposal=stored, user=proposal.author).exists()
    timeline = ProposalEvent.objects.get(proposal=stored)
    assert (timeline.kind, timeline.from_status, timeline.to_status) == (
        ProposalEvent.Kind.SUBMITTED,
        Status.DRAFT,
        Status.SUBMITTED,
    )
    [event] = events(EventKind.PROPOSAL_SUBMITTED, stored)
    assert event.actor == proposal.author
    assert event.target == stored
    assert not events(EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA, stored)


def test_submit_twice_is_refused():
    proposal = make_draft()
    services.proposal_submit(proposal=proposal, actor=proposal.author)
    with pytest.raises(ValidationError):
        services.proposal_submit(proposal=proposal, actor=proposal.author)
    assert len(events(EventKind.PROPOSAL_SUBMITTED, proposal)) == 1


def test_submit_is_rate_limited_per_author(settings):
    settings.PROPOSALS_RATE_LIMITS = {**settings.PROPOSALS_RATE_LIMITS, "submit": (2, 3600)}
    author = UserFactory()
    drafts = [make_draft(author) for _ in range(3)]
    services.proposal_submit(proposal=drafts[0], actor=author)
    services.proposal_submit(proposal=drafts[1], actor=author)
    with pytest.raises(RateLimited) as excinfo:
        services.proposal_submit(proposal=drafts[2], actor=author)
    assert 0 < excinfo.value.retry_after <= 3600
    assert Proposal.objects.get(pk=drafts[2].pk).status == Status.DRAFT
    # Another person is not affected.
    other = UserFactory()
    services.proposal_submit(proposal=make_draft(other), actor=other)


def test_submit_event_shares_the_transaction(monkeypatch):
    """If recording the notification event fails, the submission does not happen."""
    proposal = make_draft()

    def broken(**kwargs):
        raise RuntimeError("notifications down")

    monkeypatch.setattr("proposals.services.proposals.event_record", broken)
    with pytest.raises(RuntimeError):
        services.proposal_submit(proposal=proposal, actor=proposal.author)
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.status == Status.DRAFT and stored.submitted_at is None
    assert not ProposalEvent.objects.exists()
    assert not ProposalFollow.objects.exists()


def test_no_event_when_the_callers_transaction_rolls_back():
    proposal = make_draft()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.proposal_submit(proposal=proposal, actor=proposal.author)
        assert events(EventKind.PROPOSAL_SUBMITTED, proposal)
        raise Abort
    assert not Event.objects.exists()
    assert Proposal.objects.get(pk=proposal.pk).status == Status.DRAFT


def test_without_premoderation_submit_publishes_at_once(settings):
    settings.PROPOSALS_PREMODERATION = False
    proposal = make_draft(focus_area=focus_area("vild-natur"))
    published = services.proposal_submit(proposal=proposal, actor=proposal.author)
    stored = Proposal.objects.get(pk=proposal.pk)
    assert published.status == stored.status == Status.PUBLISHED
    assert stored.submitted_at is not None and stored.published_at is not None
    assert list(
        ProposalEvent.objects.filter(proposal=stored).values_list("from_status", "to_status")
    ) == [(Status.DRAFT, Status.SUBMITTED), (Status.SUBMITTED, Status.PUBLISHED)]
    [event] = events(EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA, stored)
    assert event.data == {"focus_area": "vild-natur"}


def test_publish_tells_the_focus_area():
    proposal = ProposalFactory(status=Status.SUBMITTED, focus_area="naturformidling")
    moderator = ModeratorFactory()
    services.proposal_publish(proposal=proposal, actor=moderator)
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.status == Status.PUBLISHED
    assert stored.published_at > stored.submitted_at
    [event] = events(EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA, stored)
    assert event.data == {"focus_area": "naturformidling"}
    assert event.actor == moderator
    [changed] = events(EventKind.PROPOSAL_STATUS_CHANGED, stored)
    assert changed.data == {"from": "submitted", "to": "published", "outcome": ""}


def test_publish_without_focus_area_has_no_focus_area_event():
    proposal = ProposalFactory(status=Status.SUBMITTED, focus_area=None)
    services.proposal_publish(proposal=proposal, actor=ModeratorFactory())
    assert not Event.objects.filter(kind=EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA).exists()


def test_publish_a_draft_is_refused():
    proposal = make_draft()
    with pytest.raises(ValidationError):
        services.proposal_publish(proposal=proposal, actor=ModeratorFactory())
    assert Proposal.objects.get(pk=proposal.pk).status == Status.DRAFT


# --- support ---


def test_support_once_and_count_exact():
    proposal = ProposalFactory()
    people = UserFactory.create_batch(3)
    assert services.proposal_support(proposal=proposal, user=people[0]) is True
    assert services.proposal_support(proposal=proposal, user=people[0]) is False
    for person in people[1:]:
        assert services.proposal_support(proposal=proposal, user=person) is True
    assert Support.objects.filter(proposal=proposal).count() == 3
    assert Proposal.objects.get(pk=proposal.pk).support_count == 3


def test_unsupport():
    proposal = ProposalFactory()
    user = UserFactory()
    services.proposal_support(proposal=proposal, user=user)
    services.proposal_support(proposal=proposal, user=UserFactory())
    assert services.proposal_unsupport(proposal=proposal, user=user) is True
    assert services.proposal_unsupport(proposal=proposal, user=user) is False
    assert services.proposal_unsupport(proposal=proposal, user=UserFactory()) is False
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1
    assert not Support.objects.filter(proposal=proposal, user=user).exists()


@pytest.mark.parametrize("status", CLOSED)
def test_support_refused_when_closed(status):
    proposal = ProposalFactory(status=status)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_support(proposal=proposal, user=UserFactory())
    assert excinfo.value.code == "closed"
    assert not Support.objects.exists()
    assert Proposal.objects.get(pk=proposal.pk).support_count == 0


@pytest.mark.parametrize("status", OPEN)
def test_support_allowed_while_open(status):
    proposal = ProposalFactory(status=status)
    assert services.proposal_support(proposal=proposal, user=UserFactory())
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_support_is_rate_limited(settings):
    settings.PROPOSALS_RATE_LIMITS = {**settings.PROPOSALS_RATE_LIMITS, "support": (2, 600)}
    user = UserFactory()
    proposals = ProposalFactory.create_batch(3)
    services.proposal_support(proposal=proposals[0], user=user)
    services.proposal_support(proposal=proposals[1], user=user)
    with pytest.raises(RateLimited):
        services.proposal_support(proposal=proposals[2], user=user)
    assert Proposal.objects.get(pk=proposals[2].pk).support_count == 0


# --- comments ---


def test_comment_create():
    proposal = ProposalFactory()
    author = UserFactory()
    comment = services.comment_create(
        proposal=proposal, author=author, body="  Godt **forslag** <b>x</b>  "
    )
    assert comment.body == "Godt **forslag** <b>x</b>"
    assert comment.body_html == "<p>Godt <strong>forslag</strong> &lt;b&gt;x&lt;/b&gt;</p>"
    assert Proposal.objects.get(pk=proposal.pk).comment_count == 1
    assert ProposalFollow.objects.filter(proposal=proposal, user=author).exists()
    [event] = events(EventKind.COMMENT_CREATED, comment)
    assert event.target == comment
    assert event.data == {"comment": comment.pk}
    assert event.actor == author


def test_reply_one_level():
    proposal = ProposalFactory()
    top = services.comment_create(proposal=proposal, author=UserFactory(), body="Spørgsmål?")
    reply = services.comment_create(
        proposal=proposal, author=UserFactory(), body="Svar.", parent=top
    )
    assert reply.parent == top
    assert Proposal.objects.get(pk=proposal.pk).comment_count == 2
    # One event for the reply, saying what it replies to.
    [event] = events(EventKind.COMMENT_CREATED, reply)
    assert event.data == {"comment": reply.pk, "parent": top.pk}

    with pytest.raises(ValidationError):
        services.comment_create(proposal=proposal, author=UserFactory(), body="Dybt", parent=reply)
    assert Comment.objects.count() == 2
    assert Proposal.objects.get(pk=proposal.pk).comment_count == 2


def test_reply_must_be_on_the_same_proposal():
    top = CommentFactory()
    other = ProposalFactory()
    with pytest.raises(ValidationError):
        services.comment_create(proposal=other, author=UserFactory(), body="Hm", parent=top)
    assert not Comment.objects.filter(proposal=other).exists()


def test_reply_to_a_deleted_comment_is_refused():
    proposal = ProposalFactory()
    top = services.comment_create(proposal=proposal, author=UserFactory(), body="Hej")
    services.comment_delete(comment=top)
    with pytest.raises(ValidationError):
        services.comment_create(proposal=proposal, author=UserFactory(), body="Svar", parent=top)


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * 4001])
def test_comment_body_is_required_and_limited(body):
    proposal = ProposalFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.comment_create(proposal=proposal, author=UserFactory(), body=body)
    assert "body" in excinfo.value.message_dict
    assert not Comment.objects.exists()


@pytest.mark.parametrize("status", CLOSED)
def test_comment_refused_when_closed(status):
    proposal = ProposalFactory(status=status)
    with pytest.raises(ValidationError) as excinfo:
        services.comment_create(proposal=proposal, author=UserFactory(), body="Hej")
    assert excinfo.value.code == "closed"
    assert Proposal.objects.get(pk=proposal.pk).comment_count == 0


def test_comment_is_rate_limited(settings):
    settings.PROPOSALS_RATE_LIMITS = {**settings.PROPOSALS_RATE_LIMITS, "comment": (1, 600)}
    proposal = ProposalFactory()
    author = UserFactory()
    services.comment_create(proposal=proposal, author=author, body="En")
    with pytest.raises(RateLimited):
        services.comment_create(proposal=proposal, author=author, body="To")
    assert Proposal.objects.get(pk=proposal.pk).comment_count == 1


def test_comment_edit_within_the_window():
    comment = services.comment_create(proposal=ProposalFactory(), author=UserFactory(), body="Hej")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=14))
    edited = services.comment_edit(comment=comment, body="Hej *igen*")
    stored = Comment.objects.get(pk=comment.pk)
    assert edited.body == stored.body == "Hej *igen*"
    assert stored.body_html == "<p>Hej <em>igen</em></p>"
    assert stored.edited_at is not None


def test_comment_edit_after_the_window_is_refused():
    comment = services.comment_create(proposal=ProposalFactory(), author=UserFactory(), body="Hej")
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=15, seconds=5)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.comment_edit(comment=comment, body="For sent")
    assert excinfo.value.code == "edit_window"
    assert "15" in excinfo.value.messages[0]
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.body == "Hej" and stored.edited_at is None


def test_comment_edit_window_follows_the_setting(settings):
    settings.COMMENT_EDIT_WINDOW_SECONDS = 60
    comment = services.comment_create(proposal=ProposalFactory(), author=UserFactory(), body="Hej")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=2))
    with pytest.raises(ValidationError):
        services.comment_edit(comment=comment, body="Nej")


def test_deleted_comment_cannot_be_edited():
    comment = services.comment_create(proposal=ProposalFactory(), author=UserFactory(), body="Hej")
    services.comment_delete(comment=comment)
    with pytest.raises(ValidationError) as excinfo:
        services.comment_edit(comment=comment, body="Tilbage")
    assert excinfo.value.code == "deleted"


def test_comment_delete_leaves_a_marker_and_keeps_replies():
    proposal = ProposalFactory()
    top = services.comment_create(proposal=proposal, author=UserFactory(), body="Hemmelig tekst")
    reply = services.comment_create(
        proposal=proposal, author=UserFactory(), body="Svaret", parent=top
    )
    assert Proposal.objects.get(pk=proposal.pk).comment_count == 2

    services.comment_delete(comment=top)
    services.comment_delete(comment=top)  # twice: counted once

    stored = Comment.objects.get(pk=top.pk)
    assert stored.is_deleted
    assert stored.body == stored.body_html == ""
    survivor = Comment.objects.get(pk=reply.pk)
    assert survivor.parent_id == top.pk and survivor.body == "Svaret"
    assert Proposal.objects.get(pk=proposal.pk).comment_count == 1


# --- follows ---


def test_follow_and_unfollow_a_proposal():
    proposal = ProposalFactory()
    user = UserFactory()
    assert services.proposal_follow(proposal=proposal, user=user) is True
    assert services.proposal_follow(proposal=proposal, user=user) is False
    assert ProposalFollow.objects.filter(proposal=proposal, user=user).count() == 1
    assert services.proposal_unfollow(proposal=proposal, user=user) is True
    assert services.proposal_unfollow(proposal=proposal, user=user) is False
    assert not ProposalFollow.objects.exists()


@pytest.mark.parametrize("status", CLOSED)
def test_follow_refused_when_closed(status):
    with pytest.raises(ValidationError):
        services.proposal_follow(proposal=ProposalFactory(status=status), user=UserFactory())
    assert not ProposalFollow.objects.exists()


def test_follow_and_unfollow_a_focus_area():
    user = UserFactory()
    area = focus_area("mindre-spild")
    assert services.focus_area_follow(focus_area=area, user=user) is True
    assert services.focus_area_follow(focus_area=area, user=user) is False
    assert list(FocusAreaFollow.objects.values_list("focus_area__slug", flat=True)) == [
        "mindre-spild"
    ]
    assert services.focus_area_unfollow(focus_area=area, user=user) is True
    assert services.focus_area_unfollow(focus_area=area, user=user) is False


# --- reports ---


def test_report_a_proposal_once():
    proposal = ProposalFactory()
    reporter = UserFactory()
    report = services.report_create(
        reporter=reporter, proposal=proposal, reason=Report.Reason.SPAM, details="  Reklame  "
    )
    assert (report.proposal, report.comment, report.details) == (proposal, None, "Reklame")
    [event] = events(EventKind.REPORT_CREATED, report)
    assert event.data == {"proposal": proposal.pk, "comment": None}
    assert event.actor == reporter

    with pytest.raises(ValidationError) as excinfo:
        services.report_create(reporter=reporter, proposal=proposal, reason=Report.Reason.OFFENSIVE)
    assert excinfo.value.code == "duplicate"
    assert excinfo.value.messages[0]
    assert Report.objects.count() == 1
    assert Event.objects.filter(kind=EventKind.REPORT_CREATED).count() == 1
    # Someone else may still report it.
    services.report_create(reporter=UserFactory(), proposal=proposal, reason=Report.Reason.SPAM)


def test_report_a_comment():
    comment = CommentFactory()
    reporter = UserFactory()
    report = services.report_create(
        reporter=reporter, comment=comment, reason=Report.Reason.PERSONAL_DATA
    )
    assert (report.proposal, report.comment) == (None, comment)
    [event] = events(EventKind.REPORT_CREATED, report)
    assert event.data == {"proposal": comment.proposal_id, "comment": comment.pk}
    with pytest.raises(ValidationError):
        services.report_create(reporter=reporter, comment=comment, reason=Report.Reason.SPAM)


def test_report_reason_other_needs_details():
    proposal = ProposalFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.report_create(
            reporter=UserFactory(), proposal=proposal, reason=Report.Reason.OTHER, details="  "
        )
    assert "details" in excinfo.value.message_dict
    services.report_create(
        reporter=UserFactory(), proposal=proposal, reason=Report.Reason.OTHER, details="Forkert"
    )


def test_report_reason_must_be_known():
    with pytest.raises(ValidationError) as excinfo:
        services.report_create(reporter=UserFactory(), proposal=ProposalFactory(), reason="boring")
    assert "reason" in excinfo.value.message_dict


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.REJECTED])
def test_report_only_public_content(status):
    proposal = ProposalFactory(status=status)
    with pytest.raises(ValidationError) as excinfo:
        services.report_create(reporter=UserFactory(), proposal=proposal, reason="spam")
    assert excinfo.value.code == "not_public"
    assert not Report.objects.exists()
    assert not Event.objects.exists()


def test_report_a_deleted_comment_is_refused():
    comment = CommentFactory()
    services.comment_delete(comment=comment)
    comment.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.report_create(reporter=UserFactory(), comment=comment, reason="spam")
    assert excinfo.value.code == "deleted"
    assert not Report.objects.exists()


def test_report_needs_exactly_one_target():
    with pytest.raises(ValueError):
        services.report_create(reporter=UserFactory(), reason="spam")
    with pytest.raises(ValueError):
        comment = CommentFactory()
        services.report_create(
            reporter=UserFactory(), reason="spam", proposal=comment.proposal, comment=comment
        )


def test_report_is_rate_limited(settings):
    settings.PROPOSALS_RATE_LIMITS = {**settings.PROPOSALS_RATE_LIMITS, "report": (1, 3600)}
    reporter = UserFactory()
    services.report_create(reporter=reporter, proposal=ProposalFactory(), reason="spam")
    with pytest.raises(RateLimited):
        services.report_create(reporter=reporter, proposal=ProposalFactory(), reason="spam")
    assert Report.objects.count() == 1
