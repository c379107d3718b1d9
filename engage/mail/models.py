from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An email waiting for, or done with, delivery. The row is the truth; the task a doorbell.

    Every email the site sends passes through here: account mail (through Django's mail API
    and OutboxBackend) and notifications, one at a time or as digests. A worker claims due rows
    for a lease (`claimed_until`), sends them over one connection and marks each one.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Category(models.TextChoices):
        ACCOUNT = "account", _("Account")
        NOTIFICATION = "notification", _("Notification")
        BUNDLE = "bundle", _("Bundled notifications")
        DIGEST = "digest", _("Digest")

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.ACCOUNT
    )
    # Makes rendering repeatable: the same delivery or digest never becomes two emails.
    key = models.CharField(_("key"), max_length=100, null=True, blank=True, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    from_email = models.CharField(_("from"), max_length=254)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list)
    bcc = models.JSONField(_("bcc"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list)
    headers = models.JSONField(_("headers"), default=dict)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="mail_outgoing_due_idx",
            ),
            models.Index(
                fields=["recipient", "category", "created_at"], name="mail_outgoing_recent_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
