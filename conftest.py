"""Project-wide fixtures: the demo catalogue and clients."""

import pytest

from festarchive.testing.browser import browser, browser_page  # noqa: F401 - shared fixtures


def _load_demo_catalogue() -> dict:
    from festarchive.demo.festivals import ensure_festivals
    from festarchive.demo.loader import load_reference_film
    from festarchive.search.indexer import rebuild_index

    festivals = ensure_festivals()
    film = load_reference_film()
    rebuild_index()
    return {"festivals": festivals, "film": film}


def pytest_collection_modifyitems(items):
    """A test that asks for the demo catalogue uses the database, marked or
    not: pytest-django sets up only the databases that marked tests name, so
    a run of such tests alone would otherwise find no tables."""
    for item in items:
        if "demo_catalogue" in getattr(item, "fixturenames", ()):
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db)


def _is_transactional(item) -> bool:
    """Tests that commit (live servers, browsers, ``transaction=True``) flush
    the database afterwards, so they cannot share rows kept in a transaction."""
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    ):
        return True
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & {"transactional_db", "live_server", "browser_page", "browser"})


def _reads_an_empty_database(item) -> bool:
    """A test using the database without the demo catalogue, which would see
    it if the module shared one."""
    names = set(getattr(item, "fixturenames", ()))
    uses_database = item.get_closest_marker("django_db") or "db" in names
    return bool(uses_database) and "demo_catalogue" not in names


@pytest.fixture(scope="module")
def _demo_catalogue_for_module(request, django_db_setup, django_db_blocker):
    """The demo catalogue loaded once for a module of tests that only read it.

    It is written inside a transaction that stays open for the module and is
    rolled back at its end; each test runs in a savepoint inside it (the
    ``db`` fixture), so what one test writes never reaches the next. A module
    with a test that commits loads the catalogue per test instead: a commit
    would end the shared transaction.
    """
    import os

    from django.db import transaction

    if os.environ.get("FESTARCHIVE_SHARED_DEMO_CATALOGUE", "1") == "0":
        yield None  # switched off: every test loads its own (docs/decisions/0002)
        return
    module_items = [i for i in request.session.items if i.module is request.module]
    if any(
        _is_transactional(item) or _reads_an_empty_database(item)
        for item in module_items
    ):
        yield None
        return
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _load_demo_catalogue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo_catalogue(request, _demo_catalogue_for_module):
    """The same festivals and reference film that ``festarchive demo`` loads.

    Asked for by name, the module-scoped load is set up before the test's own
    transaction (pytest sets up wider scopes first), so it sits outside it.
    """
    shared = _demo_catalogue_for_module
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        return _load_demo_catalogue()
    request.getfixturevalue("db")
    if shared is None:
        return _load_demo_catalogue()
    # Rows of the shared load may have been changed by an earlier test and
    # restored by its rollback: give each test fresh instances.
    shared["film"].refresh_from_db()
    return shared


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test has its own data: no facet index, cached list or copy of the
    page cache's retirements may carry over."""
    from django.core.cache import cache

    from festarchive.ops.pagecache import forget_retirements
    from festarchive.search.facets import forget

    forget()
    forget_retirements()
    cache.clear()
    yield
    forget()
    forget_retirements()
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language. A request served to an
    earlier test in the same process leaves its language active in the
    thread, and ``get_absolute_url()`` would then build a Dutch address."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and renditions of a test land in its own folder, never in the
    project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": tmp_path / "private",
                "base_url": "/no-public-address/",
            },
        },
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def reference_film(demo_catalogue):
    return demo_catalogue["film"]


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="staff", password="staff-password", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def home():
    """The default site's home page, with the Dutch locale beside English.

    Wagtail's migrations make the site; a test with real commits
    (``transaction=True``) starts from an emptied database, so it is made
    again here as they make it."""
    # Wagtail keeps the sites' home pages in the cache; each test has its own.
    from django.core.cache import cache
    from wagtail.models import Locale, Page, Site

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
