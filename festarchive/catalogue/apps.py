from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "festarchive.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue"

    def ready(self):
        from .citations import register_kinds

        register_kinds()
