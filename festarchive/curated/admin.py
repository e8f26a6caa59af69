"""Staff make selections in the admin: the texts in both languages, and the
films in order (by their order numbers) with a note each.

Every save goes through ``services``, so each change to a selection or to a
film in it lands in the change records, as the catalogue's do.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from festarchive.core.admin import ConstrainedInlineFormSet

from . import services
from .models import CuratedFilm, CuratedSelection


class CuratedFilmInline(admin.StackedInline):
    model = CuratedFilm
    formset = ConstrainedInlineFormSet
    fields = [("order", "film"), ("note_en", "note_nl")]
    autocomplete_fields = ["film"]
    ordering = ["order", "id"]
    extra = 1


@admin.register(CuratedSelection)
class CuratedSelectionAdmin(admin.ModelAdmin):
    list_display = [
        "title_en",
        "is_published",
        "featured",
        "published_on",
        "order",
        "film_count",
    ]
    list_filter = ["is_published", "featured"]
    list_editable = ["order"]
    search_fields = ["title_en", "title_nl", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["title_en", "title_nl", "slug"]}),
        (_("Introduction"), {"fields": ["introduction_en", "introduction_nl"]}),
        (
            _("Publication"),
            {"fields": ["is_published", "featured", "published_on", "order"]},
        ),
    ]
    inlines = [CuratedFilmInline]

    @admin.display(description=_("films"))
    def film_count(self, obj):
        return obj.entries.count()

    def save_model(self, request, obj, form, change):
        """Save through the services, which check and record the change."""
        fields = {
            name: form.cleaned_data[name]
            for name in services.SELECTION_FIELDS
            if name in form.cleaned_data
        }
        if change:
            # The form has set its values on ``obj`` already: the service
            # compares them with the saved row.
            saved = CuratedSelection.objects.get(pk=obj.pk)
            services.curated_selection_update(saved, by=request.user, **fields)
            obj.updated_at = saved.updated_at
            return
        saved = services.curated_selection_create(by=request.user, **fields)
        for field in CuratedSelection._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding, obj._state.db = False, saved._state.db

    def delete_model(self, request, obj):
        services.curated_selection_delete(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for selection in queryset:
            services.curated_selection_delete(selection, by=request.user)

    def save_formset(self, request, form, formset, change):
        """The films of the selection, each added, changed or taken out
        through the services."""
        if formset.model is not CuratedFilm:
            return super().save_formset(request, form, formset, change)
        selection = form.instance
        # What the admin's history message names.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = (
            [],
            [],
            [],
        )
        for row in formset.forms:
            if not hasattr(row, "cleaned_data") or not row.cleaned_data:
                continue
            entry = row.instance
            if formset.can_delete and formset._should_delete_form(row):
                if entry.pk:
                    services.curated_film_remove(entry, by=request.user)
                    formset.deleted_objects.append(entry)
                continue
            if not row.has_changed():
                continue
            data = row.cleaned_data
            if entry.pk:
                saved = services.curated_film_update(
                    CuratedFilm.objects.get(pk=entry.pk),
                    by=request.user,
                    **{name: data[name] for name in services.FILM_FIELDS},
                )
                formset.changed_objects.append((saved, row.changed_data))
            else:
                saved = services.curated_film_add(
                    selection=selection,
                    film=data["film"],
                    order=data["order"],
                    note_en=data["note_en"],
                    note_nl=data["note_nl"],
                    by=request.user,
                )
                formset.new_objects.append(saved)
