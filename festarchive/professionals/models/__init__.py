from .accreditation import Accreditation, DelegateProfile, TrustedDomain
from .contacts import Contact, FilmAvailability
from .market import MarketEntry, Viewing
from .requests import ScreenerRequest, ScreenerRequestEvent

__all__ = [
    "Accreditation",
    "Contact",
    "DelegateProfile",
    "FilmAvailability",
    "MarketEntry",
    "ScreenerRequest",
    "ScreenerRequestEvent",
    "TrustedDomain",
    "Viewing",
]
