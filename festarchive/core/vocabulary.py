"""Seeding controlled vocabularies (roles, premiere statuses) with EN/NL names."""


def ensure_terms(model, terms: list[tuple[str, str, str, int]]) -> None:
    """Create the (slug, English, Dutch, order) terms that are missing.

    Terms staff have edited are left as they are; the lists only grow.
    """
    for slug, name_en, name_nl, order in terms:
        model.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_nl": name_nl, "order": order}
        )
