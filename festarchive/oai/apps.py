from django.apps import AppConfig


class OaiConfig(AppConfig):
    name = "festarchive.oai"
    label = "oai"
    verbose_name = "OAI-PMH"
