"""Factories for proposals, shared by tests/proposals and tests/frontend.

Owned by the proposals API helper: add to this file, don't change what is here.

ProposalFactory builds a *published* proposal by default; pass `status=` for another
state and the matching timestamps (submitted_at, published_at, answered_at), outcome and
merged_into are filled in so the model's check constraints hold. The focus area comes
from the migrated taxonomy (by slug) and the theme always matches it.

Engagement (supports, comments) changes denormalised counters on Proposal: use
`support_add` / `comment_add`, which go through the services, when a test relies on
the counters; SupportFactory and CommentFactory bump the counters too.
"""

from datetime import timedelta

import factory
from django.db.models import F
from django.utils import timezone

from engage.taxonomy.models import FocusArea
from proposals import text
from proposals.lifecycle import Outcome, Status
from proposals.models import (
    Comment,
    FocusAreaFollow,
    Proposal,
    ProposalEvent,
    ProposalFollow,
    ProposalImage,
    Report,
    Support,
)
from tests.factories import UserFactory

DEFAULT_FOCUS_AREA = "klimahandlingsplan"

# Which timestamps a proposal in each status carries.
_SUBMITTED_OR_LATER = {
    Status.SUBMITTED,
    Status.PUBLISHED,
    Status.UNDER_REVIEW,
    Status.ANSWERED,
    Status.REJECTED,
    Status.MERGED,
}
_PUBLISHED_OR_LATER = {Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED, Status.MERGED}


def focus_area_get(slug: str = DEFAULT_FOCUS_AREA) -> FocusArea:
    """A focus area from the data migration (raises if the slug is unknown)."""
    return FocusArea.objects.select_related("theme").get(slug=slug)


def _area(value: FocusArea | str | None) -> FocusArea | None:
    return focus_area_get(value) if isinstance(value, str) else value


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal; `ProposalFactory(status="draft")`, `(status="answered", outcome=...)`.

    `focus_area` may be a FocusArea or a slug; `focus_area=None` leaves it unclassified.
    `merged_into` defaults to a fresh published proposal when status="merged".
    """

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    class Params:
        age = timedelta(days=1)

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Forslag nummer {n}")
    body = "Lad os plante flere træer langs stierne, så der bliver skygge om sommeren."
    body_html = factory.LazyAttribute(lambda o: text.render(o.body))
    status = Status.PUBLISHED
    focus_area = factory.LazyFunction(focus_area_get)
    theme = factory.LazyAttribute(lambda o: _area(o.focus_area).theme if o.focus_area else None)
    created_at = factory.LazyAttribute(lambda o: timezone.now() - o.age)
    updated_at = factory.LazyAttribute(lambda o: o.created_at)
    submitted_at = factory.LazyAttribute(
        lambda o: o.created_at + timedelta(minutes=5) if o.status in _SUBMITTED_OR_LATER else None
    )
    published_at = factory.LazyAttribute(
        lambda o: o.created_at + timedelta(minutes=10) if o.status in _PUBLISHED_OR_LATER else None
    )
    answered_at = factory.LazyAttribute(
        lambda o: o.created_at + timedelta(minutes=20) if o.status == Status.ANSWERED else None
    )
    outcome = factory.LazyAttribute(
        lambda o: Outcome.ACCEPTED if o.status == Status.ANSWERED else ""
    )
    merged_into = factory.LazyAttribute(
        lambda o: ProposalFactory(status=Status.PUBLISHED) if o.status == Status.MERGED else None
    )

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["focus_area"] = _area(kwargs.get("focus_area"))
        return kwargs

    @factory.post_generation
    def search_vector(self, create: bool, extracted, **kwargs) -> None:
        if create:
            from proposals.search import search_vector_refresh

            search_vector_refresh(proposal_ids=[self.pk])


class ProposalImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalImage

    proposal = factory.SubFactory(ProposalFactory, status=Status.DRAFT)
    image = factory.django.ImageField(width=40, height=30, format="JPEG", filename="foto.jpg")
    alt_text = "Et foto af stedet"


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment; bumps the proposal's comment_count (not for deleted ones)."""

    class Meta:
        model = Comment
        skip_postgeneration_save = True

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory)
    parent = None
    body = factory.Sequence(lambda n: f"Godt forslag, jeg er enig ({n}).")
    body_html = factory.LazyAttribute(lambda o: text.render(o.body))

    @factory.post_generation
    def counter(self, create: bool, extracted, **kwargs) -> None:
        if create and self.deleted_at is None:
            Proposal.objects.filter(pk=self.proposal_id).update(
                comment_count=F("comment_count") + 1
            )


class SupportFactory(factory.django.DjangoModelFactory):
    """A support; bumps the proposal's support_count like the service does."""

    class Meta:
        model = Support
        skip_postgeneration_save = True

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def counter(self, create: bool, extracted, **kwargs) -> None:
        if create:
            Proposal.objects.filter(pk=self.proposal_id).update(
                support_count=F("support_count") + 1
            )


class ReportFactory(factory.django.DjangoModelFactory):
    """A report on a proposal; pass `comment=` (and `proposal=None`) to report a comment."""

    class Meta:
        model = Report

    reporter = factory.SubFactory(UserFactory)
    proposal = factory.SubFactory(ProposalFactory)
    comment = None
    reason = Report.Reason.SPAM
    details = ""


class ProposalFollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalFollow

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)


class FocusAreaFollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusAreaFollow

    focus_area = factory.LazyFunction(focus_area_get)
    user = factory.SubFactory(UserFactory)


class ProposalEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalEvent

    proposal = factory.SubFactory(ProposalFactory)
    kind = ProposalEvent.Kind.STATUS_CHANGED
    from_status = Status.SUBMITTED
    to_status = Status.PUBLISHED
    note = ""
    is_public = True


def support_add(*, proposal: Proposal, user=None) -> Support:
    """Support through the service (counters, rate limit) and return the row."""
    from proposals.services import proposal_support

    user = user or UserFactory()
    proposal_support(proposal=proposal, user=user)
    return Support.objects.get(proposal=proposal, user=user)


def comment_add(*, proposal: Proposal, author=None, body: str = "En kommentar.", parent=None):
    """Comment through the service (counters, follow, notification event)."""
    from proposals.services import comment_create

    return comment_create(
        proposal=proposal, author=author or UserFactory(), body=body, parent=parent
    )


class TeamFactory(factory.django.DjangoModelFactory):
    """A staff team; `TeamFactory(members=[user, ...])` adds members, `focus_areas=[...]`
    (FocusAreas or slugs) makes it their responsible team."""

    class Meta:
        model = "taxonomy.Team"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"team-{n}")
    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def members(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.members.add(*extracted)

    @factory.post_generation
    def focus_areas(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            pks = [_area(area).pk for area in extracted]
            FocusArea.objects.filter(pk__in=pks).update(team=self)
