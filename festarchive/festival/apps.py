from django.apps import AppConfig


class FestivalConfig(AppConfig):
    name = "festarchive.festival"
    label = "festival"
    verbose_name = "Festivals"
