"""Export and import of the whole catalogue as JSON Lines."""

import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from festarchive.catalogue.models import Company, Film, Person, Role
from festarchive.demo.awards import ensure_juries_and_statements
from festarchive.demo.generator import generate_catalogue
from festarchive.festival.models import (
    Award,
    Edition,
    Festival,
    Jury,
    PremiereStatus,
    Prize,
    Section,
)
from festarchive.festival.services import award_add
from festarchive.importers.catalogue_import import import_catalogue
from festarchive.importers.jsonl import export_lines

pytestmark = pytest.mark.django_db


def export_text() -> str:
    return "\n".join(export_lines()) + "\n"


def empty_the_archive():
    Film.objects.all().delete()
    for model in (
        Jury,
        Prize,
        Person,
        Company,
        Section,
        Edition,
        Festival,
        Role,
        PremiereStatus,
    ):
        model.objects.all().delete()


@pytest.fixture
def archive(demo_catalogue):
    generate_catalogue(films=40, seed=11)
    # The demo's juries, and its jury statements on the generated winners.
    ensure_juries_and_statements(demo_catalogue["festivals"].host)
    award_add(
        selection=demo_catalogue["film"].selections.get(),
        name_en="Audience Award",
        statement_en="The audience spoke.",
        statement_nl="Het publiek sprak.",
    )
    return demo_catalogue


def test_export_import_export_gives_identical_output(archive):
    first = export_text()
    empty_the_archive()
    assert Film.objects.count() == 0
    report = import_catalogue(first.splitlines())
    assert report.ok, report.rejected
    assert report.created["films"] == 41
    assert export_text() == first
    # The awards across editions, their former names, the juries and the
    # jury statements made the trip.
    assert report.created["prizes"] == Prize.objects.count() >= 5
    assert report.created["juries"] == 2
    assert '"type":"prize","slug":"award-for-best-film"' in first
    assert '"former_names":[{"name_en":"Joris Ivens Award"' in first
    assert '"jurors":[{"person":' in first
    assert Award.objects.exclude(statement_en="").exists()
    assert not Award.objects.filter(prize__isnull=True).exists()


@pytest.fixture
def media(archive):
    """Images, videos, a portrait and a logo, with their files in storage."""
    from festarchive.catalogue.models import (
        CompanyImage,
        FilmImage,
        FilmVideo,
        PersonImage,
    )
    from festarchive.catalogue.services import film_images_add
    from festarchive.media.tests.images import image_bytes
    from festarchive.media.uploads import check_image

    film = archive["film"]
    film_images_add(
        film=film,
        files=[
            check_image(image_bytes("JPEG", (1600, 900), colour)).content
            for colour in ((10, 20, 30), (200, 100, 0))
        ],
    )
    film.images.filter(is_key=False).update(
        caption="Rehearsal", copyright="Festival", alt_nl="Repetitie", kind="poster"
    )
    poster = check_image(image_bytes("PNG", (1280, 720))).content
    FilmVideo.objects.create(
        film=film, url="https://youtu.be/dQw4w9WgXcQ", title="Trailer", order=0
    )
    video = FilmVideo(film=film, kind="qa", title="Q&A", order=1)
    video.file.save("q.mp4", ContentFile(b"\x00\x00\x00\x18ftypisom"), save=False)
    video.poster.save(poster.name, poster, save=False)
    video.save()
    person = Person.objects.get(slug="alisa-kovalenko")
    PersonImage.objects.create(
        person=person,
        image=check_image(image_bytes("JPEG", (400, 500))).content,
        alt_en="Alisa Kovalenko",
    )
    company = Company.objects.get(slug="trueman-production")
    CompanyImage.objects.create(
        company=company,
        image=check_image(image_bytes("PNG", (300, 300))).content,
        copyright="Trueman",
    )
    assert FilmImage.objects.count() == 2
    return archive


