"""What the proposals app tells people: its event kinds and notification kinds.

Imported by notifications.apps at start-up (see notifications.registry).
"""

from django.db import models

from notifications.registry import events_register


class EventKind(models.TextChoices):
    PROPOSAL_SUBMITTED = "proposal.submitted"
    PROPOSAL_STATUS_CHANGED = "proposal.status_changed"
    PROPOSAL_PUBLISHED_IN_FOCUS_AREA = "focus_area.proposal_published"
    COMMENT_CREATED = "comment.created"
    COMMENT_REPLIED = "comment.replied"
    REPORT_CREATED = "report.created"
    PROPOSAL_ROUTED = "proposal.routed"
    CONTENT_HIDDEN = "content.hidden"
    CONTENT_RESTORED = "content.restored"


events_register(*EventKind)
