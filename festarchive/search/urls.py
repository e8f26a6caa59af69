from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("archive/", views.archive, name="archive"),
    path("archive/films.csv", views.archive_csv, name="archive-csv"),
]
