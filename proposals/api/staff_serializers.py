"""Shapes shared by the moderation and team endpoints (proposals/api/moderation.py,
proposals/api/teams.py); each module keeps the shapes only it uses beside its views.

List serializers read only what the selectors loaded (select_related, annotations, the
stored suggestions), so a queue page costs the same number of queries at any length.
Ages and the overdue flag need a `clock` (service_clock()) in the serializer
context, read once per request.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from engage.taxonomy.models import FocusArea, Team
from proposals.models import Proposal
from proposals.selectors.moderation import service_clock_get

EXCERPT_CHARS = 200
NOTE_MAX = 2000


def age_context(request) -> dict:
    """Serializer context for the shapes with ages: the request and one clock for all rows."""
    return {"request": request, "clock": service_clock_get()}


def excerpt(text: str) -> str:
    """The text on one line, cut to EXCERPT_CHARS with an ellipsis.

    Plain slicing, not Truncator, which looks up its ellipsis in the translations on every
    call: a queue page of 100 asks for 100 excerpts.
    """
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


class FocusAreaSlugField(serializers.SlugRelatedField):
    """A focus area by slug; an unknown slug is a field error that names it."""

    default_error_messages = {
        "does_not_exist": _("There is no focus area “{value}”."),
        "invalid": _("Give the focus area's slug."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", FocusArea.objects.select_related("theme", "team"))
        super().__init__(slug_field="slug", **kwargs)


class TeamSlugField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": _("There is no team “{value}”."),
        "invalid": _("Give the team's slug."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Team.objects.all())
        super().__init__(slug_field="slug", **kwargs)


class FocusAreaSuggestionSerializer(serializers.Serializer):
    focus_area = serializers.SlugField()
    theme = serializers.SlugField()
    score = serializers.FloatField(
        help_text="Calibrated confidence that this focus area is right, 0 to 1."
    )


class ProposalModeratedSerializer(serializers.Serializer):
    """A proposal after a moderator or team action: its state and routing."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    outcome = serializers.CharField()
    theme = serializers.CharField(source="theme.slug", allow_null=True)
    focus_area = serializers.CharField(source="focus_area.slug", allow_null=True)
    secondary_focus_areas = serializers.SerializerMethodField()
    team = serializers.CharField(source="team.slug", allow_null=True)
    routed_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField()
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    answer_text = serializers.CharField()
    hidden = serializers.BooleanField(source="is_hidden")
    hidden_reason = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)

    def get_secondary_focus_areas(self, obj: Proposal) -> list[str]:
        return sorted(area.slug for area in obj.secondary_focus_areas.all())


class AgeMixin(serializers.Serializer):
    """`age_working_days` and `overdue` from the field named by `waiting_since`."""

    waiting_since = "submitted_at"
    age_working_days = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    def _since(self, obj: Proposal):
        return getattr(obj, self.waiting_since)

    def get_age_working_days(self, obj: Proposal) -> int | None:
        return self.context["clock"].waiting_days(self._since(obj))

    def get_overdue(self, obj: Proposal) -> bool:
        return self.context["clock"].is_overdue(self._since(obj))
