"""The proposals part of a person's data export and of account deletion."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from engage.accounts.selectors import user_export_personal_data
from engage.accounts.services import user_delete
from engage.taxonomy.models import FocusArea
from proposals import services
from proposals.lifecycle import Status
from proposals.models import (
    Comment,
    FocusAreaFollow,
    Proposal,
    ProposalFollow,
    ProposalImage,
    Report,
    Support,
)
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"


def jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(out, format="JPEG")
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def active_person():
    """Someone who has done one of everything, plus other people's activity around it."""
    person = UserFactory(display_name="Karen Jensen")
    other = UserFactory(display_name="Ole")
    area = FocusArea.objects.get(slug="vild-natur")

    draft = services.proposal_create(author=person, title="Min kladde", body="Endnu ikke klar.")
    draft_image = services.proposal_image_add(proposal=draft, upload=jpeg(), alt_text="Et foto")
    waiting = services.proposal_create(author=person, title="Venter", body="Til moderation.")
    services.proposal_submit(proposal=waiting, actor=person)
    published = ProposalFactory(author=person, title="Offentligt forslag", focus_area=area)
    rejected = ProposalFactory(author=person, status=Status.REJECTED, title="Afvist")

    others_proposal = ProposalFactory(author=other, title="Oles forslag")
    comment = services.comment_create(proposal=others_proposal, author=person, body="Enig!")
    reply_to_person = services.comment_create(
        proposal=others_proposal, author=other, body="Tak", parent=comment
    )
    services.comment_create(proposal=published, author=other, body="Godt forslag")
    services.proposal_support(proposal=others_proposal, user=person)
    services.proposal_support(proposal=published, user=other)
    services.proposal_follow(proposal=others_proposal, user=person)
    services.focus_area_follow(focus_area=area, user=person)
    report = services.report_create(
        reporter=person,
        proposal=ProposalFactory(author=other),
        reason=Report.Reason.OTHER,
        details="Indeholder mit telefonnummer",
    )
    return {
        "person": person,
        "other": other,
        "draft": draft,
        "draft_image": draft_image,
        "waiting": waiting,
        "published": published,
        "rejected": rejected,
        "others_proposal": others_proposal,
        "comment": comment,
        "reply_to_person": reply_to_person,
        "report": report,
    }


def test_export_contains_everything_of_the_person(active_person):
    person = active_person["person"]
    data = user_export_personal_data(user=person)
    json.dumps(data)  # the download is JSON
    section = data["proposals"]

    by_title = {p["title"]: p for p in section["proposals"]}
    assert set(by_title) == {"Min kladde", "Venter", "Offentligt forslag", "Afvist"}
    assert by_title["Min kladde"]["status"] == "draft"
    assert by_title["Min kladde"]["body"] == "Endnu ikke klar."
    assert len(by_title["Min kladde"]["images"]) == 1
    assert by_title["Offentligt forslag"]["focus_area"] == "vild-natur"
    assert by_title["Offentligt forslag"]["theme"] == "biodiversitet"

    assert [(c["id"], c["body"], c["reply_to"]) for c in section["comments"]] == [
        (active_person["comment"].pk, "Enig!", None)
    ]
    assert section["supports"] == [active_person["others_proposal"].pk]
    # The author follows their submitted proposal; commenting follows too.
    assert set(section["followed_proposals"]) == {
        active_person["waiting"].pk,
        active_person["others_proposal"].pk,
    }
    assert section["followed_focus_areas"] == ["vild-natur"]
    assert [(r["reason"], r["details"]) for r in section["reports"]] == [
        ("other", "Indeholder mit telefonnummer")
    ]


def test_export_leaves_out_other_peoples_data(active_person):
    section = user_export_personal_data(user=active_person["person"])["proposals"]
    text = json.dumps(section)
    assert "Oles forslag" not in text
    assert "Godt forslag" not in text and "Tak" not in text


def test_export_of_someone_without_activity():
    section = user_export_personal_data(user=UserFactory())["proposals"]
    assert section == {
        "proposals": [],
        "comments": [],
        "supports": [],
        "followed_proposals": [],
        "followed_focus_areas": [],
        "reports": [],
    }


