from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

from . import views

# The site's own addresses stay, so the page can link to people and editions.
urlpatterns = [
    path("plain/films/<slug:slug>/", views.film_detail, name="plain-film"),
    *site_urlpatterns,
]
