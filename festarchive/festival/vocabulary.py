"""The premiere-status vocabulary; staff may add more (e.g. Benelux) in the admin."""

from festarchive.core.vocabulary import ensure_terms

# (slug, English, Dutch, display order)
PREMIERE_STATUSES = [
    ("world", "World Premiere", "Wereldpremière", 10),
    ("international", "International Premiere", "Internationale première", 20),
    ("european", "European Premiere", "Europese première", 30),
    ("dutch", "Dutch Premiere", "Nederlandse première", 40),
]


def ensure_premiere_statuses(model=None) -> None:
    """Create the standard premiere statuses that are missing."""
    if model is None:
        from .models import PremiereStatus as model
    ensure_terms(model, PREMIERE_STATUSES)
