from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "engage.taxonomy"
    label = "taxonomy"
    verbose_name = _("Themes and focus areas")

    def ready(self) -> None:
        # Cache invalidation only: cached choices and fragments carry the taxonomy version.
        from engage.cache import taxonomy_version_bump
        from engage.taxonomy.models import SDG, FocusArea, Team, Theme

        uid = "taxonomy_version_bump"
        for model in (SDG, Theme, FocusArea, Team):
            post_save.connect(taxonomy_version_bump, sender=model, dispatch_uid=f"{uid}_s_{model}")
            post_delete.connect(
                taxonomy_version_bump, sender=model, dispatch_uid=f"{uid}_d_{model}"
            )
        m2m_changed.connect(
            taxonomy_version_bump, sender=FocusArea.sdgs.through, dispatch_uid=f"{uid}_m2m"
        )
        # Data migrations write through historical models, which send no post_save.
        post_migrate.connect(taxonomy_version_bump, dispatch_uid=f"{uid}_migrate")
