from django.apps import AppConfig


class FestivalConfig(AppConfig):
    name = "festarchive.festival"
    label = "festival"
    verbose_name = "Festivals"

    def ready(self):
        from .citations import register_kinds

        register_kinds()
