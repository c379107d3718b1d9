from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "engage.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa.models import Authenticator
        from django.contrib.auth.models import Group
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from engage.accounts import invalidation, personal_data
        from engage.accounts.models import User
        from engage.accounts.roles import roles_keep_at_sign_in
        from engage.taxonomy.models import Team

        for through in (User.groups.through, Team.members.through):
            uid = f"roles_{through._meta.label}"
            m2m_changed.connect(invalidation.membership_changed, sender=through, dispatch_uid=uid)
        for signal in (post_save, post_delete):
            signal.connect(
                invalidation.authenticator_changed, sender=Authenticator, dispatch_uid="roles_mfa"
            )
        for model in (Group, Team):
            uid = f"roles_owner_{model._meta.label}"
            for signal in (post_save, pre_delete):
                signal.connect(invalidation.group_or_team_changed, sender=model, dispatch_uid=uid)
        user_logged_in.connect(roles_keep_at_sign_in, dispatch_uid="roles_keep_at_sign_in")

        personal_data.register(
            section="account",
            export=personal_data.export_account,
            erase=None,
        )
