"""What a public page shows, and what a write changes, as tags.

A tag names a record: ``film:123``, ``person:45``, ``edition:7``. A cached
page carries the tags of every record it showed; a write retires the tags of
the records it changed, and with them exactly the pages that showed them (in
the page cache and in a purging proxy: festarchive.ops.pagecache).

**Reading.** While a public page renders, every row of a shown model loaded
from the database adds its own tag (``Model.from_db``, through the
``post_init`` signal, for the shown models only), so a page is tagged with
what it read without declaring it. A page that lists every record of a kind,
whatever it is (all festivals), also says so with ``show("festivals")``: a
collection tag, retired whenever such a record is created or deleted.

**Writing.** A row saved or deleted through the models retires its own tag
and those of the records whose pages show it (``OWNERS``: a credit is shown
on its film's page and its person's, not on its role's), before and after
the change (a credit moved to another person retires both people); a row
created or deleted also retires its kind's collection tag. Writes that go
round the models (a queryset's ``update()``, ``bulk_create``, raw SQL) name
what they change with ``writing(tags)``; one that names nothing retires
``ALL``, every page, as the page cache did for every write before tags.
Tags are retired when the transaction commits, and not at all if it rolls
back.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.apps import apps
from django.db import connections, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_delete,
    pre_save,
)

# Every cached page carries it: retiring it retires every page.
ALL = "all"

# The apps whose records the public pages show, and the models of theirs
# that no public page shows (their writes retire nothing).
SHOWN_APPS = ("catalogue", "festival", "programme")
NOT_SHOWN = {
    "catalogue.distinctpair",  # staff's "these two are different people"
    "catalogue.filmprovenance",  # shown to staff only, whose pages are fresh
    "catalogue.personformerslug",
    "catalogue.companyformerslug",
    "programme.planner",  # a visitor's own, never on a public page
    "programme.plannedscreening",
}
# Foreign keys to records whose pages do not show the rows that point to
# them: a vocabulary's pages (if any) do not list every credit of a role.
NOT_OWNERS = {"catalogue.role", "festival.premierestatus"}

# More tags than this on one page, of one kind, become that kind's
# collection tag: a proxy's header stays short, and such a page (a long
# filmography) is retired by any change of that kind's collection.
MOST_OF_A_KIND = 200


def tag(model, pk) -> str:
    return f"{model._meta.model_name}:{pk}"


def collection(model) -> str:
    """The tag of 'any record of this kind' (``films``), for lists of them."""
    return f"{model._meta.model_name}s"


def is_shown(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in SHOWN_APPS
        and meta.label_lower not in NOT_SHOWN
        and not meta.model_name.startswith("historical")
        and not meta.auto_created
    )


# -- reading ---------------------------------------------------------------
_shown: ContextVar[set | None] = ContextVar("festarchive_page_tags", default=None)


@contextmanager
def collecting():
    """Collect the tags of what is shown while the block runs; yields the set."""
    tags = {ALL}
    token = _shown.set(tags)
    try:
        yield tags
    finally:
        _shown.reset(token)


def show(*tags: str) -> None:
    """Add tags to the page being rendered (a collection it lists)."""
    collected = _shown.get()
    if collected is not None:
        collected.update(tags)


def _loaded(sender, instance, **kwargs) -> None:
    collected = _shown.get()
    if collected is not None and instance.pk is not None:
        collected.add(f"{sender._meta.model_name}:{instance.pk}")


def page_tags(tags: set[str]) -> list[str]:
    """A page's tags in a stable order, a kind with more than
    ``MOST_OF_A_KIND`` of them folded into its collection tag."""
    kinds: dict[str, list[str]] = {}
    for name in tags:
        kinds.setdefault(name.split(":", 1)[0] if ":" in name else "", []).append(name)
    result = set()
    for kind, names in kinds.items():
        if kind and len(names) > MOST_OF_A_KIND:
            result.add(f"{kind}s")
        else:
            result.update(names)
    return sorted(result)


# -- writing ---------------------------------------------------------------
def written_tags(instance, *, created_or_deleted: bool = False) -> set[str]:
    """The tags a change to this row retires: its own, its owners'."""
    model = type(instance)
    tags = {tag(model, instance.pk)} if instance.pk is not None else set()
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.related_model._meta.label_lower in NOT_OWNERS:
            continue
        value = getattr(instance, field.attname)
        if value is not None:
            tags.add(tag(field.related_model, value))
    if created_or_deleted:
        tags.add(collection(model))
    return tags


