from django.urls import path

from . import views

app_name = "reconcile"
urlpatterns = [
    path("reconcile", views.endpoint, name="endpoint"),
    path("reconcile/preview", views.preview, name="preview"),
]
