from django.apps import AppConfig


class MenusConfig(AppConfig):
    """The site's header and footer menus, edited by staff in both languages."""

    name = "festarchive.menus"
    label = "menus"
    verbose_name = "Menus"

    def ready(self):
        from .caching import watch_menus

        watch_menus()
