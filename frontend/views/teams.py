"""Team pages: the proposals routed to a focus-area team, and answering one of them.

Members of the routed team (and admins) work a proposal; moderators may also re-route
it. Views stay thin: proposals.rules decide who may, proposals.services.moderation write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engage.taxonomy.models import Team
from frontend.forms.moderation import AnswerForm, RerouteForm, UnderReviewForm
from frontend.forms.proposals import error_text, errors_from_service
from frontend.views import moderation
from proposals.lifecycle import (
    ROUTABLE_STATUSES,
    InvalidTransition,
    Status,
    transition_allowed,
)
from proposals.models import Proposal
from proposals.selectors.moderation import (
    proposal_get_for_moderation,
    proposal_get_for_team,
    team_answered_list,
    team_get_for_member,
    team_list_for_user,
    team_queue_list,
)
from proposals.selectors.page import proposal_timeline_list
from proposals.services import moderation as services

PAGE_SIZE = 50
ANSWERED_TAB = "besvarede"


@login_required
@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    """The teams a person works in (admins: all teams); straight to the queue if just one."""
    everyone = request.user.has_perm("proposals.work_team_queue")  # admins only, no team given
    teams = list(team_list_for_user(user=request.user))
    if not teams and not everyone:
        raise PermissionDenied
    if len(teams) == 1 and not everyone:
        return redirect("frontend:team_queue", slug=teams[0].slug)
    return render(request, "frontend/teams/list.html", {"teams": teams})


@login_required
@require_GET
def team_queue_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        team = team_get_for_member(slug=slug, user=request.user)
    except Team.DoesNotExist:
        raise Http404("No such team") from None
    answered = request.GET.get("vis") == ANSWERED_TAB
    queryset = team_answered_list(team=team) if answered else team_queue_list(team=team)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    moderation.annotate_waiting(page.object_list, since="routed_at")
    context = {
        "team": team,
        "answered": answered,
        "answered_tab": ANSWERED_TAB,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "target_days": moderation.service_target_days(),
    }
    return render(request, "frontend/teams/queue.html", context)


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    try:
        return proposal_get_for_team(pk=pk, user=request.user)
    except Proposal.DoesNotExist:
        raise Http404("No such proposal") from None


@login_required
@require_GET
def team_item(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, _proposal(request, pk))


def _item_page(
    request: HttpRequest,
    proposal: Proposal,
    *,
    review_form: UnderReviewForm | None = None,
    answer_form: AnswerForm | None = None,
    reroute_form: RerouteForm | None = None,
) -> HttpResponse:
    themes, teams, _areas = moderation.taxonomy()
    moderation.annotate_waiting([proposal], since="routed_at")
    can_review = transition_allowed(current=proposal.status, target=Status.UNDER_REVIEW)
    can_answer = transition_allowed(current=proposal.status, target=Status.ANSWERED)
    can_reroute = proposal.status in ROUTABLE_STATUSES
    # Only the forms the page shows are built (the re-routing one lists every area and team).
    if can_review:
        review_form = review_form or UnderReviewForm()
    if can_answer:
        initial = {"outcome": proposal.outcome, "text": proposal.answer_text}
        answer_form = answer_form or AnswerForm(initial=initial)
    if can_reroute:
        reroute_form = reroute_form or RerouteForm(themes=themes, teams=teams)
    context = {
        "proposal": proposal,
        "secondary_areas": list(proposal.secondary_focus_areas.all()),
        "timeline": proposal_timeline_list(proposal=proposal),
        "can_review": can_review,
        "can_answer": can_answer,
        "can_reroute": can_reroute,
        "review_form": review_form,
        "answer_form": answer_form,
        "reroute_form": reroute_form,
    }
    return render(request, "frontend/teams/item.html", context)


@login_required
@require_POST
def team_under_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = UnderReviewForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_set_under_review(
                proposal=proposal, actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The proposal is now under review."))
        return redirect("frontend:team_item", pk=proposal.pk)
    return _item_page(request, proposal, review_form=form)


@login_required
@require_POST
def team_answer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_answer(
                proposal=proposal,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                text=form.cleaned_data["text"],
            )
        except InvalidTransition as exc:
            messages.error(request, error_text(exc))
            return redirect("frontend:team_item", pk=proposal.pk)
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(
                request, _("The answer is published on the proposal's page and sent to followers.")
            )
            return redirect("frontend:team_item", pk=proposal.pk)
    return _item_page(request, proposal, answer_form=form)


@login_required
@require_POST
def team_reroute(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand a proposal to another team; for its team's members and for moderators."""
    user = request.user
    from_team_page = not user.has_perm("proposals.moderate_proposal")
    try:
        if from_team_page:
            proposal = proposal_get_for_team(pk=pk, user=user)
        else:
            proposal = proposal_get_for_moderation(pk=pk, user=user)
    except Proposal.DoesNotExist:
        raise Http404("No such proposal") from None
    moderation.require_perm(request, "proposals.reroute_proposal", proposal)
    old_team = proposal.team
    themes, teams, _areas = moderation.taxonomy()
    form = RerouteForm(request.POST, themes=themes, teams=teams)
    if form.is_valid():
        data = form.cleaned_data
        try:
            rerouted = services.proposal_reroute(
                proposal=proposal,
                actor=user,
                team=data["team"],
                focus_area=data["focus_area"],
                note=data["note"],
            )
        except InvalidTransition as exc:
            messages.error(request, error_text(exc))
            return _back_after_reroute(request, proposal, old_team, from_team_page)
        except ValidationError as exc:
            errors_from_service(form, exc)
        else:
            messages.success(
                request,
                _("“%(title)s” is now with %(team)s.")
                % {"title": rerouted.title, "team": rerouted.team.name},
            )
            return _back_after_reroute(request, rerouted, old_team, from_team_page)
    if from_team_page:
        return _item_page(request, proposal, reroute_form=form)
    return moderation.item_page(request, proposal, reroute_form=form)


def _back_after_reroute(request, proposal, old_team, from_team_page: bool) -> HttpResponse:
    # A member of the old team may no longer see the proposal: back to their queue.
    if not from_team_page:
        return redirect("frontend:moderation_item", pk=proposal.pk)
    if request.user.has_perm("proposals.answer_proposal", proposal):
        return redirect("frontend:team_item", pk=proposal.pk)
    return redirect("frontend:team_queue", slug=old_team.slug)
