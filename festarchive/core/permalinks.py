"""Addresses that last: a permalink per record, and old addresses that
still lead to it.

Every kind of record with a public page is registered once (``register``,
from its app's ``AppConfig.ready``). From then on:

- its **permalink**, ``/<lang>/records/<kind>/<id>/``, never changes and
  leads to the record's page, whatever its slug is now; a merged record's
  permalink leads to the record it was merged into (``MergedRecord``);
- every **slug change**, in the admin, a service or an import (any save
  through the model), leaves a ``FormerAddress`` behind; the record's page
  view, wrapped in ``follows_former_addresses``, answers an old address with
  a permanent redirect to the page as it is now, in the same language. Rows
  hold the record's id, not the next slug, so a chain of changes (A, then B,
  then C) leads from A straight to C. A record that takes a freed slug wins:
  the page is looked up first, a former address only when none has it;
- its **citation** (``cite``) is shown on its page and downloaded from
  ``/<lang>/records/<kind>/<id>/citation.<bib|ris|json>``.

Only records anyone may see are reached (``public``): an unpublished film's
permalink and old addresses are a 404, never a redirect that names its slug.

Writes that go round the models (a queryset's ``update(slug=…)``, raw SQL)
leave no former address: change slugs through a save.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from .models import FormerAddress, MergedRecord

# The largest id a database keeps (a bigint): a longer number in an address
# is no record, not an overflow.
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class RecordKind:
    """A kind of record with a permalink."""

    name: str  # "film": in permalinks, former addresses and citation keys
    model: type[Model]
    public: Callable[[], QuerySet]  # the records anyone may see
    cite: Callable | None  # record, request -> citations.Citation


_kinds: dict[str, RecordKind] = {}


def register(
    name: str,
    model: type[Model],
    *,
    public: Callable[[], QuerySet] | None = None,
    cite: Callable | None = None,
) -> RecordKind:
    """Give ``model``'s records permalinks and keep their former addresses.

    ``model`` has a unique ``slug`` and a ``get_absolute_url``; ``public``
    returns the records anyone may see (all of them when not given);
    ``cite(record, request)`` returns the record's ``Citation``, for the
    kinds whose pages offer one."""
    kind = RecordKind(
        name=name,
        model=model,
        public=public or model._default_manager.all,
        cite=cite,
    )
    _kinds[name] = kind
    uid = f"festarchive-permalinks-{name}"
    pre_save.connect(_remember_slug, sender=model, dispatch_uid=uid)
    post_save.connect(_keep_former_slug, sender=model, dispatch_uid=uid)
    post_delete.connect(_forget_deleted, sender=model, dispatch_uid=uid)
    return kind


def kinds() -> dict[str, RecordKind]:
    """Every registered kind, by name."""
    return dict(_kinds)


def kind_of(record: Model) -> RecordKind | None:
    """The kind ``record`` was registered as, if any."""
    return next((k for k in _kinds.values() if isinstance(record, k.model)), None)


def get_kind(name: str) -> RecordKind:
    """The kind named ``name``, or 404."""
    try:
        return _kinds[name]
    except KeyError:
        raise Http404("No such kind of record.") from None


# -- reading ---------------------------------------------------------------
def permalink(record: Model) -> str:
    """The address of ``record`` that never changes (a path, in the active
    language)."""
    kind = kind_of(record)
    return reverse("record", kwargs={"kind": kind.name, "pk": record.pk})


def citation_url(record: Model, fmt: str) -> str:
    """The address of ``record``'s citation download in ``fmt``."""
    kind = kind_of(record)
    return reverse(
        "record-citation", kwargs={"kind": kind.name, "pk": record.pk, "fmt": fmt}
    )


def current(kind: RecordKind, pk: int) -> Model | None:
    """The public record permalink ``pk`` leads to: itself, or the record
    it was merged into; None for none, or one nobody may see."""
    if not 0 < pk <= MAX_ID:
        return None
    into = (
        MergedRecord.objects.filter(kind=kind.name, merged_id=pk)
        .values_list("into_id", flat=True)
        .first()
    )
    return kind.public().filter(pk=into or pk).first()


def former_owner(kind: RecordKind, slug: str) -> Model | None:
    """The public record whose address ``slug`` once was, if any."""
    owner = (
        FormerAddress.objects.filter(kind=kind.name, slug=slug)
        .values_list("object_id", flat=True)
        .first()
    )
    if owner is None:
        return None
    return kind.public().filter(pk=owner).first()


def follows_former_addresses(kind_name: str):
    """Wrap a record's page view (it takes ``slug``): when no record has the
    slug, an address the record had before redirects, permanently, to its
    page now, in the same language and with the same query."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, slug, **kwargs):
            try:
                return view(request, *args, slug=slug, **kwargs)
            except Http404:
                record = former_owner(_kinds[kind_name], slug)
                if record is None or record.slug == slug:
                    raise
                location = record.get_absolute_url()
                if query := request.META.get("QUERY_STRING"):
                    location = f"{location}?{query}"
                return HttpResponsePermanentRedirect(location)

        return wrapped

    return decorate


# -- writing ---------------------------------------------------------------
def _remember_slug(sender, instance, raw=False, using="default", **kwargs) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    instance._slug_before_save = (
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
    )


def _keep_former_slug(
    sender, instance, created=False, raw=False, using="default", **kw
):
    if raw:
        return
    before = instance.__dict__.pop("_slug_before_save", None)
    if not created and before == instance.slug:
        return
    kind = _kind_of_model(sender)
    with transaction.atomic(using=using):
        # The slug is the record's own now: it wins over any redirect.
        FormerAddress.objects.using(using).filter(
            kind=kind.name, slug=instance.slug
        ).delete()
        if before and before != instance.slug:
            FormerAddress.objects.using(using).update_or_create(
                kind=kind.name, slug=before, defaults={"object_id": instance.pk}
            )


def _forget_deleted(sender, instance, using="default", **kwargs) -> None:
    kind = _kind_of_model(sender)
    FormerAddress.objects.using(using).filter(
        kind=kind.name, object_id=instance.pk
    ).delete()
    MergedRecord.objects.using(using).filter(
        kind=kind.name, into_id=instance.pk
    ).delete()


def _kind_of_model(model) -> RecordKind:
    return next(k for k in _kinds.values() if issubclass(model, k.model))


@transaction.atomic
def record_merge(*, merged: Model, into: Model) -> None:
    """Note that ``merged`` was merged into ``into`` (before ``merged`` is
    deleted): its permalink, its address and every address and permalink
    that led to it lead to ``into`` from now on."""
    kind = kind_of(into)
    FormerAddress.objects.filter(kind=kind.name, object_id=merged.pk).update(
        object_id=into.pk
    )
    FormerAddress.objects.update_or_create(
        kind=kind.name, slug=merged.slug, defaults={"object_id": into.pk}
    )
    MergedRecord.objects.filter(kind=kind.name, into_id=merged.pk).update(
        into_id=into.pk
    )
    MergedRecord.objects.update_or_create(
        kind=kind.name, merged_id=merged.pk, defaults={"into_id": into.pk}
    )