def test_round_trip_keeps_images_videos_portraits_and_logos(media):
    first = export_text()
    film = next(
        json.loads(line)
        for line in first.splitlines()
        if '"slug":"we-will-not-fade-away-2023"' in line
    )
    assert [i["is_key"] for i in film["images"]] == [True, False]
    assert film["images"][0]["width"] == 1600
    assert film["images"][1]["caption"] == "Rehearsal"
    assert [v["kind"] for v in film["videos"]] == ["trailer", "qa"]
    assert film["videos"][1]["file"].startswith("videos/")
    assert film["videos"][1]["poster_width"] == 1280
    person = next(
        json.loads(line)
        for line in first.splitlines()
        if '"slug":"alisa-kovalenko"' in line
    )
    assert person["images"][0]["alt_en"] == "Alisa Kovalenko"

    empty_the_archive()
    report = import_catalogue(first.splitlines())
    assert report.ok, report.rejected
    assert export_text() == first
    # And a second import of the same file changes nothing.
    report = import_catalogue(first.splitlines())
    assert not report.created and not report.updated, (report.created, report.updated)
    assert export_text() == first


def test_changed_portraits_are_replaced_and_older_files_leave_them(media):
    lines = export_text().splitlines()
    edited = []
    for line in lines:
        record = json.loads(line)
        if record.get("slug") == "alisa-kovalenko":
            record["images"][0]["alt_nl"] = "Alisa Kovalenko aan het werk"
        if record.get("slug") == "trueman-production":
            del record["images"]  # as an export from before images had them
        edited.append(json.dumps(record, ensure_ascii=False))
    report = import_catalogue(edited)
    assert report.ok and report.updated["portraits"] == 1
    person = Person.objects.get(slug="alisa-kovalenko")
    assert person.images.get().alt_nl == "Alisa Kovalenko aan het werk"
    assert Company.objects.get(slug="trueman-production").images.count() == 1


def test_export_starts_with_a_versioned_header_and_keys_records_by_slug(archive):
    lines = export_text().splitlines()
    assert json.loads(lines[0]) == {
        "type": "header",
        "schema": "festarchive-catalogue",
        "version": 1,
    }
    film = next(
        json.loads(line)
        for line in lines
        if '"slug":"we-will-not-fade-away-2023"' in line
    )
    assert film["title_original"] == "Ми не згаснемо"
    assert film["countries"] == ["UA", "FR", "PL"]
    assert {
        "role": "production",
        "person": "valery-kalmykov",
        "company": "trueman-production",
        "order": 0,
    } in film["credits"]
    assert film["selections"] == [
        {
            "edition": "idfa-2023",
            "section": "best-of-fests",
            "premiere": "dutch",
            "awards": [
                {
                    "name_en": "Audience Award",
                    "name_nl": "",
                    "outcome": "winner",
                    "prize": "audience-award",
                    "statement_en": "The audience spoke.",
                    "statement_nl": "Het publiek sprak.",
                }
            ],
        }
    ]


def test_importing_the_same_file_twice_changes_nothing(archive):
    text = export_text()
    report = import_catalogue(text.splitlines())
    assert not report.created and not report.updated
    assert report.unchanged["films"] == 41
    assert export_text() == text


def test_an_edited_record_is_updated(archive):
    lines = export_text().splitlines()
    edited = []
    for line in lines:
        record = json.loads(line)
        if record.get("slug") == "we-will-not-fade-away-2023":
            record["runtime_minutes"] = 101
            record["credits"] = [c for c in record["credits"] if c["role"] != "music"]
        edited.append(json.dumps(record, ensure_ascii=False))
    refused = import_catalogue(edited)
    assert [reason for _line, reason in refused.rejected] == [
        "film 'we-will-not-fade-away-2023' would remove credit music: "
        "wojciech-frycz; import with --replace to remove them"
    ]
    assert Film.objects.get(slug="we-will-not-fade-away-2023").runtime_minutes == 100

    report = import_catalogue(edited, replace=True)
    assert report.ok and report.updated["films"] == 1
    assert report.removed == {
        "we-will-not-fade-away-2023": ["credit music: wojciech-frycz"]
    }
    film = Film.objects.get(slug="we-will-not-fade-away-2023")
    assert film.runtime_minutes == 101
    assert not film.credits.filter(role__slug="music").exists()


