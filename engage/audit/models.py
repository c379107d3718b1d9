from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImmutableError(Exception):
    pass


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("Audit entries cannot be changed.")

    def delete(self):
        raise ImmutableError("Audit entries cannot be deleted.")

    def visible_to(self, user) -> "AuditEntryQuerySet":
        """The entries `user` may read (engage.audit.rules: audit.view_audit_entry)."""
        from engage.accounts.rules import is_admin, is_moderator

        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return self.none()
        if is_admin(user):
            return self
        if is_moderator(user):
            return self.filter(actor=user)
        return self.none()


class AuditEntry(models.Model):
    """Who did what to which object, from which state to which, and why. Append-only.

    The model refuses updates and deletes, and on PostgreSQL a trigger refuses them too,
    so not even a raw query or the admin can rewrite the trail.
    """

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=40, db_index=True)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("object id"))
    target_label = models.CharField(_("object"), max_length=200)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("why"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("Audit entries cannot be deleted.")
