"""What staff tell each other and what authors of hidden content see: the moderator's note
for the team reaches the team, hidden content is frozen, its author sees why, and the
merge asks first and can be undone. Each page in Danish and in English."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from engage.audit.models import AuditEntry
from proposals import services
from proposals.lifecycle import Status
from proposals.models import Comment, Proposal, ProposalFollow, Support
from proposals.services.moderation import (
    UNMERGE_DAYS,
    content_hide,
    proposal_merge,
    proposal_unmerge,
)
from tests.factories import ModeratorFactory, StaffFactory, UserFactory, give_totp
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ProposalFollowFactory,
    SupportFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

AREA = "klimahandlingsplan"
TEXTS = {
    "da": {"note": "Note til teamet", "hidden": "Skjult af en moderator"},
    "en": {"note": "Note for the team", "hidden": "Hidden by a moderator"},
}


def staff(factory, **kwargs):
    user = factory(**kwargs)
    give_totp(user)
    return user


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def moderator():
    return staff(ModeratorFactory)


@pytest.fixture
def member():
    return staff(StaffFactory, display_name="Tove Team")


@pytest.fixture
def team(member):
    return TeamFactory(name="Klimateamet", members=[member], focus_areas=[AREA])


def sign_in(client, user, language: str) -> None:
    """Sign `user` in with `language` chosen (a signed-in person's own choice wins)."""
    type(user).objects.filter(pk=user.pk).update(preferred_language=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)


# ---------- the note for the team ----------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_moderators_note_reaches_the_team_on_its_item_page_and_queue(
    client, moderator, member, team, language
):
    proposal = ProposalFactory(status=Status.SUBMITTED, focus_area=None, title="Cykelstativ")
    client.force_login(moderator)
    response = client.post(
        reverse("frontend:moderation_route", args=[proposal.pk]),
        {"focus_area": AREA, "note": "Borgeren har ringet to gange; svar gerne hurtigt."},
    )
    assert response.status_code == 302
    sign_in(client, member, language)
    item = html(client.get(reverse("frontend:team_item", args=[proposal.pk])))
    assert TEXTS[language]["note"] in item
    assert "Borgeren har ringet to gange; svar gerne hurtigt." in item
    queue = html(client.get(reverse("frontend:team_queue", args=[team.slug])))
    assert "Borgeren har ringet to gange" in queue
    # The public never sees it.
    client.logout()
    assert "ringet to gange" not in html(client.get(proposal.get_absolute_url()))


def test_a_reroute_note_replaces_the_note_for_the_new_team(client, moderator, team):
    other_member = staff(StaffFactory)
    other = TeamFactory(name="Naturteamet", members=[other_member])
    proposal = ProposalFactory(team=team, routed_at=timezone.now(), team_note="Gammel note")
    client.force_login(moderator)
    client.post(
        reverse("frontend:team_reroute", args=[proposal.pk]),
        {"team": other.pk, "focus_area": "", "note": "Det handler om natur, ikke klima."},
    )
    client.force_login(other_member)
    item = html(client.get(reverse("frontend:team_item", args=[proposal.pk])))
    assert "Det handler om natur, ikke klima." in item and "Gammel note" not in item


# ---------- hidden content -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_author_of_a_hidden_comment_sees_the_reason_and_others_do_not(
    client, moderator, language
):
    comment = CommentFactory(body="Noget grimt")
    content_hide(target=comment, actor=moderator, reason="Personangreb på en navngiven nabo")
    url = comment.proposal.get_absolute_url()
    sign_in(client, comment.author, language)
    page = html(client.get(url))
    assert TEXTS[language]["hidden"] in page
    assert "Personangreb på en navngiven nabo" in page
    sign_in(client, UserFactory(), language)
    other = html(client.get(url))
    assert TEXTS[language]["hidden"] in other and "navngiven nabo" not in other
    client.logout()
    assert "navngiven nabo" not in html(client.get(url))


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_author_of_a_hidden_proposal_sees_the_reason(client, moderator, language):
    proposal = ProposalFactory()
    content_hide(target=proposal, actor=moderator, reason="Reklame for en butik")
    sign_in(client, proposal.author, language)
    page = html(client.get(proposal.get_absolute_url()))
    assert TEXTS[language]["hidden"] in page and "Reklame for en butik" in page


