"""The record every import leaves: one ImportBatch and one change record per
file, however many rows it wrote (a row's own history is the catalogue's)."""

import getpass
from collections import Counter

from festarchive.core.services import change_record

from .models import ImportBatch


def _shell_user() -> str:
    try:
        return getpass.getuser()[:150]
    except (KeyError, OSError):  # no login name in this environment
        return ""


def _plain(counts: dict) -> dict:
    """Counters as plain dicts of numbers, for JSON."""
    return {
        what: dict(sorted(n.items())) if isinstance(n, Counter | dict) else n
        for what, n in counts.items()
    }


def written_counts(report) -> dict:
    """What an import report says it created, updated and left unchanged."""
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
    }


def import_batch_record(
    *, kind: str, source: str, counts: dict, by=None
) -> ImportBatch:
    """Put a finished import on record; call it inside the import's
    transaction, after its rows are written."""
    user = by if by is not None and by.is_authenticated else None
    batch = ImportBatch.objects.create(
        kind=kind,
        source=str(source)[:300],
        by=user,
        run_by="" if user else _shell_user(),
        counts=_plain(counts),
    )
    change_record(
        obj=batch,
        action="import.completed",
        by=user,
        data={"kind": kind, "source": batch.source, "counts": batch.counts},
    )
    return batch
