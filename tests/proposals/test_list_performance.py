"""What keeps the public list fast without showing anything out of date: a capped count,
cached filter choices and cached cards."""

import pytest
from django.db.models import F
from django.urls import reverse

from engage.cache import listing_changed
from engage.taxonomy.models import FocusArea
from frontend.pagination import CappedPaginator
from proposals import services
from proposals.models import Proposal
from proposals.selectors.public import ProposalFilters, proposal_list_public
from proposals.services import moderation
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, SupportFactory

pytestmark = pytest.mark.django_db


def _listed():
    return proposal_list_public(filters=ProposalFilters())


def test_capped_count_is_exact_below_the_cap():
    ProposalFactory.create_batch(3)
    paginator = CappedPaginator(_listed(), 2, number="1", cap=5)
    assert paginator.count == 3
    assert paginator.more_than is None
    assert paginator.num_pages == 2


def test_capped_count_stops_and_says_more_than():
    ProposalFactory.create_batch(7)
    paginator = CappedPaginator(_listed(), 2, number="1", cap=4)
    assert paginator.count == 5
    assert paginator.more_than == 4
    page = paginator.get_page("2")
    assert page.has_next()


def test_a_page_past_the_cap_still_has_its_rows_and_a_next_link():
    ProposalFactory.create_batch(9)
    paginator = CappedPaginator(_listed(), 2, number="3", cap=4)
    page = paginator.get_page("3")
    assert page.number == 3
    assert len(page.object_list) == 2
    assert page.has_next()
    assert paginator.more_than == 6


def test_ids_first_keeps_the_order_of_the_sort():
    ProposalFactory.create_batch(5)
    expected = list(_listed().values_list("pk", flat=True)[:3])
    page = CappedPaginator(_listed(), 3, number="1", ids_first=True).get_page("1")
    assert [p.pk for p in page.object_list] == expected


