from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the archive: the production server, health checks, request logs."""

    name = "festarchive.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from .pagecache import watch_all_connections

        watch_all_connections()
