from django.contrib import admin
from django.db import models

from .models import ChangeRecord
from .services import change_record


class RecordedAdmin(admin.ModelAdmin):
    """Admin whose saves and deletions land in the catalogue's change records."""

    record_prefix = ""
    # Links pasted without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        obj.full_clean()
        super().save_model(request, obj, form, change)
        action = "changed" if change else "created"
        change_record(
            obj=obj,
            action=f"{self.record_prefix}.{action}",
            by=request.user,
            data={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj):
        change_record(obj=obj, action=f"{self.record_prefix}.deleted", by=request.user)
        super().delete_model(request, obj)


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "object_repr", "by"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "action"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
