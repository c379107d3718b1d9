from django.db import transaction
from django.db.models import Max

from proposals.models import Proposal, RoutingDecision, RoutingModel
from proposals.routing import area_texts, learned_counts, suggester_get

MODELS_KEPT = 5


@transaction.atomic
def routing_model_train() -> RoutingModel | None:
    """Fold every proposal's latest routing decision into a new stored model.

    Idempotent: when no decision was made since the newest model, nothing is written and
    None is returned. Old models beyond the last few are deleted.
    """
    newest = RoutingModel.objects.order_by("-pk").first()
    last_id = RoutingDecision.objects.aggregate(last=Max("pk"))["last"] or 0
    if newest is not None and newest.last_decision_id == last_id:
        return None
    latest_per_proposal = (
        RoutingDecision.objects.values("proposal_id")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    decisions = RoutingDecision.objects.filter(pk__in=latest_per_proposal).values_list(
        "proposal_id", "focus_area__slug"
    )
    area_of = dict(decisions)
    texts = Proposal.objects.filter(pk__in=area_of).values_list("pk", "title", "body")
    counts = learned_counts(
        decisions=(
            (area_of[pk], title, body) for pk, title, body in texts.iterator(chunk_size=2000)
        ),
        areas=area_texts(),
    )
    model = RoutingModel.objects.create(
        decisions=len(area_of), last_decision_id=last_id, counts=counts
    )
    stale = RoutingModel.objects.order_by("-pk").values_list("pk", flat=True)[MODELS_KEPT:]
    RoutingModel.objects.filter(pk__in=list(stale)).delete()
    return model


def proposal_suggestions_refresh(*, proposals: list[Proposal]) -> None:
    """Store the suggester's current top three on each proposal (for the triage queue).

    suggested_focus_area is left empty when none of the areas fits well, though the top
    three are kept for the moderator to see.
    """
    suggester = suggester_get()
    for proposal in proposals:
        ranking = suggester.rank(title=proposal.title, body=proposal.body, limit=3)
        proposal.suggestions = [
            {"focus_area": s.focus_area, "theme": s.theme, "score": s.score}
            for s in ranking.suggestions[:3]
        ]
        proposal.suggested_focus_area = ranking.best.focus_area if ranking.fits else ""
    Proposal.objects.bulk_update(proposals, ["suggestions", "suggested_focus_area"], batch_size=500)


def waiting_suggestions_refresh() -> int:
    """After retraining: refresh the stored suggestions of every proposal still in triage."""
    waiting = list(Proposal.objects.filter(status="submitted").only("pk", "title", "body"))
    proposal_suggestions_refresh(proposals=waiting)
    return len(waiting)
