"""What people can be told, declared by the app that owns each change.

An app lists its notification kinds in its own `notifications.py` module and calls
`kinds_register(...)` there; this app imports those modules at start-up
(`NotificationsConfig.ready`) and never imports the apps themselves. Each kind answers:

- which event it reacts to, and whether this particular event concerns it (`applies`);
- who receives it: a queryset of users, so fan-out stays one statement however many
  people follow the thing (`recipients`);
- how it is delivered by default (`default_channel`), which each person can change;
- what it says, in the language active when it is called (`message`), and why the person
  got it (`reason`), which every email repeats with a link to the setting.

One event can concern several kinds (an answer tells the author one thing and the followers
another). A person gets each event once: the first registered kind that includes them wins,
so an app registers its most specific kinds first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from notifications.models import Event


class Channel(models.TextChoices):
    """How a notification reaches a person's inbox; the app always shows it."""

    IMMEDIATE = "immediate", _("Email at once")
    DAILY = "daily", _("In the daily digest")
    WEEKLY = "weekly", _("In the weekly digest")
    NONE = "none", _("No email")


class Audience(models.TextChoices):
    """Groups the preferences page: what you wrote, what you follow, your work."""

    AUTHOR = "author", _("What you have written")
    FOLLOWER = "follower", _("What you follow")
    ORGANISATION = "organisation", _("Your organisations")
    STAFF = "staff", _("Your work for the municipality")


@dataclass(frozen=True)
class Message:
    """One notification as a person reads it (already in their language).

    `group` is what a digest files it under (a proposal or a focus area); `url` is a path on
    this site that leads to the thing itself.
    """

    subject: str
    body: str
    url: str
    group: str = ""

    @property
    def details(self) -> str:
        """What the body says beyond the subject (a body may begin by repeating it)."""
        return self.body.removeprefix(self.subject).strip()


@dataclass(frozen=True)
class NotificationKind:
    key: str
    event: str
    audience: Audience
    label: str | Promise
    default_channel: Channel
    recipients: Callable[["Event"], models.QuerySet]
    message: Callable[["Event"], Message]
    reason: Callable[["Event"], str]
    applies: Callable[["Event"], bool] = field(default=lambda event: True)
    staff_only: bool = False

    def __post_init__(self) -> None:
        if len(self.key) > 64 or len(self.event) > 64:
            raise ValueError(f"notification kind keys are at most 64 characters: {self.key}")


_KINDS: dict[str, NotificationKind] = {}


def kinds_register(*kinds: NotificationKind) -> None:
    """Declare kinds at import time of an app's notifications module; a key is declared once."""
    for kind in kinds:
        existing = _KINDS.get(kind.key)
        if existing is not None and existing != kind:
            raise ValueError(f"notification kind {kind.key!r} is declared twice")
        _KINDS[kind.key] = kind


def kind_get(key: str) -> NotificationKind | None:
    return _KINDS.get(key)


def kinds_all() -> list[NotificationKind]:
    """Every declared kind, in the order they were registered."""
    return list(_KINDS.values())


def kinds_for_event(event_kind: str) -> list[NotificationKind]:
    return [kind for kind in _KINDS.values() if kind.event == event_kind]


def event_kind_known(event_kind: str) -> bool:
    return any(kind.event == event_kind for kind in _KINDS.values()) or event_kind in _EVENTS


_EVENTS: set[str] = set()


def events_register(*event_kinds: Any) -> None:
    """Declare event kinds that are recorded but (for now) tell nobody, e.g. for the audit."""
    _EVENTS.update(str(kind) for kind in event_kinds)


_TARGET_QUERYSETS: list[models.QuerySet] = []


def target_querysets_register(*querysets: models.QuerySet) -> None:
    """How to load an app's event targets for messages (e.g. a comment with its proposal),
    so the notification centre loads them in one query per model."""
    _TARGET_QUERYSETS.extend(querysets)


def target_querysets() -> list[models.QuerySet]:
    return list(_TARGET_QUERYSETS)
