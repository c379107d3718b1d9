"""What the front page and the theme pages show of proposals: counts per focus area and the
latest proposals, both through proposal_list_public (the one definition of "public")."""

from collections.abc import Iterable

from django.db.models import Count

from engage.accounts.models import User
from engage.taxonomy.models import Theme
from proposals.models import Proposal
from proposals.selectors.public import ProposalFilters, proposal_list_public

RECENT_LIMIT = 5


def focus_area_counts_attach(*, themes: Iterable[Theme], theme_slug: str = "") -> None:
    """Set `public_proposal_count` on every focus area of `themes` (prefetched), in one query.

    `theme_slug` limits the count to one theme's proposals when only that theme is shown.
    """
    public = proposal_list_public(filters=ProposalFilters(theme=theme_slug)).order_by()
    counts = dict(
        public.filter(focus_area__isnull=False)
        .values("focus_area_id")
        .annotate(n=Count("pk"))
        .values_list("focus_area_id", "n")
    )
    for theme in themes:
        for area in theme.focus_areas.all():
            area.public_proposal_count = counts.get(area.pk, 0)


def proposal_list_recent(
    *, user: User | None = None, theme_slug: str = "", limit: int = RECENT_LIMIT
) -> list[Proposal]:
    """The newest public proposals (of one theme), with their focus area and whether `user`
    supports each, in one query."""
    filters = ProposalFilters(theme=theme_slug, sort="newest")
    # The cards show an organisation as the author of what it wrote.
    queryset = proposal_list_public(filters=filters, user=user).select_related("organisation")
    return list(queryset[:limit])