def test_a_hidden_comment_is_frozen_so_moderators_keep_seeing_what_they_hid(client, moderator):
    comment = CommentFactory(body="Den oprindelige grove tekst")
    content_hide(target=comment, actor=moderator, reason="Grov")
    client.force_login(comment.author)
    edit_url = reverse("frontend:comment_edit", args=[comment.pk])
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, {"body": "Helt uskyldig tekst"}).status_code == 403
    with pytest.raises(ValidationError) as caught:
        services.comment_edit(comment=comment, body="Helt uskyldig tekst")
    assert caught.value.code == "hidden"
    assert Comment.objects.get(pk=comment.pk).body == "Den oprindelige grove tekst"
    # The edit link is not offered either.
    page = html(client.get(comment.proposal.get_absolute_url()))
    assert edit_url not in page
    client.force_login(moderator)
    hidden_list = html(client.get(reverse("frontend:moderation_hidden")))
    assert "Den oprindelige grove tekst" in hidden_list and "uskyldig" not in hidden_list


def test_a_restored_comment_can_be_edited_again(moderator):
    from proposals.services.moderation import content_restore

    comment = CommentFactory(body="Før")
    content_hide(target=comment, actor=moderator, reason="Grov")
    assert not comment.author.has_perm(
        "proposals.change_comment", Comment.objects.get(pk=comment.pk)
    )
    content_restore(target=comment, actor=moderator, reason="Fejl")
    comment = Comment.objects.get(pk=comment.pk)
    assert comment.author.has_perm("proposals.change_comment", comment)
    services.comment_edit(comment=comment, body="Efter")
    assert Comment.objects.get(pk=comment.pk).body == "Efter"


def test_a_hidden_draft_cannot_be_changed_by_its_author(moderator):
    draft = ProposalFactory(status=Status.DRAFT, title="Kladde")
    Proposal.objects.filter(pk=draft.pk).update(hidden_at=timezone.now(), hidden_reason="Spam")
    draft.refresh_from_db()
    assert not draft.author.has_perm("proposals.change_proposal", draft)
    with pytest.raises(ValidationError):
        services.proposal_update(proposal=draft, title="Ny titel")
    assert Proposal.objects.get(pk=draft.pk).title == "Kladde"


# ---------- merging: confirmation and undo -------------------------------------------------


@pytest.fixture
def duplicate_and_target():
    """A published duplicate and the proposal it duplicates, with supporters on each and
    one person who supports both."""
    both, only_dup, only_target = UserFactory(), UserFactory(), UserFactory()
    duplicate = ProposalFactory(title="Dublet om cykelstier", status=Status.PUBLISHED)
    target = ProposalFactory(title="Bedre cykelstier i byen")
    for user in (both, only_dup):
        SupportFactory(proposal=duplicate, user=user)
        ProposalFollowFactory(proposal=duplicate, user=user)
    for user in (both, only_target):
        SupportFactory(proposal=target, user=user)
        ProposalFollowFactory(proposal=target, user=user)
    return duplicate, target, {"both": both, "only_dup": only_dup, "only_target": only_target}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", ["Bekræft sammenlægningen", "1 støtte flyttes", "lukkes som sammenlagt"]),
        ("en", ["Confirm the merge", "1 support moves", "closes as merged"]),
    ],
)
def test_merging_first_says_what_will_happen_and_changes_nothing(
    client, moderator, duplicate_and_target, language, expected
):
    duplicate, target, _people = duplicate_and_target
    sign_in(client, moderator, language)
    url = reverse("frontend:moderation_merge", args=[duplicate.pk])
    page = html(client.post(url, {"into": target.pk, "expected_status": "published"}))
    for text in expected:
        assert text in page, text
    assert target.title in page and f'name="into" value="{target.pk}"' in page
    assert 'name="confirm" value="True"' in page
    duplicate.refresh_from_db()
    assert duplicate.status == Status.PUBLISHED
    assert Support.objects.filter(proposal=duplicate).count() == 2


def test_the_similar_list_leads_to_the_confirmation_not_the_merge(
    client, moderator, duplicate_and_target
):
    duplicate, target, _people = duplicate_and_target
    client.force_login(moderator)
    fragment = html(client.get(reverse("frontend:moderation_similar", args=[duplicate.pk])))
    assert f'name="into" value="{target.pk}"' in fragment
    assert 'name="confirm"' not in fragment  # its button asks first


