from django.urls import path

from . import views

app_name = "festival"
urlpatterns = [
    path("festivals/<slug:slug>/", views.festival_detail, name="festival-detail"),
    path("editions/<slug:slug>/", views.edition_detail, name="edition-detail"),
    path("sections/<slug:slug>/", views.section_detail, name="section-detail"),
    path("awards/", views.prize_list, name="prize-list"),
    path("awards/<slug:slug>/", views.prize_detail, name="prize-detail"),
]
