"""Addresses of the site's own pages, inside the language prefix.

Included without a namespace: templates name them ``home`` and ``about``.
The Professionals section is its own app (``professionals:home``).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
]
