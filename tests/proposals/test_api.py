"""The proposals REST API under /api/v1/: behaviour, permissions, bad input, limits, queries."""

import io
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone, translation
from PIL import Image
from rest_framework.test import APIClient

from engage.taxonomy.choices import taxonomy_kept_get
from proposals.lifecycle import InvalidTransition, Outcome, Status, transition_check
from proposals.models import Comment, FocusAreaFollow, Proposal, ProposalFollow, Report, Support
from proposals.services import proposal_transition
from tests.factories import AdminFactory, ModeratorFactory, UserFactory, give_totp
from tests.proposals.factories import (
    CommentFactory,
    ProposalEventFactory,
    ProposalFactory,
    ProposalImageFactory,
    SupportFactory,
    comment_add,
    support_add,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"
INSIDE = {"latitude": 57.05, "longitude": 9.92}  # inside the default MUNICIPALITY_BBOX
XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "javascript:alert(1)",
]


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Rate-limit counters and DRF throttles live in the cache; uploads go to a temp dir."""
    cache.clear()
    settings.MEDIA_ROOT = tmp_path
    yield
    cache.clear()


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anon() -> APIClient:
    return client_for()


@pytest.fixture
def citizen():
    return UserFactory()


@pytest.fixture
def moderator():
    user = ModeratorFactory()
    give_totp(user, recovery_codes=False)  # without MFA they are refused before any view
    return user


@pytest.fixture
def admin_user():
    user = AdminFactory()
    give_totp(user, recovery_codes=False)
    return user


def da(msgid: str) -> str:
    """The Danish text people (whose preferred language is Danish by default) get back."""
    with translation.override("da"):
        return translation.gettext(msgid)


def png_upload(name: str = "foto.png", size: tuple[int, int] = (64, 48)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


# --- list, filters, sorting, search, pagination ---------------------------------------------


def test_list_shows_only_open_public_proposals_newest_first(anon):
    older = ProposalFactory(age=timedelta(days=3))
    newer = ProposalFactory(age=timedelta(days=1))
    review = ProposalFactory(status=Status.UNDER_REVIEW, age=timedelta(days=2))
    answered = ProposalFactory(status=Status.ANSWERED, age=timedelta(days=4))
    for hidden in (Status.DRAFT, Status.SUBMITTED, Status.REJECTED):
        ProposalFactory(status=hidden)
    ProposalFactory(status=Status.MERGED, merged_into=older)

    response = anon.get(f"{API}/proposals/")

    assert response.status_code == 200
    assert ids(response) == [newer.pk, review.pk, older.pk, answered.pk]
    item = response.json()["results"][0]
    assert item["title"] == newer.title
    assert item["status"] == "published"
    assert item["theme"] == "klima"
    assert item["focus_area"] == "klimahandlingsplan"
    assert item["author"] == newer.author.display_name
    assert item["is_supported"] is False
    assert item["url"] == newer.get_absolute_url()
    assert "@" not in response.content.decode()  # never an email address


def test_list_marks_what_the_signed_in_user_supports(citizen):
    supported, other = ProposalFactory(), ProposalFactory()
    support_add(proposal=supported, user=citizen)

    response = client_for(citizen).get(f"{API}/proposals/")

    flags = {item["id"]: item["is_supported"] for item in response.json()["results"]}
    assert flags == {supported.pk: True, other.pk: False}
    assert {i["id"]: i["support_count"] for i in response.json()["results"]}[supported.pk] == 1


def test_filter_by_theme_focus_area_sdg_and_status(anon):
    climate = ProposalFactory(focus_area="klimahandlingsplan")  # SDG 13
    waste = ProposalFactory(focus_area="mindre-forbrug-affald")  # SDG 12
    species = ProposalFactory(focus_area="truede-arter", status=Status.UNDER_REVIEW)  # SDG 15
    lowland = ProposalFactory(focus_area="lavbundsjorde")  # SDGs 13 and 15

    def query(**params) -> set[int]:
        response = anon.get(f"{API}/proposals/", params)
        assert response.status_code == 200, response.json()
        return set(ids(response))

    assert query(theme="klima") == {climate.pk, lowland.pk}
    assert query(theme="ressourcer") == {waste.pk}
    assert query(focus_area="truede-arter") == {species.pk}
    assert query(sdg=15) == {species.pk, lowland.pk}
    assert query(sdg=13) == {climate.pk, lowland.pk}
    assert query(status="under_review") == {species.pk}
    assert query(theme="klima", sdg=15) == {lowland.pk}
    assert query(theme="no-such-theme") == set()


def test_sorts(anon):
    a = ProposalFactory(age=timedelta(days=5))
    b = ProposalFactory(age=timedelta(days=1))
    c = ProposalFactory(age=timedelta(days=3), status=Status.ANSWERED)
    Proposal.objects.filter(pk=a.pk).update(support_count=9, comment_count=1)
    Proposal.objects.filter(pk=b.pk).update(support_count=1, comment_count=7)
    Proposal.objects.filter(pk=c.pk).update(support_count=4, comment_count=3)
    d = ProposalFactory(age=timedelta(days=9), status=Status.ANSWERED)
    Proposal.objects.filter(pk=d.pk).update(answered_at=timezone.now())

    def order(sort: str) -> list[int]:
        response = anon.get(f"{API}/proposals/", {"sort": sort})
        assert response.status_code == 200
        return ids(response)

    assert order("newest") == [b.pk, c.pk, a.pk, d.pk]
    assert order("most_supported") == [a.pk, c.pk, b.pk, d.pk]
    assert order("most_discussed") == [b.pk, c.pk, a.pk, d.pk]
    assert order("recently_answered") == [d.pk, c.pk]  # only answered ones


def test_search_matches_words_in_title_and_body(anon):
    bikes = ProposalFactory(title="Cykelsti til skolen", body="Børnene skal cykle sikkert.")
    trees = ProposalFactory(title="Træer i parken", body="Mere skygge på legepladsen.")
    ProposalFactory(title="Bænke ved havnen", body="Flere steder at sidde.")

    response = anon.get(f"{API}/proposals/", {"q": "cykelsti"})
    assert ids(response) == [bikes.pk]
    response = anon.get(f"{API}/proposals/", {"q": "legepladsen skygge"})
    assert ids(response) == [trees.pk]
    assert ids(anon.get(f"{API}/proposals/", {"q": "rumraket"})) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Danish stemming needs PostgreSQL")
def test_search_understands_danish_word_forms(anon):
    bikes = ProposalFactory(title="Flere cykelstier", body="Ved skolerne i byen.")
    ProposalFactory(title="Træer i parken", body="Mere skygge.")

    # Singular and indefinite forms find the plural and definite ones.
    assert ids(anon.get(f"{API}/proposals/", {"q": "cykelsti"})) == [bikes.pk]
    assert ids(anon.get(f"{API}/proposals/", {"q": "skole"})) == [bikes.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "popular"}, "sort"),
        ({"sdg": "0"}, "sdg"),
        ({"sdg": "18"}, "sdg"),
        ({"sdg": "tretten"}, "sdg"),
        ({"status": "draft"}, "status"),  # not a public status
        ({"status": "submitted"}, "status"),
        ({"status": "nonsense"}, "status"),
    ],
)
def test_bad_filters_are_400_with_the_field_named(anon, params, field):
    response = anon.get(f"{API}/proposals/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert response.json()[field][0]


def test_pagination_and_page_size_cap(anon):
    author = UserFactory()
    now = timezone.now()
    area = ProposalFactory().focus_area
    Proposal.objects.bulk_create(
        Proposal(
            author=author,
            title=f"Forslag {i}",
            body="Tekst",
            status=Status.PUBLISHED,
            focus_area=area,
            theme=area.theme,
            published_at=now - timedelta(minutes=i),
        )
        for i in range(104)
    )  # plus the one from the factory: 105

    first = anon.get(f"{API}/proposals/", {"page_size": 10}).json()
    assert first["count"] == 105
    assert len(first["results"]) == 10
    assert "page=2" in first["next"] and first["previous"] is None
    second = anon.get(f"{API}/proposals/", {"page_size": 10, "page": 2}).json()
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}

    assert len(anon.get(f"{API}/proposals/", {"page_size": 500}).json()["results"]) == 100
    assert len(anon.get(f"{API}/proposals/").json()["results"]) == 25  # the default
    assert anon.get(f"{API}/proposals/", {"page": 99}).status_code == 404


def _busy_proposals(count: int) -> list[Proposal]:
    """Proposals with supports, comments, replies and images, for query counting."""
    proposals = []
    for i in range(count):
        proposal = ProposalFactory(
            focus_area=["klimahandlingsplan", "truede-arter", "lige-muligheder"][i % 3]
        )
        SupportFactory(proposal=proposal)
        comment = CommentFactory(proposal=proposal)
        CommentFactory(proposal=proposal, parent=comment)
        proposals.append(proposal)
    return proposals


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(("role", "queries"), [("anonymous", 2), ("citizen", 3)])
def test_list_runs_a_constant_number_of_queries(
    django_assert_num_queries, citizen, count, role, queries
):
    _busy_proposals(count)
    client = client_for(citizen if role == "citizen" else None)
    # anonymous: count + page. Signed in adds the user (the session, with the person's
    # roles, comes from the cache).
    with django_assert_num_queries(queries):
        response = client.get(f"{API}/proposals/", {"page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) == count


# --- detail ------------------------------------------------------------------------------


def test_detail_has_everything_a_page_needs(citizen):
    proposal = ProposalFactory(
        status=Status.ANSWERED,
        focus_area="truede-arter",
        body="Første afsnit.\n\nAndet afsnit med **fed** tekst.",
        location_text="Vestergade 1",
        latitude="57.050000",
        longitude="9.920000",
    )
    image = ProposalImageFactory(proposal=proposal, alt_text="Et vådområde")
    ProposalEventFactory(proposal=proposal, to_status=Status.PUBLISHED, note="Offentliggjort")
    ProposalEventFactory(proposal=proposal, note="Intern note", is_public=False)
    support_add(proposal=proposal, user=citizen)
    ProposalFollow.objects.create(proposal=proposal, user=citizen)

    response = client_for(citizen).get(f"{API}/proposals/{proposal.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert data["id"] == proposal.pk
    assert data["status"] == "answered"
    assert data["outcome"] == Outcome.ACCEPTED
    assert data["theme"] == "biodiversitet"
    assert data["focus_area"] == "truede-arter"
    assert data["sdgs"] == [15]
    assert data["author"] == proposal.author.display_name
    assert data["body_html"] == (
        "<p>Første afsnit.</p><p>Andet afsnit med <strong>fed</strong> tekst.</p>"
    )
    assert data["location_text"] == "Vestergade 1"
    assert data["latitude"] == "57.050000"
    assert data["support_count"] == 1
    assert data["is_supported"] is True
    assert data["is_followed"] is True
    assert data["is_own"] is False
    assert data["merged_into"] is None
    assert data["images"] == [
        {
            "id": image.pk,
            "url": f"/forslag/{image.proposal_id}/billeder/{image.pk}/",
            "alt_text": "Et vådområde",
            "width": 40,
            "height": 30,
        }
    ]
    assert [e["note"] for e in data["timeline"]] == ["Offentliggjort"]  # public ones only
    assert data["permissions"] == {
        "change": False,
        "delete": False,
        "submit": False,
        "support": True,
        "comment": True,
        "follow": True,
        "report": True,
    }
    assert proposal.author.email not in response.content.decode()


def test_detail_of_a_merged_proposal_points_to_the_target(anon):
    merged = ProposalFactory(status=Status.MERGED)
    data = anon.get(f"{API}/proposals/{merged.pk}/").json()
    assert data["merged_into"] == merged.merged_into_id
    assert data["is_supported"] is False and data["is_followed"] is False


def test_unknown_proposal_is_404(anon):
    assert anon.get(f"{API}/proposals/999999/").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_detail_runs_a_constant_number_of_queries(django_assert_max_num_queries, citizen, role):
    client = client_for(citizen if role == "citizen" else None)
    small, busy = _busy_proposals(2)
    ProposalImageFactory(proposal=busy)
    ProposalImageFactory(proposal=busy)
    for _ in range(5):
        SupportFactory(proposal=busy)
        CommentFactory(proposal=busy)
        ProposalEventFactory(proposal=busy)

    taxonomy_kept_get()  # kept by the process from now on
    # proposal with author; timeline; images when it has any. Signed in: + user and one
    # moderator check (the MFA middleware's; the selector reuses the answer kept on the
    # user object; the session comes from the cache)
    expected = 2 if role == "anonymous" else 4
    for proposal, images in ((small, 0), (busy, 1)):
        with django_assert_max_num_queries(expected + images):
            response = client.get(f"{API}/proposals/{proposal.pk}/")
        assert response.status_code == 200


# --- the author's own proposals ----------------------------------------------------------


def test_mine_lists_own_proposals_in_every_state(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT, age=timedelta(hours=1))
    submitted = ProposalFactory(author=citizen, status=Status.SUBMITTED, age=timedelta(hours=2))
    published = ProposalFactory(author=citizen, age=timedelta(hours=3))
    ProposalFactory()  # someone else's

    response = client_for(citizen).get(f"{API}/proposals/mine/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [draft.pk, submitted.pk, published.pk]
    assert [r["status"] for r in results] == ["draft", "submitted", "published"]
    assert results[1]["submitted_at"] is not None and results[0]["submitted_at"] is None


def test_mine_needs_a_signed_in_user(anon):
    assert anon.get(f"{API}/proposals/mine/").status_code == 403


# --- creating and editing drafts -----------------------------------------------------------


def test_create_draft(citizen):
    payload = {
        "title": "  Flere bænke  ",
        "body": "Ved stien langs åen.",
        "focus_area": "inkluderende-byplanlaegning",
        "location_text": "Åstien",
        **INSIDE,
    }
    response = client_for(citizen).post(f"{API}/proposals/", payload, format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    proposal = Proposal.objects.get(pk=data["id"])
    assert proposal.author == citizen
    assert proposal.status == Status.DRAFT
    assert proposal.title == "Flere bænke"
    assert proposal.theme.slug == "ulighed"  # follows the focus area
    assert str(proposal.latitude) == "57.050000"
    assert data["status"] == "draft"
    assert data["is_own"] is True
    assert data["permissions"]["change"] is True and data["permissions"]["submit"] is True
    assert data["body_html"] == "<p>Ved stien langs åen.</p>"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "Uden titel"}, "title"),
        ({"title": "", "body": "Tom titel"}, "title"),
        ({"title": "Uden tekst"}, "body"),
        ({"title": "T" * 141, "body": "For lang titel"}, "title"),
        (
            {"title": "Forkert tema", "body": "x", "theme": "klima", "focus_area": "truede-arter"},
            "focus_area",
        ),
        ({"title": "Ukendt", "body": "x", "focus_area": "no-such-area"}, "focus_area"),
        ({"title": "Ukendt", "body": "x", "theme": "no-such-theme"}, "theme"),
        ({"title": "Langt væk", "body": "x", "latitude": 55.68, "longitude": 12.57}, None),
        ({"title": "Halv", "body": "x", "latitude": 57.05}, None),
        ({"title": "Nordpolen", "body": "x", "latitude": 91, "longitude": 9.9}, "latitude"),
    ],
)
def test_create_refuses_bad_input(citizen, payload, field):
    response = client_for(citizen).post(f"{API}/proposals/", payload, format="json")

    assert response.status_code == 400
    (key, messages), *others = response.json().items()
    assert key == (field or "non_field_errors") and not others
    assert isinstance(messages, list) and messages[0]
    assert not Proposal.objects.exists()


def test_point_outside_the_municipality_says_so(citizen):
    payload = {"title": "København", "body": "x", "latitude": 55.68, "longitude": 12.57}
    response = client_for(citizen).post(f"{API}/proposals/", payload, format="json")
    expected = da("The location must be inside the municipality.")
    assert expected != "The location must be inside the municipality."  # it is translated
    assert response.json() == {"non_field_errors": [expected]}


def test_edit_draft(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT, focus_area="klimahandlingsplan")
    response = client_for(citizen).patch(
        f"{API}/proposals/{draft.pk}/",
        {"title": "Ny titel", "focus_area": "truede-arter", **INSIDE},
        format="json",
    )

    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    assert draft.title == "Ny titel"
    assert draft.body == ProposalFactory.body  # untouched
    assert (draft.theme.slug, draft.focus_area.slug) == ("biodiversitet", "truede-arter")
    assert response.json()["focus_area"] == "truede-arter"

    response = client_for(citizen).patch(
        f"{API}/proposals/{draft.pk}/", {"latitude": None, "longitude": None}, format="json"
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.latitude is None and draft.title == "Ny titel"


def test_edit_refuses_a_focus_area_of_another_theme(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)
    response = client_for(citizen).patch(
        f"{API}/proposals/{draft.pk}/",
        {"theme": "ressourcer", "focus_area": "truede-arter"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["focus_area"]


def test_delete_draft(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)
    assert client_for(citizen).delete(f"{API}/proposals/{draft.pk}/").status_code == 204
    assert not Proposal.objects.filter(pk=draft.pk).exists()


def test_submit_sends_a_draft_to_moderation(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)

    response = client_for(citizen).post(f"{API}/proposals/{draft.pk}/submit/")

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert [e["to_status"] for e in response.json()["timeline"]] == ["submitted"]
    assert ProposalFollow.objects.filter(proposal=draft, user=citizen).exists()
    # Submitting again conflicts with the proposal's state.
    again = client_for(citizen).post(f"{API}/proposals/{draft.pk}/submit/")
    assert again.status_code == 409
    with translation.override("da"), pytest.raises(InvalidTransition) as expected:
        transition_check(current=Status.SUBMITTED, target=Status.SUBMITTED)
    assert again.json() == {"detail": expected.value.messages[0]}


def test_submit_publishes_at_once_without_premoderation(citizen, settings):
    settings.PROPOSALS_PREMODERATION = False
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)
    response = client_for(citizen).post(f"{API}/proposals/{draft.pk}/submit/")
    assert response.json()["status"] == "published"
    assert response.json()["published_at"] is not None


@pytest.mark.parametrize(("method", "suffix"), [("patch", ""), ("delete", ""), ("post", "images/")])
def test_the_author_cannot_change_a_proposal_after_submitting(citizen, method, suffix):
    proposal = ProposalFactory(author=citizen, status=Status.SUBMITTED)
    data = {"image": png_upload(), "alt_text": "x"} if suffix else {"title": "Ny"}
    response = getattr(client_for(citizen), method)(
        f"{API}/proposals/{proposal.pk}/{suffix}",
        data,
        format="multipart" if suffix else "json",
    )
    assert response.status_code == 409
    assert response.json() == {"detail": da("Only drafts can be edited.")}
    proposal.refresh_from_db()
    assert proposal.title != "Ny" and not proposal.images.exists()


# --- images ------------------------------------------------------------------------------


def test_add_and_remove_images(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)
    client = client_for(citizen)

    response = client.post(
        f"{API}/proposals/{draft.pk}/images/",
        {"image": png_upload(size=(120, 80)), "alt_text": "Stien om vinteren"},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["width"], data["height"], data["alt_text"]) == (120, 80, "Stien om vinteren")
    assert data["url"] == f"/forslag/{draft.pk}/billeder/{data['id']}/"
    detail = client.get(f"{API}/proposals/{draft.pk}/").json()
    assert [i["id"] for i in detail["images"]] == [data["id"]]

    assert client.delete(f"{API}/proposals/{draft.pk}/images/{data['id']}/").status_code == 204
    assert not draft.images.exists()
    assert client.delete(f"{API}/proposals/{draft.pk}/images/{data['id']}/").status_code == 404


def test_image_of_another_proposal_cannot_be_removed_through_this_one(citizen):
    mine = ProposalFactory(author=citizen, status=Status.DRAFT)
    other_image = ProposalImageFactory(proposal=ProposalFactory(author=citizen, status="draft"))
    response = client_for(citizen).delete(f"{API}/proposals/{mine.pk}/images/{other_image.pk}/")
    assert response.status_code == 404
    assert other_image.__class__.objects.filter(pk=other_image.pk).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("virus.png", b"MZ not an image at all", content_type="image/png"),
            "The file is not an image we can read. Please upload a JPEG, PNG or WebP image.",
        ),
        (
            SimpleUploadedFile("huge.jpg", b"\xff" * (5 * 1024 * 1024 + 1), "image/jpeg"),
            "The image is larger than 5 MB. Please choose a smaller one.",
        ),
    ],
    ids=["not-an-image", "over-5-mb"],
)
def test_image_upload_refuses_bad_files(citizen, upload, message):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)
    response = client_for(citizen).post(
        f"{API}/proposals/{draft.pk}/images/",
        {"image": upload, "alt_text": "x"},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [da(message)]}
    assert not draft.images.exists()


def test_image_upload_needs_a_file_and_a_description(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)
    response = client_for(citizen).post(
        f"{API}/proposals/{draft.pk}/images/", {"alt_text": ""}, format="multipart"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"image", "alt_text"}


def test_fourth_image_is_refused(citizen):
    draft = ProposalFactory(author=citizen, status=Status.DRAFT)
    client = client_for(citizen)
    for n in range(3):
        response = client.post(
            f"{API}/proposals/{draft.pk}/images/",
            {"image": png_upload(f"{n}.png"), "alt_text": f"Billede {n}"},
            format="multipart",
        )
        assert response.status_code == 201
    response = client.post(
        f"{API}/proposals/{draft.pk}/images/",
        {"image": png_upload(), "alt_text": "Et for meget"},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [da("A proposal can have at most %(count)d images.") % {"count": 3}]
    }
    assert draft.images.count() == 3


# --- support and follow --------------------------------------------------------------------


def test_support_and_withdraw(citizen):
    proposal = ProposalFactory()
    client = client_for(citizen)

    first = client.post(f"{API}/proposals/{proposal.pk}/support/")
    assert first.status_code == 201
    assert first.json() == {"is_supported": True, "support_count": 1}
    again = client.post(f"{API}/proposals/{proposal.pk}/support/")
    assert again.status_code == 200
    assert again.json() == {"is_supported": True, "support_count": 1}
    assert Support.objects.filter(proposal=proposal).count() == 1

    assert client.delete(f"{API}/proposals/{proposal.pk}/support/").status_code == 204
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert not Support.objects.exists()


@pytest.mark.parametrize("status", [Status.MERGED, Status.REJECTED])
def test_closed_proposals_cannot_be_supported(moderator, status):
    # Rejected ones are hidden from citizens; a moderator sees them but may not support.
    proposal = ProposalFactory(status=status)
    response = client_for(moderator).post(f"{API}/proposals/{proposal.pk}/support/")
    assert response.status_code == 403
    assert not Support.objects.exists()


def test_follow_and_unfollow_proposal(citizen):
    proposal = ProposalFactory()
    client = client_for(citizen)
    assert client.post(f"{API}/proposals/{proposal.pk}/follow/").status_code == 201
    assert client.post(f"{API}/proposals/{proposal.pk}/follow/").status_code == 200
    assert client.get(f"{API}/proposals/{proposal.pk}/").json()["is_followed"] is True
    assert client.delete(f"{API}/proposals/{proposal.pk}/follow/").status_code == 204
    assert not ProposalFollow.objects.exists()


def test_unfollow_works_after_the_proposal_closed(citizen):
    proposal = ProposalFactory()
    ProposalFollow.objects.create(proposal=proposal, user=citizen)
    proposal_transition(
        proposal=proposal, target=Status.MERGED, actor=None, merged_into=ProposalFactory()
    )
    client = client_for(citizen)
    assert client.post(f"{API}/proposals/{proposal.pk}/follow/").status_code == 403
    assert client.delete(f"{API}/proposals/{proposal.pk}/follow/").status_code == 204
    assert not ProposalFollow.objects.exists()


def test_follow_and_unfollow_focus_area(citizen):
    client = client_for(citizen)
    response = client.post(f"{API}/focus-areas/truede-arter/follow/")
    assert response.status_code == 201
    assert response.json() == {"focus_area": "truede-arter", "is_followed": True}
    assert client.post(f"{API}/focus-areas/truede-arter/follow/").status_code == 200
    assert FocusAreaFollow.objects.get().focus_area.slug == "truede-arter"
    assert client.delete(f"{API}/focus-areas/truede-arter/follow/").status_code == 204
    assert not FocusAreaFollow.objects.exists()
    assert client.post(f"{API}/focus-areas/no-such-area/follow/").status_code == 404


# --- comments ------------------------------------------------------------------------------


def test_comment_thread_with_replies_and_deleted_markers(anon):
    proposal = ProposalFactory()
    first = comment_add(proposal=proposal, body="Første")
    reply = comment_add(proposal=proposal, body="Svar", parent=first)
    gone = comment_add(proposal=proposal, body="Fortrudt")
    comment_add(proposal=proposal, body="Svar på det fortrudte", parent=gone)
    Comment.objects.filter(pk=gone.pk).update(deleted_at=timezone.now(), body="", body_html="")

    response = anon.get(f"{API}/proposals/{proposal.pk}/comments/")

    assert response.status_code == 200
    data = response.json()
    assert [c["id"] for c in data] == [first.pk, gone.pk]
    assert data[0]["body"] == "Første"
    assert data[0]["body_html"] == "<p>Første</p>"
    assert data[0]["author"] == first.author.display_name
    assert data[0]["deleted"] is False
    assert [(r["id"], r["parent"], r["body"]) for r in data[0]["replies"]] == [
        (reply.pk, first.pk, "Svar")
    ]
    assert "replies" not in data[0]["replies"][0]  # one level only
    assert data[1]["deleted"] is True
    assert data[1]["body"] is None and data[1]["body_html"] is None and data[1]["author"] is None
    assert data[1]["replies"][0]["body"] == "Svar på det fortrudte"
    assert "@" not in response.content.decode()


def test_comment_list_runs_a_constant_number_of_queries(django_assert_max_num_queries, anon):
    quiet, busy = ProposalFactory(), ProposalFactory()
    CommentFactory(proposal=quiet)
    for _ in range(8):
        top = CommentFactory(proposal=busy)
        CommentFactory(proposal=busy, parent=top)
        CommentFactory(proposal=busy, parent=top)
    taxonomy_kept_get()  # kept by the process from now on
    # the proposal; every comment and reply with its author
    for proposal in (quiet, busy):
        with django_assert_max_num_queries(2):
            response = anon.get(f"{API}/proposals/{proposal.pk}/comments/")
        assert response.status_code == 200


def test_comment_and_reply(citizen):
    proposal = ProposalFactory()
    client = client_for(citizen)

    response = client.post(
        f"{API}/proposals/{proposal.pk}/comments/", {"body": "Godt tænkt"}, format="json"
    )
    assert response.status_code == 201, response.json()
    top = response.json()
    assert (top["body"], top["parent"], top["author"]) == ("Godt tænkt", None, citizen.display_name)

    reply = client.post(
        f"{API}/proposals/{proposal.pk}/comments/",
        {"body": "Enig", "parent": top["id"]},
        format="json",
    )
    assert reply.status_code == 201
    assert reply.json()["parent"] == top["id"]
    proposal.refresh_from_db()
    assert proposal.comment_count == 2

    deeper = client.post(
        f"{API}/proposals/{proposal.pk}/comments/",
        {"body": "Dybere", "parent": reply.json()["id"]},
        format="json",
    )
    assert deeper.status_code == 400
    assert deeper.json() == {
        "non_field_errors": [da("Replies can only be made to top-level comments.")]
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "   "}, "body"),
        ({}, "body"),
        ({"body": "x" * 4001}, "body"),
        ({"body": "x", "parent": 999999}, "parent"),
    ],
)
def test_comment_refuses_bad_input(citizen, payload, field):
    proposal = ProposalFactory()
    response = client_for(citizen).post(
        f"{API}/proposals/{proposal.pk}/comments/", payload, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Comment.objects.exists()


def test_reply_must_be_to_a_comment_on_the_same_proposal(citizen):
    proposal, other = ProposalFactory(), ProposalFactory()
    elsewhere = CommentFactory(proposal=other)
    response = client_for(citizen).post(
        f"{API}/proposals/{proposal.pk}/comments/",
        {"body": "Svar", "parent": elsewhere.pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [da("The reply must be to a comment on this proposal.")]
    }


def test_edit_comment_within_the_window_only(citizen, settings):
    comment = CommentFactory(author=citizen)
    client = client_for(citizen)

    response = client.patch(f"{API}/comments/{comment.pk}/", {"body": "Rettet"}, format="json")
    assert response.status_code == 200
    assert response.json()["body_html"] == "<p>Rettet</p>"
    assert response.json()["edited_at"] is not None

    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.COMMENT_EDIT_WINDOW_SECONDS + 1)
    )
    late = client.patch(f"{API}/comments/{comment.pk}/", {"body": "For sent"}, format="json")
    assert late.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Rettet"


def test_delete_comment_leaves_a_marker(citizen):
    comment = comment_add(proposal=ProposalFactory(), author=citizen, body="Hov")
    client = client_for(citizen)
    assert client.delete(f"{API}/comments/{comment.pk}/").status_code == 204
    comment.refresh_from_db()
    assert comment.is_deleted and comment.body == ""
    assert comment.proposal.comment_count == 0
    # A deleted comment can be neither edited nor deleted again.
    edit = client.patch(f"{API}/comments/{comment.pk}/", {"body": "x"}, format="json")
    assert edit.status_code == 403
    assert client.delete(f"{API}/comments/{comment.pk}/").status_code == 403


def test_comments_on_a_closed_proposal_are_refused(citizen):
    proposal = ProposalFactory(status=Status.MERGED)
    response = client_for(citizen).post(
        f"{API}/proposals/{proposal.pk}/comments/", {"body": "Hej"}, format="json"
    )
    assert response.status_code == 403


# --- reports -------------------------------------------------------------------------------


def test_report_proposal_and_comment(citizen):
    proposal = ProposalFactory()
    comment = CommentFactory(proposal=proposal)
    client = client_for(citizen)

    response = client.post(
        f"{API}/proposals/{proposal.pk}/report/", {"reason": "spam"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["reason"] == "spam"
    response = client.post(
        f"{API}/comments/{comment.pk}/report/",
        {"reason": "other", "details": "Personangreb"},
        format="json",
    )
    assert response.status_code == 201
    assert Report.objects.filter(reporter=citizen).count() == 2
    assert Report.objects.get(comment=comment).details == "Personangreb"

    duplicate = client.post(
        f"{API}/proposals/{proposal.pk}/report/", {"reason": "spam"}, format="json"
    )
    assert duplicate.status_code == 400
    assert duplicate.json() == {
        "non_field_errors": [da("You have already reported this. The moderators will look at it.")]
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [({}, "reason"), ({"reason": "boring"}, "reason"), ({"reason": "other"}, "details")],
)
def test_report_refuses_bad_input(citizen, payload, field):
    proposal = ProposalFactory()
    response = client_for(citizen).post(
        f"{API}/proposals/{proposal.pk}/report/", payload, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Report.objects.exists()


# --- similar proposals ----------------------------------------------------------------------


def test_similar_proposals(anon):
    bikes = ProposalFactory(title="Cykelsti til skolen langs havnen")
    Proposal.objects.filter(pk=bikes.pk).update(support_count=7)
    draft = ProposalFactory(title="Cykelsti til skolen", status=Status.DRAFT)  # not public
    trees = ProposalFactory(title="Træer i parken")
    others = [ProposalFactory(title=f"Ny cykelsti nummer {n}") for n in range(6)]

    response = anon.get(f"{API}/proposals/similar/", {"title": "En cykelsti til skolen"})

    assert response.status_code == 200
    data = response.json()
    assert len(data) == 5  # at most five
    assert data[0] == {
        "id": bikes.pk,
        "title": bikes.title,
        "support_count": 7,
        "url": bikes.get_absolute_url(),
    }
    assert {item["id"] for item in data[1:]} < {p.pk for p in others}
    assert draft.pk not in {item["id"] for item in data}
    assert trees.pk not in {item["id"] for item in data}

    # While editing, the proposal itself is left out.
    response = anon.get(
        f"{API}/proposals/similar/", {"title": "cykelsti skolen havnen", "exclude": bikes.pk}
    )
    assert bikes.pk not in {item["id"] for item in response.json()}
    assert anon.get(f"{API}/proposals/similar/").status_code == 400
    assert anon.get(f"{API}/proposals/similar/", {"title": "på"}).json() == []


# --- escaping ------------------------------------------------------------------------------


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += attrs


def _assert_harmless(markup: str) -> None:
    """Only the light-formatting tags, no event handlers, no javascript: links."""
    parsed = _Markup()
    parsed.feed(markup)
    assert parsed.tags <= {"p", "br", "strong", "em", "ul", "li", "a"}
    assert "<script" not in markup.lower() and "<img" not in markup.lower()
    for name, value in parsed.attributes:
        assert not name.startswith("on"), name
        if name == "href":
            assert value.startswith(("http://", "https://")), value


@pytest.mark.parametrize("payload", XSS)
def test_markup_in_proposals_and_comments_comes_back_escaped(citizen, payload):
    client = client_for(citizen)
    created = client.post(
        f"{API}/proposals/", {"title": payload[:140], "body": payload}, format="json"
    )
    assert created.status_code == 201
    _assert_harmless(created.json()["body_html"])
    assert created.json()["title"] == payload[:140].strip()  # JSON text, never HTML
    assert created["Content-Type"] == "application/json"

    proposal = ProposalFactory()
    comment = client.post(
        f"{API}/proposals/{proposal.pk}/comments/", {"body": payload}, format="json"
    )
    assert comment.status_code == 201
    _assert_harmless(comment.json()["body_html"])
    thread = client.get(f"{API}/proposals/{proposal.pk}/comments/").json()
    _assert_harmless(thread[0]["body_html"])


def test_script_tags_are_escaped_not_dropped(citizen):
    response = client_for(citizen).post(
        f"{API}/proposals/",
        {"title": "x", "body": "<script>alert(1)</script> og <b>fed</b>"},
        format="json",
    )
    assert response.json()["body_html"] == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; og &lt;b&gt;fed&lt;/b&gt;</p>"
    )


# --- rate limits ---------------------------------------------------------------------------


# Fixed windows: a day-long one will not roll over in the middle of a test.
DAY = 24 * 3600


def _assert_rate_limited(response) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= DAY
    assert response.json() == {
        "detail": da("You are doing that too often. Please wait a little and try again.")
    }


def test_comment_rate_limit(citizen, settings):
    settings.PROPOSALS_RATE_LIMITS = {**settings.PROPOSALS_RATE_LIMITS, "comment": (2, DAY)}
    proposal = ProposalFactory()
    client = client_for(citizen)
    url = f"{API}/proposals/{proposal.pk}/comments/"
    for n in range(2):
        assert client.post(url, {"body": f"Nr {n}"}, format="json").status_code == 201
    _assert_rate_limited(client.post(url, {"body": "En for meget"}, format="json"))
    assert Comment.objects.count() == 2
    # Someone else is not affected.
    assert client_for(UserFactory()).post(url, {"body": "Hej"}, format="json").status_code == 201


def test_submit_rate_limit(citizen, settings):
    settings.PROPOSALS_RATE_LIMITS = {**settings.PROPOSALS_RATE_LIMITS, "submit": (1, DAY)}
    first, second = (ProposalFactory(author=citizen, status=Status.DRAFT) for _ in range(2))
    client = client_for(citizen)
    assert client.post(f"{API}/proposals/{first.pk}/submit/").status_code == 200
    _assert_rate_limited(client.post(f"{API}/proposals/{second.pk}/submit/"))
    second.refresh_from_db()
    assert second.status == Status.DRAFT


def test_support_and_report_rate_limits(citizen, settings):
    settings.PROPOSALS_RATE_LIMITS = {
        **settings.PROPOSALS_RATE_LIMITS,
        "support": (1, DAY),
        "report": (1, DAY),
    }
    a, b = ProposalFactory(), ProposalFactory()
    client = client_for(citizen)
    assert client.post(f"{API}/proposals/{a.pk}/support/").status_code == 201
    _assert_rate_limited(client.post(f"{API}/proposals/{b.pk}/support/"))
    body = {"reason": "spam"}
    assert client.post(f"{API}/proposals/{a.pk}/report/", body, format="json").status_code == 201
    _assert_rate_limited(client.post(f"{API}/proposals/{b.pk}/report/", body, format="json"))


# --- who may do what -------------------------------------------------------------------------

ROLES = ("anonymous", "citizen", "author", "moderator", "admin")


@pytest.fixture
def world():
    """One author's proposals in several states, a comment, and that author."""
    author = UserFactory()
    published = ProposalFactory(author=author)
    objects = {
        "draft": ProposalFactory(author=author, status=Status.DRAFT),
        "submitted": ProposalFactory(author=author, status=Status.SUBMITTED),
        "published": published,
        "merged": ProposalFactory(author=author, status=Status.MERGED),
        "comment": CommentFactory(proposal=published, author=author),
    }
    objects["image"] = ProposalImageFactory(proposal=objects["draft"])
    return objects, author


