"""Read paths of the menus: the links of each place, in the page's language.

Both menus of a page cost two or three queries together, whatever their
length: the menus with their items, the pages they lead to, and those pages
in the page's language.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from wagtail.models import Page

from festarchive.core import pagetags
from festarchive.core.i18n import current_language
from festarchive.editorial.caching import TOP_DEPTH, TOP_PAGES
from festarchive.editorial.queries import page_address

from .addresses import address_url
from .defaults import DEFAULT_MENUS
from .models import Menu, MenuItem


@dataclass(frozen=True)
class Link:
    label: str
    url: str

    def is_current(self, path: str) -> bool:
        """Whether the page at ``path`` is this link's or one below it (the
        home page only for itself)."""
        if path == self.url:
            return True
        return self.url.count("/") > 2 and path.startswith(self.url)


def site_menus() -> dict[str, list[Link]]:
    """Place -> its links in the current language: the menu staff made in
    it, else the English one, else the defaults (``defaults.DEFAULT_MENUS``)."""
    language = current_language()
    found = {}
    for menu in (
        Menu.objects.filter(locale__language_code__in=[language, "en"])
        .select_related("locale")
        .prefetch_related(Prefetch("items", MenuItem.objects.order_by("sort_order")))
    ):
        kept = found.get(menu.place)
        if kept is None or menu.locale.language_code == language:
            found[menu.place] = menu

    wanted = {  # place -> [(label, kind, target)]
        place: [(item.label, *_destination(item)) for item in found[place].items.all()]
        if place in found
        else [(str(label), *target) for label, target in DEFAULT_MENUS[place]]
        for place in {*DEFAULT_MENUS, *found}
    }
    pages = _pages_in(language, wanted)
    menus = {}
    for place, items in wanted.items():
        links = []
        for label, kind, target in items:
            if kind == "page":
                url = pages.get(target)
            elif kind == "address":
                url = address_url(target)
            else:
                url = target
            if url:
                links.append(Link(label, url))
        menus[place] = links
    return menus


def menu_links(place: str) -> list[Link]:
    return site_menus().get(place, [])


def _destination(item: MenuItem) -> tuple[str, object]:
    if item.page_id:
        return "page", item.page_id
    if item.address:
        return "address", item.address
    return "url", item.url


def _pages_in(language: str, wanted) -> dict:
    """Page id or English slug -> the address of that page in ``language``
    where translated and published, else of the page itself if published."""
    ids = {t for items in wanted.values() for _l, kind, t in items if kind == "page"}
    slugs = {t for t in ids if isinstance(t, str)}
    ids -= slugs
    if not ids and not slugs:
        return {}
    if slugs:
        # The default menus' pages sit just under a home page; publishing
        # one of those retires the pages that look for them.
        pagetags.show(TOP_PAGES)
    sources = {}
    for page in Page.objects.filter(
        Q(pk__in=ids) | Q(depth=TOP_DEPTH, slug__in=slugs, locale__language_code="en")
    ).select_related("locale"):
        sources[page.pk if page.pk in ids else page.slug] = page
    if not sources:
        return {}
    translated = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            translation_key__in=[page.translation_key for page in sources.values()],
            locale__language_code=language,
        )
        .select_related("locale")
    }
    addresses = {}
    for key, page in sources.items():
        shown = translated.get(page.translation_key) or (page if page.live else None)
        if shown is not None:
            addresses[key] = page_address(shown)
    return addresses
