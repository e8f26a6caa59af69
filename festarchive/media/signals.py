"""Files of rows that go, or that get another file, are removed after commit.

Every model with a file field is watched, whatever deletes its rows: the
admin, a service, a cascade from a film, person or company, or a queryset
(a receiver makes Django fetch the rows it deletes, so their names are known).
Rows written by raw SQL are not seen; ``remove_orphaned_media`` sweeps those.
See cleanup.py for when a file is really removed.
"""

from collections import defaultdict

from django.db.models.signals import post_delete, post_save, pre_save

from .cleanup import file_fields, remove_after_commit

_FIELDS = defaultdict(list)  # model -> its file fields

# Set on an instance between pre_save and post_save: the files it had.
_REPLACED = "_festarchive_replaced_files"


def _schedule(pairs, using: str) -> None:
    by_storage = defaultdict(set)
    for storage, name in pairs:
        by_storage[storage].add(name)
    for storage, names in by_storage.items():
        remove_after_commit(storage=storage, names=names, using=using)


def _deleted(sender, instance, using, **kwargs):
    _schedule(
        (
            (model_field.storage, getattr(instance, model_field.attname).name)
            for model_field in _FIELDS[sender]
        ),
        using,
    )


def _saving(sender, instance, raw, using, update_fields, **kwargs):
    """Note the files a saved row had, where it is about to name others."""
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = [
        model_field
        for model_field in _FIELDS[sender]
        if update_fields is None or model_field.name in update_fields
    ]
    if not fields:
        return
    before = (
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list(*(model_field.attname for model_field in fields))
        .first()
    )
    if before is None:
        return
    replaced = [
        (model_field.storage, old)
        for model_field, old in zip(fields, before, strict=True)
        if old and old != getattr(instance, model_field.attname).name
    ]
    if replaced:
        setattr(instance, _REPLACED, replaced)


def _saved(sender, instance, using, **kwargs):
    # After the row names its new files: outside a transaction the old ones
    # are looked at at once, and must not be found named by the row.
    replaced = instance.__dict__.pop(_REPLACED, None)
    if replaced:
        _schedule(replaced, using)


def connect() -> None:
    _FIELDS.clear()
    for model, model_field in file_fields():
        _FIELDS[model].append(model_field)
    for model in _FIELDS:
        uid = f"media-files-{model._meta.label_lower}"
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
        pre_save.connect(_saving, sender=model, dispatch_uid=f"{uid}-saving")
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-saved")
