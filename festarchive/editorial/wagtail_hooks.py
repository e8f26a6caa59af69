"""Wagtail's admin: the choosers of archive records for the editorial
blocks, and the way to the catalogue's admin."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .choosers import edition_chooser, film_chooser, person_chooser


@hooks.register("register_admin_viewset")
def register_archive_choosers():
    return [film_chooser, person_chooser, edition_chooser]


class CatalogueMenuItem(MenuItem):
    """The catalogue is edited in Django's admin: one click away, for those
    who may enter it (staff)."""

    def is_shown(self, request):
        return request.user.is_staff


@hooks.register("register_admin_menu_item")
def register_catalogue_link():
    return CatalogueMenuItem(
        _("Catalogue"),
        reverse("admin:index"),
        icon_name="folder-open-inverse",
        order=10000,
    )
