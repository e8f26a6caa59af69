"""Playwright for Python driving Debian's Chromium (no browser download)."""

import os
import shutil
from pathlib import Path

import pytest

# Where browser tests leave their screenshots; `make screenshots` points it at
# docs/img to refresh the pictures the docs show.
SCREENSHOTS = Path(os.environ.get("FESTARCHIVE_SCREENSHOTS", "build/screenshots"))
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


# The two widths the public pages are tried at: a common laptop and a phone.
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser(live_server):
    """A headless Chromium for tests that open pages of their own size
    (``open_page``), and the live server's URL."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        try:
            yield chromium, live_server.url
        finally:
            chromium.close()


def open_page(chromium, viewport=DESKTOP, **options):
    """A page in a context of its own (cookies, history) at ``viewport``;
    a phone's also reports touch and a phone's pixel ratio."""
    if viewport == PHONE:
        options = {
            "is_mobile": True,
            "has_touch": True,
            "device_scale_factor": 3,
            **options,
        }
    return chromium.new_context(viewport=viewport, **options).new_page()


def axe_violations(page, *, exclude=()) -> list[str]:
    """What axe-core (through axe-playwright-python, which carries it) finds
    wrong on the page as it stands, one line a rule: empty when it is clean."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(page, context=context)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(node["target"][0] for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def logged_in(page, base_url, user=None):
    """Log ``user`` (by default a new visitor with a verified address) into
    the page's browser context by the session cookie a test client made."""
    from django.conf import settings
    from django.test import Client

    from festarchive.lists.tests.test_lists import make_visitor

    client = Client()
    user = user or make_visitor()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    return user


def screenshot(page, name: str, *, full_page=False) -> Path:
    """Save what the page shows as SCREENSHOTS/name.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    # At CSS pixels: a phone's picture is 390 px wide, not three times that.
    page.screenshot(path=str(target), full_page=full_page, scale="css")
    return target
