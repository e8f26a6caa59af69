from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    """Statistics of an edition and of a festival across its editions: charts
    drawn on the server as SVG, each with its numbers as a table and a CSV."""

    name = "festarchive.statistics"
    label = "statistics"
    verbose_name = "Statistics"  # no models: the admin never shows it
