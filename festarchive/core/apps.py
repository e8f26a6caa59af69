from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "festarchive.core"
    label = "core"
    verbose_name = "Core"
