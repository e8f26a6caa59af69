from django.contrib import admin
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


@admin.register(Person)
class PersonAdmin(RecordedAdmin):
    record_prefix = "catalogue.person"
    list_display = ["name", "sort_name", "slug"]
    search_fields = ["name", "sort_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


@admin.register(Company)
class CompanyAdmin(RecordedAdmin):
    record_prefix = "catalogue.company"
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
