"""What a public page shows, and what a write changes, as tags.

A tag names a record (``film:123``, ``person:45``), a list of records
(``edition:7:selection``, the films selected for edition 7;
``edition:7:day:2026-11-20``, its screenings that festival day) or every
record of a kind (``films``). A cached page carries the tags of what it
showed; a write retires the tags of what it changed, and with them exactly
the pages that showed it (in the page cache and in a purging proxy:
festarchive.ops.pagecache).

**Reading.** While a public page renders, every row of a shown model loaded
from the database adds its own tag (through the ``post_init`` signal, for the
shown models only), so a page is tagged with the records it read without
declaring them. What a page lists, it declares with ``show()`` where it
queries the list: the lists of a *hub* (an edition's films, a screen's
screenings, a festival's editions: records that many pages show for their
name alone), a festival day's screenings, every record of a kind.

**Writing.** A row saved or deleted through the models retires, before and
after the change (a credit moved to another person retires both people):

- its own tag;
- the tags of the records it belongs to (``film:12`` for a credit of film 12:
  the pages that show film 12, its card included, show its credits); for a
  hub, the hub's list of such rows instead (``edition:7:selection``);
- the tags its model adds (``Screening.page_tags``: its festival day's list),
  and, when it joins or leaves such a list, the list of lists
  (``edition:7:day``: the timetable's day tabs);
- its kind's collection tag (``films``), when it is created or deleted.

**Cards.** A film listed on another page (a search's results, an edition's
films, a filmography) is shown as its card: its titles, year, runtime,
directors, countries, image and selection, never its synopsis. Rows loaded
for cards (``CardsQuerySet.as_cards()``: ``catalogue.queries.films_for_cards``)
tag the card (``filmcard:12``), not the record; a write that retires a
record's tag retires its card's too, except a save that changed only fields
no card shows (the model's ``PAGE_ONLY_FIELDS``: a corrected synopsis retires
the film's own page, not the pages that list it).

Writes that go round the models (a queryset's ``update()``, ``bulk_create``,
raw SQL) name what they change with ``writing(tags)``; one that names nothing
retires ``ALL``, every page, as the page cache did for every write before
tags. Tags are retired when the transaction commits, and not at all if it
rolls back.
"""

import sys
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.apps import apps
from django.db import connections, transaction
from django.db.models import Model, QuerySet
from django.db.models.deletion import Collector
from django.db.models.fields import related_descriptors
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_save,
)

# Every cached page carries it: retiring it retires every page.
ALL = "all"

# The apps whose records the public pages show, and the models of theirs
# that no public page shows (their writes retire nothing).
SHOWN_APPS = ("catalogue", "festival", "programme", "curated")
NOT_SHOWN = {
    "catalogue.distinctpair",  # staff's "these two are different people"
    "catalogue.filmprovenance",  # shown to staff only, whose pages are fresh
    "programme.planner",  # a visitor's own, never on a public page
    "programme.plannedscreening",
}
# Foreign keys to records whose pages do not show the rows that point to
# them: a vocabulary's pages (if any) do not list every credit of a role.
NOT_OWNERS = {"catalogue.role", "festival.premierestatus"}
# Records many pages show for their name alone (a film's page names its
# people, the editions it was selected for and the prizes it won): a row
# pointing to one retires
# the hub's list of such rows (``person:45:credit``, ``edition:7:selection``),
# which the pages listing them declare, not every page that names the hub.
HUBS = {
    "catalogue.person",
    "catalogue.company",
    "festival.festival",
    "festival.edition",
    "festival.section",
    "festival.prize",
    "programme.venue",
    "programme.screen",
}

# More tags than this on one page, of one kind, are one tag in a proxy's
# header (``film:any``), which every write of that kind retires: the header
# stays short (Varnish refuses headers over 8 KiB), and the proxy asks the
# app again, whose own cache knows the page's every tag.
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


_as_cards: ContextVar[bool] = ContextVar("festarchive_page_cards", default=False)


def _loaded(sender, instance, **kwargs) -> None:
    collected = _shown.get()
    if collected is not None and instance.pk is not None:
        if _as_cards.get() and has_cards(sender):
            collected.add(f"{card_kind(sender)}:{instance.pk}")
        else:
            collected.add(f"{sender._meta.model_name}:{instance.pk}")


def has_cards(model) -> bool:
    """Whether other pages show ``model``'s records as cards, without the
    fields its ``PAGE_ONLY_FIELDS`` names."""
    return bool(getattr(model, "PAGE_ONLY_FIELDS", None))


def card_kind(model) -> str:
    return f"{model._meta.model_name}card"


