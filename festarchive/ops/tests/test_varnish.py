"""Varnish with xkey in front of the app (deploy/varnish/festarchive.vcl):
pages are kept until an edit retires them, and an edit shows through Varnish
on the next request."""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import credit_add, film_create, person_create
from festarchive.catalogue.vocabulary import DIRECTOR

VCL = Path(django_settings.BASE_DIR) / "deploy" / "varnish" / "festarchive.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

# A live server and a Varnish on ports of this machine: one at a time.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    if not os.path.exists(VARNISHD):
        if os.environ.get("FESTARCHIVE_VARNISH_TESTS") == "required":
            pytest.fail("varnishd is not installed, and CI requires it")
        pytest.skip("varnishd is not installed (apt install varnish varnish-modules)")
    backend = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "festarchive.vcl"
    vcl.write_text(
        VCL.read_text().replace('.port = "8000";', f'.port = "{backend}";'),
        encoding="utf-8",
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(tmp_path / "varnish"),
            "-s",
            "malloc,32m",
            # No separate user: the test's files are this user's own.
            "-j",
            "none",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.stdout.read().decode(errors="replace")
                pytest.fail(f"varnishd did not start:\n{output}")
            time.sleep(0.1)
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "PAGE_CACHE": True,
        "PURGE": {"URLS": [f"{url}/"]},
    }
    yield url
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def _get(url: str, **headers) -> tuple[str, dict]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode(), dict(response.headers)


def _from_varnish(headers: dict) -> bool:
    """Whether Varnish answered from its cache: X-Varnish names two
    requests, this one and the one that stored the page."""
    return len(headers["X-Varnish"].split()) == 2


@pytest.fixture
def films():
    director, _ = Role.objects.get_or_create(
        slug=DIRECTOR, defaults={"name_en": "Director", "name_nl": "Regie"}
    )
    harbour = film_create(title_en="Harbour Lights", year=2002, runtime_minutes=80)
    pier = film_create(title_en="The Quiet Pier", year=2019, runtime_minutes=35)
    credit_add(film=harbour, role=director, person=person_create(name="Anna Berg"))
    credit_add(film=pier, role=director, person=person_create(name="Mia Holm"))
    return harbour, pier


def test_varnish_keeps_pages_until_an_edit_retires_them(varnish, films):
    harbour, pier = films
    edited, other = (
        varnish + harbour.get_absolute_url(),
        varnish + pier.get_absolute_url(),
    )
    for url in (edited, other):
        _get(url)
        _body, headers = _get(url)
        assert _from_varnish(headers), url
        # The tags are for Varnish alone.
        assert "xkey" not in {name.lower() for name in headers}
        assert "Surrogate-Control" not in headers

    harbour.synopsis_en = "Corrected during the festival, between two screenings."
    harbour.save()

    body, headers = _get(edited)
    assert not _from_varnish(headers)
    assert "Corrected during the festival" in body
    _body, headers = _get(other)
    assert _from_varnish(headers)


def test_logged_in_visitors_pass_through_varnish(varnish, films):
    url = varnish + films[0].get_absolute_url()
    _get(url)
    _body, headers = _get(url, Cookie="sessionid=not-a-session")
    assert not _from_varnish(headers)


@pytest.mark.django_db(transaction=False)
def test_the_documented_vcl_is_the_one_tested():
    docs = (Path(django_settings.BASE_DIR) / "docs" / "deployment.md").read_text()
    documented = docs.split("```vcl\n", 1)[1].split("```", 1)[0]
    assert documented == VCL.read_text()