def test_a_line_without_a_key_leaves_that_field_and_relation_alone(archive):
    film = Film.objects.get(slug="we-will-not-fade-away-2023")
    credits, synopsis = film.credits.count(), film.synopsis_nl
    line = json.dumps(
        {
            "type": "film",
            "slug": film.slug,
            "title_en": film.title_en,
            "runtime_minutes": 102,
        }
    )
    report = import_catalogue([export_text().splitlines()[0], line])
    assert report.ok, report.rejected
    assert report.changes == {film.slug: ["runtime_minutes: 100 → 102"]}
    film.refresh_from_db()
    assert (film.runtime_minutes, film.credits.count()) == (102, credits)
    assert film.synopsis_nl == synopsis and film.selections.exists()


def test_a_person_line_without_a_key_leaves_it_alone(archive):
    person = Person.objects.get(slug="alisa-kovalenko")
    Person.objects.filter(pk=person.pk).update(sort_name="Kovalenko, Alisa")
    header = export_text().splitlines()[0]
    line = json.dumps({"type": "person", "slug": person.slug, "name": "Alisa K."})
    assert import_catalogue([header, line]).ok
    person.refresh_from_db()
    assert (person.name, person.sort_name) == ("Alisa K.", "Kovalenko, Alisa")

    emptied = json.dumps({**json.loads(line), "sort_name": ""})
    refused = import_catalogue([header, emptied])
    assert refused.rejected == [
        (
            2,
            "person 'alisa-kovalenko' would remove sort_name; import with "
            "--replace to remove them",
        )
    ]


def test_dry_run_writes_nothing(archive):
    text = export_text()
    empty_the_archive()
    report = import_catalogue(text.splitlines(), dry_run=True)
    assert report.created["films"] == 41
    assert Film.objects.count() == 0


HEADER = '{"type":"header","schema":"festarchive-catalogue","version":1}'


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X"',
            ],
            2,
            "not valid JSON",
        ),
        (
            [HEADER, '{"type":"film","slug":"x","title_en":"X","year":3024}'],
            2,
            "year 3024",
        ),
        (
            [HEADER, '{"type":"film","slug":"x","title_en":""}'],
            2,
            "title_en is missing",
        ),
        (
            [HEADER, '{"type":"film","slug":"x","title_en":"X","countries":["ZZ"]}'],
            2,
            "country 'ZZ'",
        ),
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X","credits":[{"role":"director","person":"nobody"}]}',
            ],
            2,
            "person 'nobody' is neither",
        ),
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X","credits":[{"role":"director"}]}',
            ],
            2,
            "needs a person or a company",
        ),
        ([HEADER, '{"type":"spaceship","slug":"x"}'], 2, "unknown record type"),
        ([HEADER, '{"type":"person","slug":"a b","name":"A"}'], 2, "is not a slug"),
        ([HEADER, "[1, 2]"], 2, "not a JSON object"),
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X","runtime_minutes":"long"}',
            ],
            2,
            "whole number",
        ),
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X","images":[{"file":"../../etc/passwd"}]}',
            ],
            2,
            "is not a path in the media storage",
        ),
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X","images":[{"file":"films/a.jpg","is_key":true},{"file":"films/b.jpg","is_key":true}]}',
            ],
            2,
            "more than one image is marked as the key image",
        ),
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X","videos":[{"url":"https://example.com/v"}]}',
            ],
            2,
            "Only YouTube and Vimeo videos can be linked",
        ),
        (
            [
                HEADER,
                '{"type":"film","slug":"x","title_en":"X","videos":[{"url":"https://youtu.be/dQw4w9WgXcQ","file":"videos/a.mp4"}]}',
            ],
            2,
            "a video needs a url or a file, not both",
        ),
        (
            [
                HEADER,
                '{"type":"person","slug":"p","name":"P","images":[{"file":"/abs.jpg"}]}',
            ],
            2,
            "is not a path in the media storage",
        ),
    ],
)
def test_refused_lines_are_reported_and_nothing_is_written(
    archive, lines, line, reason
):
    before = export_text()
    good = '{"type":"person","slug":"new-person","name":"New Person"}'
    report = import_catalogue([lines[0], good, *lines[1:]])
    assert [(number, text) for number, text in report.rejected if reason in text] == [
        (line + 1, next(t for n, t in report.rejected if reason in t))
    ]
    assert not Person.objects.filter(slug="new-person").exists()
    assert export_text() == before


