from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("data.json", views.data_json, name="data-json"),
    path("data.csv", views.data_csv, name="data-csv"),
    path("delete/", views.delete, name="delete"),
]
