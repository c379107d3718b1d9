from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.lifecycle import OPEN_STATUSES, PUBLIC_STATUSES, Outcome, Status, label_of

# What selectors.proposal_list_public lists (the partial indexes below must match it, or
# PostgreSQL cannot use them); sorted so the migration is stable.
_LISTED = Q(status__in=sorted(OPEN_STATUSES), hidden_at__isnull=True)


def _viewer(user):
    """(signed in, moderator, team ids) of `user`, as proposals.rules sees them."""
    from engage.accounts.roles import user_roles
    from proposals.rules import is_staff_moderator

    if user is None or not user.is_authenticated:
        return False, False, frozenset()
    return True, is_staff_moderator.test(user), frozenset(user_roles(user).team_ids)


def proposal_visible_q(user, *, prefix: str = "") -> Q:
    """Who may open which proposal, as a filter: the one written rule
    (proposals.rules.proposal_visible_to agrees with it, tested row by row).

    Everyone: published, under review, answered or merged, and not hidden. The author:
    their own, whatever its status. A member of a team: what is routed to it. Moderators
    and admins: everything (an empty Q).
    """
    signed_in, moderator, team_ids = _viewer(user)
    if moderator:
        return Q()

    def on(**lookups) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    visible = on(status__in=sorted(PUBLIC_STATUSES), hidden_at__isnull=True)
    if signed_in:
        visible |= on(author=user)
        if team_ids:
            visible |= on(team_id__in=sorted(team_ids))
    return visible


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProposalQuerySet":
        """The proposals `user` may open (proposal_visible_q)."""
        return self.filter(proposal_visible_q(user))

    def listed(self) -> "ProposalQuerySet":
        """What public lists show: published, under review or answered, not hidden."""
        return self.filter(_LISTED)


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CommentQuerySet":
        """Comments on proposals `user` may open. A hidden comment is among them, as a
        marker: its text is for moderators (proposals.rules.comment_text_visible_to)."""
        return self.filter(proposal_visible_q(user, prefix="proposal__"))


class RejectionReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OFFENSIVE = "offensive", _("Offensive")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    OTHER = "other", _("Other")


