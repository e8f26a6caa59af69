from django.contrib import admin

from festarchive.core.admin import ReadOnlyAdmin

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    """Every file loaded, read-only: imports are run from the command line."""

    list_display = ["at", "kind", "source", "by", "run_by"]
    list_filter = ["kind"]
    search_fields = ["source"]
    date_hierarchy = "at"
    readonly_fields = ["at", "kind", "source", "by", "run_by", "counts"]
