"""Whether the process, and what it depends on, can serve."""

import uuid

from django.core.cache import cache
from django.db import connections


def database_ready() -> str | None:
    """None when every database answers, else what went wrong."""
    for alias in connections:
        connection = connections[alias]
        for attempt in (1, 2):
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                    cursor.fetchone()
                break
            except Exception as error:  # noqa: BLE001 - any failure means not ready
                # A connection opened before the database went away fails even
                # once it is back; only a new one tells whether it is.
                connection.close()
                if attempt == 2:
                    return f"database {alias}: {type(error).__name__}"
    return None


def cache_ready() -> str | None:
    """None when the cache stores and returns a value, else what went wrong."""
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"
    try:
        cache.set(key, value, 10)
        if cache.get(key) != value:
            return "cache: a value set could not be read back"
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return f"cache: {type(error).__name__}"
    return None
