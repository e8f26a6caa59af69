from django.apps import AppConfig


class ReconcileConfig(AppConfig):
    name = "festarchive.reconcile"
    label = "reconcile"
    verbose_name = "Reconciliation service"
