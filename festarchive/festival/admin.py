from django.contrib import admin

from festarchive.core.admin import RecordedAdmin

from .models import Award, Edition, Festival, PremiereStatus, Section, Selection


@admin.register(Festival)
class FestivalAdmin(RecordedAdmin):
    record_prefix = "festival.festival"
    list_display = ["name", "short_name", "city", "country"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Edition)
class EditionAdmin(RecordedAdmin):
    record_prefix = "festival.edition"
    list_display = ["__str__", "number", "starts_on", "ends_on"]
    list_filter = ["festival"]
    search_fields = ["festival__name", "festival__short_name", "year"]
    list_select_related = ["festival"]


@admin.register(Section)
class SectionAdmin(RecordedAdmin):
    record_prefix = "festival.section"
    list_display = ["name_en", "name_nl", "festival", "order"]
    list_filter = ["festival"]
    search_fields = ["name_en", "name_nl"]
    prepopulated_fields = {"slug": ["name_en"]}


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0


@admin.register(Selection)
class SelectionAdmin(RecordedAdmin):
    record_prefix = "festival.selection"
    list_display = ["film", "edition", "section", "premiere"]
    list_filter = ["premiere", "edition__festival"]
    autocomplete_fields = ["film", "edition", "section"]
    list_select_related = ["film", "edition__festival", "section", "premiere"]
    search_fields = ["film__title_en"]
    inlines = [AwardInline]
    show_full_result_count = False


@admin.register(PremiereStatus)
class PremiereStatusAdmin(RecordedAdmin):
    record_prefix = "festival.premiere_status"
    list_display = ["name_en", "name_nl", "order"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Award)
class AwardAdmin(RecordedAdmin):
    record_prefix = "festival.award"
    list_display = ["name_en", "outcome", "selection"]
    list_filter = ["outcome"]
    search_fields = ["name_en", "selection__film__title_en"]
    autocomplete_fields = ["selection"]
    list_select_related = ["selection__film", "selection__edition__festival"]