def test_delete_erases_private_work_and_keeps_public_writing(
    active_person, django_capture_on_commit_callbacks
):
    person = active_person["person"]
    published = active_person["published"]
    others_proposal = active_person["others_proposal"]
    image_name = active_person["draft_image"].image.name
    assert default_storage.exists(image_name)
    support_counts = {
        p.pk: p.support_count
        for p in Proposal.objects.filter(pk__in=[published.pk, others_proposal.pk])
    }

    with django_capture_on_commit_callbacks(execute=True):
        user_delete(user=person)

    # Drafts and proposals awaiting moderation are gone, with their images.
    assert not Proposal.objects.filter(
        pk__in=[active_person["draft"].pk, active_person["waiting"].pk]
    ).exists()
    assert not ProposalImage.objects.exists()
    assert not default_storage.exists(image_name)
    # Follows are gone.
    assert not ProposalFollow.objects.filter(user=person).exists()
    assert not FocusAreaFollow.objects.filter(user=person).exists()
    # Published writing stays, now by a deleted user.
    published = Proposal.objects.get(pk=published.pk)
    assert published.author_id == person.pk
    with translation.override("en"):
        assert published.author.public_name == "Deleted user"
    with translation.override("da"):
        assert published.author.public_name != "Karen Jensen"
    comment = Comment.objects.get(pk=active_person["comment"].pk)
    assert comment.body == "Enig!"
    with translation.override("en"):
        assert comment.author.public_name == "Deleted user"
    assert Comment.objects.get(pk=active_person["reply_to_person"].pk).parent_id == comment.pk
    # Other people's activity on the published proposal stays.
    assert published.comment_count == 1
    assert Support.objects.filter(proposal=published).count() == 1
    # The person's supports go at once, and the counts with them (the privacy page says so).
    assert not Support.objects.filter(user=person).exists()
    support_counts[others_proposal.pk] -= 1
    assert {
        p.pk: p.support_count for p in Proposal.objects.filter(pk__in=support_counts)
    } == support_counts
    # A rejected proposal was never public, but moderation history keeps it.
    assert Proposal.objects.filter(pk=active_person["rejected"].pk).exists()
    # Reports stay for the moderators, without the free text.
    report = Report.objects.get(pk=active_person["report"].pk)
    assert report.details == ""
    # And the person's name is nowhere in the export of the anonymised row.
    person.refresh_from_db()
    export = json.dumps(user_export_personal_data(user=person))
    assert "Karen Jensen" not in export
    assert "telefonnummer" not in export


def test_delete_twice_is_harmless(active_person):
    person = active_person["person"]
    user_delete(user=person)
    user_delete(user=person)
    assert Proposal.objects.filter(pk=active_person["published"].pk).exists()


def test_delete_removes_comments_nobody_replied_to_and_keeps_answered_ones(active_person):
    person, other = active_person["person"], active_person["other"]
    lonely = services.comment_create(
        proposal=active_person["others_proposal"], author=person, body="Ingen svarede"
    )
    own_reply_only = services.comment_create(
        proposal=active_person["published"], author=person, body="Kun mit eget svar"
    )
    services.comment_create(
        proposal=active_person["published"], author=person, body="Mig igen", parent=own_reply_only
    )
    count_before = Proposal.objects.get(pk=active_person["others_proposal"].pk).comment_count

    user_delete(user=person)

    assert Comment.objects.get(pk=lonely.pk).is_deleted
    assert Comment.objects.get(pk=lonely.pk).body == ""
    assert Comment.objects.get(pk=own_reply_only.pk).is_deleted
    assert Comment.objects.filter(author=person, deleted_at__isnull=True).get().body == "Enig!"
    proposal = Proposal.objects.get(pk=active_person["others_proposal"].pk)
    assert proposal.comment_count == count_before - 1
    assert Comment.objects.filter(author=other, deleted_at__isnull=True).count() == 2


def test_delete_removes_the_emails_sent_to_the_person(active_person):
    from django.core.mail import EmailMessage

    from engage.mail.models import OutgoingEmail
    from engage.mail.services import outgoing_email_enqueue

    person = active_person["person"]
    for subject, to in [
        ("Til Karen", f"Karen Jensen <{person.email}>"),
        ("Til Ole", active_person["other"].email),
    ]:
        outgoing_email_enqueue(message=EmailMessage(subject=subject, body="Hej", to=[to]))
    assert OutgoingEmail.objects.filter(subject="Til Karen").exists()
    assert user_export_personal_data(user=person)["mail"][0]["subject"] == "Til Karen"

    user_delete(user=person)

    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["Til Ole"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_deleted_accounts_support_leaves_the_public_list_and_page_at_once(
    client, settings, language, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    settings.PUBLIC_PAGE_CACHE_SECONDS = 3600
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    proposal = ProposalFactory(title="Bænke ved søen")
    supporters = [UserFactory() for _ in range(3)]
    for supporter in supporters:
        services.proposal_support(proposal=proposal, user=supporter)
    label = {"da": "støtter", "en": "supports"}[language]
    on_page = {"da": "personer støtter", "en": "people support"}[language]
    page_url = proposal.get_absolute_url()
    list_url = reverse("frontend:proposal_list")
    assert f"3 {label}" in client.get(list_url).content.decode()
    assert f"3 {on_page}" in client.get(page_url).content.decode()  # now shared renderings

    with django_capture_on_commit_callbacks(execute=True):
        user_delete(user=supporters[0])

    assert f"2 {label}" in client.get(list_url).content.decode()
    assert f"2 {on_page}" in client.get(page_url).content.decode()
