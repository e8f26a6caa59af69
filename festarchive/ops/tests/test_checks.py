"""Safe by default: no debug and no demo key on a server started with nothing set."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.core.checks import run_checks

ROOT = Path(__file__).resolve().parents[3]


def start_wsgi(**env) -> subprocess.CompletedProcess:
    """Import config.wsgi as gunicorn does, in a process with only ``env`` set."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.wsgi; from django.conf import settings;"
            " print('debug', settings.DEBUG)",
        ],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_wsgi_with_nothing_set_refuses_the_demo_key():
    result = start_wsgi()
    assert result.returncode != 0
    assert "festarchive.E002" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_wsgi_with_its_own_key_starts_without_debug():
    result = start_wsgi(DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    assert "debug False" in result.stdout


def test_wsgi_refuses_debug_on():
    result = start_wsgi(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "festarchive.E001" in result.stderr


def test_deploy_checks_flag_debug_and_the_demo_key(settings):
    from festarchive.ops.checks import DEMO_SECRET_KEY

    settings.DEBUG = True
    settings.SECRET_KEY = DEMO_SECRET_KEY
    found = {m.id for m in run_checks(include_deployment_checks=True)}
    assert {"festarchive.E001", "festarchive.E002"} <= found


def test_deploy_checks_pass_debug_off_and_a_real_key(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    found = {m.id for m in run_checks(include_deployment_checks=True)}
    assert not found & {"festarchive.E001", "festarchive.E002"}


def test_plain_checks_leave_the_demo_alone(settings):
    settings.DEBUG = True
    found = {m.id for m in run_checks()}
    assert not found & {"festarchive.E001", "festarchive.E002"}