def test_list_says_more_than_when_counting_stopped(client, monkeypatch):
    monkeypatch.setattr("frontend.pagination.COUNT_CAP", 2)
    monkeypatch.setattr("frontend.views.proposals.PAGE_SIZE", 1)
    ProposalFactory.create_batch(4)
    response = client.get(reverse("frontend:proposal_list"), HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "More than 2 proposals found" in text
    assert "Page 1 of" not in text


def test_a_card_shows_a_changed_count_at_once(client, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(title="Flere bænke ved søen")
    url = reverse("frontend:proposal_list")
    assert "0 supports" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 3)
    with django_capture_on_commit_callbacks(execute=True):
        listing_changed(proposal_ids=[proposal.pk])  # what every service changing a count does
    assert "3 supports" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_visitors_share_one_rendering_until_a_service_changes_a_proposal(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    proposal = ProposalFactory(title="Flere bænke ved søen")
    url = reverse("frontend:proposal_list")
    client.get(url)  # renders and caches the count and the cards
    with django_assert_num_queries(0):  # no session, no user, nothing to ask the database
        cached = client.get(url).content.decode()
    assert "Flere bænke ved søen" in cached and "0 støtter" in cached

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_support(proposal=proposal, user=UserFactory())
    assert "1 støtte" in client.get(url).content.decode()


def test_a_renamed_focus_area_shows_at_once_in_the_filters(client):
    url = reverse("frontend:proposal_list")
    area = FocusArea.objects.order_by("pk").first()
    assert area is not None
    client.get(url)  # caches the choices
    area.name_da = "Et helt nyt navn"
    area.save(update_fields=["name_da"])
    assert "Et helt nyt navn" in client.get(url).content.decode()


def test_a_renamed_focus_area_shows_at_once_on_cards_filters_and_pages(client):
    """Cards, the filter selects, a focus area's list and the proposal's page: every
    shared rendering that names the area shows its new name on the next request."""
    proposal = ProposalFactory(title="Flere bænke ved søen")
    area = proposal.focus_area
    urls = [
        reverse("frontend:proposal_list"),
        f"{reverse('frontend:proposal_list')}?focus_area={area.slug}",
        proposal.get_absolute_url(),
    ]
    for url in urls:
        client.get(url)  # renders and shares
        assert area.name_da in client.get(url).content.decode()
    area.name_da = "Et helt nyt navn"
    area.save(update_fields=["name_da"])
    for url in urls:
        assert "Et helt nyt navn" in client.get(url).content.decode(), url


def test_a_goal_linked_to_a_focus_area_shows_at_once_on_a_proposal_page(client):
    from engage.taxonomy.models import SDG

    proposal = ProposalFactory()
    area = proposal.focus_area
    missing = SDG.objects.exclude(focus_areas=area).order_by("number").first()
    url = proposal.get_absolute_url()
    client.get(url)
    assert missing.name_da not in client.get(url).content.decode()
    area.sdgs.add(missing)
    assert missing.name_da in client.get(url).content.decode()


def test_a_hidden_proposal_leaves_the_list_and_its_page_at_once(
    client, django_capture_on_commit_callbacks
):
    from proposals.services.moderation import content_hide
    from tests.factories import ModeratorFactory

    proposal = ProposalFactory(title="Flere bænke ved søen")
    url = reverse("frontend:proposal_list")
    for _ in range(2):
        assert proposal.title in client.get(url).content.decode()
        assert client.get(proposal.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        content_hide(target=proposal, actor=ModeratorFactory(), reason="Krænkende")
    assert proposal.title not in client.get(url).content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 404


def test_the_own_support_flag_never_travels_in_a_cached_card(client):
    proposal = ProposalFactory()
    supporter, other = UserFactory(), UserFactory()
    SupportFactory(proposal=proposal, user=supporter)
    url = reverse("frontend:proposal_list")
    # Signed-in people get their own language (Danish here), whatever the browser asks.
    flag = "Du støtter dette"
    client.force_login(supporter)
    assert flag in client.get(url).content.decode()
    client.force_login(other)
    assert flag not in client.get(url).content.decode()
    client.logout()
    assert flag not in client.get(url).content.decode()


def test_signed_in_people_share_the_rendering_unless_they_support_a_proposal_on_it(
    client, django_assert_num_queries
):
    """The own-support flag is the only thing on a list that is a person's own."""
    ProposalFactory.create_batch(3)
    supported = ProposalFactory()
    url = reverse("frontend:proposal_list")
    flag = "Du støtter dette"
    client.get(url)  # rendered and shared

    client.force_login(UserFactory())
    client.get(url)  # the taxonomy, once
    # the user, and whether they support any proposal on the page (the person's roles and
    # the header's unread count come with the session)
    with django_assert_num_queries(2):
        page = client.get(url).content.decode()
    assert flag not in page and supported.title in page

    supporter = UserFactory()
    SupportFactory(proposal=supported, user=supporter)
    client.force_login(supporter)
    assert flag in client.get(url).content.decode()
    client.logout()
    assert flag not in client.get(url).content.decode()


def _count_queries(queries) -> int:
    return sum("COUNT(*)" in query["sql"] for query in queries.captured_queries)


def test_the_number_of_matches_is_counted_again_only_when_it_can_change(client):
    """A support or comment keeps the count; a proposal leaving or entering the lists
    counts again. Lists and their cards are re-rendered either way."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ModeratorFactory

    moderator = ModeratorFactory()
    ProposalFactory.create_batch(3, focus_area="lavbundsjorde")
    filtered = f"{reverse('frontend:proposal_list')}?focus_area=lavbundsjorde"
    api = "/api/v1/proposals/?focus_area=lavbundsjorde"
    assert "3 forslag fundet" in client.get(filtered).content.decode()
    assert client.get(api).json()["count"] == 3

    proposal = Proposal.objects.first()
    services.proposal_support(proposal=proposal, user=UserFactory())
    services.comment_create(proposal=proposal, author=UserFactory(), body="Enig")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(filtered).content.decode()
        assert client.get(api).json()["count"] == 3
    assert _count_queries(queries) == 0
    assert "1 støtte" in page  # the card itself is new

    moderation.content_hide(target=proposal, actor=moderator, reason="Spam")
    with CaptureQueriesContext(connection) as queries:
        assert "2 forslag fundet" in client.get(filtered).content.decode()
        assert client.get(api).json()["count"] == 2
    assert _count_queries(queries) == 2

    moderation.content_restore(target=proposal, actor=moderator, reason="Fejl")
    assert "3 forslag fundet" in client.get(filtered).content.decode()
    assert client.get(api).json()["count"] == 3


def test_list_filters_show_the_same_on_a_shared_rendering(client):
    """Odd filters are checked and shown as typed, the first time and from the cache."""
    area = FocusArea.objects.order_by("pk").first()
    shown = ProposalFactory(focus_area=area, theme=area.theme, title="Cykelsti langs åen")
    other = FocusArea.objects.exclude(pk=area.pk).first()
    ProposalFactory(focus_area=other, theme=other.theme, title="Cykelsti et andet sted")
    url = reverse("frontend:proposal_list")
    query = {"q": ' cykelsti"<åen>', "focus_area": area.slug, "theme": "findes-ikke", "sort": "?"}

    first = client.get(url, query).content.decode()
    second = client.get(url, query).content.decode()

    def main(html: str) -> str:  # the page outside <main> holds a fresh CSRF token
        return html[html.index("<main") : html.index("</main>")]

    assert main(second) == main(first)

    assert shown.title in first and "Cykelsti et andet sted" not in first
    assert 'value=" cykelsti&quot;&lt;åen&gt;"' in first  # as typed, escaped
    assert f'<option value="{area.slug}" selected>' in first
