from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Visitor accounts: pages around django-allauth, data download, deletion."""

    name = "festarchive.accounts"
    label = "accounts"
    verbose_name = _("Visitor accounts")
