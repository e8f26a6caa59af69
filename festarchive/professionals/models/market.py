"""The market library: an edition's films that accredited professionals may
watch, and a record of every viewing."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private


def _empty_list():
    return []


def private_storage():
    """The storage no public address reaches (``STORAGES["private"]``),
    looked up each time it is used (``professionals.storage``)."""
    return private


def new_holder_key() -> str:
    return secrets.token_urlsafe(24)


class MarketEntry(models.Model):
    film = models.ForeignKey(
        "catalogue.Film", on_delete=models.CASCADE, related_name="market_entries"
    )
    edition = models.ForeignKey(
        "festival.Edition",
        on_delete=models.PROTECT,
        related_name="market_entries",
        verbose_name=_("edition"),
    )
    # Never a public media address: the file is served only through a
    # short-lived link signed for one viewer (see ``market.py``).
    screener = models.FileField(
        _("screener video"),
        storage=private_storage,
        upload_to="screeners/",
        blank=True,
    )
    # Empty: every accredited professional; otherwise only these roles.
    allowed_roles = models.JSONField(
        _("only for"),
        default=_empty_list,
        blank=True,
        help_text=_("Leave empty for every professional."),
    )
    holder_name = models.CharField(_("rights holder"), max_length=200, blank=True)
    holder_email = models.EmailField(_("rights holder's e-mail"), blank=True)
    holder_key = models.CharField(
        max_length=64, unique=True, default=new_holder_key, editable=False
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["film__sort_title", "id"]
        verbose_name = _("market library film")
        verbose_name_plural = _("market library films")
        constraints = [
            models.UniqueConstraint(
                "film", "edition", name="market_entry_once_per_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.film} ({self.edition})"


class Viewing(models.Model):
    """One professional watching one screener: who, when, for how long."""

    entry = models.ForeignKey(
        MarketEntry, on_delete=models.CASCADE, related_name="viewings"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="viewings"
    )
    started_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_seen_at = models.DateTimeField(auto_now=True)
    seconds_watched = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.viewer} · {self.entry}"
