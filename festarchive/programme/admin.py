"""The staff side of the programme: venues and their screens, programmes of
films, screenings, and a day overview of an edition (screens by time).

A screening's save goes through ``services.screening_create`` and
``services.screening_update``, so a new time or screen marks it moved, every
change counts in its SEQUENCE and lands in the change records; the form runs
the model's checks first, so a clash in the screen is refused with the
model's own message, and a day outside the edition is shown as a warning.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from festarchive.core.admin import ConstrainedInlineFormSet, RecordedAdmin
from festarchive.festival.models import Edition

from . import rules, services
from .clock import day_bounds, festival_days, festival_today, festival_zone
from .models import FilmProgramme, ProgrammeFilm, Screen, Screening, Venue
from .services import SCREENING_FIELDS


class ScreenInline(admin.TabularInline):
    model = Screen
    formset = ConstrainedInlineFormSet
    fields = ["name", "capacity", "order"]
    extra = 1


@admin.register(Venue)
class VenueAdmin(RecordedAdmin):
    record_prefix = "programme.venue"
    list_display = ["name", "city", "step_free", "hearing_loop", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug", "address"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ScreenInline]


class ProgrammeFilmInline(admin.TabularInline):
    model = ProgrammeFilm
    formset = ConstrainedInlineFormSet
    fields = ["position", "film"]
    autocomplete_fields = ["film"]
    ordering = ["position", "id"]
    extra = 1


@admin.register(FilmProgramme)
class FilmProgrammeAdmin(RecordedAdmin):
    record_prefix = "programme.film_programme"
    list_display = ["title_en", "edition", "section"]
    list_filter = ["edition"]
    search_fields = ["title_en", "title_nl", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [ProgrammeFilmInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        outside = rules.films_outside_edition(
            form.instance.edition, form.instance.ordered_films()
        )
        if outside:
            messages.warning(
                request,
                _("Not selected for %(edition)s: %(films)s.")
                % {
                    "edition": form.instance.edition,
                    "films": ", ".join(film.title_en for film in outside),
                },
            )


class DayFilter(admin.SimpleListFilter):
    """The days, on the festival's clock, that have screenings."""

    title = _("day")
    parameter_name = "day"

    def lookups(self, request, model_admin):
        days = festival_days(model_admin.get_queryset(request))
        return [(day.isoformat(), date_format(day, "D j M Y")) for day in days]

    def queryset(self, request, queryset):
        try:
            day = parse_date(self.value() or "")
        except ValueError:
            day = None
        if day is None:
            return queryset
        start, end = day_bounds(day)
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)


