from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import ChangeRecord


def change_record(
    *, obj: models.Model, action: str, by=None, data: dict | None = None
) -> ChangeRecord:
    """Record a write to the catalogue; ``action`` is dotted and past tense."""
    return ChangeRecord.objects.create(
        action=action,
        by=by if by is not None and by.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        data=data or {},
    )
