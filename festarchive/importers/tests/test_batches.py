"""Every import that writes leaves one record of itself, with the rows it
wrote; a dry run, a refused file and a rolled-back one leave none."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from festarchive.catalogue.models import Film
from festarchive.core.models import ChangeRecord
from festarchive.importers.models import ImportBatch

from .test_catalogue_jsonl import empty_the_archive, export_text
from .test_timetable import week  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

TIMETABLE = Path(__file__).resolve().parents[1] / "samples" / "timetable.csv"


def _import(path, *args):
    call_command("import", str(path), *args, stdout=StringIO(), stderr=StringIO())


def test_a_catalogue_import_is_one_batch_with_its_counts(demo_catalogue, tmp_path):
    text = export_text()
    empty_the_archive()
    path = tmp_path / "catalogue.jsonl"
    path.write_text(text, encoding="utf-8")

    _import(path, "--dry-run")
    assert not ImportBatch.objects.exists()

    _import(path)
    (batch,) = ImportBatch.objects.all()
    assert batch.kind == "catalogue" and batch.source == str(path)
    assert batch.counts["created"]["films"] == Film.objects.count() == 1
    assert batch.by is None and batch.run_by  # the shell's login
    (record,) = ChangeRecord.objects.filter(action="import.completed")
    assert record.object_id == str(batch.pk)
    assert record.data["counts"] == batch.counts

    _import(path)  # the same file again: a second batch, all unchanged
    latest = ImportBatch.objects.first()
    assert latest.counts["unchanged"]["films"] == 1 and not latest.counts["created"]


def test_a_refused_file_leaves_no_batch(demo_catalogue, tmp_path):
    lines = export_text().splitlines()
    film = json.loads(lines[-1])
    film["year"] = "soon"
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join([*lines[:-1], json.dumps(film)]) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="refused"):
        _import(path)
    assert not ImportBatch.objects.exists()
    assert not ChangeRecord.objects.filter(action="import.completed").exists()


def test_a_timetable_import_is_a_batch_too(week):  # noqa: F811
    call_command("import_timetable", str(TIMETABLE), "--dry-run", stdout=StringIO())
    assert not ImportBatch.objects.exists()
    call_command("import_timetable", str(TIMETABLE), stdout=StringIO())
    (batch,) = ImportBatch.objects.all()
    assert (batch.kind, batch.counts["created"]) == ("timetable", 5)


def test_staff_read_batches_in_the_admin_and_cannot_change_them(
    admin_client,
    week,  # noqa: F811
):
    call_command("import_timetable", str(TIMETABLE), stdout=StringIO())
    batch = ImportBatch.objects.get()
    listing = admin_client.get("/en/admin/importers/importbatch/")
    assert listing.status_code == 200 and "timetable.csv" in listing.content.decode()
    page = admin_client.get(f"/en/admin/importers/importbatch/{batch.pk}/change/")
    assert page.status_code == 200 and "&quot;created&quot;: 5" in page.content.decode()
    admin_client.post(
        f"/en/admin/importers/importbatch/{batch.pk}/change/", {"source": "x"}
    )
    assert ImportBatch.objects.get().source == str(TIMETABLE)
    assert admin_client.get("/en/admin/importers/importbatch/add/").status_code == 403


def test_a_spreadsheet_import_is_a_batch(demo_catalogue, tmp_path):
    path = tmp_path / "films.csv"
    path.write_text("title,year\nHarbour Lights,2002\n", encoding="utf-8")
    _import(path)
    (batch,) = ImportBatch.objects.all()
    assert (batch.kind, batch.source) == ("spreadsheet", str(path))
    assert batch.counts["created"]["films"] == 1


def test_a_run_of_import_pages_is_a_batch(demo_catalogue):
    samples = Path(__file__).resolve().parents[1] / "samples"
    page = samples / "older-layout.txt"
    call_command("import_pages", str(page), "--dry-run", stdout=StringIO())
    assert not ImportBatch.objects.exists()
    call_command("import_pages", str(page), stdout=StringIO())
    (batch,) = ImportBatch.objects.all()
    assert (batch.kind, batch.source, batch.counts["pages"]) == ("pages", str(page), 1)
