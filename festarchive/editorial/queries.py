"""Read paths of the editorial pages."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from wagtail.models import Page, PageQuerySet, Site

from festarchive.core import pagetags

from .caching import TOP_PAGES
from .models import NewsIndexPage, NewsPage


def news_list(*, index: NewsIndexPage) -> PageQuerySet:
    """The published news items under ``index``, newest first.

    They are the index's children, so in the index's own language.
    """
    return NewsPage.objects.child_of(index).live().order_by("-date", "-pk")


def page_path_exists(path: str) -> bool:
    """Whether a published editorial page has the address ``path``
    (``"institute/history/"``) under one of the sites' home pages in
    its language. A draft is no one's page: its address stays free for the view
    after the pages (the fixed About page until staff publish theirs).

    Only the home pages of the address's language count: /nl/about/ is not
    the English About page's address when the Dutch one has its own slug."""
    language = get_language()
    roots = {
        root.root_path
        for root in Site.get_site_root_paths()
        if root.language_code == language
    }
    return (
        Page.objects.live()
        .filter(url_path__in=[root + path for root in roots])
        .exists()
    )


def published_in_current_language(page: Page) -> Page | None:
    """``page`` in the current language if translated and published, else
    itself if published; None for a page no visitor may see."""
    translated = page.localized
    if translated.live:
        return translated
    return page if page.live else None


def home_page_child(slug: str) -> Page | None:
    """The page with English slug ``slug`` just under the default site's home
    page (``about``, ``institute``), published, in the current language where
    translated: how the site's fixed places find staff's pages."""
    pagetags.show(TOP_PAGES)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    page = Page.objects.child_of(site.root_page).filter(slug=slug).first()
    return published_in_current_language(page) if page else None


def page_address(page: Page) -> str:
    """The address of ``page`` in its own language (``/nl/instituut/``),
    without asking for the sites' home pages: the site serves one set of
    home pages, one per language, and a page's address is its path under
    its home page (``url_path`` ``/home-nl/instituut/``) in its language."""
    under_home = page.url_path.split("/", 2)[2]
    with translation.override(page.locale.language_code):
        return reverse("wagtail_serve", kwargs={"path": under_home})
