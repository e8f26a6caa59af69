from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "festarchive.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from . import signals

        signals.connect()
