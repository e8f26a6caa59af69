from django.urls import path

from . import views

app_name = "curated"
urlpatterns = [
    path("selections/", views.selection_list, name="selection-list"),
    path("selections/<slug:slug>/", views.selection_detail, name="selection-detail"),
]