@pytest.mark.parametrize(
    ("first", "message"),
    [
        ('{"type":"film"}', "not the header"),
        (
            '{"type":"header","schema":"festarchive-catalogue","version":99}',
            "version 99",
        ),
    ],
)
def test_a_file_that_is_no_export_is_refused_whole(archive, first, message):
    report = import_catalogue([first])
    assert message in report.error


def test_command_refuses_files_it_cannot_read(archive, tmp_path):
    binary = tmp_path / "bad.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import", str(binary))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import", str(tmp_path / "missing.jsonl"))
    broken = tmp_path / "broken.jsonl"
    broken.write_text(HEADER + "\n{nope\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(
        CommandError, match="1 line\\(s\\) refused; nothing was imported"
    ):
        call_command("import", str(broken), stderr=err)
    assert f"{broken}:2: not valid JSON" in err.getvalue()


def test_export_and_import_commands_round_trip(archive, tmp_path, client):
    target = tmp_path / "catalogue.jsonl"
    call_command("export", output=str(target))
    first = target.read_text(encoding="utf-8")
    empty_the_archive()
    out = StringIO()
    call_command("import", str(target), stdout=out)
    assert "Imported, created: " in out.getvalue()
    call_command("export", output=str(target))
    assert target.read_text(encoding="utf-8") == first
    # Imported films are searchable straight away.
    response = client.get("/en/archive/", {"q": "kovalenko"})
    assert "We Will Not Fade Away" in [
        f.title_en for f in response.context["results"].films
    ]


def _film_line(text: str, slug: str) -> dict:
    return next(
        json.loads(line) for line in text.splitlines() if f'"slug":"{slug}"' in line
    )


def test_films_are_matched_by_external_id_before_slug(archive):
    Film.objects.filter(slug="we-will-not-fade-away-2023").update(imdb_id="tt28374452")
    record = _film_line(export_text(), "we-will-not-fade-away-2023")
    record.update(slug="we-will-not-fade-away", runtime_minutes=98)
    lines = [HEADER, json.dumps(record, ensure_ascii=False)]

    report = import_catalogue(lines)

    assert report.ok, report.rejected
    assert report.matched_by_id == [
        ("we-will-not-fade-away", "we-will-not-fade-away-2023", "IMDb id")
    ]
    assert report.updated["films"] == 1 and not report.created
    film = Film.objects.get(imdb_id="tt28374452")
    assert (film.slug, film.runtime_minutes) == ("we-will-not-fade-away-2023", 98)
    # The second time nothing changes.
    again = import_catalogue(lines)
    assert again.ok and not again.updated and again.unchanged["films"] == 1


def test_an_external_id_pointing_at_another_film_in_the_file_is_refused(archive):
    Film.objects.filter(slug="we-will-not-fade-away-2023").update(imdb_id="tt28374452")
    text = export_text()
    original = _film_line(text, "we-will-not-fade-away-2023")
    copy = {**original, "slug": "a-copy-of-it", "title_en": "A Copy"}
    report = import_catalogue(
        [HEADER, json.dumps(original), json.dumps(copy, ensure_ascii=False)]
    )
    assert report.rejected == [
        (
            3,
            "film 'a-copy-of-it' has the IMDb id tt28374452 of the archive's film "
            "'we-will-not-fade-away-2023', which is also in the file",
        )
    ]
    assert not Film.objects.filter(slug="a-copy-of-it").exists()


def test_a_films_sources_travel_with_it(archive):
    import datetime

    from festarchive.catalogue.services import film_provenance_add

    film = Film.objects.get(slug="we-will-not-fade-away-2023")
    for url, day in (
        ("https://www.idfa.nl/en/film/we-will-not-fade-away/", (2024, 5, 2)),
        ("https://www.zlinfest.cz/en/films/we-will-not-fade-away", (2024, 5, 2)),
    ):
        film_provenance_add(
            film=film,
            importer="import-pages",
            imported_on=datetime.date(*day),
            source_url=url,
        )
    film_provenance_add(
        film=film,
        importer="import",
        imported_on=datetime.date(2023, 1, 9),
        source_file="catalogue-2023.jsonl",
    )
    first = export_text()
    line = _film_line(first, "we-will-not-fade-away-2023")
    assert [p["source_url"] or p["source_file"] for p in line["provenance"]] == [
        "catalogue-2023.jsonl",
        "https://www.idfa.nl/en/film/we-will-not-fade-away/",
        "https://www.zlinfest.cz/en/films/we-will-not-fade-away",
    ]
    assert line["provenance"][0]["imported_on"] == "2023-01-09"
    empty_the_archive()
    report = import_catalogue(first.splitlines())
    assert report.ok, report.rejected
    assert export_text() == first
    assert Film.objects.get(slug=film.slug).provenances.count() == 3


