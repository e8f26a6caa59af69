"""The programme's vocabularies: one home for each, imported everywhere else.

Codes are what the database, the URL, the spreadsheet import, the API and the
iCal feed carry; labels are what visitors read.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScreeningKind(models.TextChoices):
    PUBLIC = "public", _("Public screening")
    PRESS_INDUSTRY = "press_industry", _("Press & industry")
    SCHOOL = "school", _("School screening")


class TicketState(models.TextChoices):
    NOT_YET_ON_SALE = "not_yet", _("Not yet on sale")
    ON_SALE = "on_sale", _("On sale")
    FEW_LEFT = "few_left", _("Few tickets left")
    SOLD_OUT = "sold_out", _("Sold out")
    FREE = "free", _("Free entry")


# Ticket states that still let a visitor in: "hide sold out" keeps these.
TICKETS_AVAILABLE = (TicketState.ON_SALE, TicketState.FEW_LEFT, TicketState.FREE)


class ScreeningStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    MOVED = "moved", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")


class LanguageVersion(models.TextChoices):
    ORIGINAL = "original", _("Original version")
    DUTCH = "nl", _("Dutch version")
    ENGLISH = "en", _("English version")


@dataclass(frozen=True)
class AccessFeature:
    """One way a screening is made accessible; ``field`` is the model field."""

    code: str
    field: str
    label: str
    short: str


# Order is the order of the timetable's filters and of a screening's badges.
ACCESS_FEATURES = (
    AccessFeature("subtitles-en", "subtitles_en", _("English subtitles"), _("EN subs")),
    AccessFeature("subtitles-nl", "subtitles_nl", _("Dutch subtitles"), _("NL subs")),
    AccessFeature(
        "sdh", "sdh", _("Subtitles for the deaf and hard of hearing"), _("SDH")
    ),
    AccessFeature(
        "audio-description", "audio_description", _("Audio description"), _("AD")
    ),
    AccessFeature("relaxed", "relaxed", _("Relaxed screening"), _("Relaxed")),
)
ACCESS_BY_CODE = {feature.code: feature for feature in ACCESS_FEATURES}

# The features the archive's accessibility facet offers: a film is "accessible"
# in the archive when one of its screenings had one of these.
ARCHIVE_ACCESS_FEATURES = ("sdh", "audio-description", "relaxed")


class TravelMode(models.TextChoices):
    WALKING = "walking", _("Walking")
    CYCLING = "cycling", _("Cycling")


# Kilometres an hour, and how much longer a route through a city is than the
# straight line between two venues (a common rule of thumb for city centres).
TRAVEL_SPEED_KMH = {TravelMode.WALKING: 4.5, TravelMode.CYCLING: 14.0}
ROUTE_DETOUR_FACTOR = 1.3
# Minutes to leave one room and find a seat in the next, on top of travel.
CHANGEOVER_MINUTES = 5

# Minutes before a screening's films start and after they end that a
# screening lasts when its introduction and Q&A are not given.
DEFAULT_EXTRA_MINUTES = 0
# Runtime taken for a film whose runtime is not known.
UNKNOWN_RUNTIME_MINUTES = 90
