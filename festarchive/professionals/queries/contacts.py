"""Contact details and availability, for professionals' eyes."""


def film_contacts_context(*, film, user) -> dict:
    """The film's rights holders and producers with their contact details,
    and what the holder says is available."""
    return {}
