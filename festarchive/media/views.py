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
# A picture only staff may see (an unpublished film's) is kept by no shared
# cache, nor by the browser: a CDN would hand it to anyone, and a film
# published later gets its pictures through the usual, public, answer.
STAFF_ONLY = "private, no-store"


def _picture(request, model, pk):
    """The picture, and whether it is shown to staff alone; (None, False)
    when there is none the visitor may see. Ids are sequential: a hidden
    picture is not found, exactly like one that does not exist."""
    picture = model.objects.public().filter(pk=pk).first()
    if picture is not None:
        return picture, False
    # Staff see every picture (the admin shows those of unpublished films).
    if request.user.is_staff:
        return model.objects.filter(pk=pk).first(), True
    return None, False


@require_safe
def rendition(request, kind, pk, version, rendition, width, ext):
    if kind not in SOURCES or rendition not in RENDITIONS or ext not in CONTENT_TYPES:
        raise Http404
    model_label, field_name = SOURCES[kind]
    picture, staff_only = _picture(request, apps.get_model(model_label), pk)
    source = getattr(picture, field_name, None)
    if not source:
        raise Http404
    if picture.version != version:
        # The image was replaced since the page was made: send the new one.
        # (Only to a visitor who may see it: the version is no secret then.)
        response = HttpResponsePermanentRedirect(
            picture.rendition_url(rendition, width, ext)
        )
        if staff_only:
            response["Cache-Control"] = STAFF_ONLY
        return response
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
    response["Cache-Control"] = STAFF_ONLY if staff_only else FOREVER
    return response
