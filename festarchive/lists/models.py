"""What a visitor keeps: favourite films, named lists, films seen lately."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festarchive.catalogue.models import Film


def new_share_token() -> str:
    # 128 bits from the OS's generator: a shared list's address cannot be
    # guessed or counted through, unlike its id.
    return secrets.token_urlsafe(16)


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        constraints = [
            models.UniqueConstraint(fields=["user", "film"], name="favourite_once")
        ]

    def __str__(self) -> str:
        return str(self.film)


class FilmList(models.Model):
    """A named list of films, private to its owner unless made public."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="film_lists"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    # Set when the list is made public; a new one each time, so an address
    # shared before the list went private does not work again.
    share_token = models.CharField(max_length=32, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("list")
        verbose_name_plural = _("lists")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("lists:list-detail", args=[self.pk])

    def get_public_url(self) -> str | None:
        if not (self.is_public and self.share_token):
            return None
        return reverse("lists:public-list", args=[self.share_token])


class FilmListItem(models.Model):
    film_list = models.ForeignKey(
        FilmList, on_delete=models.CASCADE, related_name="items"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film_list", "film"], name="list_film_once")
        ]

    def __str__(self) -> str:
        return str(self.film)


class RecentView(models.Model):
    """A film a logged-in visitor opened; only the latest visits are kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recent_views"
    )
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-viewed_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "film"], name="recent_view_once")
        ]

    def __str__(self) -> str:
        return str(self.film)
