from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The pages staff write in Wagtail: the institute, festival information,
    about, press releases and news, each in English and Dutch."""

    name = "festarchive.editorial"
    label = "editorial"
    verbose_name = "Editorial pages"

    def ready(self):
        from .caching import watch_pages

        watch_pages()
