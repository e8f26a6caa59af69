"""The menus in Wagtail's admin, under Snippets, with wagtail-localize's
Translate action for the Dutch menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Menu


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["__str__"]
    list_filter = ["place", "locale"]


register_snippet(MenuViewSet)
