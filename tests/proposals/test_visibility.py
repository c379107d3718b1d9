"""Who sees what, at every entry point: written once (Proposal.objects.visible_to,
.listed(), proposals.rules.proposal_visible_to / comment_text_visible_to) and walked here
for each kind of unpublished or hidden content and each role."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from proposals.lifecycle import Status
from proposals.models import Comment, Proposal
from proposals.rules import comment_text_visible_to, proposal_visible_to
from tests.factories import ModeratorFactory, StaffFactory, UserFactory, give_totp
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ProposalImageFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"
ROLES = ("anonymous", "citizen", "author", "moderator")
# kind of content: (may open it, by role in ROLES order; is it on public lists)
KINDS = {
    "public": ((True, True, True, True), True),
    "draft": ((False, False, True, True), False),
    "submitted": ((False, False, True, True), False),
    "rejected": ((False, False, True, True), False),
    "hidden": ((False, False, True, True), False),
}


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def people():
    moderator = ModeratorFactory()
    give_totp(moderator)
    return {"author": UserFactory(), "citizen": UserFactory(), "moderator": moderator}


def _proposal(kind: str, author) -> Proposal:
    status = {"draft": Status.DRAFT, "submitted": Status.SUBMITTED, "rejected": Status.REJECTED}
    proposal = ProposalFactory(
        author=author, status=status.get(kind, Status.PUBLISHED), title=f"Synlighed{kind}"
    )
    if kind == "hidden":
        Proposal.objects.filter(pk=proposal.pk).update(
            hidden_at=timezone.now(), hidden_reason="Krænkende"
        )
        proposal.refresh_from_db()
    return proposal


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_every_entry_point_refuses_or_shows_a_proposal(people, kind, role):
    user = people.get(role)
    proposal = _proposal(kind, people["author"])
    image = ProposalImageFactory(proposal=proposal)
    may_open = KINDS[kind][0][ROLES.index(role)]
    listed = KINDS[kind][1]
    client = _client(user)
    opened = 200 if may_open else 404

    page = client.get(reverse("frontend:proposal_detail", args=[proposal.pk]))
    assert page.status_code == opened
    assert client.get(f"{API}/proposals/{proposal.pk}/").status_code == opened
    assert client.get(f"{API}/proposals/{proposal.pk}/comments/").status_code == opened
    assert client.get(image.get_absolute_url()).status_code == opened

    ids = [item["id"] for item in client.get(f"{API}/proposals/").json()["results"]]
    assert (proposal.pk in ids) is listed
    search = client.get(reverse("frontend:proposal_list"), {"q": proposal.title})
    link = f'href="{proposal.get_absolute_url()}"'
    assert (link in search.content.decode()) is listed  # the box repeats the query
    similar = client.get(reverse("frontend:proposal_similar"), {"title": proposal.title})
    assert (proposal.title in similar.content.decode()) is listed
    api_similar = client.get(f"{API}/proposals/similar/", {"title": proposal.title})
    assert (proposal.title in api_similar.content.decode()) is listed

    report = client.post(
        reverse("frontend:proposal_report", args=[proposal.pk]), {"reason": "spam"}
    )
    if user is None:
        assert report.status_code == 302  # to the login page
    elif not may_open:
        assert report.status_code == 404
    elif role in ("author",) or (not listed and kind != "public"):
        assert report.status_code in (403, 404)

    if user is not None:
        export = client.post(reverse("account_export")).content.decode()
        assert (proposal.title in export) is (role == "author")


COMMENT_KINDS = ("visible", "hidden", "on_hidden_proposal")


def _comment(kind: str, author, commenter) -> Comment:
    proposal = _proposal("hidden" if kind == "on_hidden_proposal" else "public", author)
    comment = CommentFactory(proposal=proposal, author=commenter, body=f"Kommentartekst{kind}")
    if kind == "hidden":
        Comment.objects.filter(pk=comment.pk).update(hidden_at=timezone.now())
    return comment


@pytest.mark.parametrize("kind", COMMENT_KINDS)
@pytest.mark.parametrize("role", [*ROLES, "commenter"])
def test_every_entry_point_refuses_or_shows_a_comment(people, kind, role):
    commenter = UserFactory()
    people = {**people, "commenter": commenter}
    user = people.get(role)
    comment = _comment(kind, people["author"], commenter)
    client = _client(user)
    proposal_open = kind != "on_hidden_proposal" or role in ("author", "moderator")
    # A hidden comment's text: for its author and moderators (comment_text_visible_to).
    text_shown = proposal_open and (kind != "hidden" or role in ("moderator", "commenter"))

    page = client.get(reverse("frontend:proposal_detail", args=[comment.proposal_id]))
    assert page.status_code == (200 if proposal_open else 404)
    assert (comment.body in page.content.decode()) is text_shown

    listing = client.get(f"{API}/proposals/{comment.proposal_id}/comments/")
    assert listing.status_code == (200 if proposal_open else 404)
    assert (comment.body in listing.content.decode()) is text_shown

    form = client.get(reverse("frontend:comment_report", args=[comment.pk]))
    if user is None:
        assert form.status_code == 302
    else:
        assert (comment.body in form.content.decode()) is (text_shown and form.status_code == 200)
        if not proposal_open:
            assert form.status_code == 404
        if kind == "hidden" and role == "citizen":
            assert form.status_code == 403

    if user is not None:
        export = client.post(reverse("account_export")).content.decode()
        assert (comment.body in export) is (role == "commenter")


def test_a_hidden_comment_cannot_be_read_on_its_report_form(people):
    """A moderator-hidden comment's text was shown to anyone signed in on its report
    form (sequential ids): now the form is refused and the text stays hidden."""
    comment = _comment("hidden", people["author"], UserFactory())
    response = _client(people["citizen"]).get(reverse("frontend:comment_report", args=[comment.pk]))
    assert response.status_code == 403
    assert comment.body not in response.content.decode()
    posted = _client(people["citizen"]).post(
        reverse("frontend:comment_report", args=[comment.pk]), {"reason": "spam"}
    )
    assert posted.status_code == 403


# ---------- the queryset and the predicate agree ---------------------------------------------


@pytest.mark.parametrize("role", [*ROLES, "team member", "admin"])
def test_the_queryset_and_the_rule_agree_for_every_kind_and_role(people, role):
    from tests.factories import AdminFactory

    member = StaffFactory()
    team = TeamFactory(members=[member])
    people = {**people, "team member": member, "admin": AdminFactory()}
    user = people.get(role)
    author = people["author"]
    proposals = [_proposal(kind, author) for kind in KINDS]
    proposals += [_proposal(kind, UserFactory()) for kind in KINDS]
    routed = ProposalFactory(status=Status.UNDER_REVIEW, team=team)
    Proposal.objects.filter(pk=routed.pk).update(hidden_at=timezone.now())
    proposals.append(Proposal.objects.get(pk=routed.pk))
    ProposalFactory(status=Status.MERGED)
    comments = [
        _comment(kind, author, commenter)
        for kind in COMMENT_KINDS
        for commenter in (author, UserFactory())
    ]
    everything = list(Proposal.objects.all())

    from django.contrib.auth.models import AnonymousUser

    viewer = user or AnonymousUser()
    visible = set(Proposal.objects.visible_to(viewer).values_list("pk", flat=True))
    assert visible == {p.pk for p in everything if proposal_visible_to(viewer, p)}
    listed = set(Proposal.objects.listed().values_list("pk", flat=True))
    assert listed <= visible
    visible_comments = set(Comment.objects.visible_to(viewer).values_list("pk", flat=True))
    for comment in Comment.objects.select_related("proposal"):
        assert (comment.pk in visible_comments) is proposal_visible_to(viewer, comment.proposal)
        if comment.hidden_at is None:
            assert comment_text_visible_to(viewer, comment) is (comment.pk in visible_comments)
    assert comments  # the walk above had comments of every kind
