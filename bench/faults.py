#!/usr/bin/env python
"""Faults under load: each must be survived, and lose or half-write nothing.

    .venv/bin/python bench/faults.py

Runs as root on a machine like the CI's (it stops and starts this machine's
PostgreSQL cluster and Redis, and mounts a small tmpfs): never against a
server anyone else is using. It builds a scratch PostgreSQL database with the
demo archive, starts ``festarchive serve`` with Redis as its cache, keeps
visitors reading film pages all along, and then, one after the other:

1. stops Redis: pages must keep coming (uncached), /readyz must say so, and
   all is well again when Redis is back;
2. stops PostgreSQL while an import is writing: pages must answer 503 with
   the designed page quickly, /readyz must fail, the import must stop with a
   clear message having written nothing, and pages must come back by
   themselves when PostgreSQL does;
3. kills a gunicorn worker with SIGKILL: at most its request in flight may
   fail, and a new worker must take its place;
4. kills an import with SIGKILL halfway: none of the file may be there, and
   the same file must then import whole;
5. fills the media disk, then makes it read-only, during an admin upload:
   a clear message, and no image row or file left behind.

It prints one line per check and exits non-zero if any failed. Only
127.0.0.1 is contacted.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from festarchive.testing.imports import write_catalogue_file  # noqa: E402

WORK = ROOT / "var" / "bench" / "faults"
DATABASE = "festarchive_faults"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
REDIS_URL = "redis://127.0.0.1:6379/13"
CACHED_VERSION_SECONDS = 1
PG_CLUSTER = ("15", "main")
FESTARCHIVE = [sys.executable, "-m", "festarchive"]
FILMS_IN_IMPORT = 4000

results: list[tuple[bool, str]] = []


def check(ok: bool, what: str) -> None:
    results.append((ok, what))
    print(f"{'PASS' if ok else 'FAIL'}  {what}", flush=True)


def env(**extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "faults-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "FESTARCHIVE_MEDIA_ROOT": str(WORK / "media"),
        "FESTARCHIVE_STATIC_ROOT": str(WORK / "static"),
        "FESTARCHIVE_REQUEST_LOG": "WARNING",
        **extra,
    }


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, env=env(), cwd=ROOT, capture_output=True, text=True, **kwargs
    )


def get(url: str, timeout: float = 15) -> tuple[int | str, float, str]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read().decode(errors="replace")
            return response.status, time.monotonic() - started, body
    except urllib.error.HTTPError as error:
        return (
            error.code,
            time.monotonic() - started,
            error.read().decode(errors="replace"),
        )
    except OSError as error:
        return type(error).__name__, time.monotonic() - started, ""


def wait_until(condition, seconds: float, every: float = 0.1) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(every)
    return None


# -- services -----------------------------------------------------------------------
def postgres(action: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", *PG_CLUSTER, action, "-m", "fast"]
        if action == "stop"
        else ["pg_ctlcluster", *PG_CLUSTER, action],
        check=True,
    )


def redis_running() -> bool:
    return subprocess.run(["redis-cli", "ping"], capture_output=True).returncode == 0


def redis(action: str) -> None:
    if action == "stop":
        subprocess.run(["redis-cli", "shutdown", "nosave"], capture_output=True)
        wait_until(lambda: not redis_running(), 10)
    else:
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                "6379",
                "--save",
                "",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wait_until(redis_running, 10)


# -- the archive, the server, the visitors -----------------------------------------------
def fresh_database() -> None:
    import psycopg

    with psycopg.connect(
        "postgres://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{DATABASE}"')
    run(*FESTARCHIVE, "demo", "--films", "300", "--no-serve", check=True)


def import_file(prefix: str) -> Path:
    return write_catalogue_file(
        WORK / f"{prefix}.jsonl", films=FILMS_IN_IMPORT, prefix=prefix
    )


def imported_films(path: Path) -> int:
    import psycopg

    with psycopg.connect(DATABASE_URL) as conn:
        return conn.execute(
            "SELECT count(*) FROM catalogue_film WHERE slug LIKE %s",
            [f"{path.stem}-film-%"],
        ).fetchone()[0]


def import_writing() -> bool:
    import psycopg

    try:
        with psycopg.connect(DATABASE_URL, autocommit=True, connect_timeout=2) as conn:
            return bool(
                conn.execute(
                    "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                    " WHERE c.relname = 'catalogue_film' AND l.mode = 'RowExclusiveLock'"
                    " AND l.pid <> pg_backend_pid()"
                ).fetchone()
            )
    except psycopg.Error:
        return False


class Visitors:
    """Threads reading film pages without pause, every answer noted."""

    def __init__(self, base: str, paths: list[str], count: int = 6):
        self.base, self.paths = base, paths
        self.answers: list[tuple[float, int | str, float]] = []
        self.stop = threading.Event()
        self.threads = [
            threading.Thread(target=self._visit, args=(i,)) for i in range(count)
        ]

    def _visit(self, n: int) -> None:
        i = n
        while not self.stop.is_set():
            status, seconds, _ = get(self.base + self.paths[i % len(self.paths)])
            self.answers.append((time.monotonic(), status, seconds))
            i += len(self.threads)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)

    def since(self, moment: float) -> list[tuple[float, int | str, float]]:
        return [a for a in self.answers if a[0] >= moment]


def workers(server: subprocess.Popen) -> set[int]:
    path = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return {int(p) for p in path.read_text().split()}


# -- the faults ------------------------------------------------------------------------
def redis_stopped(base: str, visitors: Visitors) -> None:
    redis("stop")
    moment = time.monotonic()
    time.sleep(5)
    answers = visitors.since(moment)
    check(
        answers and all(a[1] == 200 for a in answers),
        f"Redis stopped: {len(answers)} pages served, all 200 (uncached)",
    )
    check(get(base + "/readyz")[0] == 503, "Redis stopped: /readyz answers 503")
    redis("start")
    back = wait_until(lambda: get(base + "/readyz")[0] == 200, 30)
    check(back is not None, f"Redis back: /readyz 200 again after {back or 0:.1f} s")


def postgres_stopped(base: str, visitors: Visitors, path: Path) -> None:
    importing = subprocess.Popen(
        [*FESTARCHIVE, "import", str(path)],
        env=env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writing = wait_until(import_writing, 60, every=0.02)
    postgres("stop")
    moment = time.monotonic()
    _, errors = importing.communicate(timeout=120)
    time.sleep(5)
    answers = visitors.since(moment)
    # For as long as Redis may keep the catalogue version (VERSION_TTL in
    # festarchive.ops.pagecache: 1 s), a page in the cache is still served;
    # after that every page needs the database.
    settled = [a for a in answers if a[0] >= moment + CACHED_VERSION_SECONDS + 0.5]
    statuses = {a[1] for a in settled} | ({a[1] for a in answers} - {200})
    slowest = max((a[2] for a in answers), default=0)
    check(
        writing is not None
        and importing.returncode == 1
        and "the database could not be reached or went away" in errors
        and "Traceback" not in errors,
        "PostgreSQL stopped: the import stops with a clear message",
    )
    check(
        statuses == {503},
        f"PostgreSQL stopped: {len(answers)} pages, answers {sorted(map(str, statuses))}",
    )
    check(slowest < 5, f"PostgreSQL stopped: slowest answer {slowest:.2f} s (no hang)")
    status, _, body = get(base + "/en/")
    check(
        status == 503
        and "The archive is back in a moment" in body
        and "Traceback" not in body,
        "PostgreSQL stopped: the designed 503 page",
    )
    check(get(base + "/readyz")[0] == 503, "PostgreSQL stopped: /readyz answers 503")
    postgres("start")
    started = time.monotonic()
    back = wait_until(lambda: get(base + "/readyz")[0] == 200, 60)
    time.sleep(2)
    after = visitors.since(started + (back or 0) + 1)
    check(
        back is not None and after and all(a[1] == 200 for a in after),
        f"PostgreSQL back: serving again after {back or 0:.1f} s, nothing restarted",
    )
    check(
        imported_films(path) == 0,
        "PostgreSQL back: none of the interrupted import is there",
    )


def worker_killed(server: subprocess.Popen, visitors: Visitors) -> None:
    before = workers(server)
    victim = min(before)
    moment = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    replaced = wait_until(lambda: len(workers(server) - {victim}) == len(before), 30)
    time.sleep(3)
    answers = visitors.since(moment - 1)
    failed = [a for a in answers if a[1] != 200]
    check(replaced is not None, f"worker killed: replaced after {replaced or 0:.1f} s")
    check(
        len(failed) <= 1,
        f"worker killed: {len(failed)} of {len(answers)} requests failed (at most its one in flight)",
    )


def import_killed(path: Path) -> None:
    importing = subprocess.Popen(
        [*FESTARCHIVE, "import", str(path)],
        env=env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    writing = wait_until(import_writing, 60, every=0.02)
    importing.send_signal(signal.SIGKILL)
    importing.wait(30)
    check(
        writing is not None and imported_films(path) == 0,
        "import killed halfway: none of it in the database",
    )
    again = run(*FESTARCHIVE, "import", str(path), timeout=600)
    check(
        again.returncode == 0 and imported_films(path) == FILMS_IN_IMPORT,
        f"import killed halfway: run again, all {FILMS_IN_IMPORT:,} films are there",
    )


UPLOAD = """
import io, json, os
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()  # so the client sees the admin form's context
from PIL import Image
from festarchive.catalogue.models import FilmImage
from festarchive.testing.admin import change_form_data
staff = get_user_model().objects.filter(is_superuser=True).first()
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(staff)
from festarchive.catalogue.services import film_create
# A film of its own: the demo's images lie under the small disk mounted later.
film = film_create(title_en="Upload Under Faults", year=2024, runtime_minutes=60)
url = f"/en/admin/catalogue/film/{film.pk}/change/"
data = change_form_data(client.get(url, secure=True))
buffer = io.BytesIO()
Image.frombytes("RGB", (400, 400), os.urandom(480000)).save(buffer, "PNG")
from django.core.files.uploadedfile import SimpleUploadedFile
data["add_images"] = [SimpleUploadedFile("still.png", buffer.getvalue(), "image/png")]
data["add_images_kind"] = "still"
before = FilmImage.objects.count()
response = client.post(url, data, secure=True)
page = client.get(url, secure=True).content.decode()
print(json.dumps({"status": response.status_code, "rows": FilmImage.objects.count() - before,
                  "page": page[page.find('class="messagelist"'):][:400],
                  "message": "could not be stored" in page and "Nothing of this change was saved" in page}))
