from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "festarchive.importers"
    label = "importers"
    verbose_name = "Import and export"
