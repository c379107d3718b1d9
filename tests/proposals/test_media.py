"""Uploaded images are as private as their proposal: served only through a checked view."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from proposals import services
from proposals.lifecycle import Status
from tests.factories import ModeratorFactory, UserFactory, give_totp
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def _draft_with_image():
    draft = ProposalFactory(status=Status.DRAFT)
    image = services.proposal_image_add(proposal=draft, upload=_png(), alt_text="Et vandhul")
    return draft, image


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_author_sees_the_image_of_a_draft_and_nobody_else_does():
    draft, image = _draft_with_image()
    url = image.get_absolute_url()

    own = _client(draft.author).get(url)
    assert own.status_code == 200
    assert own["Content-Type"] == "image/jpeg"
    assert own["Cache-Control"] == "private, no-store"
    Image.open(io.BytesIO(b"".join(own.streaming_content))).verify()

    assert _client().get(url).status_code == 404
    assert _client(UserFactory()).get(url).status_code == 404


def test_moderators_see_it_and_everyone_sees_it_once_published():
    draft, image = _draft_with_image()
    moderator = ModeratorFactory()
    give_totp(moderator)
    assert _client(moderator).get(image.get_absolute_url()).status_code == 200

    services.proposal_submit(proposal=draft, actor=draft.author)
    services.proposal_publish(proposal=draft, actor=moderator)
    public = _client().get(image.get_absolute_url())
    assert public.status_code == 200
    assert public["Cache-Control"] == "public, max-age=86400"


def test_an_image_id_of_another_proposal_is_not_found():
    draft, image = _draft_with_image()
    other = ProposalFactory(status=Status.PUBLISHED)
    url = f"/forslag/{other.pk}/billeder/{image.pk}/"
    assert _client(draft.author).get(url).status_code == 404
