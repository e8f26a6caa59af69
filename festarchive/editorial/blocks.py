"""The blocks an editorial page's body is built from.

Besides text and pictures, a body can show the archive: a film's card, a row
of films, a person, an edition, or a saved search of the archive. Chosen
records are not text: a translation of the page shows the same ones
(wagtail-localize keeps them in step with the source page).
"""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.http.request import split_domain_port, validate_host
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from festarchive.catalogue.models import Film
from festarchive.catalogue.queries import person_roles
from festarchive.core import pagetags
from festarchive.festival.queries import edition_highlights
from festarchive.media.videos import VideoLinkError, parse_video_url
from festarchive.search.queries import SearchParams, archive_search, parse_params

from .choosers import EditionChooserBlock, FilmChooserBlock, PersonChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Text alternative"),
        max_length=250,
        help_text=_("What the image shows, for visitors who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "editorial/blocks/_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    source = blocks.CharBlock(label=_("Who said it"), required=False, max_length=250)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "editorial/blocks/_quote.html"


class VideoLinkBlock(blocks.URLBlock):
    """A YouTube or Vimeo address, checked and embedded the way a film's
    videos are (festarchive.media.videos): nothing is asked of the video site
    until the visitor presses play."""

    def clean(self, value):
        value = super().clean(value)
        try:
            parse_video_url(value)
        except VideoLinkError as error:
            raise ValidationError(str(error)) from None
        return value


class VideoBlock(blocks.StructBlock):
    url = VideoLinkBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "editorial/blocks/_video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["link"] = parse_video_url(value["url"])
        return context


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "editorial/blocks/_call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or give an address.")),
                }
            )
        return value


# -- the archive -----------------------------------------------------------
def shown_films(films) -> list[Film]:
    """The chosen films a visitor may see: published ones, in the chosen
    order (a film deleted since is None, and left out too)."""
    return [film for film in films if film is not None and film.is_published]


class FilmCardBlock(FilmChooserBlock):
    """One film of the archive, as its card."""

    class Meta:
        icon = "media"
        label = _("Film")
        template = "editorial/blocks/_film_card.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["film"] = next(iter(shown_films([value])), None)
        return context


class FilmRowBlock(blocks.StructBlock):
    """A heading and a row of films' cards, in the chosen order. The films of
    every row of a page are read in one batch."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    films = blocks.ListBlock(
        FilmChooserBlock(label=_("Film")),
        label=_("Films"),
        min_num=2,
        max_num=12,
    )

    class Meta:
        icon = "list-ul"
        label = _("Row of films")
        template = "editorial/blocks/_film_row.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["films"] = shown_films(value["films"])
        return context


class PersonBlock(PersonChooserBlock):
    """A person of the archive as a small card: name, roles, how many films,
    and a link to their page."""

    class Meta:
        icon = "user"
        label = _("Person")
        template = "editorial/blocks/_person.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["person"] = value
        context["summary"] = person_roles(value) if value is not None else None
        return context


# Films an edition's card shows, at most: its winners first, then its
# featured films (festival.queries.edition_highlights).
EDITION_CARD_FILMS = 4


class EditionBlock(EditionChooserBlock):
    """A festival edition as a card: its name, dates, a few of its films (its
    award winners, then films with a picture) and a link to its page."""

    class Meta:
        icon = "date"
        label = _("Edition")
        template = "editorial/blocks/_edition.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["edition"] = value
        films = []
        if value is not None:
            highlights = edition_highlights(
                value, winners=EDITION_CARD_FILMS, featured=EDITION_CARD_FILMS
            )
            films = (highlights.winners + highlights.featured)[:EDITION_CARD_FILMS]
        context["films"] = films
        return context


class PlainTextBlock(blocks.FieldBlock):
    """A line of text that is not for translators (no CharBlock, which
    wagtail-localize offers for translation): a translated page keeps its
    source's."""

    def __init__(self, required=True, help_text=None, max_length=None, **kwargs):
        self.field = forms.CharField(
            required=required, help_text=help_text, max_length=max_length
        )
        super().__init__(**kwargs)

    def get_searchable_content(self, value):
        return []


