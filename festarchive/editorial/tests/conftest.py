import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site


@pytest.fixture
def home():
    """The default site's home page, with the Dutch locale beside English.

    Wagtail's migrations make the site; a test with real commits
    (``transaction=True``) starts from an emptied database, so it is made
    again here as they make it."""
    # Wagtail keeps the sites' home pages in the cache; each test has its own.
    cache.clear()
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="nl")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root")
        )
        start = root.add_child(instance=Page(title="Home", slug="home"))
        site = Site.objects.create(
            hostname="localhost", root_page=start, is_default_site=True
        )
    return site.root_page
