"""Read paths of the editorial pages."""

from wagtail.models import Page, PageQuerySet, Site

from .models import NewsIndexPage, NewsPage


def news_list(*, index: NewsIndexPage) -> PageQuerySet:
    """The published news items under ``index``, newest first.

    They are the index's children, so in the index's own language.
    """
    return NewsPage.objects.child_of(index).live().order_by("-date", "-pk")


def page_path_exists(path: str) -> bool:
    """Whether an editorial page (live or not) has the address ``path``
    (``"institute/history/"``) under one of the sites' home pages, in any
    language."""
    roots = {root.root_path for root in Site.get_site_root_paths()}
    return Page.objects.filter(url_path__in=[root + path for root in roots]).exists()
