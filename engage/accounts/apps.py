from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "engage.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from engage.accounts import personal_data

        personal_data.register(
            section="account",
            export=personal_data.export_account,
            erase=None,
        )