def test_a_merge_into_a_closed_proposal_is_refused_before_asking(client, moderator):
    duplicate = ProposalFactory()
    closed = ProposalFactory(status=Status.REJECTED)
    client.force_login(moderator)
    url = reverse("frontend:moderation_merge", args=[duplicate.pk])
    page = html(client.post(url, {"into": closed.pk}))
    assert "Forslag kan kun sammenlægges med et offentliggjort forslag" in page
    assert 'name="confirm" value="True"' not in page


def test_undoing_a_merge_moves_back_what_moved(client, moderator, duplicate_and_target):
    duplicate, target, people = duplicate_and_target
    client.force_login(moderator)
    url = reverse("frontend:moderation_merge", args=[duplicate.pk])
    client.post(url, {"into": target.pk, "confirm": "True", "note": "Samme idé"})
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert (duplicate.status, target.support_count) == (Status.MERGED, 3)
    # Someone new supports the merged-into proposal meanwhile: that stays there.
    newcomer = UserFactory()
    services.proposal_support(proposal=target, user=newcomer)

    item = html(client.get(reverse("frontend:moderation_item", args=[duplicate.pk])))
    assert "Fortryd sammenlægningen" in item
    response = client.post(
        reverse("frontend:moderation_unmerge", args=[duplicate.pk]), {"note": "Forkert match"}
    )
    assert response.status_code == 302

    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into_id) == (Status.PUBLISHED, None)
    supporters = set(Support.objects.filter(proposal=duplicate).values_list("user_id", flat=True))
    assert supporters == {people["both"].pk, people["only_dup"].pk}
    on_target = set(Support.objects.filter(proposal=target).values_list("user_id", flat=True))
    assert on_target == {people["both"].pk, people["only_target"].pk, newcomer.pk}
    assert (duplicate.support_count, target.support_count) == (2, 3)
    followers = set(
        ProposalFollow.objects.filter(proposal=duplicate).values_list("user_id", flat=True)
    )
    assert followers == {people["both"].pk, people["only_dup"].pk}
    entry = AuditEntry.objects.filter(action="proposal.unmerge").get()
    assert (entry.from_state, entry.to_state, entry.reason) == (
        Status.MERGED,
        Status.PUBLISHED,
        "Forkert match",
    )
    # The public page is open again.
    client.logout()
    assert "Dublet om cykelstier" in html(client.get(duplicate.get_absolute_url()))


def test_a_merged_submission_goes_back_to_triage_when_undone(moderator):
    duplicate = ProposalFactory(status=Status.SUBMITTED)
    target = ProposalFactory()
    proposal_merge(proposal=duplicate, into=target, actor=moderator)
    proposal_unmerge(proposal=duplicate, actor=moderator)
    assert Proposal.objects.get(pk=duplicate.pk).status == Status.SUBMITTED


def test_an_old_merge_cannot_be_undone(client, moderator, duplicate_and_target):
    from proposals.lifecycle import InvalidTransition

    duplicate, target, _people = duplicate_and_target
    proposal_merge(proposal=duplicate, into=target, actor=moderator)
    # Audit entries cannot be changed: move the clock instead.
    later = timezone.now() + timedelta(days=UNMERGE_DAYS, minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        with pytest.raises(InvalidTransition):
            proposal_unmerge(proposal=duplicate, actor=moderator)
        client.force_login(moderator)
        item = html(client.get(reverse("frontend:moderation_item", args=[duplicate.pk])))
    assert "kan ikke længere fortrydes" in item
    assert Proposal.objects.get(pk=duplicate.pk).status == Status.MERGED


def test_other_actions_cannot_reopen_a_merged_proposal(moderator, duplicate_and_target):
    from proposals.lifecycle import InvalidTransition
    from proposals.services.moderation import proposal_set_under_review

    duplicate, target, _people = duplicate_and_target
    proposal_merge(proposal=duplicate, into=target, actor=moderator)
    with pytest.raises(InvalidTransition):
        proposal_set_under_review(proposal=duplicate, actor=moderator)


# ---------- the audit trail page -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("da", ["Fokusområde", "Team", "Lagt sammen med"]),
        ("en", ["Focus area", "Team", "Merged into"]),
    ],
)
def test_audit_rows_say_where_a_routing_went_and_into_which_proposal(
    client, moderator, team, language, labels
):
    routed = ProposalFactory(status=Status.SUBMITTED, focus_area=None, title="Til klima")
    duplicate = ProposalFactory(title="Dublet")
    target = ProposalFactory(title="Det rigtige forslag")
    client.force_login(moderator)
    client.post(reverse("frontend:moderation_accept", args=[routed.pk]), {"accept": AREA})
    client.post(
        reverse("frontend:moderation_merge", args=[duplicate.pk]),
        {"into": target.pk, "confirm": "True"},
    )
    sign_in(client, moderator, language)
    page = html(client.get(reverse("frontend:audit_trail")))
    area_name = Proposal.objects.get(pk=routed.pk).focus_area.name
    for label in labels:
        assert label in page, label
    assert area_name in page and "Klimateamet" in page
    assert "Det rigtige forslag" in page
    assert reverse("frontend:moderation_item", args=[target.pk]) in page
    assert reverse("frontend:moderation_item", args=[duplicate.pk]) in page


