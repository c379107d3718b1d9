from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Climate partnerships")

    def ready(self) -> None:
        from engage.accounts import personal_data
        from partnerships import personal_data as partnership_data

        personal_data.register(
            section="partnerships", export=partnership_data.export, erase=partnership_data.erase
        )
