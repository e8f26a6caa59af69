"""The festival's own pages in the site's search box, below the archive.

Wagtail keeps their index (its database backend: title, introduction and
body, written when a page is published); this reads it for published pages
only. It reads Wagtail's pages, not the editorial app, whose blocks ask
the archive's search in turn.
"""

from django.utils.translation import get_language
from wagtail.models import Locale, Page

# Root and home pages: the site, not pages of it.
FIRST_PAGE_DEPTH = 3


def search_pages(words: str, *, limit: int = 5) -> list[Page]:
    """The published, unrestricted pages in the current language that match
    ``words``, best first."""
    if not words.strip():
        return []
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        return []
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gte=FIRST_PAGE_DEPTH)
        .specific()
    )
    return list(pages.search(words, operator="and")[:limit])
