from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PROPOSAL_SUBMITTED = "proposal.submitted", _("Proposal submitted")
    PROPOSAL_STATUS_CHANGED = "proposal.status_changed", _("Proposal status changed")
    PROPOSAL_PUBLISHED_IN_FOCUS_AREA = (
        "focus_area.proposal_published",
        _("New proposal in a followed focus area"),
    )
    COMMENT_CREATED = "comment.created", _("New comment")
    COMMENT_REPLIED = "comment.replied", _("Reply to a comment")
    REPORT_CREATED = "report.created", _("New report for moderators")
    PROPOSAL_ROUTED = "proposal.routed", _("Proposal routed to a team")
    CONTENT_HIDDEN = "content.hidden", _("Your content was hidden")
    CONTENT_RESTORED = "content.restored", _("Your content was restored")


class Event(models.Model):
    """Something happened that people may follow. Delivery reads these rows."""

    kind = models.CharField(_("kind"), max_length=64, choices=EventKind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.kind} #{self.target_id}"
