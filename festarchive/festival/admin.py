from django.contrib import admin

from festarchive.core.admin import ConstrainedInlineFormSet, RecordedAdmin

from .models import (
    Award,
    Edition,
    Festival,
    Juror,
    Jury,
    PremiereStatus,
    Prize,
    PrizeName,
    Section,
    Selection,
)
from .services import jury_save, prize_save


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
    autocomplete_fields = ["prize"]
    fields = ["name_en", "name_nl", "outcome", "prize"]


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
    autocomplete_fields = ["selection", "prize"]
    list_select_related = ["selection__film", "selection__edition__festival"]


class PrizeNameInline(admin.TabularInline):
    formset = ConstrainedInlineFormSet
    model = PrizeName
    extra = 0
    fields = ["name_en", "name_nl", "from_year", "until_year"]


@admin.register(Prize)
class PrizeAdmin(RecordedAdmin):
    """An award across editions, with the names it went by before."""

    record_prefix = "festival.prize"
    list_display = ["name_en", "name_nl", "festival", "order"]
    list_filter = ["festival"]
    search_fields = ["name_en", "name_nl", "names__name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    list_select_related = ["festival"]
    inlines = [PrizeNameInline]

    def save_model(self, request, obj, form, change):
        prize_save(prize=obj, by=request.user, fields=form.changed_data)


class JurorInline(admin.TabularInline):
    formset = ConstrainedInlineFormSet
    model = Juror
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "order"]


@admin.register(Jury)
class JuryAdmin(RecordedAdmin):
    """An edition's jury and its jurors."""

    record_prefix = "festival.jury"
    list_display = ["name_en", "edition", "section", "order"]
    list_filter = ["edition__festival"]
    search_fields = ["name_en", "name_nl", "edition__festival__short_name"]
    autocomplete_fields = ["edition", "section"]
    list_select_related = ["edition__festival", "section"]
    readonly_fields = ["slug"]  # made from the edition and name when created
    inlines = [JurorInline]

    def save_model(self, request, obj, form, change):
        jury_save(jury=obj, by=request.user, fields=form.changed_data)
