"""The donation pages (inside the language prefix) and, apart, Mollie's
webhook, which has no language (``webhook_urlpatterns``, in config/urls.py)."""

from django.urls import path

from . import views

app_name = "donations"
urlpatterns = [
    path("donate/", views.donate, name="donate"),
    path("donate/thanks/<str:token>/", views.thanks, name="thanks"),
    path("donate/cancel/<str:token>/", views.cancel, name="cancel"),
]
webhook_urlpatterns = [
    path("donations/webhook/", views.webhook, name="donations-webhook"),
]
