"""Organisations in climate partnerships: their public profile, members and invitations.

Who may do what is in partnerships/rules.py; every write goes through
partnerships/services/.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from partnerships.metrics import (
    CUSTOM_UNIT_MAX_LENGTH,
    GREEN_ACTIONS,
    METRIC_UNITS,
    Direction,
    Metric,
    Scope,
)


class Kind(models.TextChoices):
    COMPANY = "company", _("Company")
    HOUSING = "housing", _("Housing association")
    SCHOOL = "school", _("School or educational institution")
    ASSOCIATION = "association", _("Association or NGO")
    FESTIVAL = "festival", _("Festival or event organiser")
    PUBLIC = "public", _("Public institution")


class Sector(models.TextChoices):
    ENERGY = "energy", _("Energy supply")
    TRANSPORT = "transport", _("Transport")
    AGRICULTURE = "agriculture", _("Agriculture and land use")
    INDUSTRY = "industry", _("Industry")
    BUILDINGS = "buildings", _("Buildings")
    WASTE = "waste", _("Waste")
    MUNICIPALITY = "municipality", _("The municipality as an organisation")
    OTHER = "other", _("Other")


# What an organisation's size counts, by kind; an association's size is not asked for.
SIZE_UNITS = {
    Kind.COMPANY: _("employees"),
    Kind.PUBLIC: _("employees"),
    Kind.HOUSING: _("homes"),
    Kind.SCHOOL: _("pupils"),
    Kind.FESTIVAL: _("guests"),
}


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class OrganisationQuerySet(models.QuerySet):
    def awaiting_verification(self) -> "OrganisationQuerySet":
        return self.filter(verified_at__isnull=True)

    def without_admin(self) -> "OrganisationQuerySet":
        """Organisations nobody administers (their last admin deleted the account)."""
        return self.exclude(memberships__role=Role.ADMIN)

    def of_member(self, user) -> "OrganisationQuerySet":
        return self.filter(memberships__user=user)

    def public_partners(self) -> "OrganisationQuerySet":
        """Partners the public directory lists: those with an active agreement, the one
        their public page shows (partnerships.rules.is_public_partner asks the same)."""
        return self.filter(
            models.Exists(Agreement.objects.public().filter(organisation=models.OuterRef("pk")))
        )


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address name"), max_length=140, unique=True)
    kind = models.CharField(_("kind of organisation"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="organisations/%Y/%m/",
        width_field="logo_width",
        height_field="logo_height",
        blank=True,
    )
    # Empty (None) without a logo: Django's ImageField clears them with the file.
    logo_width = models.PositiveIntegerField(null=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~Q(cvr=""),
                name="partnerships_organisation_cvr_unique",
                violation_error_message=_(
                    "An organisation with this CVR number is already registered."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(verified_at__isnull=True),
                name="partnerships_org_unverified",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("frontend:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def size_unit(self) -> str:
        return str(SIZE_UNITS.get(self.kind, ""))

    @property
    def logo_url(self) -> str:
        if not self.logo:
            return ""
        # Each upload gets a file name of its own: a new logo gets a new address, so the
        # hour browsers may keep the old one does not show it after a change.
        version = self.logo.name.rsplit("/", 1)[-1]
        path = reverse("frontend:organisation_logo", kwargs={"slug": self.slug})
        return f"{path}?{urlencode({'v': version})}"


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("member since"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="partnerships_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class Invitation(models.Model):
    """An invitation by email, accepted once through a signed link before `expires_at`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"), max_length=254)
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(Lower("email"), name="partnerships_invitation_email")]

    def __str__(self) -> str:
        return f"{self.email} · {self.organisation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


# --- programmes, applications and agreements ------------------------------------------


class ReportingRhythm(models.TextChoices):
    ANNUAL = "annual", _("Once a year")
    PER_EVENT = "per_event", _("After each event")


