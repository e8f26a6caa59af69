"""Wagtail's admin: the choosers of archive records for the editorial blocks."""

from wagtail import hooks

from .choosers import edition_chooser, film_chooser, person_chooser


@hooks.register("register_admin_viewset")
def register_archive_choosers():
    return [film_chooser, person_chooser, edition_chooser]
