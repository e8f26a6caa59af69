from django.conf import settings


def site(request):
    return {
        "site_name": settings.FESTARCHIVE["SITE_NAME"],
        "host_festival_slug": settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"],
    }
