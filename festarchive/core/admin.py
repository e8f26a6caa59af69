from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .models import ChangeRecord
from .services import change_record
from .storage import STORAGE_ERRORS, StorageFailed

admin.site.site_header = settings.FESTARCHIVE["SITE_NAME"]
admin.site.site_title = settings.FESTARCHIVE["SITE_NAME"]
admin.site.index_title = _("Catalogue, festivals and search")


class RecordedAdmin(admin.ModelAdmin):
    """Admin whose saves and deletions land in the catalogue's change records."""

    record_prefix = ""
    # Links pasted without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Django saves a change inside one transaction: when the media storage
        # refuses a file (full, read-only, unreachable), the database keeps
        # nothing of the change either, and the form says so instead of
        # failing with an error page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except STORAGE_ERRORS + (StorageFailed,) as error:
            if not isinstance(error, StorageFailed):
                error = StorageFailed("", error)
            messages.error(
                request,
                _(
                    "%(problem)s Nothing of this change was saved; save it again "
                    "when the media storage has room and can be written to."
                )
                % {"problem": error},
            )
            return HttpResponseRedirect(request.get_full_path())

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


def _constraint_fields(constraint: UniqueConstraint) -> list[str]:
    if constraint.fields:
        return list(constraint.fields)
    names = []
    for expression in constraint.expressions:
        parts = expression.flatten() if hasattr(expression, "flatten") else [expression]
        names.extend(part.name for part in parts if isinstance(part, F))
    return names


class ConstrainedInlineFormSet(BaseInlineFormSet):
    """Inline rows checked against the model's unique constraints.

    Django leaves out constraints that name the parent (the film) when it
    validates an inline row, so a duplicate credit would only be stopped by the
    database, as an error page. Here a duplicate, whether already saved or typed
    twice in the same form, becomes a message on the row.
    """

    def clean(self):
        super().clean()
        fk = self.fk.name
        constraints = [
            c
            for c in self.model._meta.constraints
            if isinstance(c, UniqueConstraint)
            and c.condition is None
            and fk in _constraint_fields(c)
        ]
        seen: dict[tuple, int] = {}
        for index, form in enumerate(self.forms):
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            for constraint in constraints:
                message = constraint.violation_error_message
                names = [n for n in _constraint_fields(constraint) if n != fk]
                key = (constraint.name, *(form.cleaned_data.get(n) for n in names))
                if key in seen:
                    form.add_error(None, message)
                    continue
                seen[key] = index
                if self.instance.pk is None:
                    continue
                try:
                    constraint.validate(self.model, form.instance)
                except ValidationError:
                    form.add_error(None, message)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the code writes and staff only read: a log, not a form."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "object_repr", "by"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "action"]
    date_hierarchy = "at"
