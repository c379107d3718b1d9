"""Every read of proposals: who sees what, filters, sorting, and a constant number of queries."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engage.taxonomy.choices import taxonomy_kept_get
from engage.taxonomy.models import SDG, FocusArea
from proposals.lifecycle import Outcome, Status
from proposals.models import Proposal
from proposals.selectors.page import (
    comment_list_for_proposal,
    proposal_get_visible,
    proposal_page_get_visible,
    proposal_timeline_list,
)
from proposals.selectors.public import (
    ProposalFilters,
    focus_area_slugs_followed,
    proposal_list_for_author,
    proposal_list_public,
    proposal_list_similar,
)
from proposals.services import comment_create, proposal_follow, proposal_support
from tests.factories import AdminFactory, ModeratorFactory, UserFactory, field_values
from tests.proposals.factories import (
    CommentFactory,
    FocusAreaFollowFactory,
    ProposalEventFactory,
    ProposalFactory,
    SupportFactory,
)

pytestmark = pytest.mark.django_db

ALL_STATUSES = list(Status)
LISTED = {Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED}


def pks(rows) -> list[int]:
    return [row.pk for row in rows]


def listed(**filters) -> list[int]:
    return pks(proposal_list_public(filters=ProposalFilters(**filters)))


# --- visibility of one proposal ---

# viewer → statuses that viewer may open (written out, not derived from the code).
EVERYONE = {Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED, Status.MERGED}
VISIBLE = {
    "nobody": EVERYONE,
    "anonymous": EVERYONE,
    "citizen": EVERYONE,
    "author": set(Status),
    "moderator": set(Status),
    "admin": set(Status),
}


def _viewer(role: str, proposal: Proposal):
    return {
        "nobody": lambda: None,
        "anonymous": AnonymousUser,
        "citizen": UserFactory,
        "author": lambda: proposal.author,
        "moderator": ModeratorFactory,
        "admin": AdminFactory,
    }[role]()


@pytest.mark.parametrize("status", ALL_STATUSES, ids=str)
@pytest.mark.parametrize("role", list(VISIBLE))
def test_proposal_get_visible(role, status):
    proposal = ProposalFactory(status=status)
    viewer = _viewer(role, proposal)
    if status in VISIBLE[role]:
        assert proposal_get_visible(pk=proposal.pk, user=viewer) == proposal
    else:
        with pytest.raises(Proposal.DoesNotExist):
            proposal_get_visible(pk=proposal.pk, user=viewer)


def test_proposal_get_visible_unknown_pk():
    with pytest.raises(Proposal.DoesNotExist):
        proposal_get_visible(pk=987654, user=AdminFactory())


def test_proposal_get_visible_annotates_support_and_follow():
    proposal = ProposalFactory()
    user = UserFactory()
    found = proposal_get_visible(pk=proposal.pk, user=user)
    assert (found.is_supported, found.is_followed) == (False, False)
    proposal_support(proposal=proposal, user=user)
    proposal_follow(proposal=proposal, user=user)
    found = proposal_get_visible(pk=proposal.pk, user=user)
    assert (found.is_supported, found.is_followed) == (True, True)
    assert not hasattr(proposal_get_visible(pk=proposal.pk, user=None), "is_supported")


# --- the public list ---


def test_list_shows_only_listed_statuses():
    by_status = {status: ProposalFactory(status=status) for status in Status}
    shown = set(listed())
    # MERGED proposals are public, but the list shows only the one they were merged into.
    expected = {by_status[s].pk for s in LISTED} | {by_status[Status.MERGED].merged_into_id}
    assert shown == expected


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED])
def test_filter_by_status(status):
    rows = {s: ProposalFactory(status=s) for s in LISTED}
    assert listed(status=status) == [rows[status].pk]


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "merged", "bogus"])
def test_filter_by_unlisted_status_is_ignored_and_reveals_nothing(status):
    public = ProposalFactory()
    ProposalFactory(status=Status.DRAFT)
    ProposalFactory(status=Status.SUBMITTED)
    ProposalFactory(status=Status.REJECTED)
    assert listed(status=status) == [public.pk]


def test_filter_by_theme_and_focus_area():
    climate = ProposalFactory(focus_area="klimahandlingsplan")
    climate_other_area = ProposalFactory(focus_area="lavbundsjorde")
    nature = ProposalFactory(focus_area="truede-arter")
    ProposalFactory(focus_area=None)
    assert set(listed(theme="klima")) == {climate.pk, climate_other_area.pk}
    assert listed(theme="biodiversitet") == [nature.pk]
    assert listed(focus_area="lavbundsjorde") == [climate_other_area.pk]
    assert listed(theme="klima", focus_area="truede-arter") == []
    assert listed(theme="findes-ikke") == []


def test_filter_by_sdg():
    area_a = FocusArea.objects.get(slug="klimahandlingsplan")
    area_b = FocusArea.objects.get(slug="truede-arter")
    only_a = set(area_a.sdgs.values_list("number", flat=True)) - set(
        area_b.sdgs.values_list("number", flat=True)
    )
    assert only_a, "the taxonomy should give these focus areas different SDGs"
    number = min(only_a)
    in_a = ProposalFactory(focus_area=area_a)
    ProposalFactory(focus_area=area_b)
    ProposalFactory(focus_area=None)
    assert listed(sdg=number) == [in_a.pk]
    unused = set(range(1, 18)) - set(
        SDG.objects.filter(focus_areas__isnull=False).values_list("number", flat=True)
    )
    if unused:
        assert listed(sdg=min(unused)) == []


def test_filter_by_sdg_does_not_duplicate_rows():
    area = FocusArea.objects.get(slug="klimahandlingsplan")
    proposal = ProposalFactory(focus_area=area)
    for number in area.sdgs.values_list("number", flat=True):
        assert listed(sdg=number) == [proposal.pk]


def test_filter_by_text():
    wanted = ProposalFactory(title="Flere cykelstier til skolen")
    ProposalFactory(title="Mere affaldssortering", body="Sorteringen skal være lettere.")
    ProposalFactory(title="Flere cykelstier", status=Status.DRAFT)
    assert listed(q="cykelstier") == [wanted.pk]
    assert listed(q="cykelstier skolen") == [wanted.pk]
    assert listed(q="cykelstier rådhuset") == []
    assert len(listed(q="   ")) == 2


def _sorted_fixture():
    now = timezone.now()
    a = ProposalFactory(published_at=now - timedelta(days=3), support_count=5, comment_count=1)
    b = ProposalFactory(published_at=now - timedelta(days=1), support_count=1, comment_count=9)
    c = ProposalFactory(
        status=Status.ANSWERED,
        outcome=Outcome.IMPLEMENTED,
        published_at=now - timedelta(days=5),
        answered_at=now - timedelta(hours=1),
        support_count=3,
        comment_count=3,
    )
    d = ProposalFactory(
        status=Status.ANSWERED,
        published_at=now - timedelta(days=2),
        answered_at=now - timedelta(days=1),
        support_count=5,
        comment_count=0,
    )
    return a, b, c, d


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", "b d a c"),
        ("most_supported", "d a c b"),  # a tie on supports goes to the newer one
        ("most_discussed", "b c a d"),
        ("recently_answered", "c d"),  # only answered proposals
        ("nonsense", "b d a c"),  # unknown sorts fall back to newest
    ],
)
def test_sort_orders(sort, expected):
    rows = dict(zip("abcd", _sorted_fixture(), strict=True))
    assert listed(sort=sort) == [rows[name].pk for name in expected.split()]


def test_is_supported_for_a_signed_in_user():
    supported, other = ProposalFactory.create_batch(2)
    user = UserFactory()
    SupportFactory(proposal=supported, user=user)
    SupportFactory(proposal=other)  # someone else's support
    rows = {
        p.pk: p.is_supported for p in proposal_list_public(filters=ProposalFilters(), user=user)
    }
    assert rows == {supported.pk: True, other.pk: False}
    anonymous_rows = proposal_list_public(filters=ProposalFilters(), user=AnonymousUser())
    assert not any(hasattr(p, "is_supported") for p in anonymous_rows)


def _list_queries(user) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        rows = list(proposal_list_public(filters=ProposalFilters(sort="most_supported"), user=user))
        for row in rows:
            str(row.author.public_name), str(row.theme.name), str(row.focus_area.name)
            row.is_supported  # noqa: B018
    return len(context.captured_queries), len(rows)


def test_list_queries_do_not_grow_with_rows():
    user = UserFactory()
    areas = list(FocusArea.objects.all()[:5])
    first = [ProposalFactory(focus_area=areas[i % 5]) for i in range(3)]
    SupportFactory(proposal=first[0], user=user)
    few, count = _list_queries(user)
    assert count == 3
    more = [ProposalFactory(focus_area=areas[i % 5]) for i in range(27)]
    for proposal in more[::3]:
        SupportFactory(proposal=proposal, user=user)
    many, count = _list_queries(user)
    assert count == 30
    assert many == few == 1


# --- similar proposals ---


def test_similar_proposals():
    bike = ProposalFactory(title="Flere cykelstier i byen", support_count=2)
    bike_popular = ProposalFactory(title="Sikre cykelstier ved skolen", support_count=9)
    ProposalFactory(title="Flere træer i parken")
    ProposalFactory(title="Cykelstier overalt", status=Status.DRAFT)
    ProposalFactory(title="Cykelstier til alle", status=Status.REJECTED)

    found = proposal_list_similar(text="Cykelstier!")
    assert set(pks(found)) == {bike.pk, bike_popular.pk}
    assert pks(proposal_list_similar(text="cykelstier", exclude_pk=bike.pk)) == [bike_popular.pk]
    assert len(proposal_list_similar(text="cykelstier", limit=1)) == 1


@pytest.mark.parametrize("text", ["", "   ", "i en på"])
def test_similar_needs_meaningful_words(text):
    ProposalFactory(title="i en på")
    assert proposal_list_similar(text=text) == []


# --- comments ---


def _discussion(proposal, tops: int, replies: int):
    made = []
    for i in range(tops):
        top = comment_create(proposal=proposal, author=UserFactory(), body=f"Kommentar {i}")
        made.append(
            (
                top,
                [
                    comment_create(
                        proposal=proposal, author=UserFactory(), body=f"Svar {i}.{j}", parent=top
                    )
                    for j in range(replies)
                ],
            )
        )
    return made


def _walk(comments) -> list:
    return [
        (c.pk, c.author.public_name, [(r.pk, r.author.public_name) for r in c.reply_list])
        for c in comments
    ]


def test_comment_list_with_replies_in_constant_queries(django_assert_num_queries):
    proposal = ProposalFactory()
    made = _discussion(proposal, tops=3, replies=2)
    _discussion(ProposalFactory(), tops=1, replies=1)  # another proposal's comments stay out

    # the comments and their replies, each with its author
    with django_assert_num_queries(1):
        walked = _walk(comment_list_for_proposal(proposal=proposal))

    assert walked == [
        (top.pk, top.author.public_name, [(r.pk, r.author.public_name) for r in replies])
        for top, replies in made
    ]

    _discussion(proposal, tops=5, replies=3)
    with django_assert_num_queries(1):
        walked = _walk(comment_list_for_proposal(proposal=proposal))
    assert len(walked) == 8
    assert sum(len(replies) for _pk, _name, replies in walked) == 6 + 15


def test_comment_list_keeps_deleted_comments_with_replies():
    from proposals.services import comment_delete

    proposal = ProposalFactory()
    [(top, [reply])] = _discussion(proposal, tops=1, replies=1)
    comment_delete(comment=top)
    [shown] = comment_list_for_proposal(proposal=proposal)
    assert shown.pk == top.pk and shown.is_deleted
    assert pks(shown.reply_list) == [reply.pk]


# --- the proposal page in one statement ---


@pytest.mark.parametrize("role", ["anonymous", "citizen", "author", "moderator"])
def test_proposal_page_is_what_the_three_reads_give(role):
    """One statement gives the proposal (with its flags), the comment tree and the public
    timeline exactly as proposal_get_visible, comment_list_for_proposal and
    proposal_timeline_list do, for every kind of viewer."""
    proposal = ProposalFactory(location_text="Torvet", latitude="56.100000", longitude="10.100000")
    made = _discussion(proposal, tops=2, replies=2)
    _discussion(ProposalFactory(), tops=1, replies=1)  # another proposal's comments stay out
    # Written last but dated first: the order is by time, not by id.
    long_ago = timezone.now() - timedelta(days=30)
    oldest = CommentFactory(proposal=proposal, created_at=long_ago)
    ProposalEventFactory(proposal=proposal, note="Så", created_at=long_ago + timedelta(days=1))
    ProposalEventFactory(proposal=proposal, note="Kun for de ansatte", is_public=False)
    ProposalEventFactory(proposal=proposal, note="Først", created_at=long_ago)
    viewer = _viewer(role, proposal)
    if role == "citizen":
        proposal_support(proposal=proposal, user=viewer)
        proposal_follow(proposal=proposal, user=viewer)

    page = proposal_page_get_visible(pk=proposal.pk, user=viewer)
    alone = proposal_get_visible(pk=proposal.pk, user=viewer)

    assert field_values(page.proposal, exclude=("search_vector",)) == field_values(
        alone, exclude=("search_vector",)
    )
    assert field_values(page.proposal.author, exclude=("search_vector",)) == field_values(
        alone.author, exclude=("search_vector",)
    )
    for flag in ("has_images", "is_supported", "is_followed"):
        assert getattr(page.proposal, flag, None) == getattr(alone, flag, None)
    assert (page.proposal.focus_area, page.proposal.image_list) == (alone.focus_area, [])
    assert _walk(page.comments) == _walk(comment_list_for_proposal(proposal=alone))
    assert [oldest.pk, *(c.pk for c, _ in made)] == pks(page.comments)
    assert all(c.proposal is page.proposal for c in page.comments)
    assert [field_values(e, exclude=("search_vector",)) for e in page.timeline] == [
        field_values(e, exclude=("search_vector",)) for e in proposal_timeline_list(proposal=alone)
    ]
    assert [e.note for e in page.timeline] == ["Først", "Så"]
    if role == "citizen":
        assert page.proposal.is_supported and page.proposal.is_followed


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.REJECTED], ids=str)
def test_proposal_page_of_a_proposal_nobody_may_see_is_refused(status):
    proposal = ProposalFactory(status=status)
    CommentFactory(proposal=proposal)  # as if written before a moderator rejected it
    ProposalEventFactory(proposal=proposal)
    for viewer in (None, AnonymousUser(), UserFactory()):
        with pytest.raises(Proposal.DoesNotExist):
            proposal_page_get_visible(pk=proposal.pk, user=viewer)
    assert proposal_page_get_visible(pk=proposal.pk, user=proposal.author).comments


@pytest.mark.parametrize(("tops", "replies"), [(1, 0), (4, 3)])
def test_proposal_page_runs_a_constant_number_of_queries(django_assert_num_queries, tops, replies):
    proposal = ProposalFactory()
    _discussion(proposal, tops=tops, replies=replies)
    ProposalEventFactory.create_batch(3, proposal=proposal)
    taxonomy_kept_get()  # kept by the process from now on
    # the proposal with author; comments with replies; timeline (images only when it has
    # some)
    with django_assert_num_queries(3):
        page = proposal_page_get_visible(pk=proposal.pk, user=None)
    assert len(page.comments) == tops and len(page.timeline) == 3
    assert [len(c.reply_list) for c in page.comments] == [replies] * tops


# --- the rest ---


def test_timeline_shows_public_events_in_order():
    proposal = ProposalFactory()
    now = timezone.now()
    later = ProposalEventFactory(proposal=proposal, created_at=now)
    earlier = ProposalEventFactory(proposal=proposal, created_at=now - timedelta(days=1))
    ProposalEventFactory(proposal=proposal, is_public=False)
    ProposalEventFactory()  # another proposal
    assert pks(proposal_timeline_list(proposal=proposal)) == [earlier.pk, later.pk]


def test_list_for_author_has_every_status_newest_first():
    author = UserFactory()
    old = ProposalFactory(author=author, status=Status.PUBLISHED, age=timedelta(days=9))
    draft = ProposalFactory(author=author, status=Status.DRAFT, age=timedelta(days=1))
    rejected = ProposalFactory(author=author, status=Status.REJECTED, age=timedelta(days=3))
    ProposalFactory()
    assert pks(proposal_list_for_author(author=author)) == [draft.pk, rejected.pk, old.pk]


def test_focus_area_slugs_followed():
    user = UserFactory()
    FocusAreaFollowFactory(user=user, focus_area=FocusArea.objects.get(slug="vild-natur"))
    FocusAreaFollowFactory(user=user, focus_area=FocusArea.objects.get(slug="mindre-spild"))
    FocusAreaFollowFactory(focus_area=FocusArea.objects.get(slug="by-og-land"))
    assert focus_area_slugs_followed(user=user) == {"vild-natur", "mindre-spild"}
    assert focus_area_slugs_followed(user=AnonymousUser()) == set()
