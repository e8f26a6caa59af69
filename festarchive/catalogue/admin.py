from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from festarchive.core.admin import RecordedAdmin

from .models import (
    Company,
    Credit,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmTitle,
    FilmVideo,
    Person,
    Role,
)
from .services import company_merge, person_merge


class FilmTitleInline(admin.TabularInline):
    model = FilmTitle
    extra = 0


class FilmCountryInline(admin.TabularInline):
    model = FilmCountry
    extra = 0


class FilmLanguageInline(admin.TabularInline):
    model = FilmLanguage
    extra = 0


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person", "company"]
    fields = ["role", "person", "company", "order"]


class FilmImageInline(admin.StackedInline):
    model = FilmImage
    extra = 0


class FilmVideoInline(admin.TabularInline):
    model = FilmVideo
    extra = 0
    formfield_overrides = RecordedAdmin.formfield_overrides


@admin.register(Film)
class FilmAdmin(RecordedAdmin):
    record_prefix = "catalogue.film"
    list_display = [
        "title_en",
        "title_original",
        "year",
        "runtime_minutes",
        "is_published",
        "is_generated",
    ]
    list_filter = ["is_published", "is_generated", "year"]
    search_fields = [
        "title_en",
        "title_nl",
        "title_original",
        "title_original_latin",
        "slug",
    ]
    prepopulated_fields = {"slug": ["title_en", "year"]}
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50
    show_full_result_count = False  # counting 100,000 rows on every page is wasted work
    fieldsets = [
        (None, {"fields": ["title_en", "title_nl", "slug", "is_published"]}),
        (
            _("Original title"),
            {
                "fields": [
                    "title_original",
                    "title_original_latin",
                    "title_original_language",
                ]
            },
        ),
        (_("Facts"), {"fields": ["year", "runtime_minutes"]}),
        (_("Synopsis"), {"fields": ["synopsis_en", "synopsis_nl"]}),
        (_("Identifiers"), {"fields": ["imdb_id", "wikidata_id", "eidr_id"]}),
        (
            _("Record"),
            {
                "fields": ["is_generated", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [
        FilmCountryInline,
        FilmLanguageInline,
        FilmTitleInline,
        CreditInline,
        FilmImageInline,
        FilmVideoInline,
    ]


def _merge_action(merge_service, label):
    @admin.action(description=label)
    def merge(modeladmin, request, queryset):
        """Keep the selected record with the most credits; merge the others into it."""
        records = sorted(
            queryset.annotate(credit_count=Count("credits")),
            key=lambda r: (-r.credit_count, r.pk),
        )
        if len(records) < 2:
            modeladmin.message_user(
                request, _("Select at least two records to merge."), messages.WARNING
            )
            return
        keep, others = records[0], records[1:]
        for other in others:
            keep = merge_service(keep=keep, merge=other, by=request.user)
        modeladmin.message_user(
            request,
            _("Merged %(names)s into %(keep)s.")
            % {"names": ", ".join(o.name for o in others), "keep": keep.name},
            messages.SUCCESS,
        )

    return merge


@admin.register(Person)
class PersonAdmin(RecordedAdmin):
    record_prefix = "catalogue.person"
    actions = [
        _merge_action(
            person_merge, _("Merge selected people into the one with most credits")
        )
    ]
    list_display = ["name", "sort_name", "slug"]
    search_fields = ["name", "sort_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


@admin.register(Company)
class CompanyAdmin(RecordedAdmin):
    record_prefix = "catalogue.company"
    actions = [
        _merge_action(
            company_merge, _("Merge selected companies into the one with most credits")
        )
    ]
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


@admin.register(Role)
class RoleAdmin(RecordedAdmin):
    record_prefix = "catalogue.role"
    list_display = ["name_en", "name_nl", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name_en"]}
