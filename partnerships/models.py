"""Organisations in climate partnerships: their public profile, members and invitations.

Who may do what is in partnerships/rules.py; every write goes through
partnerships/services.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


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
