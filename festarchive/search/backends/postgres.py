"""PostgreSQL: tsvector columns with the ``simple`` configuration and GIN indexes.

The words arrive normalised (folded, transliterated, reduced to skeletons), so
``simple`` (no stemming, no stop words) keeps them exactly as SQLite does.
"""

from .base import (
    ALL_COLUMNS,
    FILM_COLUMNS,
    HEAD_COLUMNS,
    NAME_KINDS,
    FilmMatch,
    FilmText,
    Query,
    SearchBackend,
)

FILM_TABLE = "search_film_fts"
NAME_TABLES = {kind: f"search_{kind}_fts" for kind in NAME_KINDS}


def _tsquery(query: Query) -> str:
    groups = [
        "("
        + " | ".join(t.word + (":*" if t.prefix else "") for t in alternatives)
        + ")"
        for alternatives in query.words
    ]
    return " & ".join(groups)


class PostgresBackend(SearchBackend):
    def _execute(self, sql: str, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def create_tables(self) -> None:
        columns = ", ".join(f"{c} tsvector" for c in ALL_COLUMNS)
        self._execute(
            f"CREATE TABLE IF NOT EXISTS {FILM_TABLE} (film_id bigint PRIMARY KEY, "
            f"{columns}, everything tsvector)"
        )
        self._execute(
            f"CREATE INDEX IF NOT EXISTS {FILM_TABLE}_everything ON {FILM_TABLE} USING gin (everything)"
        )
        # One GIN index per column that ranks, so each rank question is an
        # index lookup rather than a test on every matching row.
        for column in (*FILM_COLUMNS[:-1], "consonants", *HEAD_COLUMNS):
            self._execute(
                f"CREATE INDEX IF NOT EXISTS {FILM_TABLE}_{column} "
                f"ON {FILM_TABLE} USING gin ({column})"
            )
        for table in NAME_TABLES.values():
            self._execute(
                f"CREATE TABLE IF NOT EXISTS {table} (id bigint PRIMARY KEY, name tsvector)"
            )
            self._execute(
                f"CREATE INDEX IF NOT EXISTS {table}_name ON {table} USING gin (name)"
            )

    def drop_tables(self) -> None:
        for table in (FILM_TABLE, *NAME_TABLES.values()):
            self._execute(f"DROP TABLE IF EXISTS {table}")

    def clear(self) -> None:
        self._execute(f"TRUNCATE {FILM_TABLE}, {', '.join(NAME_TABLES.values())}")

    def write_films(self, texts: list[FilmText], *, replace: bool = True) -> None:
        if not texts:
            return
        columns = ", ".join(ALL_COLUMNS)
        vectors = ", ".join(["to_tsvector('simple', %s)"] * (len(ALL_COLUMNS) + 1))
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*ALL_COLUMNS, "everything"))
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FILM_TABLE} (film_id, {columns}, everything) "
                f"VALUES (%s, {vectors}) ON CONFLICT (film_id) DO UPDATE SET {updates}",
                [
                    (
                        *t.row(),
                        " ".join(
                            (t.title, t.other, t.directors, t.credits, t.synopsis)
                        ),
                    )
                    for t in texts
                ],
            )

    def delete_films(self, film_ids: list[int]) -> None:
        if film_ids:
            self._execute(
                f"DELETE FROM {FILM_TABLE} WHERE film_id = ANY(%s)", [list(film_ids)]
            )

    def write_names(self, kind: str, rows: list[tuple[int, str]]) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {NAME_TABLES[kind]} (id, name) VALUES (%s, to_tsvector('simple', %s)) "
                "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name",
                rows,
            )

    def delete_names(self, kind: str, ids: list[int]) -> None:
        if ids:
            self._execute(
                f"DELETE FROM {NAME_TABLES[kind]} WHERE id = ANY(%s)", [list(ids)]
            )

    def _where(self, query: Query) -> tuple[str, list]:
        parts, params = [], []
        if query.words:
            parts.append("everything @@ to_tsquery('simple', %s)")
            params.append(_tsquery(query))
        if query.consonants:
            parts.append("consonants @@ to_tsquery('simple', %s)")
            params.append(" & ".join(query.consonants))
        return " OR ".join(parts), params

    def _ids(self, where: str, params: list) -> list[int]:
        rows = self._execute(f"SELECT film_id FROM {FILM_TABLE} WHERE {where}", params)
        return [row[0] for row in rows]

    def match_ids(self, query: Query) -> list[int]:
        return self._ids(*self._where(query))

    def match_films(self, query: Query) -> FilmMatch:
        match = FilmMatch(ids=self.match_ids(query), best_column={})
        if not match.ids or not query.words:
            return match
        tsquery = _tsquery(query)
        # Only the columns above the last: a film missing from all of them
        # matched in the synopsis, or across columns.
        for index, column in enumerate(FILM_COLUMNS[:-1]):
            for film_id in self._ids(
                f"{column} @@ to_tsquery('simple', %s)", [tsquery]
            ):
                match.best_column.setdefault(film_id, index)
        if query.head:
            match.exact = set(
                self._ids(
                    "heads @@ to_tsquery('simple', %s) OR otherheads @@ to_tsquery('simple', %s)",
                    [query.head, query.head],
                )
            )
            match.prefix = set(
                self._ids("heads @@ to_tsquery('simple', %s)", [f"{query.head}:*"])
            )
        return match

    def match_names(self, kind: str, query: Query, limit: int) -> list[int]:
        if not query.words:
            return []
        table = NAME_TABLES[kind]
        rows = self._execute(
            f"SELECT id FROM {table}, to_tsquery('simple', %s) q WHERE name @@ q "
            "ORDER BY ts_rank(name, q) DESC, id LIMIT %s",
            [_tsquery(query), limit],
        )
        return [r[0] for r in rows]

    def ranked_match(self, query: Query, limit: int = 20) -> list[int]:
        where, params = self._where(query)
        rows = self._execute(
            f"SELECT film_id FROM {FILM_TABLE}, to_tsquery('simple', %s) q WHERE {where} "
            "ORDER BY ts_rank(everything, q) DESC LIMIT %s",
            [_tsquery(query) if query.words else "", *params, limit],
        )
        return [r[0] for r in rows]

    def optimise(self) -> None:
        # Rows written since the GIN indexes were built wait in each index's
        # pending list, which every query scans; merge them now, then let the
        # planner see the new tables (a rebuild runs in a transaction, where
        # VACUUM cannot).
        rows = self._execute(
            "SELECT indexrelid::regclass::text FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indrelid "
            "JOIN pg_am a ON a.oid = (SELECT relam FROM pg_class WHERE oid = i.indexrelid) "
            "WHERE a.amname = 'gin' AND c.relname LIKE 'search\\_%%'"
        )
        for (index,) in rows:
            self._execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        for table in (FILM_TABLE, *NAME_TABLES.values()):
            self._execute(f"ANALYZE {table}")

    def size_bytes(self) -> int:
        rows = self._execute(
            "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "WHERE c.relkind = 'r' AND c.relname LIKE 'search\\_%%'"
        )
        return int(rows[0][0])
