"""Archive search: one call from the request's parameters to a page of results.

Text matching runs in the database (FTS5 or tsvector, see ``backends``);
filtering, facet counts and ordering run over the in-memory ``FacetIndex``.
"""

import difflib
from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from festarchive.catalogue.models import Company, Film, Person
from festarchive.catalogue.queries import films_for_cards
from festarchive.core import limits
from festarchive.core.numbers import parse_int

from . import facets as facet_store
from . import private_facets
from .backends import Query, get_backend
from .backends.base import FilmMatch, Term
from .facet_types import Vocabulary, registry
from .models import SearchTerm
from .named import named_values, without_words
from .normalise import (
    clean_query,
    consonant_words,
    fold,
    is_abjad,
    spellings,
    word_stems,
    words,
)
from .pages import search_pages

TYPO_MIN_LENGTH = 5
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "title": _("Title A–Z"),
}
LETTERS = [*"abcdefghijklmnopqrstuvwxyz", "#"]
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
# Rank tiers: exact title, title prefix, then the best column holding every
# word; then films having a facet value the query names; then the rest.
EXACT, PREFIX, COLUMN_TIER_BASE, NAMED, ELSEWHERE = 0, 1, 2, 6, 7


# -- parameters ------------------------------------------------------------------
@dataclass
class SearchParams:
    """What the visitor asked for, cleaned; every field round-trips through the URL."""

    q: str = ""
    q_truncated: bool = False
    filters: dict[str, list[str]] = field(default_factory=dict)
    letter: str | None = None
    sort: str = ""
    page: int = 1
    fields_truncated: bool = False
    # Professionals' own filters (``private_facets``): read only for them.
    private: dict[str, list[str]] = field(default_factory=dict)

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort
        return "relevance" if self.q else "title"

    def query_items(self, **changes) -> list[tuple[str, str]]:
        state = {
            "q": self.q,
            "filters": {k: list(v) for k, v in self.filters.items()},
            "letter": self.letter,
            "sort": self.sort,
            "page": self.page,
            "private": {k: list(v) for k, v in self.private.items()},
        }
        state.update(changes)
        items = []
        if state["q"]:
            items.append(("q", state["q"]))
        for facet in registry.names():
            items.extend((facet, value) for value in state["filters"].get(facet, []))
        for facet in private_facets.NAMES:
            items.extend((facet, value) for value in state["private"].get(facet, []))
        if state["letter"]:
            items.append(("letter", state["letter"]))
        if state["sort"]:
            items.append(("sort", state["sort"]))
        if state["page"] and state["page"] > 1:
            items.append(("page", str(state["page"])))
        return items

    def url(self, **changes) -> str:
        """This search as a query string, with ``changes``; the page resets."""
        changes.setdefault("page", 1)
        return "?" + urlencode(self.query_items(**changes))

    @property
    def current_url(self) -> str:
        """This search, on this page, as a query string."""
        return self.url(page=self.page)

    def toggled(self, facet: str, value: str) -> str:
        private = facet in private_facets.BY_NAME
        chosen = self.private if private else self.filters
        filters = {k: list(v) for k, v in chosen.items()}
        values = filters.setdefault(facet, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.url(**{"private" if private else "filters": filters})


def _private_filters(data, most_values: int) -> dict[str, list[str]]:
    chosen = {}
    for facet in private_facets.FACETS:
        values = []
        for raw in data.getlist(facet.name)[: most_values * 4]:
            value = (raw or "").strip()[:20]
            if facet.name == "territory":
                value = value.upper()
            if facet.known(value) and value not in values:
                values.append(value)
            if len(values) >= most_values:
                break
        if values:
            chosen[facet.name] = values
    return chosen


def parse_params(data, *, private: bool = False) -> SearchParams:
    """Read search parameters from a QueryDict, ignoring anything malformed.

    ``private``: the visitor is a professional, whose own filters are read
    too; for anyone else they are ignored like any unknown parameter."""
    q, truncated = clean_query(data.get("q", "") or "")
    filters = {}
    most_values = limits.limit("search_max_values_per_facet")
    for facet in registry.names():
        values = []
        for raw in data.getlist(facet)[: most_values * 4]:
            value, _cut = clean_query(raw)
            value = value[:100]
            if value and value not in values:
                values.append(value)
            if len(values) >= most_values:
                break
        if values:
            filters[facet] = values
    letter = (data.get("letter") or "").lower()
    sort = data.get("sort") or ""
    page = (
        parse_int(data.get("page"), low=1, high=limits.limit("archive_search_max_page"))
        or 1
    )
    return SearchParams(
        q=q,
        q_truncated=truncated,
        filters=filters,
        letter=letter if letter in LETTERS else None,
        sort=sort if sort in SORTS else "",
        page=page,
        private=_private_filters(data, most_values) if private else {},
    )


# -- text query ------------------------------------------------------------------
def _has_prefix(word: str) -> bool:
    return SearchTerm.objects.filter(term__gte=word, term__lt=word + "{").exists()


def _edits(word: str) -> set[str]:
    """Every word one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return (deletes | swaps | replaces | inserts) - {word}


def _known(candidates: set[str]) -> list[str]:
    """Candidates that are words of the index, most frequent first."""
    found = SearchTerm.objects.filter(term__in=candidates).order_by(
        "-frequency", "term"
    )
    return list(found.values_list("term", flat=True)[:8])


def build_query(text: str) -> Query:
    """The text query: every word must match, as a prefix, or with one typo."""
    query = Query()
    most_words = limits.limit("search_max_words")
    typed = words(text)[:most_words]
    folded = fold(text).split()[:most_words]  # the same words, before skeletons
    for position, word in enumerate(typed, start=1):
        # The last word is still being typed: any prefix of it counts.
        alternatives = [Term(word, prefix=len(word) >= 2 or position == len(typed))]
        # Another form of the word, in either language: synopses are indexed
        # by stem too.
        alternatives += [Term(stem) for stem in word_stems(folded[position - 1])]
        if len(word) >= TYPO_MIN_LENGTH and not _has_prefix(word):
            alternatives += [Term(known) for known in _known(_edits(word))]
        query.words.append(alternatives)
    if is_abjad(text):
        query.consonants = consonant_words(text)[:most_words]
    query.head = "".join(typed)
    return query


def did_you_mean(text: str) -> str | None:
    """A respelling of ``text`` whose words all occur in the index, if one is close."""
    corrected, changed = [], False
    typed = list(spellings(text).items())[: limits.limit("search_max_words")]
    for word, spelling in typed:
        if _has_prefix(word):
            corrected.append(spelling)
            continue
        near = _known(_edits(word)) if len(word) >= 3 else []
        if not near and len(word) >= 3:
            pool = SearchTerm.objects.filter(
                term__gte=word[0], term__lt=word[0] + "{"
            ).values_list("term", flat=True)[:20000]
            near = difflib.get_close_matches(word, list(pool), n=1, cutoff=0.75)
        if not near:
            return None
        found = (
            SearchTerm.objects.filter(term=near[0])
            .values_list("spelling", flat=True)
            .first()
        )
        corrected.append(found or near[0])
        changed = True
    return " ".join(corrected) if changed else None


# -- facets ----------------------------------------------------------------------
@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    active: bool
    url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    private: bool = False  # shown to professionals only

    @property
    def active(self) -> list[FacetValue]:
        return [v for v in self.values if v.active]


# -- the search ------------------------------------------------------------------
@dataclass
class SuggestedFilter:
    """A facet value the query names, offered as a filter in place of its words."""

    facet: str
    value: str
    label: str  # the value's label; ``str()`` adds the facet's
    count: int  # films the filtered search finds
    q: str  # the query without the words that named the value
    url: str

    def __str__(self) -> str:
        return f"{registry[self.facet].label}: {self.label}"


# How long a page showing a search's results may be kept: they follow the
# search index, which no page tag follows (an edit to a film they show
# retires them sooner). The archive page and an editorial page's search
# block both keep to it.
RESULTS_FRESH_FOR = 60


@dataclass
class SearchResults:
    params: SearchParams
    total: int
    films: list[Film]
    page: int
    num_pages: int
    facets: list[Facet]
    people: list[Person] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    # Editorial pages matching the words, shown below everything else.
    pages: list = field(default_factory=list)
    suggestion: str | None = None
    suggestion_url: str = ""
    relaxations: list[tuple[str, str, int]] = field(default_factory=list)
    suggested_filters: list[SuggestedFilter] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    def page_url(self, number: int) -> str:
        return self.params.url(page=number)

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page - 1)

    @property
    def next_url(self) -> str:
        return self.page_url(self.page + 1)


def _tiers(index, match, named: np.ndarray | None = None) -> np.ndarray:
    """Rank tier of each matched slot (lower is better)."""
    tier = np.full(index.size, ELSEWHERE, dtype=np.int8)
    if named is not None:
        tier[named] = NAMED
    if match.best_column:
        ids = np.fromiter(match.best_column.keys(), dtype=np.int64)
        columns = np.fromiter(match.best_column.values(), dtype=np.int8)
        found = index.slots_of(ids)
        # slots_of drops invisible films; keep the columns of those it kept.
        keep = np.isin(ids, index.ids[found])
        tier[found] = np.minimum(tier[found], COLUMN_TIER_BASE + columns[keep])
    # Exact: the query is one of the film's titles. Prefix: its English or
    # Dutch title starts with the query.
    if match.prefix:
        tier[index.slots_of(sorted(match.prefix))] = PREFIX
    if match.exact:
        tier[index.slots_of(sorted(match.exact))] = EXACT
    return tier


def _order(index, slots: np.ndarray, sort: str, tier: np.ndarray | None) -> np.ndarray:
    if sort == "relevance" and tier is not None:
        keys = (index.title_rank[slots], -index.rank_year[slots], tier[slots])
    elif sort == "newest":
        year = np.where(index.year[slots] > 0, -index.year[slots], 1)
        keys = (index.title_rank[slots], year)
    elif sort == "oldest":
        year = np.where(index.year[slots] > 0, index.year[slots], 1_000_000)
        keys = (index.title_rank[slots], year)
    else:
        keys = (index.title_rank[slots],)
    return slots[np.lexsort(keys)]


def _names(model, kind: str, query: Query, phrase: str, limit: int):
    ids = get_backend().match_names(kind, query, limit=40)
    if not ids:
        return []
    found = list(
        model.objects.filter(pk__in=ids).annotate(credit_count=Count("credits"))
    )

    def rank(obj):
        key = " ".join(words(obj.name))
        return (key != phrase, not key.startswith(phrase), -obj.credit_count, obj.name)

    return sorted(found, key=rank)[:limit]


def matching_names(model, text: str, *, limit: int = 10) -> list:
    """People (``Person``) or companies (``Company``) whose names match
    ``text`` as the archive search matches them (prefixes, one typo, any
    script), best first: the whole name, then its start, then the most
    credited."""
    query = build_query(text)
    if not query.words:
        return []
    phrase = " ".join(words(text)[: limits.limit("search_max_words")])
    kind = {Person: "person", Company: "company"}[model]
    return _names(model, kind, query, phrase, limit)


@dataclass
class _Named:
    """Facet values the query names, and the films they bring in."""

    named: list  # named.Named, in query order
    having: list  # for each, the films having one of the values it names
    rest_mask: np.ndarray  # films matching the other words
    films: np.ndarray  # films matching the other words and every named value


@dataclass
class _Selection:
    base: np.ndarray  # matches of the words and letter, before facet filters
    chosen: dict[str, list]  # facet -> internal values asked for
    masks: dict[str, np.ndarray]  # facet -> films having one of those values
    slots: np.ndarray  # every film matching everything
    match: object | None  # the text match, for ranking
    named: _Named | None = None


def _named(params: SearchParams, index, vocabulary, query: Query) -> _Named | None:
    """Films having the facet values the query's words name, where the other
    words match: "netherlands" finds the Dutch films, "harbour netherlands"
    the Dutch films matching "harbour"."""
    named = named_values(
        words(params.q)[: limits.limit("search_max_words")], index, vocabulary
    )
    if not named:
        return None
    # The other words, as ``build_query`` read them (one entry per word).
    rest = Query(
        words=[
            alternatives
            for position, alternatives in enumerate(query.words)
            if not any(n.start <= position < n.end for n in named)
        ]
    )
    rest_mask = np.ones(index.size, dtype=bool)
    if rest:
        rest_mask[:] = False
        rest_mask[index.slots_of(get_backend().match_ids(rest))] = True
    having = []
    for one in named:
        mask = np.zeros(index.size, dtype=bool)
        for facet, values in one.values.items():
            mask |= index.mask(facet, values)
        having.append(mask)
    films = rest_mask.copy()
    for mask in having:
        films &= mask
    return _Named(named, having, rest_mask, films)


def _select(
    params: SearchParams, index, vocabulary, query: Query, availability=None
) -> _Selection:
    match = None
    named = None
    base = np.ones(index.size, dtype=bool)
    if params.q:
        base[:] = False
        if query:
            match = get_backend().match_films(query)
            base[index.slots_of(match.ids)] = True
        named = _named(params, index, vocabulary, query)
        if named is not None:
            base |= named.films
    if params.letter:
        base &= index.initial == params.letter
    chosen: dict[str, list] = {}
    for facet, values in params.filters.items():
        internal = [vocabulary.internal(facet, v) for v in values]
        chosen[facet] = [v for v in internal if v is not None]
    masks = {facet: index.mask(facet, values) for facet, values in chosen.items()}
    if availability is not None:
        for facet, values in params.private.items():
            masks[facet] = availability.mask(facet, values)
    final = base.copy()
    for mask in masks.values():
        final &= mask
    return _Selection(base, chosen, masks, np.flatnonzero(final), match, named)


def _ordered(params: SearchParams, index, selected: _Selection) -> np.ndarray:
    sort = params.effective_sort
    slots, match, named = selected.slots, selected.match, selected.named
    tier = None
    if sort == "relevance" and (match is not None or named) and len(slots):
        tier = _tiers(
            index,
            match or FilmMatch(ids=[], best_column={}),
            named.films if named else None,
        )
    return _order(index, slots, sort, tier)


def _suggested_filters(params, index, vocabulary, selected) -> list[SuggestedFilter]:
    """The named facet values not yet filtered on, each as a filter that
    replaces its words: "Country: Netherlands?"."""
    named = selected.named
    if named is None:
        return []
    filtered = named.rest_mask.copy()
    if params.letter:
        filtered &= index.initial == params.letter
    for mask in selected.masks.values():
        filtered &= mask
    suggestions = []
    for position, one in enumerate(named.named):
        # The filtered search still finds the values the other words name.
        within = filtered.copy()
        for other, mask in enumerate(named.having):
            if other != position:
                within &= mask
        rest = without_words(params.q, [(one.start, one.end)])
        for facet in (f.name for f in registry.named()):
            for value in one.values.get(facet, []):
                if value in selected.chosen.get(facet, []):
                    continue  # already filtered on
                if not vocabulary.known(facet, value):
                    continue
                count = int((within & index.mask(facet, [value])).sum())
                if not count:
                    continue
                external = vocabulary.external(facet, value)
                filters = {k: list(v) for k, v in params.filters.items()}
                filters.setdefault(facet, []).append(external)
                suggestions.append(
                    SuggestedFilter(
                        facet=facet,
                        value=external,
                        label=vocabulary.label(facet, value),
                        count=count,
                        q=rest,
                        url=params.url(q=rest, filters=filters),
                    )
                )
    return suggestions


def _availability(params: SearchParams, index, private: bool):
    if not private:
        return None
    return private_facets.availability_for(index)


def archive_film_ids(params: SearchParams, *, private: bool = False) -> list[int]:
    """Every film the search matches, in its order (for downloads)."""
    index = facet_store.current()
    query = build_query(params.q) if params.q else Query()
    availability = _availability(params, index, private)
    selected = _select(params, index, Vocabulary(), query, availability)
    return index.ids[_ordered(params, index, selected)].tolist()


def archive_search(
    params: SearchParams,
    *,
    offset: int | None = None,
    limit: int | None = None,
    private: bool = False,
) -> SearchResults:
    """Search the archive: one page of films, facet counts, matching people and
    companies, and suggestions when nothing matched.

    The page comes from ``params.page``, or from ``offset`` and ``limit`` when
    an offset is given (the API's cursors); the order is the same either way.
    ``private``: the visitor is a professional, who also gets the
    availability facets (``private_facets``).
    """
    index = facet_store.current()
    vocabulary = Vocabulary()
    query = build_query(params.q) if params.q else Query()
    phrase = " ".join(words(params.q)[: limits.limit("search_max_words")])
    availability = _availability(params, index, private)
    selected = _select(params, index, vocabulary, query, availability)
    base, chosen, masks, slots = (
        selected.base,
        selected.chosen,
        selected.masks,
        selected.slots,
    )
    total = len(slots)

    facet_list = []
    for facet in registry.names():
        within = base.copy()
        for other, mask in masks.items():
            if other != facet:
                within &= mask
        counts = index.counts(facet, within)
        for value in chosen.get(facet, []):
            counts.setdefault(value, 0)
        # Values of records deleted since the index was written are skipped.
        known = {v: n for v, n in counts.items() if vocabulary.known(facet, v)}
        values = [
            FacetValue(
                value=vocabulary.external(facet, value),
                label=vocabulary.label(facet, value),
                count=count,
                active=value in chosen.get(facet, []),
                url=params.toggled(facet, vocabulary.external(facet, value)),
            )
            for value, count in sorted(
                known.items(),
                key=lambda item: (
                    item[0] not in chosen.get(facet, []),
                    *vocabulary.order(facet, item[0], item[1]),
                ),
            )
        ]
        facet_list.append(
            Facet(name=facet, label=str(registry[facet].label), values=values)
        )
    if availability is not None:
        facet_list.extend(_private_facet_list(params, base, masks, availability))

    limit = limit or limits.limit("archive_search_page")
    num_pages = max(1, -(-total // limit))
    page = min(params.page, num_pages)
    ordered = _ordered(params, index, selected)
    start = offset if offset is not None else (page - 1) * limit
    page_ids = index.ids[ordered[start : start + limit]].tolist()
    by_id = films_for_cards(Film.objects.filter(pk__in=page_ids)).in_bulk()
    results = SearchResults(
        params=params,
        total=total,
        films=[by_id[i] for i in page_ids if i in by_id],
        page=page,
        num_pages=num_pages,
        facets=facet_list,
        suggested_filters=_suggested_filters(params, index, vocabulary, selected),
    )
    if params.q and query.words and page == 1:
        results.people = _names(Person, "person", query, phrase, limit=4)
        results.companies = _names(Company, "company", query, phrase, limit=3)
        results.pages = search_pages(params.q, limit=4)
    if not total:
        _explain_nothing(results, index, base, masks, vocabulary, chosen)
    return results


def _private_facet_list(params, base, masks, availability) -> list[Facet]:
    """The professionals' facets, counted like the others: within every
    filter but their own."""
    facet_list = []
    for facet in private_facets.FACETS:
        within = base.copy()
        for other, mask in masks.items():
            if other != facet.name:
                within &= mask
        counts = availability.counts(facet.name, within)
        asked = params.private.get(facet.name, [])
        for value in asked:
            counts.setdefault(value, 0)
        values = [
            FacetValue(
                value=value,
                label=facet.value_label(value),
                count=count,
                active=value in asked,
                url=params.toggled(facet.name, value),
            )
            for value, count in sorted(
                counts.items(),
                key=lambda item: (item[0] not in asked, -item[1], item[0]),
            )
        ]
        facet_list.append(
            Facet(name=facet.name, label=str(facet.label), values=values, private=True)
        )
    return facet_list


def _explain_nothing(results, index, base, masks, vocabulary, chosen) -> None:
    """Suggest a respelling, and which filter to drop to get results back."""
    params = results.params
    if params.q:
        suggestion = did_you_mean(params.q)
        if suggestion and words(suggestion) != words(params.q):
            results.suggestion = suggestion
            results.suggestion_url = params.url(q=suggestion)
    for facet, values in chosen.items():
        others = base.copy()
        for other, mask in masks.items():
            if other != facet:
                others &= mask
        count = int(others.sum())
        if count:
            label = ", ".join(
                vocabulary.label(facet, v) for v in values if vocabulary.known(facet, v)
            )
            results.relaxations.append(
                (
                    f"{registry[facet].label}: {label}",
                    params.url(
                        filters={k: v for k, v in params.filters.items() if k != facet}
                    ),
                    count,
                )
            )


__all__ = [
    "LETTERS",
    "SORTS",
    "SearchParams",
    "SearchResults",
    "SuggestedFilter",
    "archive_search",
    "build_query",
    "did_you_mean",
    "parse_params",
]
