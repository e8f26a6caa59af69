"""What only professionals and staff see: how to reach a film's people, and
what the rights holder says is still available.

Contact details live here, not on ``Person`` or ``Company``: the public
models' serialisers, exports, history and search index never hold them, so no
public surface can show them by accident.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from festarchive.catalogue.models import Company, Film, Person


class Contact(models.Model):
    """The private contact details of one person or one company."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact",
    )
    company = models.OneToOneField(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False) & models.Q(company__isnull=True)
                )
                | (models.Q(person__isnull=True) & models.Q(company__isnull=False)),
                name="contact_of_person_or_company",
                violation_error_message=_(
                    "Contact details belong to a person or a company."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.company)


def _empty_list():
    return []


class FilmAvailability(models.Model):
    """What a film's rights holder says is available, and to whom."""

    film = models.OneToOneField(
        Film, on_delete=models.CASCADE, related_name="availability"
    )
    rights = models.JSONField(
        _("rights available"),
        default=_empty_list,
        blank=True,
        help_text=_("Any of: theatrical, tv, vod, educational."),
    )
    territories = models.JSONField(
        _("territories"),
        default=_empty_list,
        blank=True,
        help_text=_(
            "Country codes where the rights are available; 'WW' for worldwide."
        ),
    )
    seeking = models.JSONField(
        _("looking for"),
        default=_empty_list,
        blank=True,
        help_text=_("Any of: sales-agent, distributor, broadcaster."),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")

    def __str__(self) -> str:
        return str(self.film)
