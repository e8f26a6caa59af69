"""Menus: an ordered list of links for one place on every page (the header,
the footer), one menu per place and language. The Dutch menu is the English
one translated with wagtail-localize: its labels are translated, the pages
it leads to are the same (shown in Dutch where translated)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin

from .addresses import ADDRESS_CHOICES


class Place(models.TextChoices):
    HEADER = "header", _("Header")
    FOOTER = "footer", _("Footer")


class Menu(TranslatableMixin, ClusterableModel):
    place = models.CharField(_("place"), max_length=20, choices=Place.choices)

    panels = [FieldPanel("place"), InlinePanel("items", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "locale"], name="menus_one_menu_per_place_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_place_display()} ({self.locale.get_display_name()})"


class MenuItem(TranslatableMixin, Orderable):
    """One link: to an editorial page, one of the site's own addresses, or
    any address."""

    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(_("label"), max_length=60)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    address = models.CharField(
        _("site address"), max_length=30, blank=True, choices=ADDRESS_CHOICES
    )
    url = models.URLField(_("other address"), blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("page"),
        FieldPanel("address"),
        FieldPanel("url"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.label

    def clean(self):
        chosen = [bool(self.page_id), bool(self.address), bool(self.url)]
        if sum(chosen) != 1:
            raise ValidationError(
                _("Choose one of a page, a site address or another address.")
            )
