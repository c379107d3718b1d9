"""The one place that knows which status may follow which.

draft → submitted → published → under review → answered, with rejected and merged as
exits along the way. Services ask `transition_check` before they change a status.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    UNDER_REVIEW = "under_review", _("Under review")
    ANSWERED = "answered", _("Answered")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_FEASIBLE = "not_feasible", _("Not feasible")


TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.PUBLISHED, Status.REJECTED, Status.MERGED}),
    Status.PUBLISHED: frozenset(
        {Status.UNDER_REVIEW, Status.ANSWERED, Status.REJECTED, Status.MERGED}
    ),
    Status.UNDER_REVIEW: frozenset({Status.ANSWERED, Status.MERGED, Status.PUBLISHED}),
    # A new answer may follow an old one: accepted → in progress → implemented.
    Status.ANSWERED: frozenset({Status.ANSWERED}),
    Status.REJECTED: frozenset(),
    Status.MERGED: frozenset(),
}

# Undoing a merge returns a proposal to the status it had before; only proposal_unmerge
# asks for these (undo=True), so no other action can reopen a merged proposal.
UNDO_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.MERGED: frozenset({Status.SUBMITTED, Status.PUBLISHED, Status.UNDER_REVIEW}),
}

# Statuses everyone may see; the rest only the author and moderators.
PUBLIC_STATUSES = frozenset({Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED, Status.MERGED})
# Statuses in which people may support, comment on and follow a proposal.
OPEN_STATUSES = frozenset({Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED})
# Statuses in which a routed proposal waits for its team's answer and can be re-routed.
ROUTABLE_STATUSES = frozenset({Status.PUBLISHED, Status.UNDER_REVIEW})
EDITABLE_STATUSES = frozenset({Status.DRAFT})


class InvalidTransition(ValidationError):
    pass


def transition_allowed(*, current: str, target: str, undo: bool = False) -> bool:
    """Whether a proposal that is `current` may become `target` (pages offer only these);
    with `undo`, whether undoing what made it `current` may return it to `target`."""
    table = UNDO_TRANSITIONS if undo else TRANSITIONS
    return target in table.get(current, frozenset())


def transition_check(*, current: str, target: str, undo: bool = False) -> None:
    """Raise InvalidTransition with a message a person can act on."""
    if not transition_allowed(current=current, target=target, undo=undo):
        raise InvalidTransition(
            _("A proposal that is “%(current)s” cannot become “%(target)s”."),
            code="invalid_transition",
            params={"current": Status(current).label, "target": Status(target).label},
        )


def label_of(choices: type[models.Choices], value: str) -> str:
    """The label of `value` in the current language, or `value` itself when it is not one
    of `choices`: what Django's get_FOO_display gives, without building a dict of every
    choice on each call (cards, timelines and queues show these on every row)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
