from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the archive: the production server, health checks, request logs."""

    name = "festarchive.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
        from .pagecache import watch_all_connections

        watch_all_connections()
