import pytest

from festarchive.core.countries import historic_countries
from festarchive.core.i18n import localized
from festarchive.core.text import fold, initial, sort_key, transliterate


@pytest.mark.django_db
def test_server_error_page_is_in_the_site_design(client, settings):
    settings.ROOT_URLCONF = "festarchive.testing.urls"
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "/static/festarchive/css/site.css" in page
    assert "This view fails on purpose" not in page


def test_fold_removes_case_and_diacritics():
    assert fold("Katarzyna Kuczyńska") == "katarzyna kuczynska"
    # One fold for search and the importers: punctuation becomes a space.
    assert fold("Żarnecka-Wójcik") == "zarnecka wojcik"


def test_transliterate_keeps_words_apart_in_every_script():
    assert transliterate("Ми не згаснемо") == "Mi ne zgasnemo"
    assert transliterate("Η σιωπή") == "I siopi"
    assert transliterate("沉默的河") == "Chen Mo De He"


def test_sort_key_ignores_leading_articles_and_punctuation():
    assert sort_key("The Last Summer") == "last summer"
    assert sort_key("Het huis aan zee") == "huis aan zee"
    assert sort_key("'Til Dawn") == "til dawn"
    assert initial("Ökonomie") == "o"
    assert initial("1984 Revisited") == "#"


def test_historic_countries_have_short_names_in_both_languages():
    from django.utils import translation

    names = historic_countries()
    with translation.override("en"):
        assert str(names["SUHH"]) == "USSR"
        assert str(names["YUCS"]) == "Yugoslavia"
    with translation.override("nl"):
        assert str(names["SUHH"]) == "USSR"
        assert str(names["DDDE"]) == "Duitse Democratische Republiek"


class _Text:
    synopsis_en = "In English."
    synopsis_nl = ""


def test_localized_falls_back_to_the_other_language_and_says_so():
    text = localized(_Text(), "synopsis", "nl")
    assert (text.text, text.language, text.is_fallback) == ("In English.", "en", True)
    text = localized(_Text(), "synopsis", "en")
    assert (text.text, text.is_fallback) == ("In English.", False)
