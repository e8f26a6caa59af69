"""Facet values of every visible film, held in memory as numpy arrays.

Counting eight facets over 100,000 films with SQL ``GROUP BY`` takes hundreds of
milliseconds; over arrays it takes a few. Each process keeps one ``FacetIndex``
and reloads the documents whose ``version`` moved since it last looked (one
cheap ``MAX(version)`` query per search), so staff edits show up on the next
search in every process. An edit rewrites its films' slots in a copy of the
arrays (``FacetIndex.updated``); only a film added or hidden, or a rebuilt
index, reads every film again.
"""

import gc
import json
import threading
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import Max, Min

from festarchive.core import speedups

from .facet_types import registry
from .models import SearchDocument

# The names of the built-in facets, in display order (code reads the registry,
# which tests may add to).
FACETS = registry.names()
# Versions are milliseconds; a write may commit up to this long after another
# write with a later version, so reloads look back this far.
RELOAD_MARGIN_MS = 120_000


@dataclass
class _Pairs:
    """One facet as (film slot, value code) pairs, and the values by code."""

    slots: np.ndarray
    codes: np.ndarray
    values: list

    def code_of(self, value) -> int | None:
        try:
            return self.values.index(value)
        except ValueError:
            return None


class FacetIndex:
    """Facet values and sort keys of the visible films, by slot (0..n-1).

    ``rows`` maps film ids to their facets as JSON text: kept as strings, a
    hundred thousand of them cost the garbage collector nothing to walk.
    """

    def __init__(self, rows: dict[int, str]):
        self.ids = np.array(sorted(rows), dtype=np.int64)
        self.size = len(self.ids)
        ordered = [json.loads(rows[film_id]) for film_id in self.ids.tolist()]
        self.year = np.array([f.get("year") or 0 for f in ordered], dtype=np.int32)
        self.rank_year = np.array(
            [f.get("rank_year") or 0 for f in ordered], dtype=np.int32
        )
        self.initial = np.array([f.get("initial") or "#" for f in ordered], dtype="<U1")
        self.sort_keys = [f.get("sort") or "" for f in ordered]
        self._order_titles()
        self.pairs: dict[str, _Pairs] = {}
        self.facets = registry.names()
        for facet in registry:
            values: list = []
            codes_of: dict = {}
            slots, codes = [], []
            read = facet.values
            for slot, document in enumerate(ordered):
                for value in dict.fromkeys(read(document)):
                    code = codes_of.get(value)
                    if code is None:
                        code = codes_of[value] = len(values)
                        values.append(value)
                    slots.append(slot)
                    codes.append(code)
            self.pairs[facet.name] = _Pairs(
                slots=np.array(slots, dtype=np.int64),
                codes=np.array(codes, dtype=np.int64),
                values=values,
            )

    def _order_titles(self) -> None:
        keys = self.sort_keys
        by_title = sorted(range(self.size), key=lambda i: (keys[i], i))
        self.title_order = np.array(by_title, dtype=np.int64)
        self.title_rank = np.empty(self.size, dtype=np.int64)
        self.title_rank[self.title_order] = np.arange(self.size)

    def updated(self, changed: dict[int, str]) -> "FacetIndex | None":
        """A copy with the facets of films already here replaced by
        ``changed`` (film id -> facets as JSON text): an edit costs its own
        films, not a reading of every film. None when a film is new, which
        moves every slot after it (the caller builds the index afresh).

        The arrays of this index are never written to: a search running on it
        in another thread keeps seeing the films as they were."""
        ids = np.array(sorted(changed), dtype=np.int64)
        slots = np.searchsorted(self.ids, ids)
        if not len(ids) or (slots >= self.size).any() or (self.ids[slots] != ids).any():
            return None
        documents = [json.loads(changed[film_id]) for film_id in ids.tolist()]
        new = object.__new__(FacetIndex)
        new.ids, new.size, new.facets = self.ids, self.size, self.facets
        new.year, new.rank_year = self.year.copy(), self.rank_year.copy()
        new.initial = self.initial.copy()
        new.sort_keys = self.sort_keys
        resort = False
        for slot, document in zip(slots.tolist(), documents, strict=True):
            new.year[slot] = document.get("year") or 0
            new.rank_year[slot] = document.get("rank_year") or 0
            new.initial[slot] = document.get("initial") or "#"
            if (document.get("sort") or "") != self.sort_keys[slot]:
                if not resort:
                    new.sort_keys, resort = list(self.sort_keys), True
                new.sort_keys[slot] = document.get("sort") or ""
        if resort:
            new._order_titles()
        else:
            new.title_order, new.title_rank = self.title_order, self.title_rank
        new.pairs = {}
        for facet in registry:
            old = self.pairs[facet.name]
            values = list(old.values)
            codes_of = {value: code for code, value in enumerate(values)}
            add_slots, add_codes = [], []
            for slot, document in zip(slots.tolist(), documents, strict=True):
                for value in dict.fromkeys(facet.values(document)):
                    code = codes_of.get(value)
                    if code is None:
                        code = codes_of[value] = len(values)
                        values.append(value)
                    add_slots.append(slot)
                    add_codes.append(code)
            keep = ~np.isin(old.slots, slots)
            new.pairs[facet.name] = _Pairs(
                slots=np.concatenate(
                    [old.slots[keep], np.array(add_slots, dtype=np.int64)]
                ),
                codes=np.concatenate(
                    [old.codes[keep], np.array(add_codes, dtype=np.int64)]
                ),
                values=values,
            )
        return new

    def slots_of(self, film_ids) -> np.ndarray:
        """Slots of the given film ids; ids of invisible films are dropped."""
        ids = np.asarray(film_ids, dtype=np.int64)
        if not len(ids) or not self.size:
            return np.array([], dtype=np.int64)
        slots = np.searchsorted(self.ids, ids)
        slots[slots >= self.size] = 0
        return slots[self.ids[slots] == ids]

    def mask(self, facet: str, values) -> np.ndarray:
        """Films having any of ``values`` in ``facet``."""
        pairs = self.pairs[facet]
        codes = [c for c in (pairs.code_of(v) for v in values) if c is not None]
        selected = np.zeros(self.size, dtype=bool)
        if codes:
            selected[pairs.slots[np.isin(pairs.codes, codes)]] = True
        return selected

    def counts(self, facet: str, within: np.ndarray) -> dict:
        """How many films in the ``within`` mask have each value of ``facet``."""
        pairs = self.pairs[facet]
        if not len(pairs.codes):
            return {}
        tally = np.bincount(
            pairs.codes[within[pairs.slots]], minlength=len(pairs.values)
        )
        return {
            pairs.values[code]: int(n) for code, n in enumerate(tally.tolist()) if n
        }