def test_moderators_read_their_own_audit_entries_and_admins_everyones(client, moderator):
    colleague = staff(ModeratorFactory)
    admin = staff(__import__("tests.factories", fromlist=["AdminFactory"]).AdminFactory)
    mine, theirs = ProposalFactory(title="Min sag"), ProposalFactory(title="Kollegaens sag")
    content_hide(target=mine, actor=moderator, reason="Spam")
    content_hide(target=theirs, actor=colleague, reason="Spam")
    url = reverse("frontend:audit_trail")
    client.force_login(moderator)
    page = html(client.get(url))
    assert "Min sag" in page and "Kollegaens sag" not in page
    client.force_login(admin)
    page = html(client.get(url))
    assert "Min sag" in page and "Kollegaens sag" in page


def test_the_audit_trail_lists_in_a_constant_number_of_queries(client, moderator, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(moderator)
    url = reverse("frontend:audit_trail")

    def queries() -> int:
        html(client.get(url))  # a notification of theirs is counted once, and kept
        with CaptureQueriesContext(connection) as context:
            html(client.get(url))
        return len(context.captured_queries)

    def act() -> None:
        proposal = ProposalFactory(status=Status.SUBMITTED, focus_area=None)
        client.post(reverse("frontend:moderation_accept", args=[proposal.pk]), {"accept": AREA})
        client.post(
            reverse("frontend:moderation_merge", args=[ProposalFactory().pk]),
            {"into": ProposalFactory().pk, "confirm": "True"},
        )

    act()
    few = queries()
    for _ in range(4):
        act()
    assert queries() == few


# ---------- staff speak as staff -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "answered_by"),
    [("da", "Besvaret af Klimateamet"), ("en", "Answered by Klimateamet")],
)
def test_an_answer_names_the_team_that_answered(client, member, team, language, answered_by):
    proposal = ProposalFactory(team=team, routed_at=timezone.now())
    client.force_login(member)
    client.post(
        reverse("frontend:team_answer", args=[proposal.pk]),
        {"outcome": "accepted", "text": "Vi sætter bænkene op til foråret."},
    )
    client.logout()
    speak = UserFactory()
    sign_in(client, speak, language)
    assert answered_by in html(client.get(proposal.get_absolute_url()))
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert answered_by in html(client.get(proposal.get_absolute_url()))


@pytest.mark.parametrize(
    ("language", "team_tag", "moderator_tag"),
    [
        ("da", "Kommunen · Klimateamet", "Kommunen · Moderator"),
        ("en", "The municipality · Klimateamet", "The municipality · Moderator"),
    ],
)
def test_comments_by_staff_acting_as_staff_are_marked(
    client, moderator, member, team, language, team_tag, moderator_tag
):
    ours = ProposalFactory(team=team, routed_at=timezone.now(), title="Klimasag")
    elsewhere = ProposalFactory(title="Et andet teams sag")
    services.comment_create(proposal=ours, author=member, body="Vi kigger på det.")
    services.comment_create(proposal=ours, author=moderator, body="Hold en god tone.")
    services.comment_create(proposal=ours, author=UserFactory(), body="Jeg er enig.")
    services.comment_create(proposal=elsewhere, author=member, body="Som borger: godt.")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = html(client.get(ours.get_absolute_url()))
    assert page.count(team_tag) == 1 and page.count(moderator_tag) == 1
    # A team member on another team's proposal writes as anyone else.
    other = html(client.get(elsewhere.get_absolute_url()))
    assert team_tag not in other and "Kommunen ·" not in other and "municipality ·" not in other
