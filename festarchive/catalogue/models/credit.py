from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from festarchive.core.i18n import localized

from .company import Company
from .film import Film
from .person import Person


class Role(models.Model):
    """A credit role ("Director", "World Sales"); staff may add their own."""

    slug = models.SlugField(max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower comes first.")
    )

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return str(localized(self, "name"))


class Credit(models.Model):
    """A film credit: a person, a company, or a person working for a company."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="credits")
    # PROTECT: a person or company with credits is merged, never silently lost.
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role__order", "order", "id"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False)
                | models.Q(company__isnull=False),
                name="credit_has_person_or_company",
                violation_error_message=_("A credit needs a person or a company."),
            ),
            # NULLs never compare equal in a unique index, so "person alone"
            # duplicates would slip through a plain field constraint: compare 0
            # in their place.
            models.UniqueConstraint(
                "film",
                "role",
                Coalesce("person", 0, output_field=models.BigIntegerField()),
                Coalesce("company", 0, output_field=models.BigIntegerField()),
                name="credit_unique",
                violation_error_message=_("This film already has this credit."),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "role"]),
            models.Index(fields=["company", "role"]),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.credited_as}"

    @property
    def credited_as(self) -> str:
        """'Valery Kalmykov for Trueman Production', 'Stéphane Siohan' or 'ARTE GEIE'."""
        if self.person and self.company:
            return _("%(person)s for %(company)s") % {
                "person": self.person.name,
                "company": self.company.name,
            }
        return str(self.person or self.company)
