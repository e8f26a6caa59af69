"""Database settings for the few operations that write a great deal at once."""

from django.db import connection

# Bulk writes keep their pages in memory rather than spilling them into SQLite's
# write-ahead log mid-transaction: every spilled page makes each later read
# search a longer log, and a 100,000-film write slows down as it goes.
BULK_CACHE_KIB = 1024 * 1024


def prepare_bulk_write() -> None:
    """Give this connection a page cache big enough for a whole bulk write."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
