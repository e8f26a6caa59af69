from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .protocol import respond
from .repository import repository_for


# Harvesters POST without a CSRF token, and the endpoint changes nothing.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    """The OAI-PMH endpoint: arguments in the query string, or in a form body
    when POSTed. Protocol errors are answered in the document, with HTTP 200."""
    arguments = request.POST if request.method == "POST" else request.GET
    document = respond(dict(arguments.lists()), repository_for(request))
    return HttpResponse(document, content_type="text/xml; charset=utf-8")
