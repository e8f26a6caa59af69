"""A downloaded spreadsheet or export, imported again, loses nothing.

A file changes only what it carries: a column the file lacks leaves its field
alone, and a relation the format cannot express whole (the spreadsheet's one
festival selection; images, videos and other titles, which it has no columns
for) is never emptied by it. Removing anything takes ``--replace``.
"""

import csv
import io
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from festarchive.catalogue.models import FilmTitle, FilmVideo
from festarchive.catalogue.services import film_images_add
from festarchive.festival.models import Award, Edition, Selection
from festarchive.importers.spreadsheet import import_spreadsheet
from festarchive.media.tests.images import image_bytes
from festarchive.media.uploads import check_image

pytestmark = pytest.mark.django_db


def _counts(film):
    film.refresh_from_db()
    return {
        "titles": film.titles.count(),
        "images": film.images.count(),
        "videos": film.videos.count(),
        "selections": film.selections.count(),
        "awards": Award.objects.filter(selection__film=film).count(),
        "credits": film.credits.count(),
        "countries": film.production_countries.count(),
        "synopsis_nl": bool(film.synopsis_nl),
    }


@pytest.fixture
def rich_film(reference_film):
    """The reference film with what a spreadsheet has no room for: another
    title, an image, a video, four festival selections and an award."""
    film = reference_film
    FilmTitle.objects.create(film=film, title="Nie zgaśniemy", kind="translated")
    film_images_add(
        film=film, files=[check_image(image_bytes("JPEG", (1600, 900))).content]
    )
    FilmVideo.objects.create(
        film=film, url="https://youtu.be/dQw4w9WgXcQ", title="Trailer", order=0
    )
    shown = film.selections.get()
    for year in (2020, 2021, 2022):
        edition = Edition.objects.get(festival=shown.edition.festival, year=year)
        Selection.objects.create(film=film, edition=edition, section=shown.section)
    Award.objects.create(selection=shown, name_en="Audience Award")
    return film


def _download(client, **params) -> str:
    response = client.get("/en/archive/films.csv", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _write(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _import(tmp_path, text: str, *args) -> tuple[str, str]:
    path = tmp_path / "films.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_downloaded_spreadsheet_imported_unedited_changes_nothing(
    client, rich_film, tmp_path
):
    before = _counts(rich_film)
    assert before["titles"] == before["images"] == before["videos"] == 1
    assert (before["selections"], before["awards"]) == (4, 1)
    text = _download(client, q="we will not fade away")

    out, _err = _import(tmp_path, text, "--dry-run")
    assert "unchanged: 1 films" in out
    assert "updated" not in out
    _import(tmp_path, text)

    assert _counts(rich_film) == before


def test_a_spreadsheet_of_a_few_columns_leaves_the_others_alone(rich_film):
    before = _counts(rich_film)
    text = f"slug,title,runtime\n{rich_film.slug},{rich_film.title_en},91\n"
    report = import_spreadsheet(text)
    assert report.ok, (report.error, report.rejected)
    assert report.updated["films"] == 1
    rich_film.refresh_from_db()
    assert rich_film.runtime_minutes == 91
    assert _counts(rich_film) == before
    assert rich_film.title_original == "Ми не згаснемо"


def test_a_dry_run_lists_every_change_per_film(client, rich_film, tmp_path):
    rows = _rows(_download(client, q="we will not fade away"))
    rows[0]["title_nl"] = "Wij doven niet uit"
    rows[0]["runtime"] = "99"
    rows[0]["credits"] += "; Music: Jonas Weber"
    rows[0]["section"] = "Frontlight"
    out, _err = _import(tmp_path, _write(rows), "--dry-run")
    lines = out.splitlines()
    start = lines.index(f"Film {rich_film.slug!r}:")
    assert lines[start + 1 : start + 5] == [
        "  title_nl: '' → 'Wij doven niet uit'",
        "  runtime_minutes: 100 → 99",
        "  credits: + music: jonas-weber",
        "  selections: ~ idfa-2023 frontlight",
    ]
    assert "Would import, updated: 1 films" in out
    rich_film.refresh_from_db()
    assert rich_film.runtime_minutes == 100  # a dry run writes nothing
    assert rich_film.selections.filter(section__slug="frontlight").count() == 0


def test_removing_data_needs_replace_and_is_reported(client, rich_film, tmp_path):
    before = _counts(rich_film)
    rows = _rows(_download(client, q="we will not fade away"))
    rows[0]["synopsis_nl"] = ""
    rows[0]["credits"] = "; ".join(
        c for c in rows[0]["credits"].split("; ") if not c.startswith("Music:")
    )
    path = tmp_path / "films.csv"
    path.write_text(_write(rows), encoding="utf-8")

    err = StringIO()
    with pytest.raises(CommandError, match="1 line.s. refused; nothing was imported"):
        call_command("import", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().strip() == (
        f"{path}:2: film {rich_film.slug!r} would remove synopsis_nl, credit "
        "music: wojciech-frycz; import with --replace to remove them"
    )
    assert _counts(rich_film) == before

    out, _err = _import(tmp_path, path.read_text(), "--replace")
    assert f"Removed from film {rich_film.slug!r}:\n  synopsis_nl\n" in out
    assert "  credit music: wojciech-frycz\n" in out
    after = _counts(rich_film)
    assert after["synopsis_nl"] is False
    assert after["credits"] == before["credits"] - 1
    # What the spreadsheet cannot express stays, even with --replace.
    for kept in ("titles", "images", "videos", "selections", "awards", "countries"):
        assert after[kept] == before[kept], kept


def test_a_company_credit_comes_back_as_the_company(client, rich_film, tmp_path):
    from festarchive.catalogue.models import Company, Credit, Role

    company = Company.objects.create(name="Docs Factory", slug="docs-factory")
    Credit.objects.create(
        film=rich_film, role=Role.objects.get(slug="production"), company=company
    )
    before = set(rich_film.credits.values_list("role", "person", "company"))
    text = _download(client, q="we will not fade away")
    _import(tmp_path, text)
    assert set(rich_film.credits.values_list("role", "person", "company")) == before


def test_a_video_file_is_kept_by_a_spreadsheet(client, rich_film, tmp_path):
    video = FilmVideo(film=rich_film, kind="qa", title="Q&A", order=1)
    video.file.save("q.mp4", ContentFile(b"\x00\x00\x00\x18ftypisom"), save=True)
    text = _download(client, q="we will not fade away")
    _import(tmp_path, text)
    assert rich_film.videos.count() == 2


def test_formulas_are_downloaded_as_text_and_imported_back(client, rich_film, tmp_path):
    from festarchive.catalogue.models import Film

    Film.objects.filter(pk=rich_film.pk).update(
        title_nl='=HYPERLINK("http://evil.example")', synopsis_en="-ish\n+more"
    )
    text = _download(client, q="we will not fade away")
    row = _rows(text)[0]
    assert row["title_nl"] == '\'=HYPERLINK("http://evil.example")'
    assert row["synopsis_en"] == "'-ish\n+more"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())

    out, _err = _import(tmp_path, text)
    assert "unchanged: 1 films" in out
    rich_film.refresh_from_db()
    assert rich_film.title_nl == '=HYPERLINK("http://evil.example")'
    assert rich_film.synopsis_en == "-ish\n+more"
