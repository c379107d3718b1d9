from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "engage.mail"
    label = "mail"
    verbose_name = _("Outgoing email")

    def ready(self) -> None:
        from engage.accounts import personal_data
        from engage.mail import personal_data as mail_data

        personal_data.register(section="mail", export=mail_data.export, erase=mail_data.erase)
