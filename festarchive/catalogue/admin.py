from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from festarchive.core import pagetags
from festarchive.core.admin import ConstrainedInlineFormSet, RecordedAdmin
from festarchive.core.numbers import parse_int
from festarchive.festival.models import Selection
from festarchive.media.fields import MultipleImagesField
from festarchive.media.renditions import rendition_url

from .duplicates import company_duplicates, person_duplicates
from .history import film_related_changes
from .models import (
    Company,
    CompanyImage,
    Credit,
    DistinctPair,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmProvenance,
    FilmTitle,
    FilmVideo,
    Person,
    PersonImage,
    Role,
)
from .services import (
    company_merge,
    film_images_add,
    pair_mark_distinct,
    person_merge,
)


class FilmTitleInline(admin.TabularInline):
    formset = ConstrainedInlineFormSet
    model = FilmTitle
    extra = 0


class FilmCountryInline(admin.TabularInline):
    formset = ConstrainedInlineFormSet
    model = FilmCountry
    extra = 0


class FilmLanguageInline(admin.TabularInline):
    formset = ConstrainedInlineFormSet
    model = FilmLanguage
    extra = 0


class CreditInline(admin.TabularInline):
    formset = ConstrainedInlineFormSet
    model = Credit
    extra = 0
    autocomplete_fields = ["role", "person", "company"]
    fields = ["role", "person", "company", "order"]


class SelectionInline(admin.TabularInline):
    formset = ConstrainedInlineFormSet
    model = Selection
    extra = 0
    autocomplete_fields = ["edition", "section"]
    fields = ["edition", "section", "premiere"]
    show_change_link = True  # awards are edited on the selection's own page


class FilmProvenanceInline(admin.TabularInline):
    """Where the film's facts came from; importers write it, nobody edits it."""

    model = FilmProvenance
    extra = 0
    fields = ["source_url", "source_file", "importer", "imported_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the film may see where its facts came from.
        return request.user.has_perm("catalogue.view_film") or (
            request.user.has_perm("catalogue.change_film")
        )


class PictureInline(admin.StackedInline):
    """Images with a small preview; new ones are uploaded one at a time here,
    or many at once with the film form's "Add images" field.

    Stacked, a few fields a line: as a table, an image's nine fields made the
    change page wider than a laptop's screen."""

    extra = 0
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120" style="height:auto">',
            rendition_url(obj, "thumb", 240),
        )


class FilmImageForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        # Moving the key mark from one image to another in one save would
        # fail the one-key-image constraint row by row; the formset checks
        # that at most one is marked and save_formset moves the mark.
        exclude = super()._get_validation_exclusions()
        exclude.add("is_key")
        return exclude


class FilmImageFormSet(ConstrainedInlineFormSet):
    def clean(self):
        super().clean()
        keys = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("is_key")
            and not (self.can_delete and self._should_delete_form(form))
        ]
        if len(keys) > 1:
            raise ValidationError(_("Mark one image as the key image, not several."))


class FilmImageInline(PictureInline):
    model = FilmImage
    form = FilmImageForm
    formset = FilmImageFormSet
    fields = [
        ("preview", "image"),
        ("kind", "is_key", "order"),
        ("alt_en", "alt_nl"),
        ("caption", "copyright"),
    ]


class PersonImageInline(PictureInline):
    model = PersonImage
    fields = [("preview", "image"), ("alt_en", "alt_nl"), ("copyright", "order")]


class CompanyImageInline(PictureInline):
    model = CompanyImage
    fields = [("preview", "image"), ("alt_en", "alt_nl"), ("copyright", "order")]


class FilmVideoInline(admin.StackedInline):
    model = FilmVideo
    extra = 0
    fields = [("kind", "title", "order"), "url", "file", "poster"]
    formfield_overrides = RecordedAdmin.formfield_overrides


class FilmAdminForm(forms.ModelForm):
    add_images = MultipleImagesField(
        label=_("Add images"),
        required=False,
        help_text=_(
            "Choose several files at once: JPEG, PNG or WebP, at most 20 MB and "
            "12,000 px a side each. They are added after the images above; the "
            "first becomes the key image if the film has none. Location and "
            "camera details are removed from every file."
        ),
    )
    add_images_kind = forms.ChoiceField(
        label=_("Added images are"),
        choices=FilmImage.Kind.choices,
        initial=FilmImage.Kind.STILL,
        required=False,
    )


class MissingTranslationFilter(admin.SimpleListFilter):
    """The translation backlog: films missing a title or synopsis in a language,
    with how many there are."""

    title = _("missing translation")
    parameter_name = "missing"
    GAPS = {
        "title_nl": (_("No Dutch title"), Q(title_nl="")),
        "synopsis_nl": (
            _("No Dutch synopsis"),
            Q(synopsis_nl="") & ~Q(synopsis_en=""),
        ),
        "synopsis_en": (
            _("No English synopsis"),
            Q(synopsis_en="") & ~Q(synopsis_nl=""),
        ),
        "synopsis": (_("No synopsis at all"), Q(synopsis_en="", synopsis_nl="")),
    }

    def lookups(self, request, model_admin):
        # Aliases apart from the field names, which the filters refer to.
        counts = Film.objects.aggregate(
            **{
                f"gap_{key}": Count("pk", filter=q)
                for key, (_label, q) in self.GAPS.items()
            }
        )
        return [
            (
                key,
                f"{label} ({number_format(counts[f'gap_{key}'], force_grouping=True)})",
            )
            for key, (label, _q) in self.GAPS.items()
        ]

    def queryset(self, request, queryset):
        gap = self.GAPS.get(self.value())
        return queryset.filter(gap[1]) if gap else queryset


