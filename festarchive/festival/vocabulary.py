"""The premiere-status vocabulary; staff may add more (e.g. Benelux) in the admin."""

# (slug, English, Dutch, display order)
PREMIERE_STATUSES = [
    ("world", "World Premiere", "Wereldpremière", 10),
    ("international", "International Premiere", "Internationale première", 20),
    ("european", "European Premiere", "Europese première", 30),
    ("dutch", "Dutch Premiere", "Nederlandse première", 40),
]


def ensure_premiere_statuses(status_model=None) -> None:
    """Create the standard premiere statuses that are missing."""
    if status_model is None:
        from .models import PremiereStatus as status_model
    for slug, name_en, name_nl, order in PREMIERE_STATUSES:
        status_model.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_nl": name_nl, "order": order}
        )