class CardsQuerySet(QuerySet):
    """A queryset whose rows can be loaded as cards (``as_cards()``): they
    tag the page with their cards' tags, which a save of page-only fields
    leaves alone."""

    _page_cards = False

    def as_cards(self):
        clone = self._chain()
        clone._page_cards = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._page_cards = self._page_cards
        return clone

    def _fetch_all(self):
        if not self._page_cards or self._result_cache is not None:
            return super()._fetch_all()
        token = _as_cards.set(True)
        try:
            super()._fetch_all()
        finally:
            _as_cards.reset(token)


def page_tags(tags: set[str]) -> list[str]:
    """A page's tags in a stable order."""
    return sorted(tags)


def any_of(model) -> str:
    """The tag every write of ``model`` retires (``film:any``)."""
    return f"{model._meta.model_name}:any"


def every_kind() -> set[str]:
    """The ``any`` tags of every shown model (a bulk write that names its
    records retires them too, for the proxy's folded headers)."""
    return with_cards({any_of(model) for model in apps.get_models() if is_shown(model)})


def _card_kinds() -> dict[str, str]:
    """Kinds whose records have cards, and their cards' kinds."""
    global _CARD_KINDS
    if _CARD_KINDS is None:
        _CARD_KINDS = {
            model._meta.model_name: card_kind(model)
            for model in apps.get_models()
            if is_shown(model) and has_cards(model)
        }
    return _CARD_KINDS


_CARD_KINDS = None


def with_cards(tags) -> set[str]:
    """``tags`` and the cards of the records among them (``film:12`` and
    ``film:any`` bring ``filmcard:12`` and ``filmcard:any``)."""
    kinds = _card_kinds()
    cards = set()
    for name in tags:
        kind, colon, rest = name.partition(":")
        if colon and ":" not in rest and kind in kinds:
            cards.add(f"{kinds[kind]}:{rest}")
    return set(tags) | cards


def proxy_tags(tags) -> list[str]:
    """A page's tags for a proxy's header: a kind with more than
    ``MOST_OF_A_KIND`` of them (a long filmography's films) as its ``any``,
    and so are more than that many lists of one kind of row (an edition's
    statistics follow each director's ``person:<id>:credit``): every write
    that retires a list ``<hub>:<id>:<model>`` is a write of ``<model>``,
    which retires ``<model>:any`` too. Keyed lists are kept as they are."""
    kinds: dict[str, list[str]] = {}
    lists: dict[str, list[str]] = {}
    result = set()
    for name in tags:
        colons = name.count(":")
        if colons == 1:  # a record's own tag
            kinds.setdefault(name.split(":", 1)[0], []).append(name)
        elif colons == 2 and not name.endswith(":any"):  # a record's list of rows
            lists.setdefault(name.rsplit(":", 1)[1], []).append(name)
        else:
            result.add(name)
    for kind, names in [*kinds.items(), *lists.items()]:
        if len(names) > MOST_OF_A_KIND:
            result.add(f"{kind}:any")
        else:
            result.update(names)
    return sorted(result)


# -- writing ---------------------------------------------------------------
def list_tag(record_tag: str, model) -> str:
    """The tag of a hub's list of rows of ``model`` (``edition:7:selection``)."""
    return f"{record_tag}:{model._meta.model_name}"


def keyed_list(record_tag: str, name: str, key) -> str:
    """A record's list of things by key (``edition:7:day:2026-11-20``): a row
    joining or leaving it also retires ``keyed_lists`` of the same name."""
    return f"{record_tag}:{name}:{key}"


def keyed_lists(record_tag: str, name: str) -> str:
    """Which keyed lists a record has (``edition:7:day``: its festival days)."""
    return f"{record_tag}:{name}"


def _extra(instance) -> set[str]:
    own = getattr(instance, "page_tags", None)
    return set(own()) if own else set()


def written_tags(instance, *, created_or_deleted: bool = False) -> set[str]:
    """The tags a change to this row, as it is now, retires."""
    model = type(instance)
    tags = {any_of(model)}
    if instance.pk is not None:
        tags.add(tag(model, instance.pk))
    for field in model._meta.concrete_fields:
        if not field.is_relation:
            continue
        parent = field.related_model._meta.label_lower
        value = getattr(instance, field.attname)
        if parent in NOT_OWNERS or value is None:
            continue
        if parent in HUBS:
            tags.add(list_tag(tag(field.related_model, value), model))
        else:
            tags.add(tag(field.related_model, value))
    extra = _extra(instance)
    tags |= extra
    if created_or_deleted:
        tags.add(collection(model))
        tags |= _lists_of(extra)
    return tags


def _lists_of(tags: set[str]) -> set[str]:
    """The lists of keyed lists among ``tags``:
    'edition:7:day:2026-11-20' -> 'edition:7:day'."""
    return {name.rsplit(":", 1)[0] for name in tags if name.count(":") == 3}


def _tracks_before(model) -> bool:
    """Whether a change can move a row of ``model`` between records or lists
    (it points to another record, or adds tags of its own)."""
    return (
        hasattr(model, "page_tags")
        or has_cards(model)
        or any(f.is_relation for f in model._meta.concrete_fields)
    )


