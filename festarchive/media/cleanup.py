"""Removing stored files that no row refers to any more.

A file belongs to every row that names it, not to one: uploads of the same
picture share a content-hash name, and the catalogue import deletes a film's
image rows and inserts them again, naming the same files, in one transaction.
So a file let go of (its row deleted, or its field given another file or
cleared) is only looked at once the transaction has committed, and removed,
with its renditions, only if no row of any model with a file field names it
then. Nothing is looked at when the transaction rolls back.

``orphaned_media_remove`` (the ``remove_orphaned_media`` command) sweeps up
what this cannot see: files written for a change that was rolled back, rows
changed by SQL, and files from before deletions removed them.
"""

import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache, reduce
from operator import or_
from pathlib import PurePosixPath

from django.apps import apps
from django.db import connections, models, transaction
from django.utils import timezone

from .renditions import forget_rendition, rendition_folder, rendition_storage
from .uploads import STORAGE_ERRORS

logger = logging.getLogger(__name__)

RENDITIONS = "renditions"
CHUNK = 500  # names a query asks about at once, well below SQLite's limit


@cache
def file_fields() -> tuple[tuple[type[models.Model], models.FileField], ...]:
    """Every file field of every installed model, with its model."""
    return tuple(
        (model, model_field)
        for model in apps.get_models()
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, models.FileField)
    )


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def referenced_names(storage, names: Iterable[str]) -> set[str]:
    """Those of ``names`` (files in ``storage``) that some row names."""
    names = sorted(set(names))
    found: set[str] = set()
    for model, model_field in file_fields():
        if model_field.storage is not storage:
            continue
        for chunk in _chunks(names):
            found.update(
                model._base_manager.filter(
                    **{f"{model_field.attname}__in": chunk}
                ).values_list(model_field.attname, flat=True)
            )
    return found


def _rendition_folders_in_use(folders: set[str]) -> set[str]:
    """Those of ``folders`` that a file some row names has its renditions in.

    Two originals share a folder when only their extensions differ (names
    given by an import); content-hash names never do.
    """
    stems = sorted({PurePosixPath(folder).name for folder in folders})
    in_use: set[str] = set()
    for model, model_field in file_fields():
        for chunk in _chunks(stems):
            named = reduce(
                or_,
                (models.Q(**{f"{model_field.attname}__contains": s}) for s in chunk),
            )
            for name in model._base_manager.filter(named).values_list(
                model_field.attname, flat=True
            ):
                if rendition_folder(name) in folders:
                    in_use.add(rendition_folder(name))
    return in_use


