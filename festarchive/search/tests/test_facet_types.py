"""The facet registry: one class per facet, read by the URL parser, the index,
the counts, named values, the API's parameters and the docs."""

import re
from pathlib import Path

import pytest
from django.http import QueryDict
from ninja import NinjaAPI

from festarchive.api import api as api_module
from festarchive.catalogue.models import Film
from festarchive.search import facets as facet_store
from festarchive.search.facet_types import FacetType, FilmFacts, registry
from festarchive.search.indexer import rebuild_index
from festarchive.search.models import SearchDocument
from festarchive.search.queries import parse_params

DOCS = Path(__file__).resolve().parents[3] / "docs" / "search.md"


class ImdbFacet(FacetType):
    """A facet that exists only in this test: whether a film has an IMDb id."""

    name = "imdb"
    label = "On IMDb"
    description = "Whether the film has an IMDb id: `yes` or `no`."
    film_fields = ("imdb_id",)  # a field the indexer does not read otherwise

    @classmethod
    def extract(cls, facts: FilmFacts):
        return "yes" if facts.film["imdb_id"] else "no"

    def internal(self, value: str):
        return value if value in ("yes", "no") else None

    def value_label(self, internal) -> str:
        return {"yes": "On IMDb", "no": "Not on IMDb"}[internal]


@pytest.fixture
def imdb_facet(catalogue):
    film = Film.objects.filter(is_published=True).order_by("pk").first()
    Film.objects.filter(pk=film.pk).update(imdb_id="tt0068646")
    with registry.added(ImdbFacet):
        rebuild_index()
        facet_store.forget()
        yield ImdbFacet
    facet_store.forget()


def _expected_counts() -> dict[str, int]:
    films = Film.objects.filter(is_published=True)
    on = films.exclude(imdb_id="").exclude(imdb_id__isnull=True).count()
    return {k: n for k, n in {"yes": on, "no": films.count() - on}.items() if n}


def test_the_builtin_facets_in_display_order():
    assert (
        registry.names()
        == facet_store.FACETS
        == (
            "edition",
            "decade",
            "section",
            "country",
            "premiere",
            "award",
            "runtime",
            "language",
            "access",
            "curated",
        )
    )
    assert [f.name for f in registry.named()] == [
        "country",
        "section",
        "edition",
        "decade",
    ]


def test_the_docs_facet_table_is_the_registry():
    """docs/search.md shows the table ``registry.markdown_table()`` writes."""
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"<!-- facets:[^\n]*-->\n(.*?)<!-- /facets -->", text, re.S)
    assert found, "docs/search.md lost its facet table markers"
    assert found.group(1) == registry.markdown_table(), (
        "Replace the facet table in docs/search.md with:\n" + registry.markdown_table()
    )


def test_a_registered_facet_is_in_the_url_parser(imdb_facet):
    params = parse_params(QueryDict("q=sea&imdb=yes&imdb=yes&country=UA"))
    assert params.filters == {"country": ["UA"], "imdb": ["yes"]}
    assert params.url() == "?q=sea&country=UA&imdb=yes"


def test_a_registered_facet_is_in_the_index_and_the_counts(client, imdb_facet):
    documents = SearchDocument.objects.filter(is_visible=True)
    assert {d.facets["imdb"] for d in documents} <= {"yes", "no"}
    index = facet_store.current()
    assert "imdb" in index.pairs
    expected = _expected_counts()

    result = client.get("/en/archive/").context["results"]
    [imdb] = [f for f in result.facets if f.name == "imdb"]
    assert imdb.label == "On IMDb"
    assert {v.value: v.count for v in imdb.values} == expected
    assert result.facets[-1] is imdb  # after the built-in ones

    assert expected["yes"] == 1
    filtered = client.get("/en/archive/?imdb=yes").context["results"]
    assert [f.imdb_id for f in filtered.films] == ["tt0068646"]
    assert (
        client.get("/en/archive/?imdb=no").context["results"].total == (expected["no"])
    )
    # A value the class does not know finds nothing, as in every facet.
    assert client.get("/en/archive/?imdb=maybe").context["results"].total == 0


def test_a_registered_facet_is_an_api_parameter(client, imdb_facet):
    expected = _expected_counts()
    answer = client.get("/api/v1/films?imdb=yes").json()
    assert answer["meta"]["count"] == 1
    [imdb] = [f for f in answer["meta"]["facets"] if f["name"] == "imdb"]
    assert {v["value"]: v["count"] for v in imdb["values"]} == expected
    assert [v["active"] for v in imdb["values"]] == [True, False]

    # The API's parameters are read from the registry when the API is built.
    fresh = NinjaAPI(urls_namespace="facet-test")
    fresh.get(**api_module.FILMS)(
        api_module.with_facet_parameters(api_module.films.__wrapped__)
    )
    schema = fresh.get_openapi_schema(path_prefix="")
    parameters = {p["name"]: p for p in schema["paths"]["/films"]["get"]["parameters"]}
    assert parameters["imdb"]["description"] == ImdbFacet.description
    assert parameters["imdb"]["schema"]["type"] == "array"
    names = list(parameters)
    assert names[names.index("letter") + 1 : names.index("limit")] == [
        *facet_store.FACETS,
        "imdb",
    ]


def test_the_registry_refuses_a_second_facet_of_a_name():
    class Twice(ImdbFacet):
        name = "country"

    with pytest.raises(ValueError, match="registered already"):
        registry.register(Twice)
    assert registry["country"].__name__ == "CountryFacet"
