"""The storage of market-library screeners: ``STORAGES["private"]``, which no
public address reaches.

A file field evaluates a storage callable once, when its model class is
made; this stand-in looks ``STORAGES["private"]`` up on every use instead,
so the storage in use is always the one configured now (a test's own folder,
a settings module's change), never the one configured at import.
"""

from django.core.files.storage import Storage, storages

_DELEGATED = (
    "_open",
    "_save",
    "delete",
    "exists",
    "listdir",
    "size",
    "url",
    "path",
    "get_accessed_time",
    "get_created_time",
    "get_modified_time",
    "get_available_name",
    "get_alternative_name",
    "get_valid_name",
    "generate_filename",
)


class PrivateStorage(Storage):
    def __getattr__(self, name):
        # Anything else a backend has (``location``, ``base_url``…).
        return getattr(storages["private"], name)


def _delegate(name: str):
    def method(self, *args, **kwargs):
        return getattr(storages["private"], name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in _DELEGATED:
    setattr(PrivateStorage, _name, _delegate(_name))

private = PrivateStorage()