class _Cache:
    def __init__(self):
        self.lock = threading.Lock()
        self.states: dict[str, tuple[int, dict[int, str], FacetIndex]] = {}


_cache = _Cache()


def current() -> FacetIndex:
    """This process's facet index, brought up to date with the database."""
    alias = connection.alias
    latest = SearchDocument.objects.aggregate(latest=Max("version"))["latest"] or 0
    names = registry.names()
    state = _cache.states.get(alias)
    if state and state[0] == latest and state[2].facets == names:
        return state[2]
    with _cache.lock:
        state = _cache.states.get(alias)
        if state and state[0] == latest and state[2].facets == names:
            return state[2]
        if state and state[0] <= latest:
            # Only this lock's holder reads or writes the rows: they change
            # in place, without a copy of every film's facets.
            rows = state[1]
            since = state[0] - RELOAD_MARGIN_MS
        else:
            rows, since, state = {}, None, None
        oldest = SearchDocument.objects.aggregate(oldest=Min("version"))["oldest"]
        if state and (oldest or 0) > state[0]:
            # Every document was written since the last look (rebuild_index):
            # those of films gone meanwhile vanished without a trace.
            rows, since, state = {}, None, None
        documents = _documents(since)
        changed, gone = {}, False
        for film_id, visible, facets in documents:
            if visible:
                if rows.get(film_id) != facets:
                    changed[film_id] = facets
                rows[film_id] = facets
            else:
                gone = gone or film_id in rows
                rows.pop(film_id, None)
        index = None
        if state and state[2].facets == names and not gone:
            # Edits change a few films: their slots are rewritten in a copy.
            index = state[2].updated(changed) if changed else state[2]
        if index is None:
            index = FacetIndex(rows)
            # What is alive now (the index, Django's and the libraries' own
            # structures) lives as long as the process: keep the collector
            # from walking it on every full collection, a pause of tens of
            # milliseconds.
            if speedups.enabled("frozen-heap"):
                gc.collect()
                gc.freeze()
        _cache.states[alias] = (latest, rows, index)
        return index


def _documents(since: int | None):
    """(film id, visible, facets as JSON text) of documents changed after ``since``."""
    table = SearchDocument._meta.db_table
    sql = f"SELECT film_id, is_visible, CAST(facets AS TEXT) FROM {table}"  # noqa: S608
    params = []
    if since is not None:
        sql += " WHERE version > %s"
        params.append(since)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def forget() -> None:
    """Drop every cached facet index (tests start each case from its own data)."""
    with _cache.lock:
        _cache.states.clear()
