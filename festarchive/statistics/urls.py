from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path(
        "editions/<slug:slug>/statistics/",
        views.edition_statistics,
        name="edition",
    ),
    path(
        "editions/<slug:slug>/statistics/<slug:chart>.csv",
        views.edition_statistics_csv,
        name="edition-csv",
    ),
    path(
        "festivals/<slug:slug>/statistics/",
        views.festival_statistics,
        name="festival",
    ),
    path(
        "festivals/<slug:slug>/statistics/<slug:chart>.csv",
        views.festival_statistics_csv,
        name="festival-csv",
    ),
]
