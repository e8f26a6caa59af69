"""bench/plain, the plain Django film page that bench/load.py measures the
application against, serves the film page's content."""

import pytest
from django.test import override_settings

from bench.plain import settings as plain
from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db

PLAIN = override_settings(
    ROOT_URLCONF=plain.ROOT_URLCONF,
    MIDDLEWARE=plain.MIDDLEWARE,
    TEMPLATES=plain.TEMPLATES,
)


@PLAIN
def test_the_plain_view_shows_the_film_with_its_credits_and_history(
    client, reference_film
):
    response = client.get(f"/plain/films/{reference_film.slug}/")

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert reference_film.title_en in text
    assert "Valery Kalmykov for Trueman Production" in text
    for selection in reference_film.selections.all():
        assert str(selection.edition) in text
    for credit in reference_film.credits.exclude(person=None):
        assert f'href="{credit.person.get_absolute_url()}"' in response.content.decode()


@PLAIN
def test_the_plain_view_answers_404_for_an_unknown_film(client, reference_film):
    assert client.get("/plain/films/no-such-film/").status_code == 404
