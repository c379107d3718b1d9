"""The focus-area suggester: its answers, its quality on hand-labelled cases, and learning.

Speed is measured by the benchmarks (tests/bench), not asserted here.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from engage.taxonomy.models import FocusArea
from proposals.lifecycle import Status
from proposals.models import Proposal, RoutingDecision, RoutingModel
from proposals.routing import suggester_get, suggester_reset
from proposals.services import proposal_create, proposal_submit
from proposals.services.moderation import proposal_reroute, proposal_route
from proposals.services.routing import routing_model_train
from proposals.tasks import retrain_routing_model
from tests.factories import ModeratorFactory, UserFactory, give_totp
from tests.proposals.factories import ProposalFactory, TeamFactory
from tests.proposals.routing_evaluation import evaluation_measure, halves

pytestmark = pytest.mark.django_db

# Issue 13's goals, on both halves of tests/proposals/routing_evaluation.py.
GOALS = {"top1": 0.70, "top3": 0.90, "theme_top1": 0.85, "auroc": 0.80}
FLOORS = {"tuning": GOALS, "held-out": GOALS}


@pytest.fixture(autouse=True)
def _fresh_suggester():
    # The suggester is cached per process; each test has its own RoutingModel rows.
    cache.clear()
    suggester_reset()
    yield
    suggester_reset()


def suggest(title: str, body: str = "", limit: int = 5) -> list:
    return suggester_get().suggest(title=title, body=body, limit=limit)


def slugs(suggestions) -> list[str]:
    return [s.focus_area for s in suggestions]


def rank_of(slug: str, title: str, body: str = "") -> int:
    return slugs(suggest(title, body, limit=100)).index(slug)


# --- the answer's shape ---


@pytest.mark.parametrize("limit", [1, 3, 5])
def test_at_least_three_suggestions_best_first(limit):
    suggestions = suggest("Flere cykelstier til skolen", "Børnene cykler på en farlig vej.", limit)
    assert len(suggestions) == max(limit, 3)
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 1 for score in scores)
    assert sum(scores) <= 1 + 1e-3  # rounded to four decimals


def test_suggestions_carry_the_focus_areas_theme():
    areas = dict(FocusArea.objects.values_list("slug", "theme__slug"))
    for suggestion in suggest("Hjælp til ensomme ældre", limit=23):
        assert suggestion.theme == areas[suggestion.focus_area]
    assert len(suggest("x", limit=100)) == len(areas)


@pytest.mark.parametrize(("title", "body"), [("", ""), ("   ", "\n"), ("123 456", "!!!")])
def test_empty_or_meaningless_text_still_gets_three_suggestions(title, body):
    suggestions = suggest(title, body, limit=3)
    assert len(suggestions) == 3
    # Nothing to go on: every focus area is equally likely, and none fits well.
    assert len({s.score for s in suggestions}) == 1
    ranking = suggester_get().rank(title=title, body=body, limit=100)
    assert not ranking.fits
    total = sum(s.score for s in ranking.suggestions)
    assert total + ranking.none == pytest.approx(1, abs=1e-2)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("Hjælp til ensomme ældre", "Mange ældre sidder alene hele dagen.", "bekaempe-ensomhed"),
        ("Help lonely elderly people", "Many old people sit alone all day.", "bekaempe-ensomhed"),
        (
            "Plant flere træer i byen",
            "Grønne gader med træer og blomster.",
            "sammenhaengende-natur",
        ),
        ("More bike lanes to school", "", "klimahandlingsplan"),
    ],
)
def test_danish_and_english(title, body, expected):
    assert slugs(suggest(title, body))[0] == expected


def test_danish_and_english_of_one_proposal_agree():
    danish = slugs(suggest("Mindre madspild i kantinerne", "Giv overskudsmad til dem der mangler"))
    english = slugs(suggest("Less food waste in canteens", "Give leftover food to those in need"))
    assert danish[0] == english[0]


# --- quality on the evaluation set ---


@pytest.mark.parametrize("half", ["tuning", "held-out"])
def test_routing_quality_and_confidence_on_the_evaluation_set(half):
    measures = evaluation_measure(suggester=suggester_get(), items=halves()[half])
    print(f"\n{half}: {measures}")
    assert measures.in_scope >= 125 and measures.off_topic >= 40
    for name, floor in FLOORS[half].items():
        assert getattr(measures, name) >= floor, name
    # Most off-topic text is answered "none fits well"; most in-scope text is not.
    assert measures.none_on_off_topic >= 0.75
    assert measures.none_on_in_scope <= 0.20
    # Confident suggestions are mostly right, unconfident ones mostly not.
    high = [(n, right) for low, _high, n, right in measures.reliability if low >= 80]
    low = [(n, right) for low, _high, n, right in measures.reliability if low < 20]
    assert sum(n * right for n, right in high) / sum(n for n, _ in high) >= 0.80
    assert sum(n * right for n, right in low) / sum(n for n, _ in low) <= 0.20


def test_the_evaluation_names_real_focus_areas():
    known = set(FocusArea.objects.values_list("slug", flat=True))
    items = [item for half in halves().values() for item in half]
    assert {slug for item in items for slug in item.areas} == known


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Cheap sunglasses", "Designer sunglasses at 80 % off, free shipping worldwide."),
        ("Nyt kunstgræs til fodboldklubben", "Banen er en mudderpøl hele vinteren."),
        ("Lower the parking fees", "An hour of parking in the centre costs far too much."),
        ("Hej", "Virker det her?"),
    ],
)
def test_none_fits_text_no_focus_area_covers(title, body):
    ranking = suggester_get().rank(title=title, body=body)
    assert not ranking.fits and ranking.best is None
    assert ranking.suggestions[0].score < 0.35
    assert ranking.none + sum(s.score for s in suggest(title, body, limit=100)) == pytest.approx(
        1, abs=1e-2
    )


def test_a_clear_proposal_fits_with_high_confidence():
    ranking = suggester_get().rank(
        title="Flere skraldespande med sortering i midtbyen",
        body="Plastik og pap ender i den samme spand, og affaldet flyder på gaden.",
    )
    assert ranking.fits and ranking.best.focus_area == "mindre-forbrug-affald"
    assert ranking.best.score >= 0.6 and ranking.none < 0.3


def test_the_suggester_sees_a_focus_area_renamed_elsewhere_at_once():
    before = suggest("Kvantecomputere i kommunen", limit=100)
    area = FocusArea.objects.get(slug="truede-arter")
    assert before[0].focus_area != area.slug
    # As an admin's edit in another process arrives: the row and the taxonomy version change.
    area.name_da = "Kvantecomputere og kvanteforskning"
    area.save()
    after = suggest("Kvantecomputere i kommunen", limit=100)
    assert after[0].focus_area == area.slug


# --- "none fits well" where people see the suggestions ---

# Not in the evaluation set: an advert, and a proposal in scope.
ADVERT = {
    "title": "Solbriller til halv pris",
    "body": "Designersolbriller med rabat. Bestil i dag og få gratis levering til døren.",
}
IN_SCOPE = {
    "title": "Madaffald fra skolekøkkenet",
    "body": "Skolekøkkenet smider store portioner rester ud hver dag. Giv dem videre.",
}
SUGGEST_FORM = "frontend:proposal_suggest"
HTMX = {"HX-Request": "true"}


def _fragment(client, **params) -> str:
    return client.get(reverse(SUGGEST_FORM), params, headers=HTMX).content.decode()


def _selected_options(fragment: str) -> list[str]:
    """The values of the options a select shows as chosen, but for the empty "choose" one."""
    values = [part.rsplit('value="', 1)[1] for part in fragment.split('" selected>')[:-1]]
    return [value for value in values if value]


def test_citizen_form_preselects_nothing_when_none_fits(client):
    client.force_login(UserFactory())
    fitting = _fragment(client, **IN_SCOPE, classification="")
    [automatic] = _selected_options(fitting)
    assert automatic.startswith("area:") and "Forslag: " in fitting

    # The text becomes an advert: the earlier automatic choice is withdrawn, not kept.
    advert = _fragment(
        client, **ADVERT, classification=automatic, classification_suggested=automatic
    )
    assert _selected_options(advert) == []
    assert 'name="classification_suggested" id="id_classification_suggested" value=""' in advert
    assert "Ingen af fokusområderne passer rigtig godt til din tekst" in advert
    assert "Forslag: " not in advert

    # What the person chose themselves stays chosen.
    chosen = _fragment(client, **ADVERT, classification=automatic, classification_suggested="")
    assert _selected_options(chosen) == [automatic]


def test_suggest_api_answers_none_fits_as_such():
    client = APIClient()
    url = "/api/v1/proposals/suggest-focus-areas/"
    advert = client.post(url, ADVERT, format="json").json()
    assert advert["none_fits"] is True and advert["none_score"] > 0.5
    assert len(advert["suggestions"]) == 5  # the closest areas, with low scores
    fitting = client.post(url, IN_SCOPE, format="json").json()
    assert fitting["none_fits"] is False
    assert fitting["suggestions"][0]["score"] > fitting["none_score"]
    total = sum(s["score"] for s in fitting["suggestions"]) + fitting["none_score"]
    assert total <= 1 + 1e-3


def test_moderator_sees_none_fits_and_nothing_preselected(client):
    author = UserFactory()
    draft = proposal_create(author=author, **ADVERT)
    proposal_submit(proposal=draft, actor=author)
    stored = Proposal.objects.get(pk=draft.pk)
    assert stored.suggested_focus_area == "" and len(stored.suggestions) == 3

    moderator = ModeratorFactory()
    give_totp(moderator)
    client.force_login(moderator)
    item = client.get(reverse("frontend:moderation_item", args=[stored.pk])).content.decode()
    assert "Ingen af fokusområderne passer godt." in item
    route_form = item.split('name="focus_area"', 1)[1].split("</select>", 1)[0]
    assert _selected_options(route_form) == []
    queue = client.get(reverse("frontend:moderation_queue")).content.decode()
    assert "Ingen af fokusområderne passer godt." in queue


# --- learning from moderators ---

PROBE = ("Flere cykelstier til skolen", "Børnene skal kunne cykle sikkert til skole hver dag.")
LEARNED = "inkluderende-byplanlaegning"
SIMILAR = [
    ("Sikre cykelstier ved skolen", "Lav en cykelsti langs vejen, så børnene kan cykle sikkert."),
    (
        "Cykelsti til skolen i Nørreby",
        "Der mangler en cykelsti til skolen, børnene cykler på vejen.",
    ),
    ("Flere cykelstier i byen", "Byen har brug for flere cykelstier mellem boligerne og skolen."),
    ("Cykelstier til børnene", "Børn skal kunne cykle til skole uden at cykle på en farlig vej."),
    ("Sikker skolevej på cykel", "Cykelstien til skolen slutter midt på vejen. Forlæng den."),
    ("Cykelsti langs skolevejen", "Vi ønsker en sikker cykelsti, så flere børn cykler i skole."),
]


def _route_similar_to(area_slug: str, count: int = len(SIMILAR)) -> list[Proposal]:
    TeamFactory(focus_areas=[area_slug])
    area = FocusArea.objects.get(slug=area_slug)
    moderator = ModeratorFactory()
    proposals = []
    for title, body in SIMILAR[:count]:
        proposal = ProposalFactory(status=Status.SUBMITTED, title=title, body=body)
        proposals.append(proposal_route(proposal=proposal, actor=moderator, focus_area=area))
    return proposals


def test_routing_decisions_change_later_suggestions():
    before = suggest(*PROBE, limit=100)
    assert before[0].focus_area != LEARNED
    rank_before = slugs(before).index(LEARNED)
    score_before = before[rank_before].score

    _route_similar_to(LEARNED)
    # Until the model is retrained the suggester does not change.
    suggester_reset()
    assert slugs(suggest(*PROBE, limit=100)) == slugs(before)

    model = routing_model_train()
    assert model is not None and model.decisions == len(SIMILAR)
    suggester_reset()
    after = suggest(*PROBE, limit=100)
    rank_after = slugs(after).index(LEARNED)
    print(
        f"\n{LEARNED}: rank {rank_before} → {rank_after}, score {score_before} → "
        f"{after[rank_after].score}"
    )
    assert rank_after < rank_before
    assert rank_after == 0
    assert after[rank_after].score > score_before


def test_a_moderators_correction_changes_later_suggestions():
    routed = _route_similar_to(LEARNED)
    routing_model_train()
    assert slugs(suggest(*PROBE))[0] == LEARNED

    corrected = "by-og-land"
    team = TeamFactory(focus_areas=[corrected])
    area = FocusArea.objects.get(slug=corrected)
    moderator = ModeratorFactory()
    for proposal in routed:
        proposal_reroute(
            proposal=proposal, actor=moderator, team=team, focus_area=area, note="Landet"
        )
    routing_model_train()
    # No reset: the newer model is picked up by the next call, as in every process.
    after = suggest(*PROBE, limit=100)
    assert after[0].focus_area == corrected
    assert slugs(after).index(LEARNED) > 0


def test_one_correction_moves_its_area_up_for_like_text():
    before = slugs(suggest(*PROBE, limit=100)).index(LEARNED)
    _route_similar_to(LEARNED, count=1)
    routing_model_train()
    after = slugs(suggest(*PROBE, limit=100)).index(LEARNED)
    print(f"\n{LEARNED} after one decision: rank {before} → {after}")
    assert after < before


def _route(area_slug: str, texts: list[tuple[str, str]]) -> None:
    TeamFactory(focus_areas=[area_slug])
    area = FocusArea.objects.get(slug=area_slug)
    moderator = ModeratorFactory()
    for title, body in texts:
        proposal = ProposalFactory(status=Status.SUBMITTED, title=title, body=body)
        proposal_route(proposal=proposal, actor=moderator, focus_area=area)


NEW_WORD = "Xqzjvw"  # no word, stem or trigram of the suggester's day-one text


def test_a_new_word_is_learned_once_two_decisions_share_it():
    _route("vild-natur", [(f"{NEW_WORD} i parken", f"Mere {NEW_WORD} til alle.")])
    routing_model_train()
    # One proposal's own word is not yet a sign of its area: nothing is known of the text.
    assert len({s.score for s in suggest(NEW_WORD, limit=100)}) == 1

    _route("vild-natur", [(f"{NEW_WORD} ved stranden", f"Vi vil have {NEW_WORD}.")])
    routing_model_train()
    assert slugs(suggest(NEW_WORD))[0] == "vild-natur"


def test_an_area_many_proposals_are_routed_to_keeps_its_other_topics():
    other_topic = (
        "Plan the new district with everyone",
        "Ask disabled people, children and older people before the new neighbourhood is designed.",
    )
    assert slugs(suggest(*other_topic))[0] == LEARNED
    _route(LEARNED, SIMILAR * 10)  # sixty proposals about cycle paths to school
    routing_model_train()
    assert slugs(suggest(*PROBE))[0] == LEARNED
    # What the area learned weighs no more than its prior: it still knows its other topics.
    assert slugs(suggest(*other_topic))[0] == LEARNED


def test_the_benchmark_learns_as_training_does():
    """tests/bench learns from the evaluation set through learned_counts; training must
    store exactly what learned_counts makes of the same decisions."""
    from proposals.routing import area_texts, learned_counts

    _route(LEARNED, SIMILAR[:4])
    _route("vild-natur", SIMILAR[4:])
    model = routing_model_train()
    decisions = [(LEARNED, *text) for text in SIMILAR[:4]] + [
        ("vild-natur", *text) for text in SIMILAR[4:]
    ]
    expected = learned_counts(decisions=decisions, areas=area_texts())
    assert set(model.counts) == set(expected) == {LEARNED, "vild-natur"}
    for slug, counts in expected.items():
        assert model.counts[slug] == pytest.approx(counts)


def test_training_uses_each_proposals_latest_decision():
    [proposal] = _route_similar_to(LEARNED, count=1)
    elsewhere = TeamFactory(focus_areas=["vild-natur"])
    proposal_reroute(
        proposal=proposal,
        actor=ModeratorFactory(),
        team=elsewhere,
        focus_area=FocusArea.objects.get(slug="vild-natur"),
        note="Natur",
    )
    model = routing_model_train()
    assert model.decisions == 1
    assert set(model.counts) == {"vild-natur"}


def test_training_is_idempotent_and_keeps_five_models():
    first = routing_model_train()
    assert first is not None and first.decisions == 0
    assert routing_model_train() is None  # no new decisions: no new model
    assert RoutingModel.objects.count() == 1

    made = [first]
    TeamFactory(focus_areas=[LEARNED])
    for title, body in SIMILAR:
        proposal = ProposalFactory(status=Status.SUBMITTED, title=title, body=body)
        proposal_route(
            proposal=proposal,
            actor=ModeratorFactory(),
            focus_area=FocusArea.objects.get(slug=LEARNED),
        )
        made.append(routing_model_train())
        assert routing_model_train() is None

    kept = list(RoutingModel.objects.order_by("pk"))
    assert len(made) == 7
    assert [m.pk for m in kept] == [m.pk for m in made[-5:]]
    assert kept[-1].decisions == len(SIMILAR)
    assert kept[-1].last_decision_id == RoutingDecision.objects.latest("pk").pk


def test_retrain_task_refreshes_the_suggestions_of_waiting_proposals():
    probe = ProposalFactory(status=Status.SUBMITTED, title=PROBE[0], body=PROBE[1])
    published = ProposalFactory(status=Status.PUBLISHED, title=PROBE[0], body=PROBE[1])
    stale = [{"focus_area": "truede-arter", "theme": "biodiversitet", "score": 1.0}]
    Proposal.objects.filter(pk__in=[probe.pk, published.pk]).update(
        suggestions=stale, suggested_focus_area="truede-arter"
    )
    routing_model_train()  # the baseline model, so only new decisions count below
    assert retrain_routing_model() == 0  # nothing new: nothing refreshed
    assert Proposal.objects.get(pk=probe.pk).suggested_focus_area == "truede-arter"

    _route_similar_to(LEARNED)
    assert retrain_routing_model() == len(SIMILAR)

    probe.refresh_from_db()
    assert probe.suggested_focus_area == LEARNED
    assert len(probe.suggestions) == 3
    assert probe.suggestions[0]["focus_area"] == LEARNED
    assert probe.suggestions[0]["theme"] == "ulighed"
    # Only proposals still waiting in triage are refreshed.
    assert Proposal.objects.get(pk=published.pk).suggested_focus_area == "truede-arter"


def test_submit_stores_the_top_three_suggestions():
    draft = proposal_create(
        author=UserFactory(),
        title="Hjælp til ensomme ældre",
        body="Mange ældre sidder alene hele dagen og savner nogen at tale med.",
    )
    assert draft.suggestions == [] and draft.suggested_focus_area == ""

    proposal_submit(proposal=draft, actor=draft.author)

    stored = Proposal.objects.get(pk=draft.pk)
    expected = suggest(stored.title, stored.body, limit=3)[:3]
    assert stored.suggestions == [
        {"focus_area": s.focus_area, "theme": s.theme, "score": s.score} for s in expected
    ]
    assert stored.suggested_focus_area == "bekaempe-ensomhed" == expected[0].focus_area
