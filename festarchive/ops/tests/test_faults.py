"""Faults in production: each is survived, and no data is lost or half-written.

These run the real thing in other processes: the production server
(``festarchive serve``) and the import command, killed with SIGKILL the way
the kernel's out-of-memory killer or a pulled plug would.
"""

import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

from festarchive.testing.imports import write_catalogue_file

from .test_ops import FESTARCHIVE, _free_port, _get, production_env

# Redis database 15, servers and database faults are one machine's: under
# pytest-xdist (--dist loadgroup) these tests all run in one worker, in turn.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("serial")]

HTTPS = {"X-Forwarded-Proto": "https"}


def _workers(server: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return {int(pid) for pid in children.read_text().split()}


def _wait(condition, seconds: float, what: str, every: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"{what} did not happen within {seconds:.0f} s")


def _start_server(env: dict, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                *FESTARCHIVE,
                "serve",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if _get(f"{base}/healthz").status == 200:
                return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    server.wait()
    pytest.fail(f"the server did not start:\n{log.read_text()[-3000:]}")


def test_a_killed_worker_is_replaced_and_only_its_request_fails(tmp_path):
    env = production_env(tmp_path, FESTARCHIVE_STATIC_ROOT=str(tmp_path / "static"))
    subprocess.run(
        [*FESTARCHIVE, "migrate", "-v", "0"], env=env, cwd=settings.BASE_DIR, check=True
    )
    server, base = _start_server(env, workers=2, log=tmp_path / "serve.log")
    outcomes: list[int | str] = []
    stop = threading.Event()

    def visitor():
        while not stop.is_set():
            try:
                outcomes.append(_get(f"{base}/en/about/", **HTTPS).status)
            except OSError as error:
                outcomes.append(type(error).__name__)

    try:
        _wait(lambda: len(_workers(server)) == 2, 20, "two workers running")
        visitors = [threading.Thread(target=visitor) for _ in range(4)]
        for thread in visitors:
            thread.start()
        _wait(lambda: len(outcomes) > 20, 20, "the first pages")
        victim = min(_workers(server))
        os.kill(victim, signal.SIGKILL)
        replaced = _wait(
            lambda: len(_workers(server) - {victim}) == 2, 20, "a new worker"
        )
        served_before = len(outcomes)
        _wait(lambda: len(outcomes) > served_before + 40, 20, "pages after the kill")
        stop.set()
        for thread in visitors:
            thread.join(10)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    assert replaced
    failures = [o for o in outcomes if o != 200]
    # A synchronous worker holds one request at a time: that one may fail.
    assert len(failures) <= 1, failures
    assert outcomes[-1] == 200


# -- an import killed halfway ------------------------------------------------------
FILMS = 4000


def _import_file(path: Path) -> Path:
    return write_catalogue_file(path, films=FILMS, prefix="interrupted")


@pytest.fixture
def scratch_database(tmp_path):
    """A database of its own for the import's process: a file on SQLite, a
    new database on the PostgreSQL server the suite runs on."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'import.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"festarchive_faults_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        user=params["USER"],
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    url = (
        f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:"
        f"{params['PORT'] or 5432}/{name}"
    )
    try:
        yield url
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _writing(url: str) -> bool:
    """Whether the import has begun writing films (not yet committed)."""
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        import sqlite3

        # The import writes in one IMMEDIATE transaction: while it is open,
        # no other connection can begin one.
        conn = sqlite3.connect(parsed.path, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return bool(
            conn.execute(
                "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                " WHERE c.relname = 'catalogue_film' AND l.mode = 'RowExclusiveLock'"
                " AND l.pid <> pg_backend_pid()"
            ).fetchone()
        )


def _count_films(url: str) -> int:
    parsed = urlparse(url)
    query = "SELECT count(*) FROM catalogue_film WHERE slug LIKE 'interrupted-film-%'"
    if parsed.scheme.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(parsed.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return conn.execute(query).fetchone()[0]
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchone()[0]


def test_an_import_killed_halfway_leaves_none_of_it(tmp_path, scratch_database):
    env = production_env(tmp_path, DATABASE_URL=scratch_database)
    subprocess.run(
        [*FESTARCHIVE, "migrate", "-v", "0"], env=env, cwd=settings.BASE_DIR, check=True
    )
    path = _import_file(tmp_path / "films.jsonl")
    command = [*FESTARCHIVE, "import", str(path)]
    importing = subprocess.Popen(
        command,
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(lambda: _writing(scratch_database), 60, "the import writing", 0.02)
        importing.send_signal(signal.SIGKILL)
    finally:
        importing.wait(30)
    assert importing.returncode == -signal.SIGKILL
    assert _count_films(scratch_database) == 0
    # Nothing is left locked or broken: the same file imports whole.
    subprocess.run(
        command,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )
    assert _count_films(scratch_database) == FILMS


# -- the database going away, and coming back ----------------------------------------
class Cable:
    """A TCP relay between the app and PostgreSQL that can be cut and mended:
    for the app, the database stops and starts again."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = _free_port()
        self.sockets: list[socket.socket] = []
        self.listener = None
        self.lock = threading.Lock()

    def connect(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(
            target=self._accept, args=(self.listener,), daemon=True
        ).start()

    def cut(self) -> None:
        with self.lock:
            # shutdown() wakes the thread waiting in accept(); close() alone
            # would leave the port listening.
            try:
                self.listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.listener.close()
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite is a file in the app's own process: it cannot go away alone",
)
def test_the_database_going_away_gives_503_then_service_resumes(
    tmp_path, reference_film
):
    params = connection.settings_dict
    cable = Cable((params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432)))
    cable.connect()
    env = production_env(
        tmp_path,
        DATABASE_URL=f"postgres://{params['USER']}@127.0.0.1:{cable.port}/{params['NAME']}",
        FESTARCHIVE_STATIC_ROOT=str(tmp_path / "static"),
    )
    server, base = _start_server(env, workers=2, log=tmp_path / "serve.log")
    film = f"{base}{reference_film.get_absolute_url()}"
    try:
        assert _get(film, **HTTPS).status == 200
        cable.cut()
        started = time.monotonic()
        # A page not in the cache: this one may still be served from it.
        down = _get(film.replace("/en/", "/nl/"), **HTTPS)
        assert time.monotonic() - started < 10  # no hang
        assert down.status == 503
        assert down.headers["Retry-After"] == "30"
        page = down.read().decode()
        assert "The archive is back in a moment" in page
        assert "Traceback" not in page
        assert _get(f"{base}/readyz").status == 503
        assert _get(f"{base}/healthz").status == 200  # the process itself is fine

        cable.connect()  # the database is back; nobody restarts anything
        # A worker whose connection died in the cut tries a new one before it
        # answers, so /readyz is right from the first question, in any worker.
        assert [_get(f"{base}/readyz").status for _ in range(4)] == [200] * 4
        _wait(
            lambda: (
                _get(film, **HTTPS).status == 200 and _get(film, **HTTPS).status == 200
            ),
            30,
            "pages served again",
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        cable.cut()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite is a file in the app's own process: it cannot go away alone",
)
def test_an_import_cut_off_from_the_database_applies_nothing(tmp_path):
    params = connection.settings_dict
    real = f"postgres://{params['USER']}@127.0.0.1:{params['PORT'] or 5432}/{params['NAME']}"
    cable = Cable((params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432)))
    cable.connect()
    env = production_env(
        tmp_path,
        DATABASE_URL=f"postgres://{params['USER']}@127.0.0.1:{cable.port}/{params['NAME']}",
    )
    path = _import_file(tmp_path / "films.jsonl")
    importing = subprocess.Popen(
        [*FESTARCHIVE, "import", str(path)],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait(lambda: _writing(real), 60, "the import writing", 0.02)
        cable.cut()
        _, errors = importing.communicate(timeout=60)
    finally:
        cable.cut()
        if importing.poll() is None:
            importing.kill()
    assert importing.returncode == 1
    assert "Traceback" not in errors
    assert "the database could not be reached or went away" in errors
    assert "written whole or not at all" in errors
    assert _count_films(real) == 0