@pytest.mark.parametrize(
    ("provenance", "reason"),
    [
        ("the idfa site", "provenance must be a list of objects"),
        ([{"importer": "x", "imported_on": "2024-01-01"}], "needs a source_url"),
        (
            [
                {
                    "source_url": "ftp://x.org/a",
                    "importer": "x",
                    "imported_on": "2024-01-01",
                }
            ],
            "is not a web address",
        ),
        ([{"source_file": "a.txt", "importer": "x"}], "needs its imported_on date"),
        (
            [{"source_file": "a.txt", "imported_on": "2024-01-01"}],
            "importer is missing",
        ),
        (
            [{"source_file": "a.txt", "importer": "x", "imported_on": "2024-01-01"}]
            * 2,
            "appears twice",
        ),
    ],
)
def test_bad_sources_are_refused(archive, provenance, reason):
    text = export_text()
    record = _film_line(text, "we-will-not-fade-away-2023")
    record["provenance"] = provenance
    report = import_catalogue([text.splitlines()[0], json.dumps(record)])
    assert not report.ok
    assert any(reason in why for _line, why in report.rejected), report.rejected


@pytest.mark.skipif(
    "postgres" not in __import__("os").environ.get("DATABASE_URL", ""),
    reason="the planner's statistics are PostgreSQL's",
)
def test_a_large_import_leaves_postgresqls_planner_knowing_the_new_tables():
    from django.db import connection

    lines = [HEADER] + [
        json.dumps({"type": "film", "slug": f"harbour-{n}", "title_en": f"Harbour {n}"})
        for n in range(1_001)
    ]
    assert import_catalogue(lines, reindex=False).ok
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'catalogue_film'"
        )
        (rows,) = cursor.fetchone()
    assert rows >= 1_000


def test_the_plain_export_writes_the_fast_exports_bytes(media, settings):
    """FESTARCHIVE_SPEEDUPS=none exports through the ORM, a dict a record: the
    same bytes as the lines assembled from JSON pieces, whole and in part."""
    import datetime

    from festarchive.catalogue.models import Credit
    from festarchive.catalogue.services import film_provenance_add
    from festarchive.core import speedups
    from festarchive.importers.jsonl import film_lines

    film = media["film"]
    film_provenance_add(
        film=film,
        importer="import",
        imported_on=datetime.date(2023, 1, 9),
        source_file="catalogue-2023.jsonl",
    )
    company = Company.objects.get(slug="trueman-production")
    Credit.objects.create(film=film, role=Role.objects.first(), company=company)
    some = list(Film.objects.order_by("-pk").values_list("pk", flat=True)[:7])

    def exported(chosen):
        settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SPEEDUPS": chosen}
        return export_text(), list(film_lines(some, chunk=3))

    fast, plain = exported(speedups.NAMES), exported(frozenset())
    assert '"provenance":[{' in fast[0] and '"images":[{' in fast[0]
    assert plain == fast


def _lines_with(lines: list[str], *records: dict) -> list[str]:
    """An export's lines with these records put before its films."""
    first_film = next(i for i, line in enumerate(lines) if '"type":"film"' in line)
    extra = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
    return lines[:first_film] + extra + lines[first_film:]


def test_an_award_without_a_prize_key_keeps_the_archives_or_finds_it_by_name(
    archive,
):
    lines = export_text().splitlines()
    older = []
    for line in lines:
        record = json.loads(line)
        if record["type"] == "film":
            for selection in record["selections"]:
                for award in selection["awards"]:
                    for key in ("prize", "statement_en", "statement_nl"):
                        del award[key]
        older.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    # A file written before awards had prizes changes nothing.
    report = import_catalogue(older)
    assert report.ok and not report.updated, report.updated
    # Into an empty archive, its awards find their prizes by name (a former
    # name in its years included).
    prizes = {p.slug: p.name_en for p in Prize.objects.all()}
    empty_the_archive()
    report = import_catalogue(older)
    assert report.ok, report.rejected
    assert not Award.objects.filter(prize__isnull=True).exists()
    assert {p.slug: p.name_en for p in Prize.objects.all()} == prizes


