"""Record addresses built from a cached pattern are the addresses reverse()
gives; absolute addresses start with the site's address when it is set."""

import re

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from festarchive.core import speedups
from festarchive.core.links import cached_reverse
from festarchive.testing.html import json_ld

SLUG_VIEWS = [
    "catalogue:film-detail",
    "catalogue:person-detail",
    "catalogue:company-detail",
    "festival:edition-detail",
    "festival:section-detail",
    "festival:festival-detail",
]


@pytest.fixture(autouse=True)
def _patterns_on(settings):
    """These tests are of the speed-up itself: on, whatever FESTARCHIVE_SPEEDUPS
    says (switched off, cached_reverse is reverse)."""
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SPEEDUPS": speedups.NAMES}


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


def test_uuid_addresses_are_built_from_one_pattern(monkeypatch):
    import uuid

    from festarchive.core import links

    uids = [uuid.uuid4() for _ in range(5)]
    expected = [
        reverse("programme:screening-detail", kwargs={"uid": uid}) for uid in uids
    ]
    calls = []
    real_reverse = links.reverse
    monkeypatch.setattr(
        links, "reverse", lambda *a, **k: calls.append(a) or real_reverse(*a, **k)
    )
    built = [
        cached_reverse("programme:screening-detail", {"uid": uid}, vary=("uid",))
        for uid in uids
    ]
    assert built == expected
    assert len(calls) <= 3  # the stand-ins, once: not once an address
    # Anything that is not a UUID gets reverse's own answer: no address.
    with pytest.raises(NoReverseMatch):
        cached_reverse("programme:screening-detail", {"uid": "x" * 36}, vary=("uid",))


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


# --- Absolute addresses -------------------------------------------------------

SITE = "https://archive.example.org"
# A host ALLOWED_HOSTS lets through (it compares names, not ports).
ELSEWHERE = {"HTTP_HOST": "localhost:6666"}
FILM = "/en/films/we-will-not-fade-away-2023/"


@pytest.fixture
def site_url(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SITE_URL": SITE}
    return SITE


def _urls(data) -> list[str]:
    """Every "url" and "image" in a JSON-LD block, however deep."""
    if isinstance(data, list):
        return [url for item in data for url in _urls(item)]
    if not isinstance(data, dict):
        return []
    found = [v for k, v in data.items() if k in ("url", "image")]
    return found + _urls([v for v in data.values() if isinstance(v, dict | list)])


@pytest.mark.parametrize(
    "path", [FILM, "/en/editions/idfa-2023/", "/en/people/alisa-kovalenko/"]
)
def test_pages_link_to_the_site_url_whatever_the_host(
    client, reference_film, site_url, path
):
    page = client.get(path, **ELSEWHERE).content.decode()
    assert "6666" not in page
    alternates = re.findall(
        r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', page
    )
    assert alternates == [
        f"{SITE}{path}",
        f"{SITE}{path.replace('/en/', '/nl/', 1)}",
        f"{SITE}{path}",
    ]
    (block,) = json_ld(page)
    assert block["url"] == f"{SITE}{path}"
    assert all(url.startswith(f"{SITE}/") for url in _urls(block))


def test_oai_pmh_names_the_site_url_whatever_the_host(client, reference_film, site_url):
    identify = client.get("/oai", {"verb": "Identify"}, **ELSEWHERE)
    assert f"<baseURL>{SITE}/oai</baseURL>" in identify.content.decode()
    record = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": "oai:archive.example.org:film/we-will-not-fade-away-2023",
        },
        **ELSEWHERE,
    ).content.decode()
    assert f"<dc:identifier>{SITE}{FILM}</dc:identifier>" in record
    assert "6666" not in record


def test_downloads_and_shared_lists_use_the_site_url(client, reference_film, site_url):
    from festarchive.lists.services import list_create, list_set_public
    from festarchive.lists.tests.test_lists import make_visitor

    response = client.get("/en/archive/films.csv", **ELSEWHERE)
    text = b"".join(response.streaming_content).decode()
    assert f"{SITE}{FILM}" in text and "6666" not in text

    visitor = make_visitor()
    film_list = list_set_public(
        film_list=list_create(user=visitor, name="Shared"), public=True
    )
    client.force_login(visitor)
    page = client.get(film_list.get_absolute_url(), **ELSEWHERE).content.decode()
    assert f'href="{SITE}{film_list.get_public_url()}"' in page
    assert "6666" not in page


def test_without_a_site_url_links_follow_the_host(client, reference_film):
    page = client.get(FILM, HTTP_HOST="localhost:8000").content.decode()
    (block,) = json_ld(page)
    assert block["url"] == f"http://localhost:8000{FILM}"


@pytest.mark.parametrize(
    "value", ["archive.example.org", "https://", "https://x.org/archive", "ftp://x.org"]
)
def test_a_site_url_is_a_scheme_and_a_host(value):
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.base import site_url

    assert site_url("https://archive.example.org/") == SITE
    assert site_url("") == ""
    with pytest.raises(ImproperlyConfigured):
        site_url(value)
