"""Pictures for the demo archive, drawn with Pillow when the demo loads.

Nothing is downloaded: each film gets an abstract landscape in colours taken
from its id (a sky, a sun or moon, hills, a horizon line), so cards and film
pages show what they look like with images. The reference film also gets a
small gallery, one picture of it a portrait-shaped poster.
"""

import hashlib
import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageDraw

from festarchive.catalogue.models import Film, FilmImage

KEY_SIZE = (960, 540)
GALLERY_SIZE = (1600, 900)
POSTER_SIZE = (800, 1200)

# Sky and ground colour pairs: dusk, winter, desert, sea, night, forest.
PALETTES = (
    ((242, 166, 90), (92, 46, 82), (46, 32, 48)),
    ((205, 220, 232), (120, 146, 170), (58, 70, 84)),
    ((250, 214, 150), (214, 128, 70), (120, 66, 40)),
    ((168, 212, 230), (44, 110, 150), (20, 50, 70)),
    ((40, 52, 96), (14, 18, 40), (8, 10, 22)),
    ((214, 226, 190), (96, 130, 90), (40, 62, 44)),
)


def _gradient(size: tuple[int, int], top, bottom) -> Image.Image:
    width, height = size
    mix = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    column = (1 - mix) * np.array(top, np.float32) + mix * np.array(bottom, np.float32)
    rows = np.repeat(column[:, None, :], width, axis=1)
    return Image.fromarray(rows.astype(np.uint8).reshape(height, width, 3), "RGB")


def draw_landscape(
    seed: int, size: tuple[int, int] = KEY_SIZE, grain: bool = False
) -> bytes:
    """A JPEG of an abstract landscape, the same for the same seed.

    With ``grain`` it gets film grain, and so the weight of a photograph (a
    flat drawing compresses far better than any still would); the reference
    film's gallery uses it, so page-weight figures mean something."""
    rng = random.Random(seed)
    sky, dusk, ground = PALETTES[rng.randrange(len(PALETTES))]
    width, height = size
    image = _gradient(size, sky, dusk)
    draw = ImageDraw.Draw(image)
    # Sun or moon.
    radius = rng.randint(height // 14, height // 7)
    cx, cy = rng.randint(radius, width - radius), rng.randint(height // 8, height // 2)
    light = tuple(min(255, c + 60) for c in sky)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=light)
    # Three ranges of hills, darker towards the front.
    for layer in range(3):
        base = int(height * (0.55 + 0.12 * layer))
        shade = tuple(
            int(d + (g - d) * (layer + 1) / 3)
            for d, g in zip(dusk, ground, strict=True)
        )
        points = [(0, height)]
        step = width // rng.randint(4, 9)
        for x in range(0, width + step, step):
            points.append((x, base - rng.randint(0, height // 6)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    # A horizon line and a lone figure or post for scale.
    horizon = int(height * 0.8)
    draw.line((0, horizon, width, horizon), fill=ground, width=max(1, height // 180))
    x = rng.randint(width // 5, 4 * width // 5)
    draw.rectangle(
        (x, horizon - height // 12, x + max(2, width // 200), horizon), fill=ground
    )
    if grain:
        pixels = np.asarray(image, dtype=np.int16)
        noise = np.random.default_rng(seed).normal(0, 14, pixels.shape[:2])
        pixels = np.clip(pixels + noise[:, :, None].astype(np.int16), 0, 255)
        image = Image.fromarray(pixels.astype(np.uint8), "RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90 if grain else 82)
    return out.getvalue()


def _store(folder: str, data: bytes) -> str:
    name = f"{folder}/{hashlib.sha256(data).hexdigest()[:20]}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(name, io.BytesIO(data))
    return name


@dataclass
class PicturesReport:
    images: int = 0
    seconds: float = 0.0


def add_key_images(
    films=None, *, log: Callable[[str], None] = lambda _m: None
) -> PicturesReport:
    """Draw a key image for every film (of ``films``) that has none."""
    started = time.perf_counter()
    report = PicturesReport()
    films = (films if films is not None else Film.objects.all()).exclude(
        images__is_key=True
    )
    with transaction.atomic():
        batch = []
        for film_id, title in films.values_list("id", "title_en").iterator():
            data = draw_landscape(film_id)
            batch.append(
                FilmImage(
                    film_id=film_id,
                    image=_store("films", data),
                    width=KEY_SIZE[0],
                    height=KEY_SIZE[1],
                    kind=FilmImage.Kind.STILL,
                    is_key=True,
                    alt_en=f"Abstract landscape standing in for a still of {title}",
                    alt_nl=f"Abstract landschap in plaats van een still uit {title}",
                    copyright="Festival Archive demo",
                )
            )
            if len(batch) == 500:
                FilmImage.objects.bulk_create(batch)
                report.images += len(batch)
                log(f"{report.images} key images")
                batch = []
        FilmImage.objects.bulk_create(batch)
        report.images += len(batch)
    report.seconds = time.perf_counter() - started
    return report


# The reference film's gallery: (caption, kind, size), in our own words.
REFERENCE_GALLERY = (
    ("The lake near the village, late afternoon", FilmImage.Kind.STILL, GALLERY_SIZE),
    ("Fixing up the old moped", FilmImage.Kind.STILL, GALLERY_SIZE),
    ("Rehearsal in the community hall", FilmImage.Kind.STILL, GALLERY_SIZE),
    ("On the trail towards the mountains", FilmImage.Kind.STILL, GALLERY_SIZE),
    ("Poster", FilmImage.Kind.POSTER, POSTER_SIZE),
)
REFERENCE_GALLERY_NL = (
    "Het meer bij het dorp, aan het eind van de middag",
    "Sleutelen aan de oude brommer",
    "Repetitie in het dorpshuis",
    "Op het pad naar de bergen",
    "Affiche",
)


@transaction.atomic
def add_reference_gallery(film: Film) -> int:
    """A small gallery for the reference film: four stills and a poster, all
    drawn; the first still becomes its key image."""
    if film.images.filter(is_key=False).exists():
        return 0
    film.images.filter(is_key=True).delete()
    for order, ((caption, kind, size), caption_nl) in enumerate(
        zip(REFERENCE_GALLERY, REFERENCE_GALLERY_NL, strict=True)
    ):
        data = draw_landscape(10_000 + order, size, grain=True)
        FilmImage.objects.create(
            film=film,
            image=_store("films", data),
            width=size[0],
            height=size[1],
            kind=kind,
            is_key=order == 0,
            order=order,
            alt_en=f"Drawn stand-in image: {caption.lower()}",
            alt_nl=f"Getekende vervangende afbeelding: {caption_nl.lower()}",
            caption=caption,
            copyright="Festival Archive demo",
        )
    return len(REFERENCE_GALLERY)