def archive_paths() -> set[str]:
    """The archive search's address in every language (``/en/archive/``)."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("search:archive"))
    return paths


def _our_host(host: str) -> bool:
    domain, _port = split_domain_port(host)
    own = urlsplit(settings.FESTARCHIVE.get("SITE_URL") or "").hostname
    return bool(domain) and (
        domain == own or validate_host(domain, settings.ALLOWED_HOSTS)
    )


def search_query_string(address: str) -> str:
    """The query string of an archive search's address: a whole address on
    this site (``https://…/en/archive/?edition=idfa-2023``), a path
    (``/nl/archive/?q=…``) or its filters alone (``?edition=…`` or
    ``edition=…``). Raises ValidationError for any other address."""
    address = address.strip()
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not _our_host(parts.netloc):
            raise ValidationError(
                _(
                    "This address is not on the archive's site. Search the "
                    "archive, then copy the address of its results."
                ),
                code="not_ours",
            )
    if parts.netloc or (parts.path and "=" not in parts.path):
        if parts.path not in archive_paths():
            raise ValidationError(
                _(
                    "This is not the address of a search of the archive: that "
                    "starts with %(path)s. Search the archive, then copy the "
                    "address of its results."
                ),
                code="not_a_search",
                params={"path": reverse("search:archive")},
            )
        return parts.query
    if parts.path:  # the filters alone, without "?"
        return address
    return parts.query


def search_params(*, address: str, words: str = "") -> SearchParams:
    """The search a block keeps: the filters (and words, order and letter) of
    ``address``, its words replaced by ``words`` when given; always its first
    page."""
    data = QueryDict(search_query_string(address or ""), mutable=True)
    if words.strip():
        data["q"] = words
    data.pop("page", None)
    return parse_params(data)


# Parameters of a search's address that are not filters.
SEARCH_PARAMETERS = ("q", "letter", "sort", "page")


def search_problems(data: QueryDict, params: SearchParams, results) -> list[str]:
    """What in ``data`` the archive's search did not take: names it has no
    filter of, and filter values it does not know."""
    kept = {name for name, _value in params.query_items()} | {"page"}
    problems = []
    for name in data:
        if name in kept or not any(v.strip() for v in data.getlist(name)):
            continue
        if name in SEARCH_PARAMETERS:
            problems.append(
                _("The archive's search does not know %(value)s.")
                % {"value": f"{name}={data[name]}"}
            )
        else:
            problems.append(
                _("The archive's search has no filter “%(name)s”.") % {"name": name}
            )
    for facet in results.facets:
        known = {value.value.casefold() for value in facet.active}
        for value in params.filters.get(facet.name, []):
            if value.casefold() not in known:
                problems.append(
                    _("The archive knows no “%(value)s” for the filter %(facet)s.")
                    % {"value": value, "facet": facet.label}
                )
    return problems


class ArchiveSearchBlock(blocks.StructBlock):
    """A saved search of the archive ("all world premieres of IDFA 2023"):
    its first films as cards, how many it finds, and a link to all of them in
    the archive, in the page's language.

    It asks the archive's own search (festarchive.search.queries), so it
    finds what the archive finds, ordered the same way. The films follow the
    search index, which no page tag follows: a page holding one is kept no
    longer than the archive's own results (``page_follows_search``).
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    address = PlainTextBlock(
        label=_("Archive address or filters"),
        required=False,
        max_length=2000,
        help_text=_(
            "Search the archive, then paste the address of its results "
            "(…/archive/?edition=idfa-2023&premiere=world); or type only the "
            "filters (edition=idfa-2023&premiere=world). It is saved as its "
            "filters, and links to the archive in each page's language."
        ),
    )
    words = PlainTextBlock(
        label=_("Words to search for"),
        required=False,
        max_length=200,
        help_text=_("Optional; they take the place of the address's own words."),
    )
    count = blocks.IntegerBlock(
        label=_("Films shown"),
        min_value=3,
        max_value=12,
        default=6,
        help_text=_("From 3 to 12; the link leads to all of them."),
    )

    class Meta:
        icon = "search"
        label = _("Archive search")
        template = "editorial/blocks/_archive_search.html"

    def clean(self, value):
        value = super().clean(value)
        address, words = value.get("address") or "", value.get("words") or ""
        if not address.strip() and not words.strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "address": ValidationError(
                        _("Paste an archive address or type words to search for.")
                    )
                }
            )
        try:
            data = QueryDict(search_query_string(address))
        except ValidationError as error:
            raise blocks.StructBlockValidationError(
                block_errors={"address": error}
            ) from None
        params = search_params(address=address, words=words)
        problems = search_problems(data, params, archive_search(params, limit=1))
        if problems:
            raise blocks.StructBlockValidationError(
                block_errors={"address": ValidationError(" ".join(problems))}
            )
        # Kept as its filters alone: the link is built in each page's language.
        kept = params.url(q="" if words.strip() else params.q)
        value["address"] = "" if kept == "?" else kept
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        params = search_params(
            address=value.get("address") or "", words=value.get("words") or ""
        )
        # A film added or deleted shows at once, as on the archive's page.
        pagetags.show(pagetags.collection(Film))
        results = archive_search(params, limit=value.get("count") or 6)
        context.update(
            films=results.films,
            total=results.total,
            archive_url=reverse("search:archive") + params.url(),
        )
        return context


def page_follows_search(page) -> bool:
    """Whether ``page``'s body holds an archive search, whose films follow the
    search index rather than page tags: the page cache keeps such a page no
    longer than the archive's own results (``search.queries.RESULTS_FRESH_FOR``)."""
    body = getattr(page, "body", None)
    if body is None:
        return False
    return any(block.get("type") == "archive_search" for block in body.raw_data)


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=200,
        form_classname="title",
        template="editorial/blocks/_heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    film = FilmCardBlock()
    film_row = FilmRowBlock()
    person = PersonBlock()
    edition = EditionBlock()
    archive_search = ArchiveSearchBlock()