_RETIRER = None


def set_retirer(retire) -> None:
    """What retires tags once their transaction commits (the page cache's)."""
    global _RETIRER
    _RETIRER = retire


def retire_on_commit(tags, using: str = "default") -> None:
    """Retire ``tags`` when the current transaction commits (at once outside
    one); one retirement per transaction, gathering every write's tags."""
    if not tags or _RETIRER is None:
        return
    conn = connections[using]
    pending = conn.run_on_commit if conn.in_atomic_block else []
    for *_savepoints, func, _robust in pending:
        if getattr(func, "func", None) is _retire_after_commit:
            func.args[0].update(tags)
            return
    transaction.on_commit(partial(_retire_after_commit, set(tags), using), using=using)


def _retire_after_commit(tags: set[str], using: str) -> None:
    _RETIRER(tags, using=using)


# Rows loaded before a change, by identity, with the tags they had then: a
# change that moves a row (a credit to another person) retires both sides.
_before: dict[int, set[str]] = {}
# How deep in a model's save or delete this thread is: writes to shown
# tables outside one (and outside ``writing``) name nothing, and retire ALL.
_depth: ContextVar[int] = ContextVar("festarchive_tracked_writes", default=0)


def _pre_save(sender, instance, raw=False, **kwargs) -> None:
    _depth.set(_depth.get() + 1)
    if instance.pk is not None and not instance._state.adding:
        _before[id(instance)] = getattr(instance, "_page_tags_loaded", set())


def _post_save(sender, instance, created=False, raw=False, using="default", **kw):
    _depth.set(max(_depth.get() - 1, 0))
    tags = written_tags(instance, created_or_deleted=created)
    tags |= _before.pop(id(instance), set())
    retire_on_commit(tags, using=using)
    instance._page_tags_loaded = written_tags(instance)


def _pre_delete(sender, instance, **kwargs) -> None:
    _depth.set(_depth.get() + 1)


def _post_delete(sender, instance, using="default", **kwargs) -> None:
    _depth.set(max(_depth.get() - 1, 0))
    retire_on_commit(written_tags(instance, created_or_deleted=True), using=using)


def _m2m_changed(sender, instance, action, model, pk_set, using="default", **kw):
    if action.startswith("pre_"):
        _depth.set(_depth.get() + 1)
        return
    _depth.set(max(_depth.get() - 1, 0))
    tags = written_tags(instance)
    tags.update(tag(model, pk) for pk in pk_set or ())
    retire_on_commit(tags, using=using)


def _remember_loaded(sender, instance, **kwargs) -> None:
    """A row as loaded: the tags its change must retire, whatever it becomes."""
    _loaded(sender, instance)
    if instance.pk is not None:
        instance._page_tags_loaded = written_tags(instance)


def in_tracked_write() -> bool:
    """Whether a statement now runs inside a save, a delete or ``writing``."""
    return _depth.get() > 0


@contextmanager
def writing(*tags: str, using: str = "default"):
    """Writes inside the block go round the models; ``tags`` say what they
    change, so only those pages are retired (not every page)."""
    _depth.set(_depth.get() + 1)
    try:
        yield
    finally:
        _depth.set(max(_depth.get() - 1, 0))
    retire_on_commit(set(tags), using=using)


def watch_shown_models() -> None:
    """Connect the signals to every shown model (called once, at start)."""
    for model in apps.get_models():
        if not is_shown(model):
            continue
        uid = f"festarchive-pagetags-{model._meta.label_lower}"
        post_init.connect(_remember_loaded, sender=model, dispatch_uid=uid)
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid)
        post_save.connect(_post_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(_pre_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _m2m_changed, sender=field.remote_field.through, dispatch_uid=uid
            )