def test_prize_and_jury_records_are_checked_before_anything_is_written(archive):
    lines = export_text().splitlines()
    bad = [
        {"type": "prize", "slug": "p1", "festival": "nowhere", "name_en": "P"},
        {
            "type": "prize",
            "slug": "p2",
            "festival": "idfa",
            "name_en": "P",
            "former_names": [{"name_en": "Q", "from_year": 2000, "until_year": 1990}],
        },
        {"type": "prize", "slug": "p3", "festival": "idfa"},
        {
            "type": "jury",
            "slug": "j1",
            "edition": "idfa-2023",
            "name_en": "J",
            "jurors": [{"person": "nobody-at-all"}],
        },
        {
            "type": "jury",
            "slug": "j2",
            "edition": "idfa-2023",
            "name_en": "J",
            "jurors": [{"person": "alisa-kovalenko", "role": "emperor"}],
        },
        {
            "type": "jury",
            "slug": "j3",
            "edition": "idfa-2023",
            "name_en": "J",
            "jurors": [{"person": "alisa-kovalenko"}, {"person": "alisa-kovalenko"}],
        },
    ]
    juries = Jury.objects.count()
    report = import_catalogue(_lines_with(lines, *bad))
    reasons = [reason for _line, reason in report.rejected]
    assert len(reasons) == len(bad), reasons
    assert "festival 'nowhere' is neither in the file nor in the archive" in reasons[0]
    assert "ends before it begins" in reasons[1]
    assert "name_en" in reasons[2]
    assert "person 'nobody-at-all'" in reasons[3]
    assert "emperor" in reasons[4]
    assert "appears twice" in reasons[5]
    assert Jury.objects.count() == juries


def test_a_jury_line_adds_a_jury_and_one_without_a_juror_needs_replace(archive):
    lines = export_text().splitlines()
    jury = {
        "type": "jury",
        "slug": "idfa-2023-shorts-jury",
        "edition": "idfa-2023",
        "section": None,
        "name_en": "Special Jury",
        "name_nl": "Speciale jury",
        "order": 5,
        "jurors": [
            {"person": "alisa-kovalenko", "role": "chair", "order": 0},
            {"person": "valery-kalmykov", "role": "member", "order": 1},
        ],
    }
    report = import_catalogue(_lines_with(lines, jury))
    assert report.ok, report.rejected
    made = Jury.objects.get(slug="idfa-2023-shorts-jury")
    assert [j.person.slug for j in made.jurors.order_by("order")] == [
        "alisa-kovalenko",
        "valery-kalmykov",
    ]
    jury["jurors"] = jury["jurors"][:1]
    report = import_catalogue(_lines_with(lines, jury))
    assert not report.ok
    assert "would remove 1 of its jurors" in report.rejected[0][1]
    assert import_catalogue(_lines_with(lines, jury), replace=True).ok
    assert made.jurors.count() == 1


def test_an_award_naming_another_festivals_prize_is_refused(archive):
    lines = export_text().splitlines()
    other = {
        "type": "prize",
        "slug": "berlinale-bear",
        "festival": "berlinale",
        "name_en": "Bear",
    }
    empty_lines = []
    for line in lines:
        record = json.loads(line)
        if record.get("slug") == "we-will-not-fade-away-2023":
            record["slug"] = "a-new-film-2023"
            record["imdb_id"] = record["wikidata_id"] = record["eidr_id"] = ""
            record["selections"][0]["awards"][0]["prize"] = "berlinale-bear"
            empty_lines.append(
                json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            )
    head = [line for line in lines if '"type":"film"' not in line]
    report = import_catalogue(_lines_with(head + empty_lines, other))
    assert not report.ok
    assert "belongs to another festival" in report.error
    assert not Film.objects.filter(slug="a-new-film-2023").exists()
