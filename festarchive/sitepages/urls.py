"""Addresses of the site's own pages, inside the language prefix.

Included without a namespace: templates name them ``home`` and ``about``.
The Professionals section is its own app (``professionals:home``).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
]

# After the editorial pages (config/urls.py): staff's own About page, once
# published, takes the address.
after_editorial_pages = [
    path("about/", views.about, name="about"),
]
