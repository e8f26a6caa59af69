from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfessionalsConfig(AppConfig):
    """Accredited professionals: their access, the contacts and availability
    they see, screener requests to rights holders, the market library and the
    delegates directory."""

    name = "festarchive.professionals"
    label = "professionals"
    verbose_name = _("Professionals")
