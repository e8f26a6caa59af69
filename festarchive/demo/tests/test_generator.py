"""The generated catalogue: deterministic, varied, and browsable."""

import re

import pytest
from django.core.management import call_command
from django.db.models import Count

from festarchive.catalogue.models import Company, Credit, Film, FilmCountry, Person
from festarchive.demo.generator import generate_catalogue
from festarchive.festival.models import Award, Selection
from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db

SCRIPTS = {
    "Cyrillic": re.compile(r"[\u0400-\u04FF]"),
    "Greek": re.compile(r"[\u0370-\u03FF]"),
    "Arabic": re.compile(r"[\u0600-\u06FF]"),
    "Chinese": re.compile(r"[\u4E00-\u9FFF]"),
}


def _signature():
    return [
        (
            f.title_en,
            f.title_original,
            f.year,
            f.runtime_minutes,
            tuple(c.country.code for c in f.production_countries.all()),
            tuple(
                (c.role.slug, c.person and c.person.name, c.company and c.company.name)
                for c in f.credits.all()
            ),
        )
        for f in Film.objects.filter(is_generated=True)
        .prefetch_related(
            "production_countries",
            "credits__role",
            "credits__person",
            "credits__company",
        )
        .order_by("id")
    ]


def _forget_generated():
    Film.objects.filter(is_generated=True).delete()
    Person.objects.all().delete()
    Company.objects.all().delete()


def test_same_seed_gives_the_same_catalogue():
    generate_catalogue(films=40, seed=7)
    first = _signature()
    _forget_generated()
    generate_catalogue(films=40, seed=7)
    assert _signature() == first
    _forget_generated()
    generate_catalogue(films=40, seed=8)
    assert _signature() != first


@pytest.fixture
def generated():
    return generate_catalogue(films=400, seed=2023)


def test_generated_catalogue_has_realistic_variety(generated):
    assert Film.objects.filter(is_generated=True).count() == 400
    originals = list(Film.objects.values_list("title_original", flat=True))
    for script, pattern in SCRIPTS.items():
        assert any(pattern.search(t) for t in originals), script
    non_latin = Film.objects.exclude(title_original_latin="")
    assert non_latin.exists()
    assert all(f.title_original_latin.isascii() for f in non_latin)

    names = list(Person.objects.values_list("name", flat=True))
    assert any(re.search(r"[À-ž]", n) for n in names), "names with diacritics"
    assert Person.objects.exclude(name_variants=[]).exists(), "names from other scripts"

    co_productions = (
        FilmCountry.objects.values("film").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert co_productions.exists()
    assert Credit.objects.filter(person__isnull=False, company__isnull=False).exists()
    assert Credit.objects.filter(person__isnull=True, company__isnull=False).exists()
    repeated = (
        Credit.objects.filter(person__isnull=False)
        .values("person")
        .annotate(films=Count("film", distinct=True))
        .filter(films__gt=2)
    )
    assert repeated.exists(), "people credited on several films"
    assert Award.objects.exists()
    assert (
        Selection.objects.filter(edition__festival__slug="berlinale").exists()
        or Selection.objects.exclude(edition__festival__slug="idfa").exists()
    )


def test_generated_films_spread_over_the_editions(generated):
    years = set(
        Selection.objects.filter(edition__festival__slug="idfa").values_list(
            "edition__year", flat=True
        )
    )
    assert len(years) >= 30


def test_generated_film_pages_render_and_say_they_are_generated(client, generated):
    for film in Film.objects.filter(is_generated=True).order_by("?")[:15]:
        response = client.get(film.get_absolute_url())
        assert response.status_code == 200
        text = visible_text(response.content.decode())
        assert "Generated demo record" in text
        assert film.title_en in text


def test_generated_archive_and_people_pages_render(client, generated):
    assert client.get("/en/archive/?page=3").status_code == 200
    busiest = Person.objects.annotate(n=Count("credits")).order_by("-n").first()
    assert client.get(busiest.get_absolute_url()).status_code == 200
    assert client.get("/en/editions/idfa-2010/").status_code == 200


def test_generate_command_reports_what_it_made(capsys):
    call_command("generate", films=25, seed=3)
    out = capsys.readouterr().out
    assert out.startswith("Generated 25 films, ")
    assert Film.objects.filter(is_generated=True).count() == 25


def test_generate_command_refuses_nonsense(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate", films=0)
