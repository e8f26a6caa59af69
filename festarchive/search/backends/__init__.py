"""Full-text storage and matching, one module per database.

Both backends take the same pre-normalised words (see ``normalise``) and give
the same answers; only the machinery differs: FTS5 on SQLite, ``tsvector``
with the ``simple`` configuration and GIN indexes on PostgreSQL.
"""

from django.db import connection

from .base import FilmText, Query, SearchBackend


def get_backend(conn=None) -> SearchBackend:
    conn = conn or connection
    if conn.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend(conn)
    from .sqlite import SqliteBackend

    return SqliteBackend(conn)


__all__ = ["FilmText", "Query", "SearchBackend", "get_backend"]