_RETIRER = None


def set_retirer(retire) -> None:
    """What retires tags once their transaction commits (the page cache's)."""
    global _RETIRER
    _RETIRER = retire


def retire_on_commit(tags, using: str = "default", *, spare=()) -> None:
    """Retire ``tags``, and the cards of the records among them but those in
    ``spare``, when the current transaction commits (at once outside one); one
    retirement per transaction, gathering every write's tags."""
    if not tags or _RETIRER is None:
        return
    tags = with_cards(tags) - set(spare)
    conn = connections[using]
    pending = conn.run_on_commit if conn.in_atomic_block else []
    for *_savepoints, func, _robust in pending:
        if getattr(func, "func", None) is _retire_after_commit:
            func.args[0].update(tags)
            return
    transaction.on_commit(partial(_retire_after_commit, set(tags), using), using=using)


def _retire_after_commit(tags: set[str], using: str) -> None:
    _RETIRER(tags, using=using)


# The tags of rows being saved, as the database had them before: a change
# that moves a row (a credit to another person) retires both sides.
_before: dict[int, tuple[set[str], set[str], Model]] = {}
# How many ``writing`` blocks this thread is in.
_depth: ContextVar[int] = ContextVar("festarchive_tracked_writes", default=0)


def _pre_save(sender, instance, raw=False, using="default", **kwargs) -> None:
    if instance._state.adding or instance.pk is None or not _tracks_before(sender):
        return
    old = sender._base_manager.using(using).filter(pk=instance.pk).first()
    if old is not None:
        _before[id(instance)] = (written_tags(old), _extra(old), old)


def _post_save(sender, instance, created=False, raw=False, using="default", **kw):
    tags = written_tags(instance, created_or_deleted=created)
    before, before_extra, old = _before.pop(id(instance), (set(), set(), None))
    tags |= before
    # Moved to another list (a screening to another festival day): the list
    # of lists changes too.
    tags |= _lists_of(before_extra ^ _extra(instance))
    spare = ()
    if old is not None and has_cards(sender) and _only_page_fields(old, instance):
        # Its cards show nothing that changed: they stay.
        spare = {f"{card_kind(sender)}:{instance.pk}", f"{card_kind(sender)}:any"}
    retire_on_commit(tags, using=using, spare=spare)


def _only_page_fields(old, new) -> bool:
    """Whether a save changed no field but those its model's cards never show."""
    page_only = set(type(new).PAGE_ONLY_FIELDS)
    return all(
        getattr(old, field.attname) == getattr(new, field.attname)
        for field in type(new)._meta.concrete_fields
        if field.name not in page_only
    )


def _post_delete(sender, instance, using="default", **kwargs) -> None:
    retire_on_commit(written_tags(instance, created_or_deleted=True), using=using)


def _m2m_changed(sender, instance, action, model, pk_set, using="default", **kw):
    if action.startswith("pre_"):
        return
    tags = written_tags(instance)
    tags.update(tag(model, pk) for pk in pk_set or ())
    retire_on_commit(tags, using=using)


# Where Django writes what the signals above then report: a model's save, a
# deletion (its cascade included) and a many-to-many change.
_SIGNALLED_WRITES = {Model.save_base.__code__, Collector.delete.__code__}
_M2M_WRITES = {"_add_items", "_remove_items", "clear"}
_M2M_FILE = related_descriptors.__file__


def in_tracked_write() -> bool:
    """Whether a statement now runs inside a save, a delete or a
    many-to-many change (whose signals name its tags), or in ``writing``.

    Asked of the call stack, not kept as a count: a save that fails half-way
    would leave a count behind, and every later write unnamed. Only writes
    to the tables pages show ask, and a page's reads never do."""
    if _depth.get() > 0:
        return True
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code in _SIGNALLED_WRITES or (
            code.co_name in _M2M_WRITES and code.co_filename == _M2M_FILE
        ):
            return True
        frame = frame.f_back
    return False


@contextmanager
def writing(*tags: str, using: str = "default"):
    """Writes inside the block go round the models; ``tags`` (and those the
    block adds to the set it is given) say what they change, so only those
    pages are retired, when the transaction commits."""
    named = set(tags)
    _depth.set(_depth.get() + 1)
    try:
        yield named
    finally:
        _depth.set(max(_depth.get() - 1, 0))
    retire_on_commit(named, using=using)


def watch_shown_models() -> None:
    """Connect the signals to every shown model (called once, at start)."""
    for model in apps.get_models():
        if not is_shown(model):
            continue
        uid = f"festarchive-pagetags-{model._meta.label_lower}"
        post_init.connect(_loaded, sender=model, dispatch_uid=uid)
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid)
        post_save.connect(_post_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _m2m_changed, sender=field.remote_field.through, dispatch_uid=uid
            )