class Programme(models.Model):
    """A climate partnership programme ("Klimaalliancen") that organisations apply to.

    `questions` is the ordered list the application form asks, each
    {"text": str, "required": bool}; an application keeps its own copy of the questions
    it answered, so editing them later does not change what was answered.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address name"), max_length=140, unique=True)
    description = models.TextField(_("description"), max_length=8000)
    focus_areas = models.ManyToManyField(
        "taxonomy.FocusArea", verbose_name=_("focus areas"), related_name="programmes", blank=True
    )
    # A list of Kind values; a JSON list rather than an array so SQLite (make run) works too.
    eligible_kinds = models.JSONField(_("eligible kinds of organisation"), default=list)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        related_name="coordinated_programmes",
        blank=True,
    )
    reporting_rhythm = models.CharField(
        _("reporting rhythm"),
        max_length=16,
        choices=ReportingRhythm.choices,
        default=ReportingRhythm.ANNUAL,
    )
    questions = models.JSONField(_("application questions"), default=list, blank=True)
    # Commitments an applicant may start from: each a dict of PartnerCommitment's fields
    # (metric, unit, title, direction, ...), validated by services/commitments.py.
    suggested_commitments = models.JSONField(_("suggested commitments"), default=list, blank=True)
    is_open = models.BooleanField(_("open for applications"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("climate partnership programme")
        verbose_name_plural = _("climate partnership programmes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("frontend:programme_detail", kwargs={"slug": self.slug})

    @property
    def eligible_kind_labels(self) -> list[str]:
        labels = dict(Kind.choices)
        return [str(labels[kind]) for kind in self.eligible_kinds if kind in labels]

    def accepts_kind(self, kind: str) -> bool:
        return kind in self.eligible_kinds

    @property
    def uses_green_guide(self) -> bool:
        """Festivals and events commit to the green guide's checklist of actions."""
        return self.reporting_rhythm == ReportingRhythm.PER_EVENT or Kind.FESTIVAL in (
            self.eligible_kinds or ()
        )


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting a decision")
    CHANGES_REQUESTED = "changes_requested", _("Changes asked for")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


OPEN_APPLICATION_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED)


class ApplicationQuerySet(models.QuerySet):
    def awaiting_decision(self) -> "ApplicationQuerySet":
        return self.filter(status=ApplicationStatus.SUBMITTED)


class Application(models.Model):
    """An organisation's application to a programme; its steps are in ApplicationStep."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    # [{"text": str, "required": bool, "answer": str}], in the programme's order.
    answers = models.JSONField(_("answers"), default=list, blank=True)
    # The commitments the organisation proposes, in the same shape as the programme's
    # suggested ones; approval turns them into the agreement's PartnerCommitment rows.
    proposed_commitments = models.JSONField(_("proposed commitments"), default=list, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            # One application in progress per organisation and programme: two admins
            # applying at once get one application, not two.
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=Q(status__in=["submitted", "changes_requested"]),
                name="partnerships_application_one_open",
            ),
        ]
        indexes = [
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="submitted"),
                name="partnerships_app_awaiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("frontend:application_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPLICATION_STATUSES


class ApplicationAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RESUBMITTED = "resubmitted", _("Resubmitted with changes")
    CHANGES_REQUESTED = "changes_requested", _("Changes asked for")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class ApplicationStep(models.Model):
    """One step in an application's history: who did what, when, with which message."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=20, choices=ApplicationAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")

    def __str__(self) -> str:
        return f"{self.application} · {self.action}"


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class AgreementQuerySet(models.QuerySet):
    def active(self) -> "AgreementQuerySet":
        return self.filter(status=AgreementStatus.ACTIVE)

    def public(self) -> "AgreementQuerySet":
        """What the public sees of agreements (on partner, programme and focus-area pages):
        the active ones; a paused or ended agreement is shown to its parties only."""
        return self.active()

    def review_due(self, *, today) -> "AgreementQuerySet":
        """Not ended, with its review date passed."""
        return self.exclude(status=AgreementStatus.ENDED).filter(review_date__lt=today)


class Agreement(models.Model):
    """A climate partnership agreement, made by approving an application."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="agreement"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="agreements"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE
    )
    start_date = models.DateField(_("start date"))
    review_date = models.DateField(_("review date"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=~Q(status="ended"),
                name="partnerships_agreement_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("frontend:agreement_detail", kwargs={"pk": self.pk})


class AgreementAction(models.TextChoices):
    CREATED = "created", _("Agreement made")
    PAUSED = "paused", _("Paused")
    RESUMED = "resumed", _("Resumed")
    RENEWED = "renewed", _("Renewed")
    ENDED = "ended", _("Ended")
    # --- the partner's commitments (services/commitments.py) ---
    COMMITMENT_ADDED = "commitment_added", _("Commitment added")
    COMMITMENT_CHANGED = "commitment_changed", _("Commitment changed")
    COMMITMENT_WITHDRAWN = "commitment_withdrawn", _("Commitment withdrawn")


class AgreementStep(models.Model):
    """One step in an agreement's history: who, when, why (and a renewal's review date).

    A step about one of the partner's commitments names it and, in `changes`, what changed:
    {field: [before, after]} (or the fields it was added with, as {field: [None, value]}).
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=24, choices=AgreementAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("why"), blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    commitment = models.ForeignKey(
        "PartnerCommitment",
        verbose_name=_("partner commitment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="steps",
    )
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("agreement step")
        verbose_name_plural = _("agreement steps")

    def __str__(self) -> str:
        return f"{self.agreement} · {self.action}"


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Commitment(models.Model):
    """What the municipality itself promises the partner (advice, network, data, permits)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    text = models.CharField(_("commitment"), max_length=300)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_commitments",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("municipality commitment")
        verbose_name_plural = _("municipality commitments")
        indexes = [
            models.Index(
                fields=["due_date"], condition=Q(status="open"), name="partnerships_commit_open"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class CommitmentReminder(models.Model):
    """One reminder per commitment and day: a repeated daily run reminds nobody twice."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reminders")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    due_date = models.DateField()

    class Meta:
        verbose_name = _("commitment reminder")
        verbose_name_plural = _("commitment reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "day"], name="partnerships_commitment_reminder_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.day}"