def _walk(storage, folder: str) -> Iterator[str]:
    """The names of every file under ``folder`` in ``storage``."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for name in folders:
        yield from _walk(storage, f"{folder}/{name}")


def _delete(storage, name: str) -> bool:
    """Delete one file; a storage failure is logged, and the sweep picks the
    file up later."""
    try:
        storage.delete(name)
    except STORAGE_ERRORS as error:
        logger.warning("could not delete %s from the media storage: %s", name, error)
        return False
    return True


def _drop_empty_folders(storage, folders: Iterable[str]) -> None:
    """Remove folders left empty, deepest first. Object storage has no
    folders; a local one keeps them unless told, and the storage API cannot."""
    for folder in sorted(set(folders), key=lambda f: -f.count("/")):
        try:
            os.rmdir(storage.path(folder))
        except (NotImplementedError, OSError):
            pass  # not a local storage, not empty, or already gone


def _remove_renditions(folders: set[str]) -> None:
    storage = rendition_storage()
    emptied = set()
    for folder in sorted(folders):
        for name in _walk(storage, folder):
            if _delete(storage, name):
                forget_rendition(name)
        emptied.add(folder)
    _drop_empty_folders(storage, emptied)


def remove_unreferenced(*, storage, names: Iterable[str]) -> set[str]:
    """Delete those of ``names`` (files in ``storage``) that no row names, and
    their renditions; return the names deleted."""
    names = {name for name in names if name}
    if not names:
        return set()
    gone = names - referenced_names(storage, names)
    for name in sorted(gone):
        _delete(storage, name)
    folders = {rendition_folder(name) for name in gone}
    if folders:
        _remove_renditions(folders - _rendition_folders_in_use(folders))
    return gone


class _Removal:
    """Files let go of under the same savepoints of one transaction, looked
    at together when it commits (an import lets go of thousands)."""

    def __init__(self):
        self.names: dict[object, set[str]] = defaultdict(set)
        self.done = False

    def __call__(self) -> None:
        self.done = True
        for storage, names in self.names.items():
            remove_unreferenced(storage=storage, names=names)


def remove_after_commit(*, storage, names: Iterable[str], using: str) -> None:
    """Delete the files ``names`` once the current transaction commits, unless
    a row names them then; at once outside a transaction; never if it rolls
    back."""
    names = {name for name in names if name}
    if not names:
        return
    conn = connections[using]
    removal = None
    if conn.in_atomic_block:
        # Join the removal already waiting under the same savepoints: a
        # savepoint rolled back takes its callbacks, so names joined here go
        # with it, exactly as a callback of their own would (see pagecache's
        # ``_pending``). A removal that has run (tests run callbacks without
        # committing) takes no more.
        here = set(conn.savepoint_ids)
        removal = next(
            (
                func
                for sids, func, _robust in reversed(conn.run_on_commit)
                if isinstance(func, _Removal) and not func.done and sids == here
            ),
            None,
        )
    if removal is None:
        removal = _Removal()
        # Names first: outside a transaction the removal runs at once.
        removal.names[storage].update(names)
        # robust: a storage failure after the commit is logged, never turned
        # into an error for a change already saved.
        transaction.on_commit(removal, using=using, robust=True)
    else:
        removal.names[storage].update(names)


@dataclass
class OrphanReport:
    files: list[tuple[str, int]] = field(default_factory=list)  # (name, bytes)
    too_recent: int = 0  # orphans left alone for their age
    dry_run: bool = False

    @property
    def total_bytes(self) -> int:
        return sum(size for _name, size in self.files)


def _upload_folders() -> dict[object, set[str]]:
    """The folders file fields upload into, by storage: only these (and the
    renditions) are swept, so nothing else kept in the storage is touched."""
    folders: dict[object, set[str]] = defaultdict(set)
    for _model, model_field in file_fields():
        upload_to = model_field.upload_to
        if isinstance(upload_to, str):
            # A date pattern ("films/%Y/") is swept from the part before it.
            folder = upload_to.split("%")[0].strip("/")
            if folder:
                folders[model_field.storage].add(folder)
    return folders


def _all_named() -> tuple[dict[object, set[str]], set[str]]:
    """Every name some row names, by storage, and their rendition folders."""
    names: dict[object, set[str]] = defaultdict(set)
    for model, model_field in file_fields():
        names[model_field.storage].update(
            model._base_manager.exclude(**{model_field.attname: ""})
            .values_list(model_field.attname, flat=True)
            .iterator()
        )
    folders = {rendition_folder(name) for named in names.values() for name in named}
    return names, folders


def _rendition_folder_of(name: str) -> str:
    """``renditions/<folder>/<stem>`` of a stored rendition's name."""
    return "/".join(name.split("/")[:3])


def orphaned_media_remove(
    *, dry_run: bool = False, min_age: timedelta = timedelta(hours=1)
) -> OrphanReport:
    """Find the stored files no row names (originals, posters, videos) and the
    renditions of originals no row names, and delete them unless ``dry_run``.

    The storage is listed before the rows are read, so a file whose row
    commits meanwhile counts as named. Files younger than ``min_age`` are
    left alone: an upload writes its file before its row commits.
    """
    report = OrphanReport(dry_run=dry_run)
    renditions = rendition_storage()
    listed = [
        (storage, name, False)
        for storage, folders in _upload_folders().items()
        for folder in sorted(folders)
        for name in _walk(storage, folder)
    ] + [(renditions, name, True) for name in _walk(renditions, RENDITIONS)]
    named, folders_in_use = _all_named()
    cutoff = timezone.now() - min_age
    orphans = []
    for storage, name, is_rendition in listed:
        if is_rendition:
            if _rendition_folder_of(name) in folders_in_use:
                continue
        elif name in named[storage]:
            continue
        try:
            if min_age and storage.get_modified_time(name) > cutoff:
                report.too_recent += 1
                continue
            size = storage.size(name)
        except FileNotFoundError:
            continue  # deleted since it was listed
        orphans.append((storage, name, is_rendition))
        report.files.append((name, size))
    if dry_run:
        return report
    emptied = set()
    for storage, name, is_rendition in orphans:
        if _delete(storage, name) and is_rendition:
            forget_rendition(name)
            emptied.add(_rendition_folder_of(name))
    _drop_empty_folders(renditions, emptied)
    return report