"""


def media_files() -> set[Path]:
    return {p for p in (WORK / "media").rglob("*") if p.is_file()}


def upload(label: str, expect_ok: bool) -> None:
    before = media_files()
    result = run(sys.executable, "-c", UPLOAD, timeout=120)
    try:
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        check(False, f"{label}: the upload script failed: {result.stderr[-500:]}")
        return
    new_files = media_files() - before
    if expect_ok:
        check(
            outcome["rows"] == 1 and bool(new_files),
            f"{label}: the image is stored ({outcome['rows']} row, {len(new_files)} file)",
        )
        if outcome["rows"] != 1:
            print(outcome["page"])
    else:
        check(
            outcome["status"] == 302
            and outcome["message"]
            and outcome["rows"] == 0
            and not new_files,
            f"{label}: a clear message, no row and no file left",
        )


def disk_faults() -> None:
    media = WORK / "media"
    filler = media / "filler"
    # Nearly full: the upload starts and cannot finish.
    subprocess.run(
        ["dd", "if=/dev/zero", f"of={filler}", "bs=1k", "count=1900"],
        capture_output=True,
    )
    upload("media disk full", expect_ok=False)
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
    upload("media disk read-only", expect_ok=False)
    subprocess.run(["mount", "-o", "remount,rw", str(media)], check=True)
    upload("media disk writable again", expect_ok=True)


def main() -> None:
    if os.geteuid() != 0:
        sys.exit(
            "Run as root: this stops and starts PostgreSQL and Redis and mounts a tmpfs."
        )
    WORK.mkdir(parents=True, exist_ok=True)
    media = WORK / "media"
    subprocess.run(["umount", str(media)], capture_output=True)
    shutil.rmtree(media, ignore_errors=True)
    if not redis_running():
        redis("start")
    print("Preparing a scratch database with the demo archive…", flush=True)
    fresh_database()
    # A small disk of its own for the uploads (over the demo's images).
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(media)], check=True
    )
    films = json.loads(
        run(
            sys.executable,
            "-c",
            "import django, json; django.setup();"
            "from festarchive.catalogue.models import Film;"
            "print(json.dumps([f.get_absolute_url() for f in Film.objects.all()[:200]]))",
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = 8765
    server = subprocess.Popen(
        [*FESTARCHIVE, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
        env=env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if wait_until(lambda: get(base + "/healthz")[0] == 200, 60) is None:
            sys.exit("The server did not start.")
        with Visitors(base, films) as visitors:
            time.sleep(2)
            redis_stopped(base, visitors)
            postgres_stopped(base, visitors, import_file("cut"))
            worker_killed(server, visitors)
        import_killed(import_file("killed"))
        disk_faults()
    finally:
        server.terminate()
        server.wait(30)
        if not redis_running():
            redis("start")
        subprocess.run(["pg_ctlcluster", *PG_CLUSTER, "start"], capture_output=True)
        subprocess.run(["umount", str(media)], capture_output=True)
    failed = [what for ok, what in results if not ok]
    print(f"\n{len(results) - len(failed)} of {len(results)} checks passed.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
