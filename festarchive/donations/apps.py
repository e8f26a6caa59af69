from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    """Gifts to the festival, one-off or monthly, paid through Mollie."""

    name = "festarchive.donations"
    label = "donations"
    verbose_name = _("Donations")
