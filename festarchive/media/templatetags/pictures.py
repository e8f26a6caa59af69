"""``{% picture %}``: one stored image as a responsive <picture> element."""

from django import template

from ..renditions import FORMATS, RENDITIONS, rendition_url

register = template.Library()


@register.inclusion_tag("media/_picture.html")
def picture(
    image, rendition, sizes="100vw", alt=None, loading="lazy", priority="", css_class=""
):
    """``image`` (a FilmImage, PersonImage, CompanyImage or a video's poster) at
    the named rendition, in every width that rendition has, WebP first and
    JPEG for browsers without WebP.

    ``sizes`` tells the browser how wide the image is drawn, so it can choose;
    ``loading="eager"`` (and ``priority="high"``) for an image above the fold,
    such as the hero; lazy otherwise.
    Width and height are set from the rendition's shape, so the page does not
    move when the image arrives.
    """
    definition = RENDITIONS[rendition]
    size = image.source_size
    widths = definition.available_widths(*size)
    if not widths:
        return {"image": None}
    srcsets = {ext: rendition_srcset(image, rendition, ext) for ext in FORMATS}
    # The fallback src: the width nearest a typical laptop column.
    fallback = min(widths, key=lambda w: abs(w - 800))
    largest = widths[-1]
    return {
        "image": image,
        "webp_srcset": srcsets["webp"],
        "jpeg_srcset": srcsets["jpg"],
        "src": image.rendition_url(rendition, fallback, "jpg"),
        "sizes": sizes,
        "width": largest,
        "height": definition.height_for(largest, *size),
        "alt": image.alt if alt is None else alt,
        "loading": loading,
        "priority": priority,
        "css_class": css_class,
    }


@register.simple_tag
def rendition_srcset(image, rendition, ext):
    """Every width of a rendition in one format, as a ``srcset`` value."""
    widths = RENDITIONS[rendition].available_widths(*image.source_size)
    return ", ".join(f"{image.rendition_url(rendition, w, ext)} {w}w" for w in widths)


# ``{% rendition_url image "hero" 1200 %}``: the address of one rendition.
register.simple_tag(rendition_url, name="rendition_url")
