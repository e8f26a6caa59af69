"""SQLite FTS5: one virtual table for films, one per kind of name."""

from .base import (
    ALL_COLUMNS,
    FILM_COLUMNS,
    NAME_KINDS,
    FilmMatch,
    FilmText,
    Query,
    SearchBackend,
)

FILM_TABLE = "search_film_fts"
NAME_TABLES = {kind: f"search_{kind}_fts" for kind in NAME_KINDS}
# Words are normalised before they get here, so the tokenizer only splits on
# spaces; prefix indexes make 'kova*' as fast as a whole word.
TOKENIZE = "tokenize='unicode61', prefix='2 3 4'"


def _phrase(word: str, prefix: bool) -> str:
    # Words are [a-z0-9]+ by construction; quoting them keeps FTS5 from reading
    # AND, OR, NOT or NEAR as operators.
    return f'"{word}"' + (" *" if prefix else "")


def _expression(query: Query) -> str:
    groups = [
        "(" + " OR ".join(_phrase(t.word, t.prefix) for t in alternatives) + ")"
        for alternatives in query.words
    ]
    return " AND ".join(groups)


def _consonant_expression(query: Query) -> str:
    return " AND ".join(_phrase(word, False) for word in query.consonants)


class SqliteBackend(SearchBackend):
    def _execute(self, sql: str, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def create_tables(self) -> None:
        columns = ", ".join(ALL_COLUMNS)
        self._execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FILM_TABLE} USING fts5({columns}, {TOKENIZE})"
        )
        for table in NAME_TABLES.values():
            self._execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(name, {TOKENIZE})"
            )

    def drop_tables(self) -> None:
        for table in (FILM_TABLE, *NAME_TABLES.values()):
            self._execute(f"DROP TABLE IF EXISTS {table}")

    def clear(self) -> None:
        for table in (FILM_TABLE, *NAME_TABLES.values()):
            self._execute(f"DELETE FROM {table}")

    def write_films(self, texts: list[FilmText], *, replace: bool = True) -> None:
        if not texts:
            return
        if replace:
            self.delete_films([t.film_id for t in texts])
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FILM_TABLE} (rowid, {', '.join(ALL_COLUMNS)}) "
                f"VALUES ({', '.join(['%s'] * (len(ALL_COLUMNS) + 1))})",
                [t.row() for t in texts],
            )

    def delete_films(self, film_ids: list[int]) -> None:
        for start in range(0, len(film_ids), 500):
            chunk = film_ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            self._execute(f"DELETE FROM {FILM_TABLE} WHERE rowid IN ({marks})", chunk)

    def write_names(self, kind: str, rows: list[tuple[int, str]]) -> None:
        if not rows:
            return
        self.delete_names(kind, [row[0] for row in rows])
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {NAME_TABLES[kind]} (rowid, name) VALUES (%s, %s)", rows
            )

    def delete_names(self, kind: str, ids: list[int]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            self._execute(
                f"DELETE FROM {NAME_TABLES[kind]} WHERE rowid IN ({marks})", chunk
            )

    def _match_expression(self, query: Query) -> str:
        parts = []
        if query.words:
            parts.append(f"{{{' '.join(FILM_COLUMNS)}}} : ({_expression(query)})")
        if query.consonants:
            parts.append(f"{{consonants}} : ({_consonant_expression(query)})")
        return " OR ".join(f"({part})" for part in parts)

    def match_ids(self, query: Query) -> list[int]:
        return self._ids(self._match_expression(query))

    def match_films(self, query: Query) -> FilmMatch:
        match = FilmMatch(ids=self.match_ids(query), best_column={})
        if not match.ids or not query.words:
            return match
        expression = _expression(query)
        # Only the columns above the last: a film missing from all of them
        # matched in the synopsis, or across columns.
        for index, column in enumerate(FILM_COLUMNS[:-1]):
            for film_id in self._ids(f"{{{column}}} : ({expression})"):
                match.best_column.setdefault(film_id, index)
        if query.head:
            match.exact = set(self._ids(f'{{heads otherheads}} : "{query.head}"'))
            match.prefix = set(self._ids(f'{{heads}} : "{query.head}" *'))
        return match

    def _ids(self, expression: str) -> list[int]:
        rows = self._execute(
            f"SELECT rowid FROM {FILM_TABLE} WHERE {FILM_TABLE} MATCH %s", [expression]
        )
        return [row[0] for row in rows]

    def match_names(self, kind: str, query: Query, limit: int) -> list[int]:
        if not query.words:
            return []
        table = NAME_TABLES[kind]
        rows = self._execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rank LIMIT %s",
            [_expression(query), limit],
        )
        return [row[0] for row in rows]

    def ranked_match(self, query: Query, limit: int = 20) -> list[int]:
        rows = self._execute(
            f"SELECT rowid FROM {FILM_TABLE} WHERE {FILM_TABLE} MATCH %s "
            "ORDER BY rank LIMIT %s",
            [self._match_expression(query), limit],
        )
        return [row[0] for row in rows]

    def optimise(self) -> None:
        # Merge the b-trees the bulk load left behind into one per index.
        for table in (FILM_TABLE, *NAME_TABLES.values()):
            self._execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        self._execute("ANALYZE")

    def size_bytes(self) -> int:
        rows = self._execute(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'"
        )
        return int(rows[0][0] or 0)
