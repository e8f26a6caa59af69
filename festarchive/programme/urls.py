"""Addresses of the festival programme and of visitors' planners.

Every programme address lives here; templates and code name them with
``{% url 'programme:…' %}`` / ``reverse()``.
"""

from django.urls import path

from .views import exports, planner, timetable

app_name = "programme"
urlpatterns = [
    # Public, cacheable pages (the timetable is the current edition's).
    path("festival/", timetable.timetable, name="timetable"),
    path(
        "festival/<slug:edition>/timetable/",
        timetable.timetable,
        name="edition-timetable",
    ),
    path("festival/venues/<slug:slug>/", timetable.venue_detail, name="venue-detail"),
    path(
        "festival/programmes/<slug:slug>/",
        timetable.programme_detail,
        name="programme-detail",
    ),
    path(
        "festival/screenings/<uuid:uid>/",
        timetable.screening_detail,
        name="screening-detail",
    ),
    path(
        "festival/screenings/<uuid:uid>.ics",
        planner.screening_ics,
        name="screening-ics",
    ),
    # Exports of an edition's programme: CSV, JSON and iCal.
    path(
        "festival/<slug:edition>/programme.<str:fmt>",
        exports.programme_export,
        name="programme-export",
    ),
    # The visitor's own "My festival" (signed in, never cached).
    path("my-archive/festival/", planner.my_festival, name="planner"),
    path("my-archive/festival/print/", planner.my_festival_print, name="planner-print"),
    path(
        "my-archive/festival/settings/",
        planner.planner_settings,
        name="planner-settings",
    ),
    path(
        "my-archive/festival/feed/new/", planner.feed_rotate, name="planner-feed-rotate"
    ),
    path("my-archive/festival/star/<uuid:uid>/", planner.star, name="planner-star"),
    # Secret addresses: a read-only shared plan and the calendar feed.
    path("festival/plans/<str:token>/", planner.shared_plan, name="planner-shared"),
    path("festival/feeds/<str:token>.ics", planner.feed, name="planner-feed"),
]
