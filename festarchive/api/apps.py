from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "festarchive.api"
    verbose_name = "API"
