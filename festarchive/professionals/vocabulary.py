"""The professional side's words, in one place: what a professional does,
which rights a holder offers, what a film is looking for."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class ProfessionalRole(models.TextChoices):
    PROGRAMMER = "programmer", _("Festival programmer")
    DISTRIBUTOR = "distributor", _("Distributor")
    BROADCASTER = "broadcaster", _("Broadcaster")
    SALES_AGENT = "sales-agent", _("Sales agent")
    PRODUCER = "producer", _("Producer")
    PRESS = "press", _("Press")


class Right(models.TextChoices):
    THEATRICAL = "theatrical", _("Theatrical")
    TV = "tv", _("TV")
    VOD = "vod", _("VOD")
    EDUCATIONAL = "educational", _("Educational")


class Seeking(models.TextChoices):
    SALES_AGENT = "sales-agent", _("Seeking a sales agent")
    DISTRIBUTOR = "distributor", _("Seeking a distributor")
    BROADCASTER = "broadcaster", _("Seeking a broadcaster")


# The credit roles whose company or person holds a film's rights, in the order
# a request looks for who answers it: the screening copy's holder first.
HOLDER_ROLES = ("screening-copy", "world-sales")
# The roles whose contact details professionals see on a film's page.
CONTACT_ROLES = ("world-sales", "screening-copy", "production")

# A film's territories are country codes, and this one for the whole world:
# available worldwide is available in every territory.
WORLDWIDE = "WW"


def territory_known(code: str) -> bool:
    return code == WORLDWIDE or bool(countries.name(code))


def territory_label(code: str) -> str:
    """A territory's name in the page's language."""
    if code == WORLDWIDE:
        return str(_("Worldwide"))
    return countries.name(code) or code
