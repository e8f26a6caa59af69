from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One file loaded into the archive: what kind of import, from which file,
    by whom and what it wrote. Written in the import's own transaction, so a
    batch is on record exactly when its rows are; each batch also has its
    change record (``import.completed``)."""

    class Kind(models.TextChoices):
        CATALOGUE = "catalogue", _("catalogue (JSON Lines)")
        SPREADSHEET = "spreadsheet", _("spreadsheet of films")
        TIMETABLE = "timetable", _("timetable")
        PAGES = "pages", _("film pages")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("file"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    # Who ran the command when no account did: the login of the shell.
    run_by = models.CharField(_("run by"), max_length=150, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source}"
