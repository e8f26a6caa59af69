"""Record addresses built from a cached pattern are the addresses reverse() gives."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from festarchive.core.links import cached_reverse

SLUG_VIEWS = [
    "catalogue:film-detail",
    "catalogue:person-detail",
    "catalogue:company-detail",
    "festival:edition-detail",
    "festival:section-detail",
    "festival:festival-detail",
]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("view", SLUG_VIEWS)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_record_addresses_match_reverse(view, language):
    with translation.override(language):
        for slug in ["we-will-not-fade-away-2023", "a", "x_1", "idfa-2023"]:
            assert cached_reverse(view, {"slug": slug}) == reverse(
                view, kwargs={"slug": slug}
            )
    with translation.override(language):
        assert cached_reverse(view, {"slug": "b"}).startswith(f"/{language}/")


def test_rendition_addresses_match_reverse_for_each_fixed_value():
    for ext in ["jpg", "webp"]:
        for kind, pk, version in [("film", 7, "a1b2c3"), ("person", 12345, "ff00")]:
            kwargs = {
                "kind": kind,
                "pk": pk,
                "version": version,
                "rendition": "hero",
                "width": 1200,
                "ext": ext,
            }
            assert cached_reverse(
                "media:rendition", kwargs, vary=("pk", "version", "width")
            ) == reverse("media:rendition", kwargs=kwargs)


def test_a_value_reverse_would_quote_or_refuse_gets_reverse_s_answer():
    kwargs = {
        "kind": "film",
        "pk": 3,
        "version": "naïve name.v2",  # quoted by reverse()
        "rendition": "card",
        "width": 400,
        "ext": "jpg",
    }
    expected = reverse("media:rendition", kwargs=kwargs)
    assert "na%C3%AFve%20name.v2" in expected
    assert cached_reverse("media:rendition", kwargs, vary=("pk", "version")) == expected
    with pytest.raises(Exception, match="Reverse for 'film-detail'"):
        cached_reverse("catalogue:film-detail", {"slug": "not/a/slug"})


def test_the_script_prefix_is_kept(script_prefix):
    cached_reverse("catalogue:film-detail", {"slug": "first"})
    script_prefix("/archive/")
    assert cached_reverse("catalogue:film-detail", {"slug": "second"}) == (
        "/archive/en/films/second/"
    )


@override_settings(ROOT_URLCONF="festarchive.core.tests.moved_urls")
def test_another_url_configuration_gets_its_own_patterns():
    assert cached_reverse("catalogue:film-detail", {"slug": "x"}) == (
        "/en/moved/films/x/"
    )


@override_settings(ROOT_URLCONF="festarchive.core.tests.moved_urls")
def test_a_converter_that_rewrites_its_value_gets_reverse_s_answer():
    for word in ["first", "second"]:
        assert cached_reverse("shout", {"word": word}, vary=("word",)) == (
            f"/en/shout/{word.upper()}/"
        )


# -- {% url %} -------------------------------------------------------------------


def render(source: str, **context) -> str:
    from django.template import engines

    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_url_tag_gives_reverse_s_addresses(language):
    with translation.override(language):
        for slug in ["first", "second-2023", "x_1"]:
            assert render("{% url 'catalogue:film-detail' s %}", s=slug) == reverse(
                "catalogue:film-detail", args=[slug]
            )
            assert render(
                "{% url 'catalogue:film-detail' slug=s %}", s=slug
            ) == reverse("catalogue:film-detail", kwargs={"slug": slug})
        assert render("{% url 'home' %}") == reverse("home")
        for pk in [1, 23]:
            assert render("{% url 'lists:list-share' pk %}", pk=pk) == reverse(
                "lists:list-share", args=[pk]
            )


def test_the_url_tag_quotes_and_escapes_as_django_s_does():
    token = "a b&c"  # quoted by reverse(), then escaped for HTML
    expected = reverse("lists:public-list", args=[token]).replace("&", "&amp;")
    render("{% url 'lists:public-list' t %}", t="plain")  # the pattern, cached
    assert render("{% url 'lists:public-list' t %}", t=token) == expected


def test_the_url_tag_refuses_what_the_converters_refuse():
    render("{% url 'lists:list-share' 5 %}")  # the pattern, cached
    with pytest.raises(NoReverseMatch):
        render("{% url 'lists:list-share' pk %}", pk="not-a-number")
    with pytest.raises(NoReverseMatch):
        render("{% url 'catalogue:film-detail' s %}", s="not/a/slug")
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-view' %}")


def test_the_url_tag_as_a_variable_is_empty_for_what_cannot_be_reversed():
    assert render("{% url 'no-such-view' as u %}[{{ u }}]") == "[]"
    assert render("{% url 'home' as u %}[{{ u }}]") == f"[{reverse('home')}]"
