from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Images and videos: upload checks, renditions, video embeds, and the
    removal of files no row names any more."""

    name = "festarchive.media"
    label = "media"
    verbose_name = _("Images and videos")

    def ready(self):
        from PIL import Image

        from festarchive.core.limits import limit

        from . import signals

        # Pillow refuses to open an image of more than twice this many pixels
        # anywhere in the process, not only in the upload check. Pillow keeps
        # one global bound, so this is read once, at start-up.
        Image.MAX_IMAGE_PIXELS = limit("upload_max_pixels")
        signals.connect()
