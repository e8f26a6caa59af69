from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "festarchive.programme"
    label = "programme"
    verbose_name = _("Festival programme")

    def ready(self):
        from . import signals  # noqa: F401 - connects the log-in receiver
