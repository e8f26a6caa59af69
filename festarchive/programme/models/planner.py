import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..vocabulary import TravelMode
from .screening import Screening


def new_token() -> str:
    """A secret for an address: 32 bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


class Planner(models.Model):
    """A visitor's "My festival": how they travel and their secret addresses.

    The feed and the shared plan each have their own token, so a visitor can
    revoke the calendar subscription without breaking a link they shared, and
    the other way round.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planner"
    )
    travel_mode = models.CharField(
        _("I get around by"),
        max_length=10,
        choices=TravelMode.choices,
        default=TravelMode.WALKING,
    )
    feed_token = models.CharField(max_length=64, unique=True, default=new_token)
    share_token = models.CharField(max_length=64, unique=True, default=new_token)
    is_shared = models.BooleanField(_("shared by link"), default=False)

    class Meta:
        verbose_name = _("planner")
        verbose_name_plural = _("planners")

    def __str__(self) -> str:
        return f"{self.user}"


class PlannedScreening(models.Model):
    """A screening a visitor has starred."""

    planner = models.ForeignKey(Planner, on_delete=models.CASCADE, related_name="items")
    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="planned_by"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["screening__starts_at", "id"]
        verbose_name = _("planned screening")
        verbose_name_plural = _("planned screenings")
        constraints = [
            models.UniqueConstraint(
                fields=["planner", "screening"], name="planned_screening_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.planner} · {self.screening}"
