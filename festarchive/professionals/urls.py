"""The Professionals section. Each feature has its own view module; the
holder's answer pages need no account and live under ``holder/``."""

from django.urls import path

from .views import accreditation, directory, market, requests

app_name = "professionals"
urlpatterns = [
    path("professionals/", accreditation.home, name="home"),
    path("professionals/apply/", accreditation.apply, name="apply"),
]
urlpatterns += directory.urlpatterns
urlpatterns += requests.urlpatterns
urlpatterns += market.urlpatterns
