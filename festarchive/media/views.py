"""Serving renditions: made on the first request, read from storage after."""

from django.apps import apps
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.views.decorators.http import require_safe

from .renditions import RENDITIONS, rendition_file

# A rendition URL's kind -> the model and its image field.
SOURCES = {
    "film": ("catalogue.FilmImage", "image"),
    "person": ("catalogue.PersonImage", "image"),
    "company": ("catalogue.CompanyImage", "image"),
    "video": ("catalogue.FilmVideo", "poster"),
}
CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}
FOREVER = "public, max-age=31536000, immutable"


@require_safe
def rendition(request, kind, pk, version, rendition, width, ext):
    if kind not in SOURCES or rendition not in RENDITIONS or ext not in CONTENT_TYPES:
        raise Http404
    model_label, field_name = SOURCES[kind]
    picture = apps.get_model(model_label).objects.filter(pk=pk).first()
    source = getattr(picture, field_name, None)
    if not source:
        raise Http404
    if picture.version != version:
        # The image was replaced since the page was made: send the new one.
        return HttpResponsePermanentRedirect(
            picture.rendition_url(rendition, width, ext)
        )
    definition = RENDITIONS[rendition]
    if width not in definition.available_widths(*picture.source_size):
        raise Http404
    cached = rendition_file(source, picture.source_size, definition, width, ext)
    cached.generate()
    try:
        content = cached.storage.open(cached.name, "rb")
    except FileNotFoundError:
        # Recorded as made but gone from storage (a cleared media folder):
        # make it again.
        cached.generate(force=True)
        content = cached.storage.open(cached.name, "rb")
    response = FileResponse(content, content_type=CONTENT_TYPES[ext])
    response["Cache-Control"] = FOREVER
    return response
