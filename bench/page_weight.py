#!/usr/bin/env python
"""Bytes of images a phone downloads for the reference film page.

    .venv/bin/python bench/page_weight.py                 # this checkout only
    .venv/bin/python bench/page_weight.py --before 6f17c3a  # and an older commit

Loads a small demo archive (with its drawn images) into a scratch database,
serves it from this checkout (and, with --before, from that commit checked
out in a scratch worktree, against the same database and media folder), and
opens the reference film page in headless Chromium as a phone would: 390 x 844
CSS pixels at device pixel ratio 3. It prints the image bytes fetched when the
page has loaded (above the fold) and after scrolling to the end (lazy images),
plus the HTML, CSS and JavaScript, for each checkout side by side.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILM = "/en/films/we-will-not-fade-away-2023/"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(checkout: Path, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server in {checkout} did not start")


def _visit(browser, url: str) -> tuple[dict, dict, tuple, tuple]:
    """Open ``url`` in a fresh phone context, then scroll to the end."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    sizes: dict[str, int] = {}
    kinds: dict[str, str] = {}

    def finished(request):
        response = request.response()
        if response is None:
            return
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a redirect has no body
            return
        sizes[request.url] = len(body)
        kinds[request.url] = request.resource_type

    def images() -> tuple[int, int]:
        urls = [u for u, kind in kinds.items() if kind == "image"]
        return len(urls), sum(sizes[u] for u in urls)

    page.on("requestfinished", finished)
    page.goto(url, wait_until="networkidle")
    above = images()
    for _ in range(20):
        page.mouse.wheel(0, 800)
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    whole = images()
    context.close()
    return sizes, kinds, above, whole


def measure(browser, url: str) -> dict:
    # The first visit makes the renditions; the second, with an empty browser
    # cache, is the one measured.
    _visit(browser, url)
    sizes, kinds, above, whole = _visit(browser, url)
    other = {u: size for u, size in sizes.items() if kinds[u] != "image"}
    return {"above": above, "whole": whole, "other": other}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a commit to measure side by side")
    parser.add_argument("--films", type=int, default=30)
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list the other files"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from festarchive.testing.browser import CHROMIUM, CHROMIUM_ARGS

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
            "FESTARCHIVE_MEDIA_ROOT": str(scratch / "media"),
            "DJANGO_DEBUG": "1",  # runserver serves static and media files
        }
        subprocess.run(
            [
                sys.executable,
                "-m",
                "festarchive",
                "demo",
                "--films",
                str(args.films),
                "--no-serve",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        checkouts = {"this checkout": ROOT}
        if args.before:
            worktree = scratch / "before"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(worktree), args.before],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            checkouts = {f"before ({args.before})": worktree, **checkouts}
        servers = []
        try:
            urls = {}
            for name, checkout in checkouts.items():
                process, base = serve(checkout, env)
                servers.append(process)
                urls[name] = base + FILM
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                results = {name: measure(browser, url) for name, url in urls.items()}
                browser.close()
        finally:
            for process in servers:
                process.terminate()
                process.wait()
            if args.before:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(scratch / "before")],
                    cwd=ROOT,
                    check=False,
                    capture_output=True,
                )

    verbose = args.verbose
    print("Reference film page on a phone (390 x 844 CSS px, device pixel ratio 3)")
    print(
        f"{'':<24}{'images on load':>22}{'images after scrolling':>26}{'HTML+CSS+JS':>14}"
    )
    for name, r in results.items():
        (n1, b1), (n2, b2) = r["above"], r["whole"]
        other = sum(r["other"].values())
        print(
            f"{name:<24}{f'{b1:,} B ({n1} files)':>22}{f'{b2:,} B ({n2} files)':>26}"
            f"{f'{other:,} B':>14}"
        )
        if verbose:
            for url, size in r["other"].items():
                print(f"    {size:>9,} B  {url}")


if __name__ == "__main__":
    main()
