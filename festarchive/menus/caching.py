"""Menus are on every page: a change to one retires every page.

Menus change a few times a year; tagging every page with them would add a
tag to each page's every check for nothing. A page that a menu leads to
retires every page when it is unpublished or deleted (its link goes) or
first published (a new translation: the link in its language leads to it);
its slug or place changing does so already (editorial.caching)."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from festarchive.core import pagetags

from .models import Menu, MenuItem


def _menu_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        pagetags.retire_on_commit({pagetags.ALL})


def _in_a_menu(page) -> bool:
    return MenuItem.objects.filter(page__translation_key=page.translation_key).exists()


def _page_gone(sender, instance, **kwargs) -> None:
    if _in_a_menu(instance):
        pagetags.retire_on_commit({pagetags.ALL})


def _page_published(sender, instance, **kwargs) -> None:
    """A page a menu leads to, published for the first time (a new Dutch
    translation): the menus in its language lead to it from now on."""
    first = instance.first_published_at == instance.last_published_at
    if first and _in_a_menu(instance):
        pagetags.retire_on_commit({pagetags.ALL})


def watch_menus() -> None:
    for model in (Menu, MenuItem):
        post_save.connect(_menu_changed, sender=model, dispatch_uid=f"menus-{model}")
        post_delete.connect(
            _menu_changed, sender=model, dispatch_uid=f"menus-d-{model}"
        )
    page_unpublished.connect(_page_gone, dispatch_uid="menus-page-unpublished")
    page_published.connect(_page_published, dispatch_uid="menus-page-published")
