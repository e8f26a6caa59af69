"""Project-wide fixtures: the demo catalogue and clients."""

import pytest

from festarchive.testing.browser import browser, browser_page  # noqa: F401 - shared fixtures


@pytest.fixture
def demo_catalogue(db):
    """The same festivals and reference film that ``festarchive demo`` loads."""
    from festarchive.demo.festivals import ensure_festivals
    from festarchive.demo.loader import load_reference_film
    from festarchive.search.indexer import rebuild_index

    festivals = ensure_festivals()
    film = load_reference_film()
    rebuild_index()
    return {"festivals": festivals, "film": film}


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test has its own data: no facet index or cached list may carry over."""
    from django.core.cache import cache

    from festarchive.search.facets import forget

    forget()
    cache.clear()
    yield
    forget()
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
