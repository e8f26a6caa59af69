from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "festarchive.demo"
    label = "demo"
    verbose_name = "Demo archive"
