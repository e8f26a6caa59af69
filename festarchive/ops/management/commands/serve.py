"""The production server: gunicorn behind a reverse proxy, after Django's
deployment checks pass."""

import os
import shutil
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, SystemCheckError
from django.db import connection


def default_workers(vendor: str | None = None) -> int:
    """Enough synchronous workers to keep every core busy.

    gunicorn's advice, two a core plus one, covers the time a worker spends
    waiting on a database server across the network. An embedded SQLite file
    is read in the worker's own process, without waiting: more workers than
    cores then only take turns on them: side by side on 2 cores, under
    bench/load.py's film pages, 3 workers served 6–14% more from SQLite than
    5 did.
    """
    cores = os.cpu_count() or 1
    if (vendor or connection.vendor) == "sqlite":
        return cores + 1
    return 2 * cores + 1


class Command(BaseCommand):
    help = (
        "Check the configuration for production (Django's check --deploy), "
        "collect static files, then run gunicorn with a worker pool sized "
        "from the cores."
    )
    requires_system_checks = []  # run below, with --deploy and as errors

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("FESTARCHIVE_BIND", "127.0.0.1:8000"),
            help="Address to listen on (FESTARCHIVE_BIND; default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("FESTARCHIVE_WORKERS", 0)) or None,
            help=(
                "Worker processes (FESTARCHIVE_WORKERS; default 2 × cores + 1, "
                "or cores + 1 with SQLite)."
            ),
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Run the checks and collect static files, then exit.",
        )

    def handle(self, *args, bind, workers, check_only, **options):
        self.refuse_insecure()
        workers = workers or default_workers()
        # Static files under names that carry a hash of their content, each
        # also compressed, so WhiteNoise can let browsers and CDNs keep them
        # for ever; the workers are started with the same setting.
        env = {**os.environ, "FESTARCHIVE_STATIC_MANIFEST": "1"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "festarchive",
                "collectstatic",
                "--noinput",
                "-v",
                "0",
            ],
            env=env,
            check=True,
        )
        self.stdout.write(
            "Configuration checked for production; static files collected. "
            f"Workers: {workers}."
        )
        if check_only:
            return
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
        if gunicorn is None:
            raise CommandError("gunicorn is not installed in this environment.")
        argv = [
            gunicorn,
            "config.wsgi:application",
            "--config",
            "python:festarchive.ops.gunicorn_conf",
            "--bind",
            bind,
            "--workers",
            str(workers),
            # A worker is replaced after this many requests (with jitter, so
            # they do not all restart together): slow leaks cannot pile up.
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "500",
            "--timeout",
            os.environ.get("FESTARCHIVE_WORKER_TIMEOUT", "30"),
            "--graceful-timeout",
            "20",
            "--error-logfile",
            "-",
        ]
        if os.environ.get("FESTARCHIVE_ACCESS_LOG"):
            # gunicorn's own line per request, beside the application's JSON
            # one. Without the option gunicorn skips building it altogether
            # (sent to /dev/null, it was still formatted for every request).
            argv += ["--access-logfile", "-"]
        self.stdout.write(f"Serving on http://{bind}/ with {workers} workers.")
        sys.stdout.flush()
        # gunicorn takes this process's place, so signals reach it directly.
        os.execve(gunicorn, argv, env)  # noqa: S606

    def refuse_insecure(self) -> None:
        problems = []
        if settings.DEBUG:
            problems.append("DJANGO_DEBUG must be 0 in production.")
        if settings.SECRET_KEY.startswith("insecure-demo-key"):
            problems.append("Set DJANGO_SECRET_KEY to a long random value.")
        if problems:
            raise CommandError(" ".join(problems))
        try:
            call_command("check", deploy=True, fail_level="WARNING")
        except SystemCheckError as error:
            raise CommandError(
                f"Refusing to start with an insecure configuration:\n{error}"
            ) from None
