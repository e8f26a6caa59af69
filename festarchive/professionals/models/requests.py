"""A professional's request for a film's online screener or screening copy,
answered by its rights holder from a signed link, without an account."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_holder_key() -> str:
    return secrets.token_urlsafe(24)


class ScreenerRequest(models.Model):
    class Kind(models.TextChoices):
        SCREENER = "screener", _("Online screener")
        SCREENING_COPY = "copy", _("Screening copy")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the rights holder")
        QUESTION = "question", _("The rights holder asked a question")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.PENDING, Status.QUESTION)

    film = models.ForeignKey(
        "catalogue.Film", on_delete=models.CASCADE, related_name="screener_requests"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="screener_requests",
    )
    kind = models.CharField(_("what you ask for"), max_length=10, choices=Kind.choices)
    purpose = models.CharField(_("for which festival or channel"), max_length=200)
    wanted_from = models.DateField(_("from"), null=True, blank=True)
    wanted_until = models.DateField(_("until"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=4000)
    language = models.CharField(max_length=8, default="en", editable=False)

    # Who answers: found from the film's credits when the request is made,
    # and kept, so a later change of credits does not move an open request.
    holder_name = models.CharField(_("rights holder"), max_length=200)
    holder_email = models.EmailField(_("rights holder's e-mail"))
    # The secret in the holder's link; a new one replaces a leaked link.
    holder_key = models.CharField(
        max_length=64, unique=True, default=new_holder_key, editable=False
    )

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    screener_url = models.URLField(_("screener link"), blank=True, max_length=500)
    screener_password = models.CharField(
        _("screener password"), blank=True, max_length=200
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("screener request")
        verbose_name_plural = _("screener requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wanted_from__isnull=True)
                | models.Q(wanted_until__isnull=True)
                | models.Q(wanted_until__gte=models.F("wanted_from")),
                name="screener_request_dates_in_order",
                violation_error_message=_("The last date comes before the first."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.film} ({self.professional})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class ScreenerRequestEvent(models.Model):
    """One step of a request, shown to all three parties as its history."""

    class Party(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        HOLDER = "holder", _("Rights holder")
        STAFF = "staff", _("Festival staff")
        SYSTEM = "system", _("Archive")

    request = models.ForeignKey(
        ScreenerRequest, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(auto_now_add=True)
    party = models.CharField(max_length=15, choices=Party.choices)
    action = models.CharField(max_length=30)  # created, approved, question, …
    message = models.TextField(blank=True, max_length=4000)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"