@admin.register(Film)
class FilmAdmin(SimpleHistoryAdmin, RecordedAdmin):
    record_prefix = "catalogue.film"
    object_history_template = "admin/catalogue/film/object_history.html"
    list_display = [
        "title_en",
        "title_original",
        "year",
        "runtime_minutes",
        "is_published",
        "is_generated",
    ]
    list_filter = [
        MissingTranslationFilter,
        "is_published",
        "is_generated",
        "selections__edition__festival",
        "selections__premiere",
        "production_countries__country",
        "year",
    ]
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
        (_("Add images"), {"fields": ["add_images", "add_images_kind"]}),
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
        SelectionInline,
        FilmImageInline,
        FilmVideoInline,
        FilmProvenanceInline,
    ]
    form = FilmAdminForm

    def save_formset(self, request, form, formset, change):
        if formset.model is FilmImage:
            marked = [
                f.instance
                for f in formset.forms
                if getattr(f, "cleaned_data", None)
                and f.cleaned_data.get("is_key")
                and not formset._should_delete_form(f)
            ]
            if marked:
                # Unmark the others first, so the database never sees two.
                with pagetags.writing(pagetags.tag(Film, form.instance.pk)):
                    FilmImage.objects.filter(film=form.instance, is_key=True).exclude(
                        pk=marked[0].pk
                    ).update(is_key=False)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        files = form.cleaned_data.get("add_images") or []
        if files:
            added = film_images_add(
                film=form.instance,
                files=files,
                kind=form.cleaned_data.get("add_images_kind") or FilmImage.Kind.STILL,
                by=request.user,
            )
            self.message_user(
                request,
                ngettext(
                    "Added %(count)d image.", "Added %(count)d images.", len(added)
                )
                % {"count": len(added)},
                messages.SUCCESS,
            )

    def history_view(self, request, object_id, extra_context=None):
        film_id = parse_int(str(object_id))
        extra_context = {
            **(extra_context or {}),
            "related_changes": film_related_changes(film_id)
            if film_id is not None
            else [],
        }
        return super().history_view(request, object_id, extra_context)


class DuplicatesAdmin(SimpleHistoryAdmin, RecordedAdmin):
    """People and companies: a list of probable duplicates, merged in two clicks."""

    change_list_template = "admin/catalogue/duplicates_change_list.html"
    find_duplicates = None
    merge_service = None
    distinct_kind = ""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "duplicates/",
                wrap(self.duplicates_view),
                name=f"{prefix}_duplicates",
            ),
            path(
                "merge/<int:keep_id>/<int:other_id>/",
                wrap(self.merge_view),
                name=f"{prefix}_merge",
            ),
            path(
                "distinct/<int:first_id>/<int:second_id>/",
                wrap(require_POST(self.distinct_view)),
                name=f"{prefix}_distinct",
            ),
            *super().get_urls(),
        ]

    def duplicates_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Probable duplicate %(things)s")
            % {"things": self.opts.verbose_name_plural},
            "pairs": self.find_duplicates(fresh="refresh" in request.GET),
        }
        return TemplateResponse(request, "admin/catalogue/duplicates.html", context)

    def merge_view(self, request, keep_id, other_id):
        """Confirm, then merge ``other`` into ``keep``."""
        if not self.has_change_permission(request) or not self.has_delete_permission(
            request
        ):
            raise PermissionDenied
        keep = get_object_or_404(self.model, pk=keep_id)
        other = get_object_or_404(self.model, pk=other_id)
        if request.method == "POST":
            try:
                kept = self.merge_service(keep=keep, merge=other, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Merged %(other)s into %(keep)s.")
                    % {"other": other.name, "keep": kept.name},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(self._url("duplicates"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Merge %(other)s into %(keep)s?")
            % {"other": other.name, "keep": keep.name},
            "keep": keep,
            "other": other,
            "moving": other.credits.count(),
            "swap_url": self._url("merge", other.pk, keep.pk),
        }
        return TemplateResponse(request, "admin/catalogue/merge_confirm.html", context)

    def distinct_view(self, request, first_id, second_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        pair_mark_distinct(
            kind=self.distinct_kind,
            first_id=first_id,
            second_id=second_id,
            by=request.user,
        )
        self.message_user(
            request,
            _("The pair will not be offered as duplicates again."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._url("duplicates"))

    def _url(self, name, *args):
        opts = self.opts
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}",
            args=args,
        )


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
class PersonAdmin(DuplicatesAdmin):
    record_prefix = "catalogue.person"
    find_duplicates = staticmethod(person_duplicates)
    merge_service = staticmethod(person_merge)
    distinct_kind = DistinctPair.Kind.PERSON
    actions = [
        _merge_action(
            person_merge, _("Merge selected people into the one with most credits")
        )
    ]
    inlines = [PersonImageInline]
    list_display = ["name", "sort_name", "slug"]
    list_filter = ["credits__role"]
    search_fields = ["name", "sort_name", "slug", "name_variants"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


@admin.register(Company)
class CompanyAdmin(DuplicatesAdmin):
    record_prefix = "catalogue.company"
    find_duplicates = staticmethod(company_duplicates)
    merge_service = staticmethod(company_merge)
    distinct_kind = DistinctPair.Kind.COMPANY
    actions = [
        _merge_action(
            company_merge, _("Merge selected companies into the one with most credits")
        )
    ]
    inlines = [CompanyImageInline]
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country", "credits__role"]
    search_fields = ["name", "slug", "name_variants"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


@admin.register(Role)
class RoleAdmin(RecordedAdmin):
    record_prefix = "catalogue.role"
    list_display = ["name_en", "name_nl", "order"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_nl", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
