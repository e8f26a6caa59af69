from django.contrib import admin

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Every file loaded, read-only: imports are run from the command line."""

    list_display = ["at", "kind", "source", "by", "run_by"]
    list_filter = ["kind"]
    search_fields = ["source"]
    date_hierarchy = "at"
    readonly_fields = ["at", "kind", "source", "by", "run_by", "counts"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
