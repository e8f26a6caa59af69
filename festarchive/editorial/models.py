"""Editorial pages: written and translated by staff in Wagtail's admin.

The English page is the source; its Dutch translation is kept in step by
wagtail-localize. Both share the archive's templates (base.html).
"""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from festarchive.core import pagetags
from festarchive.core.i18n import CONTENT_LANGUAGES, set_language_twins
from festarchive.core.public import keep_at_most
from festarchive.search.queries import RESULTS_FRESH_FOR

from .blocks import BodyBlock, page_follows_search
from .caching import children_tag, page_tag


class ServedPage(Page):
    """What every editorial page does when it is served: it tags itself for
    the page cache and names its translations for the language switch."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        pagetags.show(page_tag(self))
        if page_follows_search(self):
            keep_at_most(request, RESULTS_FRESH_FOR)
        set_language_twins(request, self.language_twins(request))
        return super().serve(request, *args, **kwargs)

    def language_twins(self, request) -> dict[str, str]:
        """Language code -> this page's published translation in it, or that
        language's home page when it has none yet."""
        twins = {}
        for page in self.get_translations().live().select_related("locale"):
            url = page.get_url(request)
            if url:
                twins[page.locale.language_code] = url
        for code in CONTENT_LANGUAGES:
            if code not in twins and code != self.locale.language_code:
                with translation.override(code):
                    twins[code] = reverse("home")
        return twins


class EditorialPage(ServedPage):
    """A page of text and pictures: the institute, festival information,
    about, a press release."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("editorial page")
        verbose_name_plural = _("editorial pages")


class NewsIndexPage(ServedPage):
    """The news: its items, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["editorial.NewsPage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        from .queries import news_list  # queries imports this module

        context = super().get_context(request, *args, **kwargs)
        pagetags.show(children_tag(self))
        context["news"] = news_list(index=self)
        return context


class NewsPage(ServedPage):
    """One news item or press release, dated."""

    date = models.DateField(_("date"))
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["editorial.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
