from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListsConfig(AppConfig):
    """Visitors' favourites, lists and recently viewed films."""

    name = "festarchive.lists"
    label = "lists"
    verbose_name = _("Favourites and lists")

    def ready(self):
        from . import signals  # noqa: F401 - connects the log-in and film-view receivers