def _client_as(role: str, request, author) -> APIClient:
    users = {"anonymous": None, "author": author}
    if role in users:
        return client_for(users[role])
    fixture = {"citizen": "citizen", "moderator": "moderator", "admin": "admin_user"}[role]
    return client_for(request.getfixturevalue(fixture))  # only the role this test needs


def _image_body():
    return {"image": png_upload(), "alt_text": "Et billede"}


# (method, path, body, format) → expected status for anonymous, citizen, author, moderator, admin.
# Anonymous writes are 403 (DRF with session authentication has no 401 challenge). Drafts
# and submitted proposals exist only for their author and moderators (404 for others).
# Admins act as moderators here: for an object the rules decide, not the superuser flag.
MATRIX = [
    ("get", "/proposals/", None, None, (200, 200, 200, 200, 200)),
    ("get", "/proposals/{draft}/", None, None, (404, 404, 200, 200, 200)),
    ("get", "/proposals/{submitted}/", None, None, (404, 404, 200, 200, 200)),
    ("get", "/proposals/{published}/", None, None, (200, 200, 200, 200, 200)),
    ("get", "/proposals/{merged}/", None, None, (200, 200, 200, 200, 200)),
    ("get", "/proposals/mine/", None, None, (403, 200, 200, 200, 200)),
    ("get", "/proposals/similar/?title=forslag", None, None, (200, 200, 200, 200, 200)),
    ("post", "/proposals/", {"title": "T", "body": "B"}, "json", (403, 201, 201, 201, 201)),
    ("patch", "/proposals/{draft}/", {"title": "Ny"}, "json", (403, 404, 200, 403, 403)),
    ("patch", "/proposals/{submitted}/", {"title": "Ny"}, "json", (403, 404, 409, 403, 403)),
    ("patch", "/proposals/{published}/", {"title": "Ny"}, "json", (403, 403, 409, 403, 403)),
    ("delete", "/proposals/{draft}/", None, None, (403, 404, 204, 403, 403)),
    ("delete", "/proposals/{published}/", None, None, (403, 403, 409, 403, 403)),
    ("post", "/proposals/{draft}/submit/", None, None, (403, 404, 200, 403, 403)),
    ("post", "/proposals/{submitted}/submit/", None, None, (403, 404, 409, 403, 403)),
    ("post", "/proposals/{published}/submit/", None, None, (403, 403, 409, 403, 403)),
    ("post", "/proposals/{draft}/images/", _image_body, "multipart", (403, 404, 201, 403, 403)),
    ("delete", "/proposals/{draft}/images/{image}/", None, None, (403, 404, 204, 403, 403)),
    ("post", "/proposals/{published}/support/", None, None, (403, 201, 201, 201, 201)),
    ("delete", "/proposals/{published}/support/", None, None, (403, 204, 204, 204, 204)),
    ("post", "/proposals/{submitted}/support/", None, None, (403, 404, 403, 403, 403)),
    ("post", "/proposals/{merged}/support/", None, None, (403, 403, 403, 403, 403)),
    ("post", "/proposals/{published}/follow/", None, None, (403, 201, 201, 201, 201)),
    ("delete", "/proposals/{published}/follow/", None, None, (403, 204, 204, 204, 204)),
    ("post", "/proposals/{draft}/follow/", None, None, (403, 404, 403, 403, 403)),
    ("get", "/proposals/{published}/comments/", None, None, (200, 200, 200, 200, 200)),
    ("get", "/proposals/{draft}/comments/", None, None, (404, 404, 200, 200, 200)),
    (
        "post",
        "/proposals/{published}/comments/",
        {"body": "Hej"},
        "json",
        (403, 201, 201, 201, 201),
    ),
    ("post", "/proposals/{merged}/comments/", {"body": "Hej"}, "json", (403, 403, 403, 403, 403)),
    ("patch", "/comments/{comment}/", {"body": "Rettet"}, "json", (403, 403, 200, 403, 403)),
    ("delete", "/comments/{comment}/", None, None, (403, 403, 204, 204, 204)),
    (
        "post",
        "/proposals/{published}/report/",
        {"reason": "spam"},
        "json",
        (403, 201, 403, 201, 201),
    ),
    ("post", "/comments/{comment}/report/", {"reason": "spam"}, "json", (403, 201, 403, 201, 201)),
    ("post", "/focus-areas/truede-arter/follow/", None, None, (403, 201, 201, 201, 201)),
    ("delete", "/focus-areas/truede-arter/follow/", None, None, (403, 204, 204, 204, 204)),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "fmt", "expected"),
    MATRIX,
    ids=[f"{m.upper()} {p}" for m, p, *_ in MATRIX],
)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, world, role, method, path, body, fmt, expected):
    objects, author = world
    client = _client_as(role, request, author)
    url = API + path.format(**{name: obj.pk for name, obj in objects.items()})
    data = body() if callable(body) else body
    kwargs = {"format": fmt} if fmt else {}
    response = getattr(client, method)(url, data, **kwargs)
    assert response.status_code == expected[ROLES.index(role)], response.content.decode()[:300]


