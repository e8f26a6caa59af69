"""schema.org descriptions of festival records, embedded as JSON-LD."""

from festarchive.core.i18n import localized


def edition_jsonld(edition, programme, *, url: str, absolute) -> dict:
    """A schema.org ``Festival`` (an event) for an edition's page, with the
    films its page lists as the works presented."""
    festival = edition.festival
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Festival",
        "name": str(edition),
        "url": url,
        "organizer": {
            "@type": "Organization",
            "name": festival.name,
            "url": absolute(festival.get_absolute_url()),
        },
    }
    if edition.starts_on:
        data["startDate"] = edition.starts_on.isoformat()
    if edition.ends_on:
        data["endDate"] = edition.ends_on.isoformat()
    if festival.city or festival.country:
        address = {"@type": "PostalAddress"}
        if festival.city:
            address["addressLocality"] = festival.city
        if festival.country:
            address["addressCountry"] = festival.country.code
        data["location"] = {
            "@type": "Place",
            "name": festival.city or str(festival.country.name),
            "address": address,
        }
    works = [
        {
            "@type": "Movie",
            "name": str(localized(film, "title")),
            "url": absolute(film.get_absolute_url()),
        }
        for group in programme
        for film in group.films
    ]
    if works:
        data["workPresented"] = works
    return data


def prize_jsonld(prize, years, *, url: str, absolute) -> dict:
    """A schema.org ``ItemList`` for a prize's page: the films that won it or
    a special mention, newest edition first, each a ``Movie`` whose ``award``
    names the prize and the year."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": str(localized(prize, "name")),
        "url": url,
    }
    description = localized(prize, "description")
    if description:
        data["description"] = str(description)
    items = []
    for year in years:
        for award in year.awards:
            film = award.film
            items.append(
                {
                    "@type": "ListItem",
                    "position": len(items) + 1,
                    "item": {
                        "@type": "Movie",
                        "name": str(localized(film, "title")),
                        "url": absolute(film.get_absolute_url()),
                        "award": f"{localized(award, 'name')}, {year.edition}",
                    },
                }
            )
    data["numberOfItems"] = len(items)
    data["itemListElement"] = items
    return data
