from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TimeStampedModel(models.Model):
    """Base for catalogue records: when each was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class ChangeRecord(models.Model):
    """One write to the catalogue: what changed, who did it and when."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class FormerAddress(models.Model):
    """A slug a record had before, kept so its old address still leads to it.

    One table for every kind of record (``core.permalinks`` names the
    kinds): a slug edited anywhere, or a merged record's slug, points at the
    record that has it now. ``kind`` is the permalink's kind, not a content
    type, so the row reads the same in every database.
    """

    kind = models.CharField(max_length=30)
    slug = models.SlugField(max_length=120)
    object_id = models.PositiveBigIntegerField()
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "former address"
        verbose_name_plural = "former addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "slug"], name="former_address_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug} → {self.object_id}"


class MergedRecord(models.Model):
    """A record merged into another: its permalink leads to the kept one."""

    kind = models.CharField(max_length=30)
    merged_id = models.PositiveBigIntegerField()
    into_id = models.PositiveBigIntegerField()
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "merged record"
        verbose_name_plural = "merged records"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "merged_id"], name="merged_record_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "into_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.merged_id} → {self.into_id}"
