"""The blocks that embed the archive in an editorial page: a film, a row of
films, a person, an edition and a saved search, and their choosers."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import Translation, TranslationSource

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import credit_add, film_create, person_create
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.core import pagetags
from festarchive.editorial.blocks import ArchiveSearchBlock, page_follows_search
from festarchive.editorial.models import EditorialPage
from festarchive.festival.models import Award, Edition, PremiereStatus, Section
from festarchive.festival.services import award_add, selection_add
from festarchive.search.indexer import rebuild_index

SEARCH = "/en/archive/?edition=idfa-2023&premiere=world"


@pytest.fixture
def archive(demo_catalogue):
    """Five films of IDFA 2023 (four world premieres, one of them the winner
    of an award), a director of two of them, and an unpublished film."""
    edition = Edition.objects.get(festival__slug="idfa", year=2023)
    section = Section.objects.get(festival__slug="idfa", name_en="Frontlight")
    world = PremiereStatus.objects.get(slug="world")
    director = Role.objects.get(slug=DIRECTOR)
    anna = person_create(name="Anna Berg")
    films = {}
    for key, title in [
        ("harbour", "Harbour Lights"),
        ("salt", "Salt Roads"),
        ("pier", "The Quiet Pier"),
        ("orchard", "An Orchard in Winter"),
        ("dunes", "Dunes"),
    ]:
        films[key] = film_create(title_en=title, year=2023, runtime_minutes=80)
        selection = selection_add(
            film=films[key],
            edition=edition,
            section=section,
            premiere=None if key == "dunes" else world,
        )
        if key == "pier":
            award_add(
                selection=selection,
                name_en="Award for Best Film",
                outcome=Award.Outcome.WINNER,
            )
    credit_add(film=films["harbour"], role=director, person=anna)
    credit_add(film=films["salt"], role=director, person=anna)
    films["hidden"] = film_create(
        title_en="Not Yet Public", year=2023, is_published=False
    )
    rebuild_index()
    return {"edition": edition, "anna": anna, **films}


def _page(home, blocks, *, slug="picks", title="Our picks"):
    """A published page whose body holds ``blocks``, (name, value) pairs as
    the database keeps them: records by id."""
    body = json.dumps([{"type": name, "value": value} for name, value in blocks])
    page = EditorialPage(title=title, slug=slug, body=body)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _html(client, path="/en/picks/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _search(address=SEARCH, *, words="", count=3, heading="World premieres"):
    return {"heading": heading, "address": address, "words": words, "count": count}


# -- a film ------------------------------------------------------------------
@pytest.mark.django_db
def test_a_film_block_shows_the_films_own_card(client, home, archive):
    film = archive["harbour"]
    _page(home, [("film", film.pk)])
    html = _html(client)
    assert 'class="film-card"' in html
    assert f'href="{film.get_absolute_url()}"' in html
    assert "Harbour Lights" in html
    assert "Anna Berg" in html  # its director, as on every card
    assert "Frontlight" in html  # its selection


@pytest.mark.django_db
def test_an_unpublished_or_deleted_film_leaves_the_page_without_its_card(
    client, home, archive
):
    harbour, salt = archive["harbour"], archive["salt"]
    _page(home, [("film", harbour.pk), ("film", salt.pk)])
    harbour.is_published = False
    harbour.save()
    salt.delete()
    html = _html(client)
    assert "Harbour Lights" not in html
    assert "Salt Roads" not in html
    assert 'class="film-card"' not in html


@pytest.mark.django_db
def test_a_film_card_tags_the_page_with_the_card_and_a_title_change_retires_it(
    client, home, archive, monkeypatch
):
    # The page cache does not keep editorial pages yet: what it would store
    # is the tags collected while the page renders.
    film = archive["harbour"]
    _page(home, [("film", film.pk)])
    with pagetags.collecting() as tags:
        _html(client)
    assert f"filmcard:{film.pk}" in tags
    assert f"film:{film.pk}" not in tags  # a new synopsis leaves it cached

    # What each save retires once it commits (inside the test's transaction,
    # which never does).
    retired = set()

    def record(names, using="default", *, spare=()):
        retired.update(pagetags.with_cards(names) - set(spare))

    monkeypatch.setattr(pagetags, "retire_on_commit", record)
    film.synopsis_en = "A harbour at night."
    film.save()
    assert not retired & (tags - {pagetags.ALL})
    film.title_en = "Harbour Lights at Night"
    film.save()
    assert f"filmcard:{film.pk}" in retired


# -- a row of films ------------------------------------------------------------
@pytest.mark.django_db
def test_a_row_shows_its_heading_and_films_in_the_chosen_order_in_one_query(
    client, home, archive
):
    chosen = [archive["salt"], archive["hidden"], archive["harbour"], archive["pier"]]
    _page(
        home,
        [("film_row", {"heading": "Night films", "films": [f.pk for f in chosen]})],
    )
    with CaptureQueriesContext(connection) as queries:
        html = _html(client)
    assert "<h2>Night films</h2>" in html
    titles = ["Salt Roads", "Harbour Lights", "The Quiet Pier"]
    assert sorted(titles, key=html.index) == titles
    assert "Not Yet Public" not in html
    film_reads = [
        q["sql"] for q in queries if 'FROM "catalogue_film" ' in q["sql"] + " "
    ]
    assert len(film_reads) == 1, film_reads


# -- a person ------------------------------------------------------------------
@pytest.mark.django_db
def test_a_person_block_shows_their_name_roles_films_and_a_link(client, home, archive):
    anna = archive["anna"]
    _page(home, [("person", anna.pk)])
    html = _html(client)
    assert 'class="person-card' in html
    assert f'href="{anna.get_absolute_url()}"' in html
    assert "Anna Berg" in html
    assert "Director" in html
    assert "2 films in the archive" in html


# -- an edition ----------------------------------------------------------------
@pytest.mark.django_db
def test_an_edition_block_shows_its_name_dates_winners_and_a_link(
    client, home, archive
):
    edition = archive["edition"]
    _page(home, [("edition", edition.pk)])
    html = _html(client)
    assert 'class="edition-card"' in html
    assert f'href="{edition.get_absolute_url()}"' in html
    assert "IDFA 2023" in html
    assert '<time datetime="2023-11-08">' in html
    assert "The Quiet Pier" in html  # its award winner, as a card
    assert 'class="film-card"' in html


# -- an archive search ---------------------------------------------------------
@pytest.mark.django_db
def test_a_search_block_shows_its_first_films_the_total_and_a_link(
    client, home, archive
):
    _page(home, [("archive_search", _search())])
    html = _html(client)
    assert "<h2>World premieres</h2>" in html
    assert html.count('class="film-card"') == 3
    assert "Dunes" not in html  # no world premiere
    assert "See all 4 films" in html
    assert 'href="/en/archive/?edition=idfa-2023&amp;premiere=world"' in html


@pytest.mark.django_db
def test_a_search_block_finds_what_the_archive_finds_in_the_same_order(
    client, home, archive
):
    _page(home, [("archive_search", _search(count=12))])
    block_html = _html(client)
    archive_html = _html(client, SEARCH)
    titles = ["An Orchard in Winter", "Harbour Lights", "Salt Roads", "The Quiet Pier"]
    assert sorted(titles, key=block_html.index) == sorted(
        titles, key=archive_html.index
    )


@pytest.mark.django_db
def test_a_search_block_follows_the_films_collection(client, home, archive):
    page = _page(home, [("archive_search", _search())])
    with pagetags.collecting() as tags:
        _html(client)
    assert "films" in tags
    assert page_follows_search(page)
    assert not page_follows_search(_page(home, [("film", 1)], slug="one"))


@pytest.mark.django_db
def test_a_search_block_with_words_searches_them(client, home, archive):
    _page(home, [("archive_search", _search(address="", words="harbour"))])
    html = _html(client)
    assert "Harbour Lights" in html
    assert "Salt Roads" not in html
    assert 'href="/en/archive/?q=harbour"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "kept"),
    [
        (SEARCH, "?edition=idfa-2023&premiere=world"),
        ("http://testserver" + SEARCH + "&page=3", "?edition=idfa-2023&premiere=world"),
        ("/nl/archive/?q=harbour&sort=newest", "?q=harbour&sort=newest"),
        ("edition=idfa-2023&premiere=world", "?edition=idfa-2023&premiere=world"),
    ],
)
def test_a_search_block_keeps_an_archive_address_as_its_filters(archive, address, kept):
    value = ArchiveSearchBlock().clean(_search(address=address))
    assert value["address"] == kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "words", "message"),
    [
        ("/en/films/harbour-lights-2023/", "", "not the address of a search"),
        ("https://example.org/en/archive/?q=harbour", "", "not on the archive's site"),
        ("/en/archive/films.csv?q=harbour", "", "not the address of a search"),
        ("harbour lights", "", "not the address of a search"),
        ("/en/archive/?edition=idfa-2099", "", "no “idfa-2099” for the filter"),
        ("/en/archive/?colour=red", "", "no filter “colour”"),
        ("/en/archive/?sort=loudest", "", "does not know sort=loudest"),
        ("", "", "Paste an archive address or type words"),
    ],
)
def test_a_search_block_refuses_what_is_not_an_archive_search(
    archive, address, words, message
):
    with pytest.raises(ValidationError) as refused:
        ArchiveSearchBlock().clean(_search(address=address, words=words))
    errors = refused.value.block_errors["address"]
    assert message in " ".join(errors.messages)


# -- a Dutch page ----------------------------------------------------------------
@pytest.mark.django_db
def test_the_dutch_page_shows_the_same_records_and_links_to_the_dutch_archive(
    client, home, archive, django_capture_on_commit_callbacks
):
    page = _page(
        home,
        [
            ("film", archive["harbour"].pk),
            ("person", archive["anna"].pk),
            ("archive_search", _search(heading="World premieres")),
        ],
    )
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="nl")
    )
    po = translation.export_po()
    # The chosen records and the search's address are not for translators.
    assert sorted(entry.msgid for entry in po) == [
        "Our picks",
        "World premieres",
        "picks",
    ]
    dutch = {"Our picks": "Onze keuze", "picks": "keuze"}
    for entry in po:
        entry.msgstr = dutch.get(entry.msgid, "Wereldpremières")
    translation.import_po(po)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    html = _html(client, "/nl/keuze/")
    assert "<h2>Wereldpremières</h2>" in html
    assert "Harbour Lights" in html
    assert "Anna Berg" in html
    assert 'href="/nl/archive/?edition=idfa-2023&amp;premiere=world"' in html


# -- the choosers in Wagtail's admin -----------------------------------------------
def _chooser(client, path) -> str:
    """The chooser's list: in a modal's JSON when it opens, as HTML alone
    when the editor searches or pages."""
    response = client.get(path)
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


@pytest.mark.django_db
def test_the_film_chooser_lists_and_finds_published_films_only(staff_client, archive):
    html = _chooser(staff_client, "/cms/archive/films/")
    assert "Harbour Lights" in html
    assert "Not Yet Public" not in html
    found = _chooser(staff_client, "/cms/archive/films/results/?q=harb")
    assert "Harbour Lights" in found
    assert "Salt Roads" not in found
    hidden = archive["hidden"].pk
    assert staff_client.get(f"/cms/archive/films/chosen/{hidden}/").status_code == 404
    chosen = staff_client.get(f"/cms/archive/films/chosen/{archive['salt'].pk}/")
    assert json.loads(chosen.content)["result"]["title"] == "Salt Roads (2023)"


@pytest.mark.django_db
def test_the_person_and_edition_choosers_find_by_name(staff_client, archive):
    people = _chooser(staff_client, "/cms/archive/people/results/?q=anna")
    assert "Anna Berg" in people
    editions = _chooser(staff_client, "/cms/archive/editions/results/?q=idfa+2023")
    assert "IDFA 2023" in editions
    assert "IDFA 2022" not in editions


@pytest.mark.django_db
def test_the_choosers_are_for_staff_only(client, archive):
    response = client.get("/cms/archive/films/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_a_page_with_archive_blocks_opens_in_the_page_editor(
    staff_client, home, archive
):
    page = _page(
        home,
        [
            ("film", archive["harbour"].pk),
            (
                "film_row",
                {
                    "heading": "Two",
                    "films": [archive["salt"].pk, archive["pier"].pk],
                },
            ),
            ("person", archive["anna"].pk),
            ("edition", archive["edition"].pk),
            ("archive_search", _search()),
        ],
    )
    response = staff_client.get(f"/cms/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/cms/archive/films/" in html
    assert "/cms/archive/editions/" in html


@pytest.mark.django_db
def test_the_page_editor_refuses_a_search_block_that_is_not_an_archive_search(
    staff_client, home, archive
):
    page = _page(home, [])
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield(
                [
                    (
                        "archive_search",
                        {
                            "heading": "Our films",
                            "address": "/en/films/harbour-lights-2023/",
                            "words": "",
                            "count": 3,
                        },
                    )
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    response = staff_client.post(f"/cms/pages/{page.pk}/edit/", data)
    assert response.status_code == 200  # the form again, not a redirect
    assert "not the address of a search of the archive" in response.content.decode()
    page.refresh_from_db()
    assert not page.body