class ScreeningAdminForm(forms.ModelForm):
    # Links pasted without a scheme are taken as https, as in every admin form.
    ticket_url = forms.URLField(
        label=_("ticket address"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Screening
        fields = sorted(SCREENING_FIELDS - {"end_set_by_hand"}) + ["guests"]
        help_texts = {
            "ends_at": _(
                "Leave empty to follow the runtimes and the extra minutes; a "
                "time typed here is kept when the start changes."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "ends_at" in self.fields:
            self.fields["ends_at"].required = False
            if self.instance.pk and not self.instance.end_set_by_hand:
                self.initial["ends_at"] = None

    def clean(self):
        """Give the screening the end it will have before the model checks it,
        so that a clash is found for the real interval."""
        cleaned = super().clean()
        typed = cleaned.get("ends_at")
        self.end_by_hand = typed is not None
        starts = cleaned.get("starts_at")
        film, programme = cleaned.get("film"), cleaned.get("film_programme")
        if typed is None and starts and (film or programme):
            films = [film] if film else programme.ordered_films()
            cleaned["ends_at"] = rules.computed_end(
                starts, films, cleaned.get("extra_minutes") or 0
            )
        return cleaned


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    form = ScreeningAdminForm
    formfield_overrides = RecordedAdmin.formfield_overrides
    change_list_template = "admin/programme/screening/change_list.html"
    list_display = [
        "title_shown",
        "local_start",
        "screen",
        "kind",
        "status",
        "ticket_state",
    ]
    list_filter = ["edition", "screen__venue", DayFilter, "status", "kind"]
    list_select_related = ["film", "film_programme", "screen__venue", "edition"]
    search_fields = ["film__title_en", "film__title_nl", "film_programme__title_en"]
    autocomplete_fields = ["film", "film_programme", "guests"]
    date_hierarchy = "starts_at"
    readonly_fields = ["uid", "sequence", "moved_from_starts_at", "moved_from_screen"]
    fieldsets = [
        (None, {"fields": ["edition", "film", "film_programme", "section"]}),
        (
            _("When and where"),
            {"fields": ["screen", "starts_at", "extra_minutes", "ends_at"]},
        ),
        (
            _("Screening"),
            {
                "fields": [
                    "kind",
                    "language_version",
                    ("subtitles_en", "subtitles_nl"),
                    ("sdh", "audio_description", "relaxed"),
                    "has_qa",
                    "guests",
                ]
            },
        ),
        (_("Tickets"), {"fields": ["ticket_state", "ticket_url"]}),
        (_("Status"), {"fields": ["status", "notice_en", "notice_nl"]}),
        (
            _("Changes"),
            {
                "classes": ["collapse"],
                "fields": readonly_fields,
            },
        ),
    ]

    @admin.display(description=_("film or programme"))
    def title_shown(self, obj):
        return obj.title_en

    @admin.display(description=_("starts"), ordering="starts_at")
    def local_start(self, obj):
        return f"{timezone.localtime(obj.starts_at):%Y-%m-%d %H:%M}"

    def save_model(self, request, obj, form, change):
        """Save through the services: the rules, the moves and the records."""
        fields = {
            name: form.cleaned_data[name]
            for name in SCREENING_FIELDS
            if name in form.cleaned_data and name != "ends_at"
        }
        fields["ends_at"] = (
            form.cleaned_data.get("ends_at") if form.end_by_hand else None
        )
        if change:
            services.screening_update(obj, by=request.user, **fields)
        else:
            saved = services.screening_create(by=request.user, **fields)
            for field in Screening._meta.concrete_fields:
                setattr(obj, field.attname, getattr(saved, field.attname))
            obj._state.adding, obj._state.db = False, saved._state.db
        for warning in rules.date_warnings(obj):
            messages.warning(request, warning)

    def delete_model(self, request, obj):
        services.screening_delete(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for screening in queryset:
            services.screening_delete(screening, by=request.user)

    def get_urls(self):
        return [
            path(
                "day/",
                self.admin_site.admin_view(self.day_overview),
                name="programme_screening_day",
            ),
            *super().get_urls(),
        ]

    def day_overview(self, request):
        """An edition's day: a row a screen, a column an hour, each screening
        a link to change it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        editions = (
            Edition.objects.select_related("festival")
            .filter(screenings__isnull=False)
            .distinct()
            .order_by("-year", "festival__name")
        )
        edition_id = request.GET.get("edition", "")
        if edition_id.isascii() and edition_id.isdigit():
            edition = get_object_or_404(Edition, pk=int(edition_id[:18]))
        else:
            edition = editions.first()
        screenings, days, day = [], [], None
        if edition is not None:
            in_edition = Screening.objects.filter(edition=edition)
            days = festival_days(in_edition)
            try:
                day = parse_date(request.GET.get("day", ""))
            except ValueError:  # the shape of a date, but no such day
                day = None
            if day is None:
                today = festival_today()
                day = today if today in days else (days[0] if days else None)
            if day is not None:
                start, end = day_bounds(day)
                screenings = list(
                    in_edition.filter(starts_at__gte=start, starts_at__lt=end)
                    .select_related("screen__venue", "film", "film_programme")
                    .order_by("starts_at")
                )
        grid = _grid(screenings)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Day overview"),
            "editions": editions,
            "edition": edition,
            "days": days,
            "day": day,
            "hours": grid["hours"],
            "rows": grid["rows"],
            "changelist_url": reverse("admin:programme_screening_changelist"),
        }
        return TemplateResponse(
            request, "admin/programme/screening/day_overview.html", context
        )


def _grid(screenings: list) -> dict:
    """Screens (rows) by hours (columns): each cell the screenings that start
    in that hour, in order."""
    if not screenings:
        return {"hours": [], "rows": []}
    zone = festival_zone()
    starts = [s.starts_at.astimezone(zone) for s in screenings]
    first = min(starts).replace(minute=0, second=0, microsecond=0)
    last = max(starts)
    hours = []
    moment = first
    while moment <= last:
        hours.append(moment)
        moment = (
            moment.astimezone(datetime.UTC) + datetime.timedelta(hours=1)
        ).astimezone(zone)
    rows: dict[int, dict] = {}
    for screening, start in sorted(
        zip(screenings, starts, strict=True),
        key=lambda pair: (
            pair[0].screen.venue.order,
            pair[0].screen.venue.name,
            pair[0].screen.order,
            pair[0].screen.name,
            pair[0].starts_at,
        ),
    ):
        row = rows.setdefault(
            screening.screen_id,
            {"screen": screening.screen, "cells": [[] for _hour in hours]},
        )
        column = next(
            i
            for i in range(len(hours) - 1, -1, -1)
            if hours[i].astimezone(datetime.UTC) <= start.astimezone(datetime.UTC)
        )
        row["cells"][column].append(
            {
                "screening": screening,
                "start": start,
                "end": screening.ends_at.astimezone(zone),
                "url": reverse("admin:programme_screening_change", args=[screening.pk]),
            }
        )
    return {"hours": hours, "rows": list(rows.values())}
