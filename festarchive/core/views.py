from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from festarchive.catalogue.models import Film
from festarchive.festival.queries import festival_editions, host_festival
from festarchive.ops.pagecache import public_page


def language_root(request):
    """Send ``/`` to the visitor's language: their last choice, else the browser's."""
    language = translation.get_language_from_request(request, check_path=False)
    return redirect(f"/{language}/")


@public_page
def home(request):
    festival = host_festival()
    editions = festival_editions(festival)[:12] if festival else []
    return render(
        request,
        "core/home.html",
        {
            "festival": festival,
            "editions": editions,
            "film_count": Film.objects.published().count(),
        },
    )


@public_page
def about(request):
    return render(request, "core/about.html")


@public_page
def professionals(request):
    return render(request, "core/professionals.html")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without the request context: whatever broke may break it again.
    from django.http import HttpResponseServerError
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"site_name": settings.FESTARCHIVE["SITE_NAME"]})
    )
