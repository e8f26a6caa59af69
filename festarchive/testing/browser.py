"""Playwright for Python driving Debian's Chromium (no browser download)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("FESTARCHIVE_CHROMIUM", "/usr/bin/chromium")
# Flags for a headless Chromium on a machine without a network or a display.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_tests_required() -> bool:
    """In CI (CI=true, or FESTARCHIVE_BROWSER_TESTS=required) a missing browser
    fails the run instead of skipping."""
    return (
        os.environ.get("FESTARCHIVE_BROWSER_TESTS") == "required"
        or os.environ.get("CI", "").lower() == "true"
    )


def require_chromium() -> None:
    """Skip the test when Chromium is missing, or fail it where it must run."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if browser_tests_required():
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # refuses to run next to one unless told that this is safe (it is: the
    # test, not the loop, makes every query).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in headless Chromium, and the live server's URL."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            yield page, live_server.url
        finally:
            browser.close()
