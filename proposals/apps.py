from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from engage.accounts import personal_data
        from proposals import personal_data as proposal_data

        personal_data.register(
            section="proposals", export=proposal_data.export, erase=proposal_data.erase
        )
