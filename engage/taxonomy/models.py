from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Localized(models.Model):
    """Danish is the source language; English falls back to Danish where a text is missing."""

    class Meta:
        abstract = True

    def _localized(self, field: str) -> str:
        if (get_language() or "da").startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, f"{field}_da")
        return getattr(self, f"{field}_da")

    @property
    def name(self) -> str:
        return self._localized("name")

    @property
    def description(self) -> str:
        return self._localized("description")


class SDG(Localized):
    """One of the UN's 17 Sustainable Development Goals ("Verdensmål")."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name_da = models.CharField(_("name (Danish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    color = models.CharField(_("colour"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("UN Sustainable Development Goal")
        verbose_name_plural = _("UN Sustainable Development Goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Theme(Localized):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Public API: never rename."))
    name_da = models.CharField(_("name (Danish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A group of staff who answer the proposals routed to their focus areas."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("shared mailbox"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        related_name="teams",
        blank=True,
        limit_choices_to={"is_staff": True},
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("staff team")
        verbose_name_plural = _("staff teams")

    def __str__(self) -> str:
        return self.name


class FocusArea(Localized):
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="focus_areas"
    )
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Public API: never rename."))
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), related_name="focus_areas")
    team = models.ForeignKey(
        Team,
        verbose_name=_("responsible team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="focus_areas",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["theme__position", "position", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name
