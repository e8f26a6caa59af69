from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    """The site's own fixed pages: home, about and for professionals.

    Named ``sitepages`` rather than ``site`` (which reads as
    ``django.contrib.sites``) or ``pages`` (which the editorial pages a CMS
    will bring, and the importers' archive pages, would both claim).
    """

    name = "festarchive.sitepages"
    label = "sitepages"
    verbose_name = "Site pages"  # no models: the admin never shows it
