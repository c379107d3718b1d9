"""The moderation and team web pages: who may see and do what, the triage, report and team
flows with their effects in the database, bad input that changes nothing, query counts
that do not grow with the queues, and user text that stays inert on the staff pages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engage.audit.models import AuditEntry
from engage.taxonomy.models import FocusArea, Team
from proposals.lifecycle import Outcome, Status
from proposals.models import (
    Comment,
    Proposal,
    ProposalEvent,
    RejectionReason,
    RoutingDecision,
    Support,
)
from tests.factories import (
    AdminFactory,
    ModeratorFactory,
    StaffFactory,
    UserFactory,
    give_totp,
)
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ReportFactory,
    SupportFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

AREA = "klimahandlingsplan"
OTHER_AREA = "lavbundsjorde"
HTMX = {"HX-Request": "true"}
OVERDUE = '<span class="badge badge-small badge-error">'


def staff(factory, **kwargs):
    user = factory(**kwargs)
    give_totp(user)  # staff must use MFA, or every page sends them to enrolment
    return user


@pytest.fixture
def author():
    return UserFactory(display_name="Anna Forfatter")


@pytest.fixture
def citizen():
    return UserFactory(display_name="Bo Borger")


@pytest.fixture
def moderator():
    return staff(ModeratorFactory)


@pytest.fixture
def admin():
    return staff(AdminFactory)


@pytest.fixture
def member():
    return staff(StaffFactory, display_name="Tove Team")


@pytest.fixture
def other_member():
    return staff(StaffFactory, display_name="Ole Andetteam")


@pytest.fixture
def team(member):
    return TeamFactory(name="Klimateamet", members=[member], focus_areas=[AREA])


@pytest.fixture
def other_team(other_member):
    return TeamFactory(name="Naturteamet", members=[other_member], focus_areas=[OTHER_AREA])


def suggestions(*slugs: str) -> list[dict]:
    areas = FocusArea.objects.select_related("theme").in_bulk(slugs, field_name="slug")
    return [
        {"focus_area": slug, "theme": areas[slug].theme.slug, "score": round(0.6 / (n + 1), 4)}
        for n, slug in enumerate(slugs)
    ]


def waiting(**kwargs) -> Proposal:
    """A proposal in triage with stored suggestions (as proposal_submit leaves it)."""
    kwargs.setdefault("suggestions", suggestions(AREA, OTHER_AREA, "vild-natur"))
    kwargs.setdefault("suggested_focus_area", kwargs["suggestions"][0]["focus_area"])
    kwargs.setdefault("focus_area", None)
    return ProposalFactory(status=Status.SUBMITTED, **kwargs)


def routed(team: Team, **kwargs) -> Proposal:
    kwargs.setdefault("routed_at", timezone.now() - timedelta(days=1))
    kwargs.setdefault("focus_area", AREA)
    return ProposalFactory(team=team, **kwargs)


def html(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# ---------- the permission matrix ----------------------------------------------------------

ROLES = ("anonymous", "citizen", "author", "moderator", "member", "other_member", "admin")
LOGIN = "login"  # a redirect to the login page
TEAM = "team"  # a redirect to the member's own team queue


@pytest.fixture
def people(author, citizen, moderator, member, other_member, admin, team, other_team):
    return {
        "anonymous": None,
        "citizen": citizen,
        "author": author,
        "moderator": moderator,
        "member": member,
        "other_member": other_member,
        "admin": admin,
    }


# (page, what its URL needs, expected per role in ROLES order)
PAGES = [
    ("frontend:moderation_queue", None, (LOGIN, 403, 403, 200, 403, 403, 200)),
    ("frontend:moderation_item", "waiting", (LOGIN, 403, 403, 200, 403, 403, 200)),
    ("frontend:moderation_similar", "waiting", (LOGIN, 403, 403, 200, 403, 403, 200)),
    ("frontend:moderation_reports", None, (LOGIN, 403, 403, 200, 403, 403, 200)),
    ("frontend:moderation_hidden", None, (LOGIN, 403, 403, 200, 403, 403, 200)),
    ("frontend:audit_trail", None, (LOGIN, 403, 403, 200, 403, 403, 200)),
    ("frontend:team_list", None, (LOGIN, 403, 403, 403, TEAM, TEAM, 200)),
    ("frontend:team_queue", "team", (LOGIN, 403, 403, 403, 200, 403, 200)),
    ("frontend:team_item", "routed", (LOGIN, 403, 403, 403, 200, 403, 200)),
]


@pytest.mark.parametrize(("name", "needs", "expected"), PAGES)
def test_page_permission_matrix(client, people, author, team, name, needs, expected):
    kwargs = {}
    if needs == "waiting":
        kwargs["pk"] = waiting(author=author).pk
    elif needs == "routed":
        kwargs["pk"] = routed(team, author=author).pk
    elif needs == "team":
        kwargs["slug"] = team.slug
    url = reverse(name, kwargs=kwargs)
    for role, want in zip(ROLES, expected, strict=True):
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        response = client.get(url)
        if want == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        elif want == TEAM:
            own = people[role].teams.get()
            assert response.status_code == 302, role
            assert response["Location"] == reverse("frontend:team_queue", args=[own.slug]), role
        else:
            assert response.status_code == want, (role, name)


def _route_post(proposal):
    return reverse("frontend:moderation_route", args=[proposal.pk]), {"focus_area": AREA}


def _accept_post(proposal):
    return reverse("frontend:moderation_accept", args=[proposal.pk]), {"accept": AREA}


def _reject_post(proposal):
    url = reverse("frontend:moderation_reject", args=[proposal.pk])
    return url, {"reason": RejectionReason.SPAM, "note": ""}


def _merge_post(proposal):
    target = ProposalFactory(title="Målet for sammenlægning")
    url = reverse("frontend:moderation_merge", args=[proposal.pk])
    return url, {"into": target.pk, "confirm": "True"}  # as the confirmation page posts


def _bulk_post(proposal):
    data = {"bulk-proposals": [proposal.pk], "bulk-action": "route", "bulk-focus_area": AREA}
    return reverse("frontend:moderation_bulk"), data


def _hide_post(proposal):
    url = reverse("frontend:moderation_hide", args=["proposal", proposal.pk])
    return url, {"reason": "Personangreb"}


def _under_review_post(proposal):
    return reverse("frontend:team_under_review", args=[proposal.pk]), {"note": ""}


def _answer_post(proposal):
    url = reverse("frontend:team_answer", args=[proposal.pk])
    return url, {"outcome": Outcome.ACCEPTED, "text": "Vi gør det."}


def _reroute_post(proposal):
    other = Team.objects.get(name="Naturteamet")
    url = reverse("frontend:team_reroute", args=[proposal.pk])
    return url, {"team": other.pk, "focus_area": "", "note": "Det hører til natur."}


def _restore_post(proposal):
    url = reverse("frontend:moderation_restore", args=["proposal", proposal.pk])
    return url, {"reason": "Fejlagtig indberetning"}


# (action, proposal state, POST builder, field that changes, expected per role)
ACTIONS = [
    ("route", "waiting", _route_post, "status", (LOGIN, 403, 403, 302, 403, 403, 302)),
    ("accept", "waiting", _accept_post, "status", (LOGIN, 403, 403, 302, 403, 403, 302)),
    ("reject", "waiting", _reject_post, "status", (LOGIN, 403, 403, 302, 403, 403, 302)),
    ("merge", "waiting", _merge_post, "status", (LOGIN, 403, 403, 302, 403, 403, 302)),
    ("bulk", "waiting", _bulk_post, "status", (LOGIN, 403, 403, 302, 403, 403, 302)),
    ("hide", "routed", _hide_post, "hidden_at", (LOGIN, 403, 403, 302, 403, 403, 302)),
    ("restore", "hidden", _restore_post, "hidden_at", (LOGIN, 403, 403, 302, 403, 403, 302)),
    ("review", "routed", _under_review_post, "status", (LOGIN, 403, 403, 403, 302, 403, 302)),
    ("answer", "routed", _answer_post, "status", (LOGIN, 403, 403, 403, 302, 403, 302)),
    ("reroute", "routed", _reroute_post, "team_id", (LOGIN, 403, 403, 302, 302, 403, 302)),
]


@pytest.mark.parametrize(("action", "state", "build", "field", "expected"), ACTIONS)
def test_action_permission_matrix(
    client, people, author, team, action, state, build, field, expected
):
    for role, want in zip(ROLES, expected, strict=True):
        if state == "waiting":
            proposal = waiting(author=author)
        else:
            proposal = routed(team, author=author)
            if state == "hidden":
                Proposal.objects.filter(pk=proposal.pk).update(
                    hidden_at=timezone.now(), hidden_reason="Indberettet"
                )
        before = getattr(Proposal.objects.get(pk=proposal.pk), field)
        url, data = build(proposal)
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        response = client.post(url, data)
        after = getattr(Proposal.objects.get(pk=proposal.pk), field)
        if want == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == want, (action, role)
        assert (after != before) == (want == 302), (action, role, before, after)


# ---------- triage flows ------------------------------------------------------------------


def test_queue_lists_oldest_first_with_age_overdue_tag_and_suggestions(client, moderator, team):
    old = waiting(title="Gammelt forslag", age=timedelta(days=20))
    new = waiting(title="Nyt forslag", age=timedelta(hours=2))
    client.force_login(moderator)
    response = client.get(reverse("frontend:moderation_queue"))
    page = html(response)
    assert page.index("Gammelt forslag") < page.index("Nyt forslag")
    assert page.count(f"{OVERDUE}Over servicemålet") == 1  # only the old one
    rows = {p.pk: p for p in response.context["page"].object_list}
    assert rows[old.pk].is_overdue and rows[old.pk].waiting_days >= 10
    assert not rows[new.pk].is_overdue
    accept = reverse("frontend:moderation_accept", args=[old.pk])
    assert f'formaction="{accept}" name="accept" value="{AREA}"' in page
    assert page.count('name="accept"') == 6  # top three for each
    assert reverse("frontend:moderation_item", args=[old.pk]) in page


def test_queue_filters_work_with_and_without_htmx(client, moderator):
    nature = waiting(title="Naturforslag", suggestions=suggestions(OTHER_AREA, AREA, "vild-natur"))
    climate = waiting(title="Klimaforslag", age=timedelta(days=20))
    client.force_login(moderator)
    url = reverse("frontend:moderation_queue")
    page = html(client.get(url, {"suggested": OTHER_AREA}))
    assert nature.title in page and climate.title not in page
    page = html(client.get(url, {"overdue": "on"}))
    assert climate.title in page and nature.title not in page
    fragment = client.get(url, {"overdue": "on"}, headers={**HTMX, "HX-Target": "triage-results"})
    assert "<html" not in html(fragment)
    assert 'id="triage-count" hx-swap-oob="innerHTML"' in html(fragment)
    assert climate.title in html(fragment) and nature.title not in html(fragment)
    # Nonsense in the query string is ignored rather than an error.
    assert client.get(url, {"theme": "<x>", "suggested": "nope", "page": "9"}).status_code == 200


def test_one_click_suggestion_publishes_and_routes_to_the_areas_team(
    client, moderator, team, author
):
    proposal = waiting(author=author)
    client.force_login(moderator)
    response = client.post(
        reverse("frontend:moderation_accept", args=[proposal.pk]), {"accept": AREA}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("frontend:moderation_queue")
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert proposal.focus_area.slug == AREA and proposal.team == team
    assert proposal.routed_at is not None
    assert RoutingDecision.objects.filter(proposal=proposal, focus_area__slug=AREA).exists()
    entry = AuditEntry.objects.get(action="proposal.route", target_id=proposal.pk)
    assert entry.actor == moderator and entry.to_state == Status.PUBLISHED
    assert any("Klimateamet" in message for message in messages_of(response))


def test_route_form_with_secondary_areas_team_and_note(client, moderator, team, other_team):
    proposal = waiting()
    client.force_login(moderator)
    item = html(client.get(reverse("frontend:moderation_item", args=[proposal.pk])))
    assert "<optgroup" in item  # focus areas grouped per theme
    assert f'<option value="{AREA}" selected>' in item  # the top suggestion preselected
    response = client.post(
        reverse("frontend:moderation_route", args=[proposal.pk]),
        {
            "focus_area": AREA,
            "secondary_focus_areas": [OTHER_AREA, "vild-natur"],
            "team": other_team.pk,
            "note": "Natur først",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.team == other_team and proposal.focus_area.slug == AREA
    assert {a.slug for a in proposal.secondary_focus_areas.all()} == {OTHER_AREA, "vild-natur"}
    assert AuditEntry.objects.get(action="proposal.route", target_id=proposal.pk).reason == (
        "Natur først"
    )


def test_bulk_route_reports_the_one_item_that_failed(client, moderator, team):
    first, second = waiting(title="Første"), waiting(title="Andet")
    handled = ProposalFactory(title="Allerede fordelt", team=team, focus_area=OTHER_AREA)
    client.force_login(moderator)
    response = client.post(
        reverse("frontend:moderation_bulk"),
        {
            "bulk-proposals": [first.pk, second.pk, handled.pk],
            "bulk-action": "route",
            "bulk-focus_area": AREA,
            "bulk-team": "",
        },
        follow=True,
    )
    texts = messages_of(response)
    assert "2 forslag blev offentliggjort og fordelt." in texts
    assert any(text.startswith("“Allerede fordelt” blev ikke ændret") for text in texts)
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert proposal.status == Status.PUBLISHED and proposal.team == team
    handled.refresh_from_db()
    assert handled.focus_area.slug == OTHER_AREA  # untouched


def test_bulk_reject_needs_a_reason_and_skips_what_was_handled(client, moderator, author):
    first = waiting(author=author, title="Reklame")
    handled = ProposalFactory(title="Offentligt")
    client.force_login(moderator)
    url = reverse("frontend:moderation_bulk")
    data = {"bulk-proposals": [first.pk, handled.pk], "bulk-action": "reject"}
    response = client.post(url, {**data, "bulk-reason": ""})
    assert response.status_code == 200
    assert "Vælg en årsag." in html(response)
    assert f'value="{first.pk}" checked' in html(response)  # the ticks survive the error
    response = client.post(url, {**data, "bulk-reason": "other", "bulk-note": ""})
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.status == Status.SUBMITTED
    response = client.post(url, {**data, "bulk-reason": RejectionReason.SPAM}, follow=True)
    texts = messages_of(response)
    assert "1 forslag blev afvist." in texts
    assert any("“Offentligt” blev ikke ændret" in text for text in texts)
    first.refresh_from_db()
    handled.refresh_from_db()
    assert first.status == Status.REJECTED and first.rejection_reason == RejectionReason.SPAM
    assert handled.status == Status.PUBLISHED  # a published proposal is not rejected from triage


def test_bulk_without_ticks_or_area_changes_nothing(client, moderator):
    proposal = waiting()
    client.force_login(moderator)
    url = reverse("frontend:moderation_bulk")
    response = client.post(url, {"bulk-action": "route", "bulk-focus_area": AREA})
    assert "Sæt flueben ved mindst ét forslag." in html(response)
    response = client.post(url, {"bulk-proposals": [proposal.pk], "bulk-action": "route"})
    assert "Vælg det fokusområde, der skal fordeles til." in html(response)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_reject_with_other_requires_text_and_the_author_sees_why(client, moderator, author):
    proposal = waiting(author=author, title="Uden for kommunens område")
    client.force_login(moderator)
    url = reverse("frontend:moderation_reject", args=[proposal.pk])
    response = client.post(url, {"reason": "other", "note": "  "})
    assert response.status_code == 200
    assert "Forklar begrundelsen for forfatteren." in html(response)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    response = client.post(url, {"reason": "other", "note": "Det er statens område."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    assert proposal.rejection_reason == RejectionReason.OTHER
    client.force_login(author)
    mine = html(client.get(reverse("frontend:my_proposals")))
    assert "Begrundelse for afvisningen" in mine
    assert "Det er statens område." in mine


def test_merge_moves_supports_without_counting_anyone_twice(client, moderator, author):
    both, only_dup, only_target = UserFactory(), UserFactory(), UserFactory()
    duplicate = waiting(author=author, title="Dublet")
    target = ProposalFactory(title="Originalen")
    for user in (both, only_dup):
        SupportFactory(proposal=duplicate, user=user)
    for user in (both, only_target):
        SupportFactory(proposal=target, user=user)
    client.force_login(moderator)
    response = client.post(
        reverse("frontend:moderation_merge", args=[duplicate.pk]),
        {"into": target.pk, "note": "Samme idé", "confirm": "True"},
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == target
    assert target.support_count == 3
    assert Support.objects.filter(proposal=target).count() == 3
    client.force_login(author)
    mine = html(client.get(reverse("frontend:my_proposals")))
    assert reverse("frontend:proposal_detail", args=[target.pk]) in mine


def test_similar_proposals_load_lazily_and_offer_merging(client, moderator):
    proposal = waiting(title="Flere træer i parken")
    twin = ProposalFactory(title="Plant træer i parken")
    client.force_login(moderator)
    item = html(client.get(reverse("frontend:moderation_item", args=[proposal.pk])))
    similar_url = reverse("frontend:moderation_similar", args=[proposal.pk])
    assert f'hx-get="{similar_url}" hx-trigger="load"' in item
    assert f'<a href="{similar_url}">' in item  # without JavaScript, a link
    assert twin.title not in item  # not loaded with the page itself
    fragment = html(client.get(similar_url, headers=HTMX))
    assert twin.title in fragment and "<html" not in fragment
    assert f'name="into" value="{twin.pk}"' in fragment
    page = html(client.get(similar_url))
    assert "<html" in page and twin.title in page
    assert twin.title not in html(client.get(similar_url, {"q": "cykelstier"}, headers=HTMX))


# ---------- bad input: a clear error, nothing changed --------------------------------------


def test_unknown_focus_area_is_refused(client, moderator, team):
    proposal = waiting()
    client.force_login(moderator)
    response = client.post(
        reverse("frontend:moderation_route", args=[proposal.pk]), {"focus_area": "findes-ikke"}
    )
    assert response.status_code == 200
    assert 'class="form-error-message"' in html(response)
    response = client.post(
        reverse("frontend:moderation_accept", args=[proposal.pk]),
        {"accept": "findes-ikke"},
        follow=True,
    )
    assert "Ukendt fokusområde. Intet blev ændret." in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and proposal.team is None
    assert not AuditEntry.objects.exists()


def test_area_without_team_asks_for_a_team(client, moderator):
    proposal = waiting()
    client.force_login(moderator)
    response = client.post(
        reverse("frontend:moderation_route", args=[proposal.pk]), {"focus_area": "vild-natur"}
    )
    assert response.status_code == 200
    assert "Fokusområdet har intet ansvarligt team. Vælg et team." in html(response)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


@pytest.mark.parametrize("into", ["itself", "merged", "missing", "waiting"])
def test_bad_merge_targets_are_refused(client, moderator, into):
    proposal = waiting()
    targets = {
        "itself": lambda: proposal.pk,
        "merged": lambda: ProposalFactory(status=Status.MERGED).pk,
        "missing": lambda: 999999,
        "waiting": lambda: waiting().pk,
    }
    client.force_login(moderator)
    response = client.post(
        reverse("frontend:moderation_merge", args=[proposal.pk]), {"into": targets[into]()}
    )
    assert response.status_code == 200
    assert 'class="form-error-message"' in html(response)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and proposal.merged_into is None


def test_second_route_on_a_triaged_proposal_changes_nothing(client, moderator, team, other_team):
    proposal = waiting()
    client.force_login(moderator)
    url = reverse("frontend:moderation_route", args=[proposal.pk])
    assert client.post(url, {"focus_area": AREA}).status_code == 302
    # The second tab still shows the form and routes elsewhere.
    response = client.post(url, {"focus_area": OTHER_AREA}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("frontend:moderation_item", args=[proposal.pk])
    assert any("allerede blevet behandlet" in text for text in messages_of(response))
    proposal.refresh_from_db()
    assert proposal.team == team and proposal.focus_area.slug == AREA
    assert AuditEntry.objects.filter(action="proposal.route").count() == 1
    # Rejecting it from the second tab is refused too.
    response = client.post(
        reverse("frontend:moderation_reject", args=[proposal.pk]),
        {"reason": "spam", "note": ""},
        follow=True,
    )
    assert any("allerede blevet behandlet" in text for text in messages_of(response))
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


def test_answer_from_another_team_is_forbidden(client, other_member, team, other_team):
    proposal = routed(team)
    client.force_login(other_member)
    response = client.post(
        reverse("frontend:team_answer", args=[proposal.pk]),
        {"outcome": Outcome.ACCEPTED, "text": "Ikke vores."},
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED and proposal.answer_text == ""


# ---------- reports, hiding and restoring --------------------------------------------------


def test_reports_grouped_with_reporter_count_reasons_and_hidden_state(client, moderator):
    proposal = ProposalFactory(title="Anmeldt forslag")
    ReportFactory.create_batch(2, proposal=proposal)
    comment = CommentFactory(body="Grim kommentar")
    ReportFactory(proposal=None, comment=comment, reason="offensive", details="Nedladende")
    client.force_login(moderator)
    page = html(client.get(reverse("frontend:moderation_reports")))
    assert "Anmeldt forslag" in page and "Grim kommentar" in page
    assert "Indberettet af 2 personer" in page
    assert "Indberettet af 1 person" in page
    assert "Nedladende" in page
    assert page.index("Anmeldt forslag") < page.index("Grim kommentar")  # most reported first


def test_hide_and_restore_a_comment_with_a_reason(client, moderator, citizen):
    proposal = ProposalFactory()
    comment = CommentFactory(proposal=proposal, body="Hemmelig grimhed")
    ReportFactory(proposal=None, comment=comment)
    client.force_login(moderator)
    hide = reverse("frontend:moderation_hide", args=["comment", comment.pk])
    response = client.post(hide, {"reason": " "})
    assert response.status_code == 200
    assert 'class="form-error-message"' in html(response)
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert client.post(hide, {"reason": "Personangreb"}).status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Personangreb"
    assert AuditEntry.objects.get(action="comment.hide").reason == "Personangreb"

    # The public sees a marker, never the text; its author (as in the API) and
    # moderators see both.
    for viewer in (None, citizen):
        client.logout()
        if viewer:
            client.force_login(viewer)
        public = html(client.get(proposal.get_absolute_url()))
        assert "Hemmelig grimhed" not in public
        assert "Skjult af en moderator" in public
    client.force_login(comment.author)
    own = html(client.get(proposal.get_absolute_url()))
    assert "Hemmelig grimhed" in own and "Skjult af en moderator" in own
    client.force_login(moderator)
    page = html(client.get(proposal.get_absolute_url()))
    assert "Hemmelig grimhed" in page and "Skjult af en moderator" in page
    hidden = html(client.get(reverse("frontend:moderation_hidden")))
    assert "Personangreb" in hidden and f"hidden-comment-{comment.pk}" in hidden

    restore = reverse("frontend:moderation_restore", args=["comment", comment.pk])
    refused = client.post(restore, {"reason": "", "section": "hidden"})
    assert refused.status_code == 200  # the hidden-content page again, with the error
    assert f'id="id_restore-hidden-comment{comment.pk}_reason"' in html(refused)
    assert 'aria-current="page"><span>Skjult indhold' in html(refused)
    restored = client.post(restore, {"reason": "Ved nærmere eftersyn OK", "section": "hidden"})
    assert restored["Location"] == reverse("frontend:moderation_hidden")
    comment.refresh_from_db()
    assert not comment.is_hidden
    client.logout()
    assert "Hemmelig grimhed" in html(client.get(proposal.get_absolute_url()))


def test_unknown_content_kind_is_404(client, moderator):
    client.force_login(moderator)
    url = reverse("frontend:moderation_hide", args=["bruger", 1])
    assert client.post(url, {"reason": "x"}).status_code == 404


# ---------- teams -------------------------------------------------------------------------


def test_team_queue_tabs_and_overdue_flags(client, member, team, other_team):
    late = routed(team, title="Gammel sag", routed_at=timezone.now() - timedelta(days=20))
    fresh = routed(team, title="Ny sag", routed_at=timezone.now())
    done = routed(team, title="Besvaret sag", status=Status.ANSWERED)
    routed(other_team, title="Andet teams sag", focus_area=OTHER_AREA)
    client.force_login(member)
    url = reverse("frontend:team_queue", args=[team.slug])
    page = html(client.get(url))
    assert page.index(late.title) < page.index(fresh.title)
    assert done.title not in page and "Andet teams sag" not in page
    assert page.count(f"{OVERDUE}Over servicemålet") == 1
    answered = html(client.get(url, {"vis": "besvarede"}))
    assert done.title in answered and late.title not in answered


def test_under_review_answer_and_public_page(client, member, team, author, citizen):
    proposal = routed(team, author=author, title="Skygge på legepladsen")
    client.force_login(member)
    review = reverse("frontend:team_under_review", args=[proposal.pk])
    assert client.post(review, {"note": "Vi ser på det."}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_REVIEW
    # Twice is a clear message, not an error page.
    response = client.post(review, {"note": ""}, follow=True)
    assert response.status_code == 200 and messages_of(response)
    answer = reverse("frontend:team_answer", args=[proposal.pk])
    response = client.post(answer, {"outcome": "", "text": ""})
    assert response.status_code == 200 and 'class="form-error-message"' in html(response)
    response = client.post(
        answer, {"outcome": Outcome.IN_PROGRESS, "text": "Vi planter træer i foråret."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED and proposal.outcome == Outcome.IN_PROGRESS
    assert AuditEntry.objects.filter(action="proposal.answer", actor=member).exists()
    client.force_login(citizen)
    public = html(client.get(proposal.get_absolute_url()))
    assert "Kommunens svar" in public and "I gang" in public
    assert public.count("Vi planter træer i foråret.") == 2  # the answer and its timeline entry
    assert ProposalEvent.objects.filter(proposal=proposal, kind="answered", is_public=True).exists()


def test_reroute_hands_the_proposal_to_the_other_team(client, member, team, other_team):
    proposal = routed(team)
    client.force_login(member)
    url = reverse("frontend:team_reroute", args=[proposal.pk])
    response = client.post(url, {"team": other_team.pk, "focus_area": "", "note": ""})
    assert response.status_code == 200  # the note is required
    proposal.refresh_from_db()
    assert proposal.team == team
    response = client.post(
        url, {"team": other_team.pk, "focus_area": OTHER_AREA, "note": "Naturens sag"}
    )
    assert response["Location"] == reverse("frontend:team_queue", args=[team.slug])
    proposal.refresh_from_db()
    assert proposal.team == other_team and proposal.focus_area.slug == OTHER_AREA
    assert AuditEntry.objects.get(action="proposal.reroute").reason == "Naturens sag"
    assert client.get(reverse("frontend:team_item", args=[proposal.pk])).status_code == 403


def test_moderator_reroutes_from_the_moderation_page(client, moderator, team, other_team):
    proposal = routed(team)
    client.force_login(moderator)
    item = html(client.get(reverse("frontend:moderation_item", args=[proposal.pk])))
    assert reverse("frontend:team_reroute", args=[proposal.pk]) in item
    response = client.post(
        reverse("frontend:team_reroute", args=[proposal.pk]),
        {"team": other_team.pk, "focus_area": "", "note": "Forkert team"},
    )
    assert response["Location"] == reverse("frontend:moderation_item", args=[proposal.pk])
    proposal.refresh_from_db()
    assert proposal.team == other_team


# ---------- audit trail ---------------------------------------------------------------------


def test_audit_trail_filters_and_is_read_only(client, admin, moderator, team):
    first, second = waiting(title="Første sag"), waiting(title="Anden sag")
    client.force_login(moderator)
    client.post(reverse("frontend:moderation_accept", args=[first.pk]), {"accept": AREA})
    client.post(reverse("frontend:moderation_reject", args=[second.pk]), {"reason": "spam"})
    client.force_login(admin)
    url = reverse("frontend:audit_trail")
    page = html(client.get(url))
    assert "Første sag" in page and "Anden sag" in page and moderator.email in page
    page = html(client.get(url, {"action": "proposal.reject"}))
    assert "Anden sag" in page and "Første sag" not in page
    page = html(client.get(url, {"actor": "ingen-saadan@"}))
    assert "Anden sag" not in page
    today = timezone.localdate()
    page = html(client.get(url, {"since": (today + timedelta(days=1)).isoformat()}))
    assert "Anden sag" not in page
    page = html(client.get(url, {"until": today.isoformat(), "object_type": "proposals.proposal"}))
    assert "Anden sag" in page
    assert '<form method="post"' not in page.split('id="main-content"')[1]
    assert client.post(url).status_code == 405


# ---------- the menu ------------------------------------------------------------------------


def test_menu_links_per_role(client, citizen, moderator, member, admin, team):
    client.force_login(citizen)
    page = html(client.get("/"))
    assert reverse("frontend:moderation_queue") not in page and "Mit team" not in page
    client.force_login(moderator)
    assert reverse("frontend:moderation_queue") in html(client.get("/"))
    client.force_login(member)
    page = html(client.get("/"))
    assert "Mit team" in page and reverse("frontend:team_queue", args=[team.slug]) in page
    client.force_login(admin)
    page = html(client.get("/"))
    assert reverse("frontend:moderation_queue") in page
    assert reverse("frontend:team_list") in page


# ---------- queries that do not grow -------------------------------------------------------


def _queries(client, url) -> int:
    # A second view: the first after a change of the person's notifications counts them
    # and keeps the count in their session (once, whatever the page).
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_triage_queue_runs_a_constant_number_of_queries(client, moderator, team):
    client.force_login(moderator)
    url = reverse("frontend:moderation_queue")
    for _ in range(5):
        waiting(author=UserFactory())
    client.get(url)  # renders the bulk form's selects once (the team select asks for teams)
    few = _queries(client, url)
    for n in range(35):
        waiting(author=UserFactory(), focus_area=AREA if n % 2 else None)
    assert _queries(client, url) == few


def test_team_queue_runs_a_constant_number_of_queries(client, member, team):
    client.force_login(member)
    url = reverse("frontend:team_queue", args=[team.slug])
    for _ in range(5):
        routed(team)
    client.get(url)  # this process's copy of the taxonomy is read from now on
    few = _queries(client, url)
    for _ in range(35):
        routed(team, author=UserFactory())
    assert _queries(client, url) == few


def test_reports_page_runs_a_constant_number_of_queries(client, moderator):
    client.force_login(moderator)
    url = reverse("frontend:moderation_reports")
    ReportFactory(comment=CommentFactory(), proposal=None)
    few = _queries(client, url)
    for _ in range(10):
        ReportFactory(comment=CommentFactory(), proposal=None)
        ReportFactory()
    Comment.objects.update(hidden_at=timezone.now(), hidden_reason="x")
    assert _queries(client, url) == few


# ---------- user text stays inert -----------------------------------------------------------

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_script_in_titles_is_inert_on_staff_pages(client, moderator, admin, member, team):
    proposal = waiting(title=XSS)
    answered = routed(team, title=XSS, body=XSS)
    ReportFactory(proposal=answered, details=XSS)
    CommentFactory(proposal=answered, body=XSS)
    ReportFactory(comment=Comment.objects.get(), proposal=None, details=XSS)
    client.force_login(moderator)
    client.post(
        reverse("frontend:moderation_reject", args=[proposal.pk]), {"reason": "other", "note": XSS}
    )
    pages = [
        (moderator, reverse("frontend:moderation_queue")),
        (moderator, reverse("frontend:moderation_item", args=[proposal.pk])),
        (moderator, reverse("frontend:moderation_similar", args=[answered.pk])),
        (moderator, reverse("frontend:moderation_reports")),
        (member, reverse("frontend:team_queue", args=[team.slug])),
        (member, reverse("frontend:team_item", args=[answered.pk])),
        (admin, reverse("frontend:audit_trail")),
    ]
    for user, url in pages:
        client.force_login(user)
        page = html(client.get(url))
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
    assert "&lt;script&gt;" in html(client.get(reverse("frontend:audit_trail")))


# ---------- the proposal form's focus-area suggestion ---------------------------------------


def test_suggestion_preselects_a_focus_area_only_if_none_was_chosen(client, author):
    client.force_login(author)
    url = reverse("frontend:proposal_suggest")
    text = {"title": "Flere cykelstier", "body": "Der mangler cykelstier til skolen."}
    fragment = html(client.get(url, {**text, "classification": ""}, headers=HTMX))
    assert f'<option value="area:{AREA}" selected>' in fragment
    assert 'id="classification-hint" hx-swap-oob="innerHTML"' in fragment
    assert "Forslag: " in fragment
    assert (
        f'name="classification_suggested" id="id_classification_suggested" value="area:{AREA}"'
        in fragment
    )
    chosen = html(client.get(url, {**text, "classification": "area:vild-natur"}, headers=HTMX))
    assert '<option value="area:vild-natur" selected>' in chosen
    assert f'<option value="area:{AREA}" selected>' not in chosen
    # A value the endpoint chose earlier is not the person's choice: it may be updated.
    again = html(
        client.get(
            url,
            {
                **text,
                "classification": "area:vild-natur",
                "classification_suggested": "area:vild-natur",
            },
            headers=HTMX,
        )
    )
    assert f'<option value="area:{AREA}" selected>' in again
    nonsense = html(client.get(url, {"title": "qwxz qwxz", "body": "zzkq"}, headers=HTMX))
    assert "selected>" not in nonsense.split("</option>", 1)[1]
    assert "Forslag: " not in nonsense


def test_create_form_asks_for_suggestions_and_works_without(client, author):
    client.force_login(author)
    page = html(client.get(reverse("frontend:proposal_create")))
    assert f'hx-get="{reverse("frontend:proposal_suggest")}"' in page
    assert "change delay:500ms from:#id_title" in page
    assert 'id="classification-hint"' in page and page.count('id="classification-hint"') == 1
    response = client.post(
        reverse("frontend:proposal_create"),
        {
            "title": "Cykelstier",
            "body": "Tekst",
            "classification": "",
            "classification_suggested": f"area:{AREA}",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert Proposal.objects.get(author=author).focus_area is None


def test_the_reports_page_shows_25_reported_items_a_page(client, moderator):
    for _ in range(30):
        ReportFactory(proposal=ProposalFactory())
    client.force_login(moderator)
    first = html(client.get(reverse("frontend:moderation_reports")))
    second = html(client.get(reverse("frontend:moderation_reports") + "?page=2"))
    assert first.count('id="reported-proposal-') == 25
    assert second.count('id="reported-proposal-') == 5
    assert "(30)" in first


def test_the_kept_bulk_form_shows_a_renamed_team_at_once(client, moderator, team):
    client.force_login(moderator)
    url = reverse("frontend:moderation_queue")
    waiting(author=UserFactory())
    assert team.name in client.get(url).content.decode()
    team.name = "Klimateamet i ny form"
    team.save(update_fields=["name"])
    assert "Klimateamet i ny form" in client.get(url).content.decode()


def test_a_bulk_form_with_errors_is_rendered_for_that_request(client, moderator, team):
    client.force_login(moderator)
    waiting(author=UserFactory())
    client.get(reverse("frontend:moderation_queue"))  # the unbound form is kept
    response = client.post(
        reverse("frontend:moderation_bulk"), {"bulk-action": "route", "bulk-focus_area": AREA}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sæt flueben ved mindst ét forslag." in page
