from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("films/<slug:slug>/", views.film_detail, name="film-detail"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("companies/<slug:slug>/", views.company_detail, name="company-detail"),
]
