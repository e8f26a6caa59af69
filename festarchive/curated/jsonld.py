"""schema.org descriptions of curated selections, embedded as JSON-LD."""

from festarchive.core.i18n import localized


def selection_jsonld(selection, films, *, url: str, absolute) -> dict:
    """A schema.org ``ItemList`` of the selection's films, as ``Movie``\\ s in
    their order."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": str(localized(selection, "title")),
        "url": url,
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(films),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "item": {
                    "@type": "Movie",
                    "name": str(localized(entry.film, "title")),
                    "url": absolute(entry.film.get_absolute_url()),
                    **(
                        {"dateCreated": str(entry.film.year)} if entry.film.year else {}
                    ),
                },
            }
            for position, entry in enumerate(films, start=1)
        ],
    }
    introduction = localized(selection, "introduction")
    if introduction:
        data["description"] = introduction.text
    return data
