"""What the proposals app tells people: its event kinds and notification kinds.

Imported by notifications.apps at start-up (see notifications.registry). Kinds are declared
most specific first: the author of a proposal also follows it, and hears of a change to it
once, as its author.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from engage.accounts.models import User
from notifications.models import Event, Notification
from notifications.registry import (
    Audience,
    Channel,
    Message,
    NotificationKind,
    events_register,
    kinds_register,
    target_querysets_register,
)
from proposals.lifecycle import Outcome, Status, label_of


class EventKind(models.TextChoices):
    PROPOSAL_SUBMITTED = "proposal.submitted"
    PROPOSAL_STATUS_CHANGED = "proposal.status_changed"
    PROPOSAL_PUBLISHED_IN_FOCUS_AREA = "focus_area.proposal_published"
    COMMENT_CREATED = "comment.created"
    REPORT_CREATED = "report.created"
    PROPOSAL_ROUTED = "proposal.routed"
    CONTENT_HIDDEN = "content.hidden"
    CONTENT_RESTORED = "content.restored"
    QUEUE_OVERDUE = "queue.overdue"


events_register(*EventKind)


def _proposal(event: Event):
    from proposals.models import Comment, Proposal

    target = event.target
    if isinstance(target, Comment):
        return target.proposal
    if isinstance(target, Proposal):
        return target
    return None


def _author_of_target(event: Event):
    target = event.target
    return User.objects.filter(pk=getattr(target, "author_id", None))


def _author_of_proposal(event: Event):
    proposal = _proposal(event)
    return User.objects.filter(pk=proposal.author_id if proposal else None)


def _followers(event: Event):
    proposal = _proposal(event)
    return User.objects.filter(proposal_follows__proposal_id=proposal.pk if proposal else None)


def _moderators(event: Event):
    return User.objects.filter(groups__name=settings.MODERATOR_GROUP)


def _team_members(event: Event):
    return User.objects.filter(teams__slug=event.data.get("team", ""))


def _focus_area_followers(event: Event):
    """Who follows the focus area the proposal was published in (or re-routed into), less
    those who know of it already: its author, its followers, and whoever heard of it through
    a focus area before (a re-route from an area they follow too tells them nothing new)."""
    from django.contrib.contenttypes.models import ContentType

    proposal = _proposal(event)
    if proposal is None:
        return User.objects.none()
    slug = event.data.get("focus_area")
    # The area the event names: a fan-out repeated after a later re-route still tells the
    # followers of the area it was published in.
    area = (
        {"focus_area_follows__focus_area__slug": slug}
        if slug
        else {"focus_area_follows__focus_area_id": proposal.focus_area_id}
    )
    heard = Notification.objects.filter(
        kind="follower.focus_area",
        event__kind=EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA,
        event__target_type=ContentType.objects.get_for_model(proposal),
        event__target_id=proposal.pk,
    ).values("recipient_id")
    return (
        User.objects.filter(**area)
        .exclude(pk=proposal.author_id)
        .exclude(pk__in=proposal.follows.values("user_id"))
        .exclude(pk__in=heard)
    )


def _is_reply(event: Event) -> bool:
    return bool(event.data.get("parent"))


def _reply_recipients(event: Event):
    return User.objects.filter(comments__pk=event.data.get("parent"))


def _to(status: str, *, not_from: tuple[str, ...] = ()):
    """Whether the event is a change to `status` (and not one back from `not_from`)."""
    return lambda event: event.data.get("to") == status and event.data.get("from") not in not_from


def _is_reroute(event: Event) -> bool:
    return bool(event.data.get("reroute"))


def _message(subject, details=None):
    """A message about the event's proposal: `subject` takes the proposal's title;
    `details(event, proposal)` gives what the body says beyond it, as paragraphs."""

    def build(event: Event) -> Message:
        from proposals.models import Comment

        proposal = _proposal(event)
        title = proposal.title if proposal else ""
        text = subject(title)
        url = proposal.get_absolute_url() if proposal else "/"
        if isinstance(event.target, Comment) and proposal:
            url = f"{url}#comment-{event.target.pk}"  # the page's own anchor of the comment
        if event.data.get("merged_into"):
            # Where it went: the pages promise the author is told, and followers move there.
            url = reverse("frontend:proposal_detail", args=[event.data["merged_into"]])
        paragraphs = details(event, proposal) if details and proposal else []
        body = "\n\n".join([text, *filter(None, paragraphs)])
        return Message(subject=text, body=body, url=url, group=title)

    return build


def _routing_details(event: Event, proposal) -> list[str]:
    """Where the proposal went: its focus area (in the reader's language) and the team, by
    the name it had when the proposal was routed."""
    from engage.taxonomy.choices import classification_get, filter_choices_get

    team = event.data.get("team_name", "")
    slug = event.data.get("focus_area")
    if slug:
        # The area the event names, not the proposal's current one: a message about an
        # earlier routing keeps saying where it went then. Cached names, no query per message.
        names = {
            value: label
            for _theme, areas in filter_choices_get().focus_areas
            for value, label in areas
        }
        area = names.get(slug)
    else:  # an event recorded before routing events named their focus area
        found = classification_get(
            theme_id=proposal.theme_id, focus_area_id=proposal.focus_area_id
        ).focus_area
        area = found.name if found else None
    if area is None or not team:
        return []
    return [_("Focus area: %(area)s. Team: %(team)s.") % {"area": area, "team": team}]


def _published_details(event: Event, proposal) -> list[str]:
    """Published from triage with its routing in one step: this one message also says where
    the proposal went (author.routed is only for a later re-route)."""
    routing = _routing_details(event, proposal) if event.data.get("team") else []
    return [*routing, *_status_details(for_author=True)(event, proposal)]


def _review_ended_details(event: Event, proposal) -> list[str]:
    note = event.data.get("note", "") if event.data.get("public", True) else ""
    return [
        _("It is still published, and the municipality can take it up again or answer it."),
        note,
    ]


def _unmerged_details(event: Event, proposal) -> list[str]:
    title = event.data.get("unmerged_from_title", "")
    return [
        _(
            "The merge with “%(title)s” was undone: the supports and followers that moved "
            "there are back on your proposal."
        )
        % {"title": title},
        event.data.get("note", "") if event.data.get("public", True) else "",
    ]


def _comment_excerpt(event: Event) -> list[str]:
    """Who wrote the comment and how it begins, unless a moderator has hidden it since."""
    from proposals.models import Comment

    comment = event.target
    if not isinstance(comment, Comment) or comment.hidden_at is not None:
        return []
    text = Truncator(" ".join(comment.body.split())).chars(300)
    return [_("%(name)s wrote: “%(text)s”") % {"name": comment.author.public_name, "text": text}]


def _status_details(*, for_author: bool):
    """What a status change says beyond the subject: the answer, the public note, where a
    merged proposal went and, to its author only, why it was rejected (the pages promise
    each of these)."""

    def details(event: Event, proposal) -> list[str]:
        from proposals.models import RejectionReason

        status, note = event.data.get("to"), event.data.get("note", "")
        if status == Status.ANSWERED:
            outcome = label_of(Outcome, event.data.get("outcome", ""))
            return [_("Outcome: %(outcome)s") % {"outcome": outcome}, note]
        if status == Status.MERGED:
            into = event.data.get("merged_into_title", "")
            return [_("It was merged with “%(title)s”.") % {"title": into}]
        if status == Status.REJECTED:
            if not for_author:
                return []
            reason = label_of(RejectionReason, proposal.rejection_reason)
            paragraphs = [_("Reason: %(reason)s") % {"reason": reason}]
            if note:
                paragraphs.append(_("The moderator's explanation: %(note)s") % {"note": note})
            return paragraphs
        return [note] if note and event.data.get("public", True) else []

    return details


def _hidden_details(event: Event, proposal) -> list[str]:
    return [_("Reason: %(reason)s") % {"reason": event.data.get("reason", "")}]


def _reason(words):
    def build(event: Event) -> str:
        proposal = _proposal(event)
        return words(proposal.title if proposal else "")

    return build


_AS_AUTHOR = _reason(lambda title: _("You wrote the proposal “%(title)s”.") % {"title": title})
_AS_FOLLOWER = _reason(lambda title: _("You follow the proposal “%(title)s”.") % {"title": title})
_AS_MODERATOR = _reason(lambda title: _("You are a moderator."))
_AS_TEAM = _reason(lambda title: _("You are on the team the proposal was routed to."))


def _author_kind(key, status, label, subject, *, details=None, applies=None) -> NotificationKind:
    return NotificationKind(
        key=key,
        event=EventKind.PROPOSAL_STATUS_CHANGED,
        audience=Audience.AUTHOR,
        label=label,
        default_channel=Channel.IMMEDIATE,
        recipients=_author_of_proposal,
        message=_message(subject, details or _status_details(for_author=True)),
        reason=_AS_AUTHOR,
        applies=applies or _to(status),
    )


kinds_register(
    _author_kind(
        "author.published",
        "published",
        gettext_lazy("Your proposal is published"),
        lambda t: _("Your proposal “%(title)s” is published") % {"title": t},
        details=_published_details,
        # Back from review it was published all along: author.review_ended says what changed;
        # back from a merge it was too: author.unmerged says so.
        applies=_to(Status.PUBLISHED, not_from=(Status.UNDER_REVIEW, Status.MERGED)),
    ),
    _author_kind(
        "author.under_review",
        "under_review",
        gettext_lazy("Your proposal is under review"),
        lambda t: _("The municipality is looking into “%(title)s”") % {"title": t},
        applies=_to(Status.UNDER_REVIEW, not_from=(Status.MERGED,)),
    ),
    _author_kind(
        "author.unmerged",
        "",
        gettext_lazy("A merge of your proposal is undone"),
        lambda t: _("“%(title)s” is its own proposal again") % {"title": t},
        details=_unmerged_details,
        applies=lambda event: event.data.get("from") == Status.MERGED,
    ),
    _author_kind(
        "author.review_ended",
        "published",
        gettext_lazy("Your proposal is no longer under review"),
        lambda t: _("The municipality is no longer looking into “%(title)s”") % {"title": t},
        details=_review_ended_details,
        applies=lambda event: (
            (event.data.get("from"), event.data.get("to"))
            == (Status.UNDER_REVIEW, Status.PUBLISHED)
        ),
    ),
    _author_kind(
        "author.answered",
        "answered",
        gettext_lazy("Your proposal is answered"),
        lambda t: _("The municipality has answered “%(title)s”") % {"title": t},
    ),
    _author_kind(
        "author.rejected",
        "rejected",
        gettext_lazy("Your proposal is rejected"),
        lambda t: _("Your proposal “%(title)s” was rejected") % {"title": t},
    ),
    _author_kind(
        "author.merged",
        "merged",
        gettext_lazy("Your proposal is merged into another"),
        lambda t: _("Your proposal “%(title)s” was merged into another") % {"title": t},
    ),
    NotificationKind(
        key="author.routed",
        event=EventKind.PROPOSAL_ROUTED,
        audience=Audience.AUTHOR,
        label=gettext_lazy("Your proposal is passed on to another team or focus area"),
        default_channel=Channel.IMMEDIATE,
        recipients=_author_of_proposal,
        message=_message(lambda t: _("“%(title)s” was passed on") % {"title": t}, _routing_details),
        reason=_AS_AUTHOR,
        # Routing from triage publishes too, and author.published says where it went.
        applies=_is_reroute,
    ),
    NotificationKind(
        key="author.hidden",
        event=EventKind.CONTENT_HIDDEN,
        audience=Audience.AUTHOR,
        label=gettext_lazy("Your content is hidden by a moderator"),
        default_channel=Channel.IMMEDIATE,
        recipients=_author_of_target,
        message=_message(
            lambda t: _("A moderator hid your content on “%(title)s”") % {"title": t},
            _hidden_details,
        ),
        reason=_reason(lambda title: _("You wrote the content.")),
    ),
    NotificationKind(
        key="author.restored",
        event=EventKind.CONTENT_RESTORED,
        audience=Audience.AUTHOR,
        label=gettext_lazy("Your content is shown again"),
        default_channel=Channel.IMMEDIATE,
        recipients=_author_of_target,
        message=_message(lambda t: _("Your content on “%(title)s” is shown again") % {"title": t}),
        reason=_reason(lambda title: _("You wrote the content.")),
    ),
    NotificationKind(
        key="comment.reply",
        event=EventKind.COMMENT_CREATED,
        audience=Audience.FOLLOWER,
        label=gettext_lazy("A reply to your comment"),
        default_channel=Channel.IMMEDIATE,
        recipients=_reply_recipients,
        message=_message(
            lambda t: _("Someone replied to your comment on “%(title)s”") % {"title": t},
            lambda event, proposal: _comment_excerpt(event),
        ),
        reason=_reason(lambda title: _("You wrote the comment.")),
        # Before follower.comment: the first kind that includes a person wins.
        applies=_is_reply,
    ),
    NotificationKind(
        key="follower.status_changed",
        event=EventKind.PROPOSAL_STATUS_CHANGED,
        audience=Audience.FOLLOWER,
        label=gettext_lazy("A proposal you follow changes status or is answered"),
        default_channel=Channel.DAILY,
        recipients=_followers,
        message=_message(
            lambda t: _("News about “%(title)s”") % {"title": t}, _status_details(for_author=False)
        ),
        reason=_AS_FOLLOWER,
    ),
    NotificationKind(
        key="follower.comment",
        event=EventKind.COMMENT_CREATED,
        audience=Audience.FOLLOWER,
        label=gettext_lazy("A new comment on a proposal you follow"),
        default_channel=Channel.DAILY,
        recipients=_followers,
        message=_message(
            lambda t: _("A new comment on “%(title)s”") % {"title": t},
            lambda event, proposal: _comment_excerpt(event),
        ),
        reason=_AS_FOLLOWER,
    ),
    NotificationKind(
        key="follower.focus_area",
        event=EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA,
        audience=Audience.FOLLOWER,
        label=gettext_lazy("A new proposal in a focus area you follow"),
        default_channel=Channel.DAILY,
        recipients=_focus_area_followers,
        message=_message(lambda t: _("A new proposal: “%(title)s”") % {"title": t}),
        reason=_reason(lambda title: _("You follow the proposal's focus area.")),
    ),
    NotificationKind(
        key="staff.triage",
        event=EventKind.PROPOSAL_SUBMITTED,
        audience=Audience.STAFF,
        label=gettext_lazy("A new proposal to triage"),
        default_channel=Channel.DAILY,
        recipients=_moderators,
        message=_message(lambda t: _("A new proposal to triage: “%(title)s”") % {"title": t}),
        reason=_AS_MODERATOR,
        staff_only=True,
    ),
    NotificationKind(
        key="staff.routed",
        event=EventKind.PROPOSAL_ROUTED,
        audience=Audience.STAFF,
        label=gettext_lazy("A proposal is routed to your team"),
        default_channel=Channel.IMMEDIATE,
        recipients=_team_members,
        message=_message(
            lambda t: _("“%(title)s” was routed to your team") % {"title": t}, _routing_details
        ),
        reason=_AS_TEAM,
        staff_only=True,
    ),
    NotificationKind(
        key="staff.report",
        event=EventKind.REPORT_CREATED,
        audience=Audience.STAFF,
        label=gettext_lazy("A new report of content"),
        default_channel=Channel.DAILY,
        recipients=_moderators,
        message=lambda event: _report_message(event),
        reason=_AS_MODERATOR,
        staff_only=True,
    ),
)


def _overdue_recipients(event: Event):
    if event.data.get("queue") == "triage":
        return _moderators(event)
    return _team_members(event)


def _overdue_message(event: Event) -> Message:
    count, days = event.data.get("count", 0), event.data.get("target_days", 0)
    values = {"count": count, "days": days, "team": event.data.get("team_name", "")}
    if event.data.get("queue") == "triage":
        subject = ngettext(
            "%(count)d proposal in the triage queue is past the service target of "
            "%(days)d working days",
            "%(count)d proposals in the triage queue are past the service target of "
            "%(days)d working days",
            count,
        )
        url = reverse("frontend:moderation_queue") + "?overdue=on"
    else:
        subject = ngettext(
            "%(count)d proposal in the queue of %(team)s is past the service target of "
            "%(days)d working days",
            "%(count)d proposals in the queue of %(team)s are past the service target of "
            "%(days)d working days",
            count,
        )
        url = reverse("frontend:team_queue", kwargs={"slug": event.data.get("team", "")})
    subject %= values
    oldest = [
        ngettext(
            "“%(title)s”: waiting %(days)d working day",
            "“%(title)s”: waiting %(days)d working days",
            item.get("working_days", 0),
        )
        % {"title": item.get("title", ""), "days": item.get("working_days", 0)}
        for item in event.data.get("oldest", [])
    ]
    body = "\n".join([subject + ".", _("The longest waiting:"), *oldest]) if oldest else subject
    return Message(subject=subject, body=body, url=url)


def _overdue_reason(event: Event) -> str:
    if event.data.get("queue") == "triage":
        return _("You are a moderator.")
    return _("You are on the team %(team)s.") % {"team": event.data.get("team_name", "")}


kinds_register(
    NotificationKind(
        key="staff.overdue",
        event=EventKind.QUEUE_OVERDUE,
        audience=Audience.STAFF,
        label=gettext_lazy("Daily reminder of proposals past the service target in your queue"),
        default_channel=Channel.DAILY,
        recipients=_overdue_recipients,
        message=_overdue_message,
        reason=_overdue_reason,
        staff_only=True,
    ),
)


def _report_message(event: Event) -> Message:
    text = _("Content was reported")
    return Message(subject=text, body=text, url=reverse("frontend:moderation_reports"))


def _target_querysets():
    from proposals.models import Comment, OverdueReminder, Proposal, Report

    return (
        Proposal.objects.all(),
        Comment.objects.select_related("proposal", "author"),
        Report.objects.all(),
        OverdueReminder.objects.all(),
    )


target_querysets_register(*_target_querysets())
