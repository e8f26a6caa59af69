from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DistinctPair(models.Model):
    """Two people or two companies staff have checked and found to be different.

    The duplicates list leaves such a pair out from then on.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("people")
        COMPANY = "company", _("companies")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Plain ids, lower first: the pair outlives a later merge of either record
    # without pointing at a deleted row.
    first_id = models.PositiveBigIntegerField()
    second_id = models.PositiveBigIntegerField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pair checked as different")
        verbose_name_plural = _("pairs checked as different")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "first_id", "second_id"], name="distinct_pair_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(first_id__lt=models.F("second_id")),
                name="distinct_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.first_id} ≠ {self.second_id}"
