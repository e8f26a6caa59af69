"""The film page's prepared queries read what the ORM's prefetching reads."""

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from festarchive.catalogue import services
from festarchive.catalogue.models import Credit, Film, FilmVideo, Role
from festarchive.catalogue.queries import film_get_for_page
from festarchive.core import speedups
from festarchive.core.prepared import PreparedQuery
from festarchive.festival.models import Edition, Selection
from festarchive.festival.services import award_add, selection_add
from festarchive.media.tests.images import image_bytes
from festarchive.media.uploads import check_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _prepared_on(settings):
    """These tests are of the prepared queries: on, whatever
    FESTARCHIVE_SPEEDUPS says (core/tests/test_speedups.py compares the page
    with them off)."""
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SPEEDUPS": speedups.NAMES}


PAGE_RELATIONS = [
    "production_countries",
    "spoken_languages",
    "titles",
    "images",
    "videos",
]


def orm_film(slug: str) -> Film:
    """The film as plain ``prefetch_related`` reads it."""
    return Film.objects.prefetch_related(
        *PAGE_RELATIONS,
        Prefetch(
            "credits",
            queryset=Credit.objects.select_related("role", "person", "company"),
        ),
        Prefetch(
            "selections",
            queryset=Selection.objects.select_related(
                "edition__festival", "section", "premiere"
            ).prefetch_related("awards"),
        ),
    ).get(slug=slug)


def columns(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def full_film(reference_film):
    """The reference film with every kind of related row, and rows whose
    nullable foreign keys are empty: a credit without a person, one without a
    company, a selection with no section and no premiere."""
    film = reference_film
    services.film_images_add(
        film=film,
        files=[
            check_image(image_bytes("JPEG", (1600, 900), (90, 40, 20))).content,
            check_image(image_bytes("JPEG", (900, 1600), (20, 40, 90))).content,
        ],
    )
    FilmVideo.objects.create(film=film, url="https://vimeo.com/76979871", kind="qa")
    other = Edition.objects.exclude(pk__in=film.selections.values("edition")).first()
    bare = selection_add(film=film, edition=other)
    award_add(selection=bare, name_en="Audience Award", name_nl="Publieksprijs")
    award_add(selection=bare, name_en="Jury Mention", outcome="special_mention")
    assert film.credits.filter(person=None).exists()
    assert film.credits.filter(company=None).exists()
    return film


def test_the_page_reads_the_same_rows_as_the_orm(full_film):
    prepared, orm = film_get_for_page(slug=full_film.slug), orm_film(full_film.slug)

    assert columns(prepared) == columns(orm)
    for name in PAGE_RELATIONS:
        assert [columns(o) for o in getattr(prepared, name).all()] == [
            columns(o) for o in getattr(orm, name).all()
        ], name
    assert prepared.videos.all() and prepared.images.all()
    for mine, theirs in zip(prepared.credits.all(), orm.credits.all(), strict=True):
        assert columns(mine) == columns(theirs)
        for related in ("role", "person", "company"):
            expected = getattr(theirs, related)
            got = getattr(mine, related)
            assert (columns(got) if got else None) == (
                columns(expected) if expected else None
            )
    for mine, theirs in zip(
        prepared.selections.all(), orm.selections.all(), strict=True
    ):
        assert columns(mine) == columns(theirs)
        assert columns(mine.edition.festival) == columns(theirs.edition.festival)
        assert mine.section == theirs.section and mine.premiere == theirs.premiere
        assert [columns(a) for a in mine.awards.all()] == [
            columns(a) for a in theirs.awards.all()
        ]
    assert any(s.section is None and s.awards.all() for s in prepared.selections.all())


def test_reading_what_the_page_shows_needs_no_further_query(full_film):
    film = film_get_for_page(slug=full_film.slug)
    with CaptureQueriesContext(connection) as queries:
        for credit in film.credits.all():
            _ = (credit.role.name, credit.person, credit.company)
        for selection in film.selections.all():
            _ = (selection.edition.festival.is_host, selection.section)
            _ = [(award.name, award.edition) for award in selection.awards.all()]
        for image in film.images.all():
            _ = image.film.slug
        _ = film.key_image
    assert queries.captured_queries == []


def test_each_film_gets_its_own_rows_and_edits_show_at_once(full_film):
    first = film_get_for_page(slug=full_film.slug)
    other = services.film_create(title_en="A Second Film", year=2021)
    director = Role.objects.get(slug="director")
    person = services.person_create(name="Noor Visser")
    services.credit_add(film=other, role=director, person=person)

    second = film_get_for_page(slug=other.slug)
    assert [c.person.name for c in second.credits.all()] == ["Noor Visser"]
    assert len(first.credits.all()) > 1

    person.name = "Noor de Visser"
    person.save()
    again = film_get_for_page(slug=other.slug)
    assert [c.person.name for c in again.director_credits] == ["Noor de Visser"]


def test_an_unpublished_or_unknown_film_is_not_found(full_film):
    Film.objects.filter(pk=full_film.pk).update(is_published=False)
    with pytest.raises(Http404):
        film_get_for_page(slug=full_film.slug)
    with pytest.raises(Http404):
        film_get_for_page(slug="no-such-film")


def test_a_query_that_ignores_its_parameter_is_refused():
    ignores = PreparedQuery(lambda film_id: Credit.objects.all())
    with pytest.raises(ValueError, match="exactly once"):
        ignores(1)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL plans and prepares statements; SQLite has no plan to keep",
)
def test_postgresql_prepares_the_queries_a_connection_repeats(full_film):
    for _ in range(7):
        film_get_for_page(slug=full_film.slug)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("catalogue_credit" in statement for statement in prepared)
    assert any("festival_selection" in statement for statement in prepared)