class Proposal(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    # Submitted on behalf of an organisation the author belongs to: shown as its author.
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=140)
    body = models.TextField(_("text"), max_length=10000, help_text=_("As the author wrote it."))
    body_html = models.TextField(_("text as HTML"), editable=False, default="")
    theme = models.ForeignKey(
        "taxonomy.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    focus_area = models.ForeignKey(
        "taxonomy.FocusArea",
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    location_text = models.CharField(_("address or place"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    outcome = models.CharField(
        _("answer"), max_length=16, choices=Outcome.choices, blank=True, default=""
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_proposals",
    )
    # Routing: set by moderators when they publish; the team answers.
    team = models.ForeignKey(
        "taxonomy.Team",
        verbose_name=_("responsible team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    secondary_focus_areas = models.ManyToManyField(
        "taxonomy.FocusArea",
        verbose_name=_("secondary focus areas"),
        related_name="secondary_proposals",
        blank=True,
    )
    routed_at = models.DateTimeField(_("routed at"), null=True, blank=True)
    # The moderator's note for the team the proposal is routed (or re-routed) to; staff only.
    team_note = models.TextField(_("note for the team"), blank=True)
    # The suggester's top three at submission, kept so the triage queue can show and
    # filter them without classifying thousands of proposals per request.
    suggested_focus_area = models.CharField(max_length=50, blank=True, db_index=True)
    suggestions = models.JSONField(default=list, blank=True, editable=False)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=16, choices=RejectionReason.choices, blank=True
    )
    answer_text = models.TextField(_("official answer"), blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    # Counters kept by the services so lists sort and show them without a query per row.
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Danish full-text search on PostgreSQL (GIN index added in a PostgreSQL-only migration).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="proposal_status_pub_idx"),
            models.Index(fields=["status", "-support_count"], name="proposal_status_sup_idx"),
            models.Index(fields=["status", "-comment_count"], name="proposal_status_com_idx"),
            models.Index(fields=["status", "-answered_at"], name="proposal_status_ans_idx"),
            models.Index(fields=["author", "-created_at"], name="proposal_author_idx"),
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="submitted"),
                name="proposal_triage_idx",
            ),
            # The triage queue filtered by theme or by suggested focus area, counted and
            # read in order without visiting the other waiting rows.
            models.Index(
                fields=["theme", "submitted_at"],
                condition=Q(status="submitted"),
                name="proposal_triage_theme_idx",
            ),
            models.Index(
                fields=["suggested_focus_area", "submitted_at"],
                condition=Q(status="submitted"),
                name="proposal_triage_suggested_idx",
            ),
            models.Index(fields=["team", "status", "routed_at"], name="proposal_team_idx"),
            # A team's queue, the longest-waiting first over two or three statuses: read in
            # order from this index instead of sorting every routed row.
            models.Index(fields=["team", "routed_at", "id"], name="proposal_team_queue_idx"),
            # The moderators' list of hidden content reads only these few rows.
            models.Index(
                fields=["-hidden_at"],
                condition=Q(hidden_at__isnull=False),
                name="proposal_hidden_idx",
            ),
            # The public list filters on three statuses at once, which a (status, …) index
            # cannot return in sort order: these partial indexes can, so a page reads 20
            # index entries instead of sorting every public row. Theme and focus area ones
            # let the filtered lists count their rows from the index alone.
            models.Index(
                fields=["-published_at", "-id"], condition=_LISTED, name="proposal_list_newest_idx"
            ),
            models.Index(
                fields=["-support_count", "-published_at", "-id"],
                condition=_LISTED,
                name="proposal_list_support_idx",
            ),
            models.Index(
                fields=["-comment_count", "-published_at", "-id"],
                condition=_LISTED,
                name="proposal_list_comment_idx",
            ),
            models.Index(
                fields=["-answered_at", "-published_at", "-id"],
                condition=_LISTED,
                name="proposal_list_answered_idx",
            ),
            models.Index(fields=["theme"], condition=_LISTED, name="proposal_list_theme_idx"),
            models.Index(fields=["focus_area"], condition=_LISTED, name="proposal_list_area_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="proposal_merged_has_target",
            ),
            models.CheckConstraint(
                condition=Q(status="answered") & ~Q(outcome="")
                | (~Q(status="answered") & Q(outcome="")),
                name="proposal_answered_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="proposal_point_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("frontend:proposal_detail", kwargs={"pk": self.pk})

    def get_status_display(self) -> str:
        return label_of(Status, self.status)

    def get_outcome_display(self) -> str:
        return label_of(Outcome, self.outcome)

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ProposalImage(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("image"), upload_to="proposals/%Y/%m/", width_field="width", height_field="height"
    )
    alt_text = models.CharField(
        _("image description"),
        max_length=200,
        help_text=_("Describe the image for people who cannot see it."),
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        # Served through a view that checks the proposal's visibility, so a draft's images
        # stay as private as the draft itself.
        from django.urls import reverse

        return reverse(
            "frontend:proposal_image", kwargs={"pk": self.proposal_id, "image_id": self.pk}
        )


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="support_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.proposal_id}"


class StaffRole(models.TextChoices):
    """In which capacity staff wrote a comment: set when it is written, shown next to it."""

    NONE = "", _("Citizen")
    MODERATOR = "moderator", _("Moderator")
    TEAM = "team", _("The proposal's team")


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("comment"), max_length=4000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(blank=True)
    staff_role = models.CharField(max_length=16, choices=StaffRole.choices, blank=True)
    # The team's name as it was when the comment was written, like a signature (and so
    # the page needs no join to show it).
    staff_team_name = models.CharField(max_length=200, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["proposal", "created_at"], name="comment_proposal_idx"),
            models.Index(
                fields=["-hidden_at"],
                condition=Q(hidden_at__isnull=False),
                name="comment_hidden_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ProposalFollow(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="proposal_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows proposal {self.proposal_id}"


class FocusAreaFollow(models.Model):
    focus_area = models.ForeignKey(
        "taxonomy.FocusArea", on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focus_area_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["focus_area", "user"], name="focus_area_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows focus area {self.focus_area_id}"


class Report(models.Model):
    """Someone thinks a proposal or comment is inappropriate; moderators decide."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive or hateful")
        PERSONAL_DATA = "personal_data", _("Reveals personal information")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Other")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports"
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        # The reports workspace groups the open reports only; closed ones pile up.
        indexes = [
            models.Index(
                fields=["proposal", "comment"],
                condition=Q(resolved_at__isnull=True),
                name="report_open_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False, comment__isnull=True)
                | Q(proposal__isnull=True, comment__isnull=False),
                name="report_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"],
                condition=Q(proposal__isnull=False),
                name="report_proposal_once",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="report_comment_once",
            ),
        ]

    def __str__(self) -> str:
        target = (
            f"proposal {self.proposal_id}" if self.proposal_id else f"comment {self.comment_id}"
        )
        return f"{self.get_reason_display()}: {target}"


class ProposalEvent(models.Model):
    """The public timeline of a proposal: what happened to it, when and why."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        STATUS_CHANGED = "status_changed", _("Status changed")
        ANSWERED = "answered", _("Answered")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    # For an answer: the name of the team that answered, as it was then.
    team_name = models.CharField(max_length=200, blank=True)
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["proposal", "created_at"], name="proposal_event_idx")]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.kind} {self.from_status}→{self.to_status}"

    def get_to_status_display(self) -> str:
        return label_of(Status, self.to_status)


class RoutingDecision(models.Model):
    """A moderator put a proposal in a focus area: what the suggester learns from."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="routing_decisions"
    )
    focus_area = models.ForeignKey(
        "taxonomy.FocusArea", on_delete=models.CASCADE, related_name="routing_decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["proposal", "-created_at"], name="routing_decision_idx")]

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.focus_area_id}"


class RoutingModel(models.Model):
    """Word counts learned from routing decisions, per focus-area slug; newest row wins."""

    created_at = models.DateTimeField(default=timezone.now)
    decisions = models.PositiveIntegerField(default=0)
    last_decision_id = models.PositiveBigIntegerField(default=0)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Routing model {self.pk} ({self.decisions} decisions)"


class ProposalSearchRow(models.Model):
    """A proposal's stemmed words in SQLite's FTS5 table (proposals/search.py).

    Migration 0009 creates the table on SQLite only; PostgreSQL searches its tsvector, so
    only search_vector_refresh on SQLite writes these rows.
    """

    id = models.IntegerField(primary_key=True, db_column="rowid")
    title = models.TextField()
    body = models.TextField()
    location_text = models.TextField()

    class Meta:
        managed = False
        db_table = "proposals_search"

    def __str__(self) -> str:
        return f"search row {self.pk}"


class OverdueReminder(models.Model):
    """One day's reminder to a staff queue of its proposals past the service target.

    Unique on (queue, day), so the daily run reminds a queue at most once a day however
    often it runs; the notification event points at this row.
    """

    TRIAGE = "triage"

    queue = models.CharField(_("queue"), max_length=40)  # TRIAGE, or "team:<pk>"
    team = models.ForeignKey(
        "taxonomy.Team",
        verbose_name=_("staff team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    day = models.DateField(_("day"))
    overdue_count = models.PositiveIntegerField(_("past the service target"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-day", "queue"]
        verbose_name = _("overdue reminder")
        verbose_name_plural = _("overdue reminders")
        constraints = [
            models.UniqueConstraint(fields=["queue", "day"], name="overdue_reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.queue} {self.day}: {self.overdue_count}"

    @staticmethod
    def queue_key(team) -> str:
        return OverdueReminder.TRIAGE if team is None else f"team:{team.pk}"