# --- the partner's measurable commitments and their progress reports ---------------------


class PartnerCommitment(models.Model):
    """What the partner commits to, measurably: a metric with a unit, a direction, a baseline
    and a target (or, for festivals and events, a ticked action from the green guide).

    Its status (achieved, on track, behind, not reported) is derived from verified progress
    values, never stored. Validation is in partnerships/services/commitments.py.
    """

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="partner_commitments",
    )
    title = models.CharField(_("commitment"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    metric = models.CharField(_("metric"), max_length=20, choices=Metric.choices)
    # The metric's own unit (METRIC_UNITS), or a custom metric's unit as the partner wrote it,
    # or a green action's result unit; empty for an action that is only ticked (water refill).
    unit = models.CharField(_("unit"), max_length=CUSTOM_UNIT_MAX_LENGTH, blank=True)
    scope = models.PositiveSmallIntegerField(
        _("scope"), choices=Scope.choices, null=True, blank=True
    )
    # A checklist action has no direction, baseline or target: it is done or not.
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    checklist_action = models.CharField(_("green action"), max_length=40, blank=True)
    focus_area = models.ForeignKey(
        "taxonomy.FocusArea",
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_commitments",
    )
    sdgs = models.ManyToManyField(
        "taxonomy.SDG", verbose_name=_("SDGs"), related_name="partner_commitments", blank=True
    )
    sector = models.CharField(
        _("emission sector"), max_length=16, choices=Sector.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "position", "pk"]
        verbose_name = _("partner commitment")
        verbose_name_plural = _("partner commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(metric="checklist") | Q(target_year__gt=models.F("baseline_year")),
                name="partnerships_commitment_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=Q(scope__isnull=True) | Q(metric="emissions"),
                name="partnerships_commitment_scope_only_emissions",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_checklist(self) -> bool:
        return self.metric == Metric.CHECKLIST

    @property
    def green_action(self):
        """The guide's GreenAction of a checklist commitment, else None."""
        return GREEN_ACTIONS.get(self.checklist_action) if self.is_checklist else None

    @property
    def display_title(self) -> str:
        """What pages call it: a green action by the guide's label in the reader's language
        (its stored title is in the language of whoever added it), else its title."""
        action = self.green_action
        return str(action.label) if action else self.title

    @property
    def unit_label(self) -> str:
        """The unit as pages show it (a green action's: what its result counts)."""
        if self.is_checklist:
            action = self.green_action
            return str(action.result_label) if action and action.result_label else ""
        unit = METRIC_UNITS.get(self.metric)
        return str(unit.label) if unit else self.unit


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for verification")
    RETURNED = "returned", _("Sent back for changes")
    VERIFIED = "verified", _("Verified")


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProgressReportQuerySet":
        """What partnerships.rules.may_see_report allows: the organisation's members see
        all its reports, drafts too; the programme's coordinators and admins see those
        submitted at least once."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        mine = Q(
            agreement__organisation_id__in=Membership.objects.filter(user=user).values(
                "organisation_id"
            )
        )
        if user.is_superuser:
            return self.filter(mine | ~Q(status=ReportStatus.DRAFT))
        from engage.accounts.rules import is_coordinator
        from partnerships.rules import coordinated_programmes

        staff = (
            Q(agreement__programme_id__in=coordinated_programmes(user))
            if is_coordinator(user)
            else Q(pk__in=[])
        )
        return self.filter(mine | (staff & ~Q(status=ReportStatus.DRAFT)))


class ProgressReport(models.Model):
    """A partner's report for one period (a calendar year, or one event for a festival):
    a value per commitment, a short story and evidence files."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    event_name = models.CharField(_("event"), max_length=120, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    story = models.TextField(_("what happened"), max_length=4000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "-period_end", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end", "event_name"],
                name="partnerships_report_one_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="partnerships_report_period_order",
            ),
        ]
        indexes = [
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="submitted"),
                name="partnerships_report_awaiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.event_name or self.period_end.year}"

    def get_absolute_url(self) -> str:
        return reverse("frontend:report_detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        """The event's name, or the year."""
        return self.event_name or str(self.period_end.year)

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ValueState(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Sent back")


class EntryChannel(models.TextChoices):
    PAGE = "page", _("Entered on the site")
    API = "api", _("Sent through the API")


class ProgressValueQuerySet(models.QuerySet):
    """The one rule for a commitment's latest value: the first of its values in the order
    of latest_first (its report's period end, then when it was verified, then its id, each
    descending; a NULL verified_at first, as PostgreSQL sorts it)."""

    LATEST_FIRST = (
        models.F("report__period_end").desc(),
        models.F("verified_at").desc(),
        models.F("pk").desc(),
    )

    def verified(self) -> "ProgressValueQuerySet":
        """Values a coordinator has verified: the only ones that count anywhere public."""
        return self.filter(state=ValueState.VERIFIED)

    def latest_first(self) -> "ProgressValueQuerySet":
        """These values, each commitment's latest first (see the class)."""
        return self.order_by(*self.LATEST_FIRST)

    def latest_per_commitment(self) -> "ProgressValueQuerySet":
        """Of these values, each commitment's latest alone, ranked in the database by a
        window (portable: no DISTINCT ON); filter before calling it, e.g. by period."""
        return self.annotate(
            latest_rank=models.Window(
                RowNumber(), partition_by=models.F("commitment_id"), order_by=self.LATEST_FIRST
            )
        ).filter(latest_rank=1)


class ProgressValue(models.Model):
    """One commitment's value in one report, with where it came from and, once a coordinator
    has looked at it, who verified it and when (or why it was sent back).

    Only verified values count anywhere public.
    """

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    commitment = models.ForeignKey(
        PartnerCommitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    # In the commitment's unit; a checklist action may be ticked without a measured result.
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3, null=True, blank=True)
    done = models.BooleanField(_("done"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    entered_via = models.CharField(
        _("entered"), max_length=4, choices=EntryChannel.choices, default=EntryChannel.PAGE
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=8, choices=ValueState.choices, default=ValueState.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    review_comment = models.TextField(_("coordinator's comment"), max_length=2000, blank=True)

    objects = ProgressValueQuerySet.as_manager()

    class Meta:
        ordering = ["report", "commitment__position", "commitment_id"]
        verbose_name = _("progress value")
        verbose_name_plural = _("progress values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "commitment"], name="partnerships_value_one_per_report"
            ),
        ]
        indexes = [
            # The derived status reads each commitment's latest verified value.
            models.Index(
                fields=["commitment", "verified_at"],
                condition=Q(state="verified"),
                name="partnerships_value_verified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.report}"


class EvidenceQuerySet(models.QuerySet):
    def public(self) -> "EvidenceQuerySet":
        """What partnerships.rules.is_evidence_public allows everyone: a file backing a
        verified value, or a verified report as a whole."""
        return self.filter(
            Q(value__state=ValueState.VERIFIED)
            | Q(value__isnull=True, report__status=ReportStatus.VERIFIED)
        )


class Evidence(models.Model):
    """A file backing a report (an invoice, a meter reading, a photo). Served only through a
    view that checks access: private to the organisation and its coordinators until the value
    or report it backs is verified."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="evidence"
    )
    value = models.ForeignKey(
        ProgressValue,
        verbose_name=_("value"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("frontend:evidence_file", kwargs={"pk": self.report_id, "file_pk": self.pk})

    @property
    def is_public(self) -> bool:
        """See EvidenceQuerySet.public; needs `value` and `report` loaded."""
        if self.value_id is not None:
            return self.value.state == ValueState.VERIFIED
        return self.report.status == ReportStatus.VERIFIED


# --- progress reports: reminders ---------------------------------------------------------


class ReportReminderKind(models.TextChoices):
    DUE = "due", _("Report due soon")
    OVERDUE = "overdue", _("Report overdue")


class ReportReminder(models.Model):
    """One reminder to an organisation's admins of a report due within 30 days or overdue,
    for one agreement and period (services/reports.py decides when one is due). Unique per
    period, kind and day, so a repeated daily run reminds nobody twice."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="report_reminders"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    event_name = models.CharField(max_length=120, blank=True)
    due_date = models.DateField()
    kind = models.CharField(max_length=8, choices=ReportReminderKind.choices)
    day = models.DateField()

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end", "event_name", "kind", "day"],
                name="partnerships_report_reminder_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.period_end} · {self.kind} · {self.day}"


# --- organisation API tokens -----------------------------------------------------------


class OrganisationTokenQuerySet(models.QuerySet):
    def usable(self, *, now=None) -> "OrganisationTokenQuerySet":
        """Neither revoked nor expired (whether its creator may still use it is checked
        when it is used)."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class OrganisationToken(models.Model):
    """A token an organisation's administrator creates for the organisation's own systems
    to use the API on its behalf (as the administrator, for that organisation only).

    The token is `hm_<prefix>_<secret>`: the prefix is public and finds the row; only the
    SHA-256 of the secret is kept, so the token is shown once, when it is created.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="tokens",
    )
    name = models.CharField(_("what it is for"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="organisation_tokens",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = OrganisationTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}) · {self.organisation}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


# --- the municipality's greenhouse-gas inventory and climate targets ---------------------
#
# The territorial inventory as the Danish Energy Agency's energy and CO2 accounts for
# municipalities give it: tCO2e per year and sector. Each import is a version of its own
# (inventories are corrected backwards when the method changes); a version's rows never
# change after the import. Writes are in partnerships/services/inventory.py, reads in
# partnerships/dashboard.py.


class InventorySector(models.TextChoices):
    """The five sectors of the Danish Energy Agency's accounts for municipalities."""

    ENERGY = "energy", _("Energy")
    TRANSPORT = "transport", _("Transport")
    AGRICULTURE = "agriculture", _("Agriculture and land use")
    INDUSTRY = "industry", _("Industrial processes")
    WASTE = "waste", _("Waste")


class InventoryVersionQuerySet(models.QuerySet):
    def newest_first(self) -> "InventoryVersionQuerySet":
        return self.order_by("-published_on", "-imported_at", "-pk")


class InventoryVersion(models.Model):
    """One import of the inventory: its figures, where they come from and who brought them.

    `is_shown` marks the version the dashboard shows (at most one); without a mark it
    shows the newest. Older versions stay readable on the dashboard by choosing them.
    """

    label = models.CharField(_("label"), max_length=120)
    source = models.CharField(_("source"), max_length=300)
    published_on = models.DateField(_("figures published on"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    is_shown = models.BooleanField(_("shown on the dashboard"), default=False)
    # When this version last became the shown one: open data's Last-Modified.
    shown_at = models.DateTimeField(_("shown since"), null=True, blank=True)

    objects = InventoryVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-imported_at", "-pk"]
        verbose_name = _("inventory version")
        verbose_name_plural = _("inventory versions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_shown"],
                condition=Q(is_shown=True),
                name="partnerships_inventory_one_shown",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class InventoryRow(models.Model):
    """One year and sector of a version, in tonnes of CO2 equivalents."""

    version = models.ForeignKey(
        InventoryVersion,
        verbose_name=_("inventory version"),
        on_delete=models.CASCADE,
        related_name="rows",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sector = models.CharField(_("sector"), max_length=16, choices=InventorySector.choices)
    tco2e = models.DecimalField(_("tCO2e"), max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["version", "year", "sector"]
        verbose_name = _("inventory row")
        verbose_name_plural = _("inventory rows")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "year", "sector"], name="partnerships_inventory_row_unique"
            ),
            models.CheckConstraint(
                condition=Q(tco2e__gte=0), name="partnerships_inventory_row_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.year} · {self.sector}"


class ClimateSettings(models.Model):
    """The one row of climate settings (pk 1): the baseline year the targets count from.

    The baseline's value is never typed: it is the shown inventory's total for that year.
    """

    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), default=1990)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("climate settings")
        verbose_name_plural = _("climate settings")

    def __str__(self) -> str:
        return str(self.baseline_year)


class ClimateTarget(models.Model):
    """A target year and its reduction from the baseline year, in per cent (100 = net zero)."""

    year = models.PositiveSmallIntegerField(_("target year"), unique=True)
    reduction_percent = models.DecimalField(
        _("reduction in per cent"), max_digits=5, decimal_places=2
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("climate target")
        verbose_name_plural = _("climate targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(reduction_percent__gte=0) & Q(reduction_percent__lte=100),
                name="partnerships_climate_target_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: -{self.reduction_percent} %"
