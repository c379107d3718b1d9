"""The proposal web pages: access per role, the writing flow, engagement by POST (plain and
htmx), spam and script safety, list filters, and query counts that do not grow with data."""

import io
import logging
import re
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from engage.cache import public_pages_changed
from engage.taxonomy.models import FocusArea
from proposals import services
from proposals.lifecycle import Outcome, Status
from proposals.models import (
    Comment,
    FocusAreaFollow,
    Proposal,
    ProposalFollow,
    ProposalImage,
    Report,
    Support,
)
from proposals.services import moderation
from tests.factories import ModeratorFactory, UserFactory, give_totp
from tests.proposals.factories import (
    CommentFactory,
    ProposalEventFactory,
    ProposalFactory,
    SupportFactory,
    comment_add,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def author():
    return UserFactory(display_name="Anna Forfatter")


@pytest.fixture
def citizen():
    return UserFactory(display_name="Bo Borger")


@pytest.fixture
def moderator():
    user = ModeratorFactory()
    give_totp(user)  # moderators must use MFA, or every page sends them to enrolment
    return user


@pytest.fixture
def published(author):
    return ProposalFactory(author=author, title="Flere bænke i parken")


@pytest.fixture
def draft(author):
    return ProposalFactory(author=author, status=Status.DRAFT, title="Min kladde")


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def png_upload(name: str = "foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def page_text(response) -> str:
    return response.content.decode()


# ---------- who may see what ------------------------------------------------------------

ROLES = ("anonymous", "citizen", "author", "moderator")
# (page, proposal fixture or None, expected status per role in ROLES order)
ACCESS = [
    ("frontend:proposal_list", None, (200, 200, 200, 200)),
    ("frontend:proposal_similar", None, (200, 200, 200, 200)),
    ("frontend:proposal_create", None, (302, 200, 200, 200)),
    ("frontend:my_proposals", None, (302, 200, 200, 200)),
    ("frontend:proposal_detail", "published", (200, 200, 200, 200)),
    ("frontend:proposal_detail", "draft", (404, 404, 200, 200)),
    ("frontend:proposal_detail", "submitted", (404, 404, 200, 200)),
    ("frontend:proposal_detail", "rejected", (404, 404, 200, 200)),
    ("frontend:proposal_detail", "merged", (200, 200, 200, 200)),
    ("frontend:proposal_edit", "draft", (302, 404, 200, 403)),
    ("frontend:proposal_edit", "published", (302, 403, 302, 403)),
    ("frontend:proposal_preview", "draft", (302, 404, 200, 403)),
    ("frontend:proposal_delete", "draft", (302, 404, 200, 403)),
]


@pytest.mark.parametrize(("name", "state", "expected"), ACCESS)
def test_access_matrix(client, author, citizen, moderator, name, state, expected):
    kwargs = {}
    if state:
        kwargs["pk"] = ProposalFactory(author=author, status=state).pk
    url = reverse(name, kwargs=kwargs)
    users = {"anonymous": None, "citizen": citizen, "author": author, "moderator": moderator}
    for role, status in zip(ROLES, expected, strict=True):
        client.logout()
        response = login(client, users[role]).get(url)
        assert response.status_code == status, (role, name, state)
    if expected[0] == 302:
        client.logout()
        assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_edit_of_a_submitted_proposal_sends_the_author_to_its_page(client, author, published):
    response = login(client, author).get(reverse("frontend:proposal_edit", args=[published.pk]))
    assert response.status_code == 302
    assert response["Location"] == published.get_absolute_url()


def test_detail_shows_body_images_place_classification_and_timeline(client, author):
    proposal = ProposalFactory(
        author=author,
        body="Første afsnit med **fed** tekst.\n\n- punkt et\n- punkt to",
        location_text="Vestparken",
        latitude="57.048000",
        longitude="9.921000",
    )
    ProposalImage.objects.create(
        proposal=proposal, image=png_upload(), alt_text="Den knækkede bænk", width=60, height=40
    )
    ProposalEventFactory(proposal=proposal, note="Vi kigger på det i foråret.")
    ProposalEventFactory(proposal=proposal, note="Skjult note", is_public=False)
    html = page_text(client.get(proposal.get_absolute_url()))
    assert "<strong>fed</strong>" in html
    assert "<li>punkt et</li>" in html
    assert 'alt="Den knækkede bænk"' in html
    assert "Vestparken" in html
    assert "mlat=57.048000" in html
    assert proposal.focus_area.name in html
    assert "Anna Forfatter" in html
    assert "Vi kigger på det i foråret." in html
    assert "Skjult note" not in html


def test_merged_proposal_links_to_where_it_went(client):
    merged = ProposalFactory(status=Status.MERGED)
    html = page_text(client.get(merged.get_absolute_url()))
    assert f'href="{merged.merged_into.get_absolute_url()}"' in html
    assert merged.merged_into.title in html


# ---------- writing a proposal ------------------------------------------------------------


def test_create_edit_image_preview_submit_flow(client, author, settings):
    settings.PROPOSALS_PREMODERATION = True
    login(client, author)
    area = FocusArea.objects.get(slug="klimahandlingsplan")
    response = client.post(
        reverse("frontend:proposal_create"),
        {
            "title": "Cykelparkering ved stationen",
            "body": "Der mangler plads til cykler.\n\n- overdækket\n- med lys",
            "classification": f"area:{area.slug}",
            "location_text": "Banegården",
            "latitude": "57.04",
            "longitude": "9.92",
            "website": "",
            "action": "save",
        },
    )
    proposal = Proposal.objects.get(author=author)
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:proposal_edit", args=[proposal.pk])
    assert proposal.status == Status.DRAFT
    assert proposal.focus_area == area and proposal.theme == area.theme
    assert "<ul><li>overdækket</li>" in proposal.body_html

    edit_url = reverse("frontend:proposal_edit", args=[proposal.pk])
    edit_page = page_text(client.get(edit_url))
    assert 'value="Cykelparkering ved stationen"' in edit_page
    assert f'value="area:{area.slug}" selected' in edit_page
    response = client.post(
        edit_url,
        {
            "title": "Overdækket cykelparkering ved stationen",
            "body": "Der mangler plads til cykler.",
            "classification": f"theme:{area.theme.slug}",
            "location_text": "",
            "latitude": "",
            "longitude": "",
            "action": "preview",
        },
    )
    assert response["Location"] == reverse("frontend:proposal_preview", args=[proposal.pk])
    proposal.refresh_from_db()
    assert proposal.title == "Overdækket cykelparkering ved stationen"
    assert proposal.focus_area is None and proposal.theme == area.theme
    assert proposal.latitude is None

    response = client.post(
        reverse("frontend:proposal_image_add", args=[proposal.pk]),
        {"image": png_upload(), "alt_text": "Cykler i regnvejr"},
    )
    assert response.status_code == 302
    image = ProposalImage.objects.get(proposal=proposal)
    assert image.alt_text == "Cykler i regnvejr"

    preview = page_text(client.get(reverse("frontend:proposal_preview", args=[proposal.pk])))
    assert "Overdækket cykelparkering ved stationen" in preview
    assert 'alt="Cykler i regnvejr"' in preview
    assert reverse("frontend:proposal_submit", args=[proposal.pk]) in preview
    assert "Indsend" in preview

    response = client.post(reverse("frontend:proposal_submit", args=[proposal.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("frontend:my_proposals")
    assert "Tak! Dit forslag venter på moderation" in page_text(response)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    # Once submitted it can no longer be submitted, edited or deleted.
    again = client.post(reverse("frontend:proposal_submit", args=[proposal.pk]))
    assert again.status_code == 302
    Proposal.objects.get(pk=proposal.pk, status=Status.SUBMITTED)


def test_create_form_errors_are_shown_and_nothing_is_saved(client, author):
    response = login(client, author).post(
        reverse("frontend:proposal_create"),
        {"title": "", "body": "Tekst", "latitude": "57.0", "longitude": "", "action": "save"},
    )
    assert response.status_code == 200
    html = page_text(response)
    assert 'class="form-error-message"' in html
    assert 'aria-invalid="true"' in html
    assert not Proposal.objects.exists()


def test_service_validation_error_is_shown_on_the_form(client, author):
    # A point outside the municipality passes the form but not proposals.geo.
    response = login(client, author).post(
        reverse("frontend:proposal_create"),
        {"title": "Langt væk", "body": "Tekst", "latitude": "40.0", "longitude": "2.0"},
    )
    assert response.status_code == 200
    assert "alert-error" in page_text(response)
    assert not Proposal.objects.exists()


def test_filled_honeypot_pretends_success_but_saves_nothing(client, author, caplog):
    with caplog.at_level(logging.WARNING, logger="frontend.views.proposals"):
        response = login(client, author).post(
            reverse("frontend:proposal_create"),
            {"title": "Køb billige ure", "body": "Spam", "website": "http://spam.example"},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:my_proposals")
    assert not Proposal.objects.exists()
    assert "honeypot" in caplog.text


def test_honeypot_is_hidden_from_people_and_keyboards(client, author):
    html = page_text(login(client, author).get(reverse("frontend:proposal_create")))
    assert '<div class="sr-only" aria-hidden="true">' in html
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html


def test_similar_proposals_while_typing_a_title(client, author):
    ProposalFactory(title="Flere træer langs cykelstien", body="Skygge om sommeren.")
    ProposalFactory(title="Noget helt andet", body="Bænke og borde.")
    ProposalFactory(title="Træer i skolegården", body="Skygge.", status=Status.DRAFT)
    create_page = page_text(login(client, author).get(reverse("frontend:proposal_create")))
    assert f'hx-get="{reverse("frontend:proposal_similar")}"' in create_page
    assert 'hx-trigger="keyup changed delay:400ms"' in create_page
    assert '<div id="similar-proposals" aria-live="polite">' in create_page

    html = page_text(
        client.get(reverse("frontend:proposal_similar"), {"title": "træer"}, headers=HTMX)
    )
    assert "Flere træer langs cykelstien" in html
    assert "Noget helt andet" not in html
    assert "Træer i skolegården" not in html  # drafts are private
    assert "<html" not in html
    assert page_text(client.get(reverse("frontend:proposal_similar"), {"title": "x"})).strip() == ""


def test_image_needs_alt_text_and_at_most_three(client, author, draft):
    login(client, author)
    url = reverse("frontend:proposal_image_add", args=[draft.pk])
    response = client.post(url, {"image": png_upload(), "alt_text": ""})
    assert response.status_code == 200
    assert not ProposalImage.objects.exists()
    for n in range(3):
        client.post(url, {"image": png_upload(f"{n}.png"), "alt_text": f"Billede {n}"})
    assert draft.images.count() == 3
    response = client.post(url, {"image": png_upload(), "alt_text": "Et for meget"})
    assert response.status_code == 200
    assert draft.images.count() == 3
    image = draft.images.first()
    remove = reverse("frontend:proposal_image_remove", args=[draft.pk, image.pk])
    assert client.post(remove).status_code == 302
    assert draft.images.count() == 2


def test_delete_draft_after_confirmation(client, author, draft):
    login(client, author)
    url = reverse("frontend:proposal_delete", args=[draft.pk])
    assert "Slet kladde" in page_text(client.get(url))
    assert Proposal.objects.filter(pk=draft.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("frontend:my_proposals")
    assert not Proposal.objects.filter(pk=draft.pk).exists()


def test_my_proposals_lists_own_proposals_with_next_steps(client, author, citizen, draft):
    ProposalFactory(author=author, status=Status.SUBMITTED, title="Venter")
    ProposalFactory(author=citizen, title="En andens forslag")
    html = page_text(login(client, author).get(reverse("frontend:my_proposals")))
    assert "Min kladde" in html and "Venter" in html
    assert "En andens forslag" not in html
    assert "En moderator tjekker dit forslag" in html
    assert reverse("frontend:proposal_preview", args=[draft.pk]) in html


# ---------- support, follow, report -------------------------------------------------------


def test_support_and_withdraw_without_javascript(client, citizen, published):
    url = reverse("frontend:proposal_support", args=[published.pk])
    login(client, citizen)
    response = client.post(url, {"action": "support"})
    assert response.status_code == 302
    assert response["Location"] == published.get_absolute_url()
    published.refresh_from_db()
    assert published.support_count == 1
    assert "Træk min støtte tilbage" in page_text(client.get(published.get_absolute_url()))
    client.post(url, {"action": "withdraw"})
    published.refresh_from_db()
    assert published.support_count == 0
    assert not Support.objects.exists()


def test_support_with_htmx_returns_the_panel(client, citizen, published):
    url = reverse("frontend:proposal_support", args=[published.pk])
    login(client, citizen)
    response = client.post(url, {"action": "support"}, headers=HTMX)
    html = page_text(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert "1 person støtter dette forslag" in html
    assert 'id="support-button"' in html and 'value="withdraw"' in html
    assert "HX-Request" in response["Vary"]
    response = client.post(url, {"action": "withdraw"}, headers=HTMX)
    assert "0 personer støtter dette forslag" in page_text(response)


def test_support_needs_login_and_an_open_proposal(client, citizen, draft):
    published = ProposalFactory()
    url = reverse("frontend:proposal_support", args=[published.pk])
    response = client.post(url, {"action": "support"})
    assert response["Location"].startswith(reverse("account_login"))
    login(client, citizen)
    assert client.get(url).status_code == 405
    draft_url = reverse("frontend:proposal_support", args=[draft.pk])
    assert client.post(draft_url, {"action": "support"}).status_code == 404
    rejected = ProposalFactory(author=citizen, status=Status.REJECTED)
    rejected_url = reverse("frontend:proposal_support", args=[rejected.pk])
    assert client.post(rejected_url, {"action": "support"}).status_code == 403
    assert not Support.objects.exists()


def test_follow_and_unfollow(client, citizen, published):
    url = reverse("frontend:proposal_follow", args=[published.pk])
    login(client, citizen)
    assert client.post(url, {"action": "follow"}).status_code == 302
    assert ProposalFollow.objects.filter(user=citizen, proposal=published).exists()
    response = client.post(url, {"action": "unfollow"}, headers=HTMX)
    html = page_text(response)
    assert "<html" not in html and 'id="follow-button"' in html
    assert "Følg forslaget" in html
    assert not ProposalFollow.objects.filter(user=citizen, proposal=published).exists()


def test_report_proposal_plain_and_htmx(client, citizen, moderator, published):
    url = reverse("frontend:proposal_report", args=[published.pk])
    login(client, citizen)
    response = client.post(url, {"reason": "other", "details": ""})
    assert response.status_code == 200  # "other" needs details: the page with the error
    assert 'class="form-error-message"' in page_text(response)
    response = client.post(url, {"reason": "spam", "details": "Reklame"})
    assert response.status_code == 302
    assert Report.objects.get().reason == Report.Reason.SPAM
    # A second report by the same person: the service refuses, the panel says so.
    response = client.post(url, {"reason": "offensive"}, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in page_text(response)
    assert "allerede anmeldt" in page_text(response)
    login(client, moderator)
    response = client.post(url, {"reason": "offensive"}, headers=HTMX)
    assert "Tak. Moderatorerne ser på din anmeldelse." in page_text(response)
    assert Report.objects.count() == 2


def test_author_cannot_report_own_proposal(client, author, published):
    url = reverse("frontend:proposal_report", args=[published.pk])
    assert login(client, author).post(url, {"reason": "spam"}).status_code == 403


# ---------- comments ----------------------------------------------------------------------


def test_comment_and_reply_without_javascript(client, citizen, published):
    url = reverse("frontend:comment_create", args=[published.pk])
    login(client, citizen)
    response = client.post(url, {"body": "Godt tænkt!"})
    comment = Comment.objects.get()
    assert response["Location"] == f"{published.get_absolute_url()}#comment-{comment.pk}"
    response = client.post(url, {"body": "Enig med mig selv.", "parent": comment.pk})
    reply = Comment.objects.get(parent=comment)
    html = page_text(client.get(published.get_absolute_url()))
    assert f'id="comment-{reply.pk}"' in html and "Enig med mig selv." in html
    # Only one level of replies: a reply to a reply is refused with a message.
    response = client.post(url, {"body": "Dybere", "parent": reply.pk})
    assert response.status_code == 200
    assert "alert-error" in page_text(response)
    assert "Der kan kun svares på kommentarer på øverste niveau." in page_text(response)
    assert Comment.objects.count() == 2


def test_comment_with_htmx_returns_the_comments_section(client, citizen, published):
    url = reverse("frontend:comment_create", args=[published.pk])
    login(client, citizen)
    response = client.post(url, {"body": "Via htmx"}, headers=HTMX)
    html = page_text(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert '<section id="comments"' in html and "Via htmx" in html
    assert 'hx-swap-oob="innerHTML:#comments-status"' in html
    comment = Comment.objects.get()
    response = client.post(url, {"body": "Et svar", "parent": comment.pk}, headers=HTMX)
    assert "Et svar" in page_text(response)
    response = client.post(url, {"body": "   "}, headers=HTMX)
    assert response.status_code == 200
    assert 'class="form-error-message"' in page_text(response)
    assert Comment.objects.count() == 2


def test_comment_needs_login_and_an_open_proposal(client, citizen):
    closed = ProposalFactory(status=Status.MERGED)
    url = reverse("frontend:comment_create", args=[closed.pk])
    assert client.post(url, {"body": "Hej"})["Location"].startswith(reverse("account_login"))
    assert login(client, citizen).post(url, {"body": "Hej"}).status_code == 403
    assert not Comment.objects.exists()


def test_edit_own_comment_within_the_window(client, citizen, author, published):
    comment = comment_add(proposal=published, author=citizen, body="Førsteudkast")
    url = reverse("frontend:comment_edit", args=[comment.pk])
    assert login(client, author).get(url).status_code == 403
    login(client, citizen)
    inline = client.get(url, headers=HTMX)
    assert "<html" not in page_text(inline)
    assert f'id="comment-{comment.pk}"' in page_text(inline)
    assert "<html" in page_text(client.get(url))
    response = client.post(url, {"body": "Rettet tekst"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Rettet tekst" and comment.edited_at is not None
    response = client.post(url, {"body": "Rettet igen"}, headers=HTMX)
    assert "Rettet igen" in page_text(response) and "<html" not in page_text(response)
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    assert client.post(url, {"body": "For sent"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Rettet igen"


def test_delete_comment_leaves_a_marker_and_keeps_replies(client, citizen, published):
    comment = comment_add(proposal=published, author=citizen, body="Slet mig")
    reply = comment_add(proposal=published, body="Et svar der bliver", parent=comment)
    url = reverse("frontend:comment_delete", args=[comment.pk])
    login(client, citizen)
    assert "Slet mig" in page_text(client.get(url))  # the confirmation page
    response = client.post(url, headers=HTMX)
    html = page_text(response)
    assert "<html" not in html
    assert "Kommentaren er slettet" in html and "Slet mig" not in html
    assert "Et svar der bliver" in html
    comment.refresh_from_db()
    assert comment.is_deleted
    # Replies may still be deleted by a moderator, without JavaScript.
    moderator = ModeratorFactory()
    give_totp(moderator)
    login(client, moderator)
    url = reverse("frontend:comment_delete", args=[reply.pk])
    assert client.post(url)["Location"].endswith(f"#comment-{reply.pk}")
    reply.refresh_from_db()
    assert reply.is_deleted


def test_others_cannot_delete_a_comment(client, author, published):
    comment = comment_add(proposal=published, body="Ikke din")
    url = reverse("frontend:comment_delete", args=[comment.pk])
    assert login(client, author).post(url).status_code == 403
    assert not Comment.objects.get(pk=comment.pk).is_deleted


def test_report_comment(client, citizen, published):
    comment = comment_add(proposal=published, body="Grim kommentar")
    url = reverse("frontend:comment_report", args=[comment.pk])
    login(client, citizen)
    assert "Grim kommentar" in page_text(client.get(url))
    response = client.post(url, {"reason": "offensive", "details": ""})
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert Report.objects.get().comment == comment
    own = comment_add(proposal=published, author=citizen, body="Min egen")
    assert client.get(reverse("frontend:comment_report", args=[own.pk])).status_code == 403


def test_comments_on_hidden_proposals_are_404(client, citizen, draft):
    comment = CommentFactory(proposal=draft)
    for name in ("frontend:comment_edit", "frontend:comment_delete", "frontend:comment_report"):
        assert login(client, citizen).get(reverse(name, args=[comment.pk])).status_code == 404


# ---------- rate limits -------------------------------------------------------------------


def test_rate_limit_gives_a_clear_429(client, citizen, published, settings):
    settings.PROPOSALS_RATE_LIMITS = {**settings.PROPOSALS_RATE_LIMITS, "comment": (1, 600)}
    url = reverse("frontend:comment_create", args=[published.pk])
    login(client, citizen)
    client.post(url, {"body": "Første"})
    response = client.post(url, {"body": "Anden"})
    assert response.status_code == 429
    assert "Du gør det for ofte" in page_text(response)
    assert int(response["Retry-After"]) > 0
    response = client.post(url, {"body": "Tredje"}, headers=HTMX)
    assert response.status_code == 429
    assert response["HX-Retarget"] == "#proposal-alerts"
    assert "<html" not in page_text(response)
    assert Comment.objects.count() == 1


# ---------- script safety -----------------------------------------------------------------


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    parser = _TagCollector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        for value in attrs.values():
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
    assert "<svg onload" not in html and "<img src=x" not in html


XSS_TITLE = '<script>alert("t")</script>"><b onmouseover=alert(1)>'
XSS_BODY = '<img src=x onerror=alert(1)> [link](javascript:alert(2)) **<i onclick="x()">b</i>**'
XSS_COMMENT = '<svg onload=alert(3)><a href="javascript:alert(4)">klik</a>'


def test_user_input_is_rendered_inert_everywhere(client, author, citizen):
    proposal = ProposalFactory(author=author, title=XSS_TITLE, body=XSS_BODY)
    comment_add(proposal=proposal, author=citizen, body=XSS_COMMENT)
    ProposalFactory(author=author, status=Status.DRAFT, title=XSS_TITLE)
    login(client, author)
    pages = [
        proposal.get_absolute_url(),
        reverse("frontend:proposal_list"),
        reverse("frontend:proposal_list") + "?q=%3Cscript%3E",
        reverse("frontend:my_proposals"),
        reverse("frontend:proposal_similar") + "?title=alert",
    ]
    for url in pages:
        html = page_text(client.get(url))
        assert_inert(html)
    detail = page_text(client.get(proposal.get_absolute_url()))
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in detail
    assert "&lt;svg onload=alert(3)&gt;" in detail


# ---------- list: filters, sorting, paging, queries ---------------------------------------


def test_list_shows_only_public_proposals_with_card_details(client):
    shown = ProposalFactory(title="Synligt forslag")
    SupportFactory(proposal=shown)
    CommentFactory(proposal=shown)
    CommentFactory(proposal=shown)
    ProposalFactory(title="Kladden", status=Status.DRAFT)
    ProposalFactory(title="Afventer", status=Status.SUBMITTED)
    ProposalFactory(title="Afvist", status=Status.REJECTED)
    html = page_text(client.get(reverse("frontend:proposal_list")))
    assert "Synligt forslag" in html
    assert "Kladden" not in html and "Afventer" not in html and "Afvist" not in html
    assert "1 støtte" in html and "2 kommentarer" in html
    assert shown.author.public_name in html
    assert 'id="proposal-count" class="mt-6" role="status" aria-live="polite"' in html
    assert "1 forslag fundet" in html


def titles_in(response) -> list[str]:
    pattern = r'class="card-heading[^"]*"><a href="/forslag/\d+/">([^<]+)</a>'
    return [unescape(title) for title in re.findall(pattern, response.content.decode())]


def test_list_filters(client):
    climate = FocusArea.objects.select_related("theme").get(slug="klimahandlingsplan")
    other = FocusArea.objects.select_related("theme").exclude(theme=climate.theme).first()
    a = ProposalFactory(title="Solceller på skolen", focus_area=climate)
    b = ProposalFactory(title="Lys i tunnelen", focus_area=other, status=Status.UNDER_REVIEW)
    c = ProposalFactory(title="Solsikker", focus_area=other, status=Status.ANSWERED)
    url = reverse("frontend:proposal_list")
    assert set(titles_in(client.get(url))) == {a.title, b.title, c.title}
    assert titles_in(client.get(url, {"theme": climate.theme.slug})) == [a.title]
    assert set(titles_in(client.get(url, {"focus_area": other.slug}))) == {b.title, c.title}
    assert titles_in(client.get(url, {"status": "under_review"})) == [b.title]
    sdg = other.sdgs.exclude(pk__in=climate.sdgs.values("pk")).first()
    if sdg is not None:
        assert set(titles_in(client.get(url, {"sdg": sdg.number}))) == {b.title, c.title}
    assert titles_in(client.get(url, {"q": "solceller"})) == [a.title]
    # Nonsense in the query string is ignored rather than an error.
    response = client.get(url, {"status": "draft", "sdg": "x", "sort": "evil", "page": "99"})
    assert response.status_code == 200
    assert set(titles_in(response)) == {a.title, b.title, c.title}


def test_list_sorts(client):
    now = timezone.now()
    old = ProposalFactory(title="Gammel", age=timedelta(days=10))
    new = ProposalFactory(title="Ny", age=timedelta(days=1))
    answered = ProposalFactory(title="Besvaret", status=Status.ANSWERED, age=timedelta(days=20))
    Proposal.objects.filter(pk=old.pk).update(support_count=9, comment_count=1)
    Proposal.objects.filter(pk=new.pk).update(support_count=2, comment_count=7)
    Proposal.objects.filter(pk=answered.pk).update(answered_at=now, outcome=Outcome.ACCEPTED)
    url = reverse("frontend:proposal_list")
    assert titles_in(client.get(url, {"sort": "newest"})) == ["Ny", "Gammel", "Besvaret"]
    assert titles_in(client.get(url, {"sort": "most_supported"}))[0] == "Gammel"
    assert titles_in(client.get(url, {"sort": "most_discussed"}))[0] == "Ny"
    assert titles_in(client.get(url, {"sort": "recently_answered"})) == ["Besvaret"]


def test_list_htmx_returns_results_and_updates_the_count(client):
    ProposalFactory(title="Et forslag")
    response = client.get(
        reverse("frontend:proposal_list"),
        {"q": "forslag"},
        headers={**HTMX, "HX-Target": "proposal-results"},
    )
    html = page_text(response)
    assert response.status_code == 200
    assert "<html" not in html and "Et forslag" in html
    assert 'hx-swap-oob="innerHTML:#proposal-count"' in html
    assert "HX-Request" in response["Vary"]
    full = page_text(client.get(reverse("frontend:proposal_list")))
    assert 'hx-get="/forslag/"' in full and 'hx-push-url="true"' in full
    assert 'hx-target="#proposal-results"' in full


def test_list_pages_by_twenty(client):
    ProposalFactory.create_batch(45)
    url = reverse("frontend:proposal_list")
    first = client.get(url)
    assert first.content.decode().count('class="card proposal-card"') == 20
    assert 'aria-current="page"' in page_text(first)
    third = client.get(url, {"page": 3})
    assert third.content.decode().count('class="card proposal-card"') == 5


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_query_count_does_not_grow(client, citizen, django_assert_num_queries, signed_in):
    if signed_in:
        login(client, citizen)
    url = reverse("frontend:proposal_list")
    ProposalFactory.create_batch(20)
    client.get(url)  # the first request fills the cached filter choices
    # Measure rendering, not the visitors' shared copy of it (test_list_performance).
    public_pages_changed()
    expected = _queries(client, url)
    ProposalFactory.create_batch(40, focus_area="lavbundsjorde")
    public_pages_changed()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.content.decode().count('class="card proposal-card"') == 20


def _facts(html: str) -> str:
    start = html.index('class="proposal-facts"')
    return html[start : html.index("</aside>", start)]


@pytest.mark.parametrize("debug", [False, True], ids=["kept", "DEBUG"])
def test_facts_follow_status_area_names_and_language(client, settings, debug):
    """The facts rows are kept per area, status and language; none of them goes stale."""
    settings.DEBUG = debug
    area = FocusArea.objects.order_by("pk").first()
    proposal = ProposalFactory(focus_area=area, theme=area.theme, location_text="Vestparken")
    same_area = ProposalFactory(focus_area=area, theme=area.theme, status=Status.UNDER_REVIEW)

    facts = _facts(page_text(client.get(proposal.get_absolute_url())))
    assert area.name_da in facts and "Vestparken" in facts and "Offentliggjort" in facts
    other = _facts(page_text(client.get(same_area.get_absolute_url())))
    assert "Under behandling" in other and "Vestparken" not in other

    area.name_da = "Et nyt navn for området"
    area.save(update_fields=["name_da"])
    moderation.proposal_set_under_review(proposal=proposal, actor=ModeratorFactory())
    facts = _facts(page_text(client.get(proposal.get_absolute_url())))
    assert "Et nyt navn for området" in facts and "Under behandling" in facts
    assert area.sdgs.order_by("number").first().name_da in facts

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _facts(page_text(client.get(proposal.get_absolute_url())))
    assert area.name_en in english and "Under review" in english and "Place" in english


@pytest.mark.parametrize("signed_in", [False, True])
def test_detail_query_count_does_not_grow(
    client, citizen, published, django_assert_num_queries, signed_in
):
    if signed_in:
        login(client, citizen)
    first = CommentFactory(proposal=published)
    CommentFactory(proposal=published, parent=first)
    url = published.get_absolute_url()
    client.get(url)  # the process loads the taxonomy once
    public_pages_changed()
    expected = _queries(client, url)
    for _ in range(5):
        top = CommentFactory(proposal=published)
        CommentFactory.create_batch(2, proposal=published, parent=top)
    CommentFactory(proposal=published, author=citizen)
    ProposalEventFactory.create_batch(3, proposal=published)
    # Measure rendering, not the visitors' shared copy of it.
    public_pages_changed()
    with django_assert_num_queries(expected):
        client.get(url)


def test_visitors_share_one_rendering_of_a_proposal_until_it_changes(
    client, published, django_assert_num_queries
):
    url = published.get_absolute_url()
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert "Ingen kommentarer endnu." in client.get(url).content.decode()
    services.comment_create(proposal=published, author=UserFactory(), body="Frisk kommentar")
    assert "Frisk kommentar" in client.get(url).content.decode()


def test_a_change_to_one_proposal_keeps_the_shared_page_of_another(
    client, django_assert_num_queries
):
    quiet, busy = ProposalFactory(), ProposalFactory()
    client.get(quiet.get_absolute_url())
    client.get(busy.get_absolute_url())
    services.proposal_support(proposal=busy, user=UserFactory())
    services.comment_create(proposal=busy, author=UserFactory(), body="Ny kommentar")
    with django_assert_num_queries(0):
        assert client.get(quiet.get_absolute_url()).status_code == 200
    page = client.get(busy.get_absolute_url()).content.decode()
    assert "Ny kommentar" in page and "1 person støtter" in page


def test_a_renamed_commenter_shows_at_once_on_shared_pages(client, published):
    from engage.accounts.services import user_delete, user_update_profile

    author = UserFactory(display_name="Dorte Borger")
    comment = services.comment_create(proposal=published, author=author, body="Godt forslag")
    # A reply keeps the comment when its author's account goes (the privacy page says so).
    services.comment_create(proposal=published, author=UserFactory(), body="Ja", parent=comment)
    url = published.get_absolute_url()
    assert "Dorte Borger" in client.get(url).content.decode()
    user_update_profile(user=author, display_name="Dorte Ny")
    assert "Dorte Ny" in client.get(url).content.decode()
    user_delete(user=author)
    page = client.get(url).content.decode()
    assert "Dorte Ny" not in page and "Slettet bruger" in page


def test_a_renamed_focus_area_shows_at_once_on_a_shared_proposal_page(client):
    proposal = ProposalFactory(focus_area="truede-arter")
    url = proposal.get_absolute_url()
    area = FocusArea.objects.get(slug="truede-arter")
    assert area.name_da in client.get(url).content.decode()
    area.name_da = "Sjældne arter i kommunen"
    area.save(update_fields=["name_da"])
    assert "Sjældne arter i kommunen" in client.get(url).content.decode()


# ---------- focus area panel --------------------------------------------------------------


def test_focus_area_page_lists_latest_and_can_be_followed(client, citizen):
    area = FocusArea.objects.get(slug="klimahandlingsplan")
    for n in range(7):
        ProposalFactory(title=f"Klimaforslag {n}", focus_area=area, age=timedelta(days=n + 1))
    ProposalFactory(title="Skjult kladde", focus_area=area, status=Status.DRAFT)
    page_url = reverse("frontend:focus_area", args=[area.slug])
    html = page_text(client.get(page_url))
    assert "Klimaforslag 0" in html and "Klimaforslag 4" in html
    assert "Klimaforslag 5" not in html and "Skjult kladde" not in html
    assert "Følg dette fokusområde" not in html  # anonymous visitors cannot follow
    login(client, citizen)
    html = page_text(client.get(page_url))
    assert "Følg dette fokusområde" in html
    create_url = f"{reverse('frontend:proposal_create')}?focus_area={area.slug}"
    assert create_url in html
    assert f'value="area:{area.slug}" selected' in page_text(client.get(create_url))
    follow_url = reverse("frontend:focus_area_follow", args=[area.slug])
    response = client.post(follow_url, {"action": "follow"})
    assert response["Location"] == page_url
    assert FocusAreaFollow.objects.filter(user=citizen, focus_area=area).exists()
    response = client.post(follow_url, {"action": "unfollow"}, headers=HTMX)
    assert "<html" not in page_text(response)
    assert "Følg dette fokusområde" in page_text(response)
    assert not FocusAreaFollow.objects.exists()
    assert (
        client.post(reverse("frontend:focus_area_follow", args=["findes-ikke"])).status_code == 404
    )


# ---------- languages ---------------------------------------------------------------------


def test_danish_and_english_labels(client, published):
    danish = page_text(client.get(reverse("frontend:proposal_list")))
    assert "Skriv et forslag" in danish and "Nyeste" in danish and "Flest støtter" in danish
    english = page_text(
        client.get(reverse("frontend:proposal_list"), headers={"Accept-Language": "en"})
    )
    assert "Write a proposal" in english and "Most supported" in english
    detail = page_text(client.get(published.get_absolute_url(), headers={"Accept-Language": "en"}))
    assert "Log in to support" in detail and "Comments" in detail
    detail_da = page_text(client.get(published.get_absolute_url()))
    assert "Log ind for at støtte" in detail_da and "Kommentarer" in detail_da