def test_moderators_without_mfa_are_refused():
    moderator = ModeratorFactory()  # no TOTP
    response = client_for(moderator).get(f"{API}/proposals/")
    assert response.status_code == 403
    assert "Two-factor" in response.json()["detail"]


def test_errors_for_anonymous_writes_say_why(anon):
    response = anon.post(f"{API}/proposals/", {"title": "T", "body": "B"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == da("Authentication credentials were not provided.")


def test_messages_follow_the_users_language(settings):
    english = UserFactory(preferred_language="en")
    response = client_for(english).post(
        f"{API}/proposals/",
        {"title": "x", "body": "y", "latitude": 1, "longitude": 1},
        format="json",
    )
    assert response.json() == {
        "non_field_errors": ["The location must be inside the municipality."]
    }


# --- the schema ------------------------------------------------------------------------------


def test_every_endpoint_is_in_the_openapi_schema(anon):
    response = anon.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    expected = {
        "/api/v1/proposals/": {"get", "post"},
        "/api/v1/proposals/{id}/": {"get", "patch", "delete"},
        "/api/v1/proposals/mine/": {"get"},
        "/api/v1/proposals/similar/": {"get"},
        "/api/v1/proposals/{id}/submit/": {"post"},
        "/api/v1/proposals/{id}/images/": {"post"},
        "/api/v1/proposals/{id}/images/{image_id}/": {"delete"},
        "/api/v1/proposals/{id}/support/": {"post", "delete"},
        "/api/v1/proposals/{id}/follow/": {"post", "delete"},
        "/api/v1/proposals/{id}/report/": {"post"},
        "/api/v1/proposals/{id}/comments/": {"get", "post"},
        "/api/v1/comments/{id}/": {"patch", "delete"},
        "/api/v1/comments/{id}/report/": {"post"},
        "/api/v1/focus-areas/{slug}/follow/": {"post", "delete"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    list_params = {p["name"] for p in paths["/api/v1/proposals/"]["get"]["parameters"]}
    assert {"theme", "focus_area", "sdg", "status", "q", "sort", "page", "page_size"} <= list_params


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_items_built_directly_equal_drfs_field_by_field(citizen, signed_in):
    """ProposalListItemSerializer builds its dict by hand for speed; it must say exactly
    what DRF's generic serialisation of the declared fields says."""
    from rest_framework import serializers as drf

    from proposals.api.serializers import ProposalListItemSerializer
    from proposals.selectors.public import ProposalFilters, proposal_list_public

    ProposalFactory(theme=None, focus_area=None, location_text="Torvet")
    answered = ProposalFactory(status=Status.ANSWERED, focus_area="truede-arter")
    SupportFactory(proposal=answered, user=citizen)
    # An author who deleted the account is shown by the marker name.
    ProposalFactory(author=UserFactory(deleted_at=timezone.now()))
    user = citizen if signed_in else None
    proposals = list(proposal_list_public(filters=ProposalFilters(), user=user))
    serializer = ProposalListItemSerializer()
    for proposal in proposals:
        generic = drf.Serializer.to_representation(serializer, proposal)
        assert serializer.to_representation(proposal) == dict(generic)
    assert (
        any(
            item.get("is_supported")
            for item in [serializer.to_representation(p) for p in proposals]
        )
        is signed_in
    )
