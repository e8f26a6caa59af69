from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "festarchive.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import limits  # noqa: F401 - registers the limits check
