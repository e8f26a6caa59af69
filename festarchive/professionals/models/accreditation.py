"""Who is a professional, for how long, and how they show themselves."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..vocabulary import ProfessionalRole


class AccreditationQuerySet(models.QuerySet):
    def current(self, on=None):
        """Approved and not yet expired on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            status=Accreditation.Status.APPROVED,
            valid_from__lte=on,
            valid_until__gte=on,
        )

    def pending(self):
        return self.filter(status=Accreditation.Status.PENDING)


class Accreditation(models.Model):
    """One application for professional access and what became of it.

    A visitor may apply again after a refusal or an expiry: each application
    is its own row, so the queue and its decisions stay on record.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Scope(models.TextChoices):
        EDITION = "edition", _("For one edition")
        YEAR = "year", _("For a year")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accreditations",
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(
        _("what you do"), max_length=20, choices=ProfessionalRole.choices
    )
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("about your work"),
        blank=True,
        max_length=2000,
        help_text=_("What you are looking for at the festival, in a few lines."),
    )
    scope = models.CharField(
        _("access"), max_length=10, choices=Scope.choices, default=Scope.EDITION
    )
    edition = models.ForeignKey(
        "festival.Edition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accreditations",
        verbose_name=_("edition"),
    )
    # The language the applicant used: decisions are e-mailed in it.
    language = models.CharField(max_length=8, default="en", editable=False)

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_message = models.TextField(
        _("message to the applicant"), blank=True, max_length=2000
    )
    approved_automatically = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="approved")
                | (
                    models.Q(valid_from__isnull=False)
                    & models.Q(valid_until__isnull=False)
                    & models.Q(valid_until__gte=models.F("valid_from"))
                ),
                name="accreditation_approved_has_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (
            self.status == self.Status.APPROVED
            and self.valid_from is not None
            and self.valid_from <= today <= self.valid_until
        )


class TrustedDomain(models.Model):
    """An e-mail domain whose applicants are approved without waiting."""

    domain = models.CharField(
        _("e-mail domain"),
        max_length=200,
        unique=True,
        help_text=_("As after the @, e.g. 'vpro.nl'. Subdomains are not included."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("trusted e-mail domain")
        verbose_name_plural = _("trusted e-mail domains")

    def __str__(self) -> str:
        return self.domain


class DelegateProfile(models.Model):
    """A professional's entry in the delegates directory, shown only when they
    choose to be listed, and only to other professionals and staff."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegate_profile",
    )
    is_listed = models.BooleanField(
        _("list me in the delegates directory"), default=False
    )
    bio = models.TextField(_("about me"), blank=True, max_length=2000)
    # Links to the catalogue, so the directory can show the films a delegate
    # is connected to through their credits.
    person = models.ForeignKey(
        "catalogue.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person in the archive"),
    )
    company = models.ForeignKey(
        "catalogue.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation in the archive"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("delegate profile")
        verbose_name_plural = _("delegate profiles")

    def __str__(self) -> str:
        return str(self.user)
