#!/usr/bin/env python
"""Export and import speed of the JSON Lines catalogue format.

    .venv/bin/python bench/import.py                  # SQLite
    .venv/bin/python bench/import.py --export-only    # the export alone
    .venv/bin/python bench/import.py --source postgres://postgres@127.0.0.1:5432/festarchive_bench \\
        --target postgres://postgres@127.0.0.1:5432/festarchive_import

Exports the generated archive of ``bench/generate.py`` (the ``--source``
database; build it first), then imports the file into a fresh ``--target``
database, and prints films per second for each (the import without its search
index rebuild, which is timed on its own). With ``--export-only`` it stops
after the export: a quick measure to repeat, where the import and the index
rebuild take many minutes.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
FESTARCHIVE = [sys.executable, "-m", "festarchive"]


def fresh(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{parsed.path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(
        parsed._replace(path="/postgres").geturl(), autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}"')
        conn.execute(f'CREATE DATABASE "{parsed.path.lstrip("/")}"')


def run(url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0"}
    started = time.perf_counter()
    subprocess.run(
        [*FESTARCHIVE, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def films_in(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if '"type":"film"' in line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'generate.sqlite3'}"
    )
    parser.add_argument(
        "--target", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'import.sqlite3'}"
    )
    parser.add_argument(
        "--export-only", action="store_true", help="time the export, nothing else"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "catalogue.jsonl"
        export_seconds = run(args.source, "export", "--output", str(dump))
        films = films_in(dump)
        if args.export_only:
            print(f"source          {urlparse(args.source).scheme}")
            print(f"films           {films:,}")
            print(
                f"export          {export_seconds:.1f} s  {films / export_seconds:,.0f} films/s (whole command)"
            )
            return
        fresh(args.target)
        run(args.target, "migrate", "-v", "0")
        # An import rebuilds the search index after large files; time the
        # catalogue write on its own, and the rebuild after it.
        code = (
            "import sys, time, django; django.setup();"
            "from festarchive.importers.catalogue_import import import_catalogue;"
            "lines = open(sys.argv[1], encoding='utf-8').read().splitlines();"
            "t = time.perf_counter(); r = import_catalogue(lines, reindex=False);"
            "assert r.ok, (r.error, r.rejected[:3]);"
            "print(time.perf_counter() - t)"
        )
        env = {
            **os.environ,
            "DATABASE_URL": args.target,
            "DJANGO_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
        }
        out = subprocess.run(
            [sys.executable, "-c", code, str(dump)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        import_seconds = float(out.stdout.strip().splitlines()[-1])
        index_seconds = run(args.target, "rebuild_search_index")
        again = Path(folder) / "again.jsonl"
        run(args.target, "export", "--output", str(again))
        identical = dump.read_bytes() == again.read_bytes()

    print(
        f"source          {urlparse(args.source).scheme} → target {urlparse(args.target).scheme}"
    )
    print(f"films           {films:,}")
    print(
        f"export          {export_seconds:.1f} s  {films / export_seconds:,.0f} films/s (whole command)"
    )
    print(
        f"import          {import_seconds:.1f} s  {films / import_seconds:,.0f} films/s (check and write)"
    )
    print(f"search index    {index_seconds:.1f} s to rebuild after the import")
    print(f"round trip      {'identical' if identical else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
