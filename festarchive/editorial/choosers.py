"""Choosers of archive records for Wagtail's admin: a film, a person, an
edition, each found by typing part of its title or name.

The catalogue is edited in Django's admin, not Wagtail's: these choose
records, they never create or edit them (no "create" tab), and the models
are not Wagtail snippets. A film chooser offers published films only.
"""

from functools import reduce
from operator import and_, or_

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.blocks import ChooserBlock

from festarchive.catalogue.models import Film, Person
from festarchive.catalogue.queries import films_for_cards
from festarchive.festival.models import Edition

# Words of a search in a chooser, at most (the rest are ignored).
MOST_WORDS = 6


def words_filter(fields: tuple[str, ...], text: str) -> Q:
    """Rows having every word of ``text`` in one of ``fields`` (a year field,
    ending in ``year``, matches a word that is a number)."""
    conditions = []
    for word in text.split()[:MOST_WORDS]:
        alternatives = []
        for name in fields:
            if name.endswith("year"):
                if word.isdigit() and len(word) == 4:
                    alternatives.append(Q(**{name: int(word)}))
            else:
                alternatives.append(Q(**{f"{name}__icontains": word}))
        conditions.append(reduce(or_, alternatives, Q(pk__in=[])))
    return reduce(and_, conditions, Q())


class WordsFilterForm(BaseFilterForm):
    """The chooser's search box: the records of the list whose title or name
    holds every word typed (``search_fields``, set by the viewset)."""

    search_fields: tuple[str, ...] = ()

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects: QuerySet) -> QuerySet:
        objects = super().filter(objects)
        text = (self.cleaned_data.get("q") or "").strip()
        if text:
            objects = objects.filter(words_filter(self.search_fields, text))
            self.is_searching = True
            self.search_query = text
        return objects


class RecordsMixin:
    """The chooser's list (and what may be chosen from it) is the viewset's
    ``choosable`` records."""

    choosable = None  # set by ArchiveChooserViewSet

    def get_object_list(self):
        return self.choosable()


class ArchiveChooseView(RecordsMixin, ChooseView):
    pass


class ArchiveChooseResultsView(RecordsMixin, ChooseResultsView):
    pass


class ArchiveChosenView(RecordsMixin, ChosenView):
    def get_object(self, pk):
        return self.choosable().get(pk=pk)


class ArchiveChooserViewSet(ChooserViewSet):
    """A chooser of records of the archive, searched by ``search_fields``."""

    choose_view_class = ArchiveChooseView
    choose_results_view_class = ArchiveChooseResultsView
    chosen_view_class = ArchiveChosenView
    # The editorial pages' forms only: a catalogue foreign key elsewhere in
    # Wagtail's admin keeps its own widget.
    register_widget = False
    per_page = 20
    search_fields: tuple[str, ...] = ()

    def choosable(self) -> QuerySet:
        """The records an editor may choose."""
        return self.model.objects.all()

    def get_common_view_kwargs(self, **kwargs):
        filter_form = type(
            f"{self.model_name}WordsFilterForm",
            (WordsFilterForm,),
            {"search_fields": self.search_fields},
        )
        return super().get_common_view_kwargs(
            filter_form_class=filter_form, choosable=self.choosable, **kwargs
        )


class FilmCardsChooserBlock(ChooserBlock):
    """A chosen film, loaded as a film card (``films_for_cards``): the page
    is tagged with the film's card, and every film block of a page is read in
    one batch. An unpublished film is loaded too (its editor still sees it in
    the form); the block's template leaves it out."""

    def bulk_to_python(self, values):
        ids = [value for value in values if value is not None]
        films = films_for_cards(Film.objects.filter(pk__in=ids)).in_bulk()
        return [films.get(value) if value is not None else None for value in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]


class FilmChooserViewSet(ArchiveChooserViewSet):
    model = Film
    icon = "media"
    choose_one_text = _("Choose a film")
    choose_another_text = _("Choose another film")
    edit_item_text = _("Edit the film")
    base_block_class = FilmCardsChooserBlock
    search_fields = ("title_en", "title_nl", "title_original", "title_original_latin")

    def choosable(self) -> QuerySet:
        return Film.objects.published()


class PersonChooserViewSet(ArchiveChooserViewSet):
    model = Person
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    edit_item_text = _("Edit the person")
    search_fields = ("name", "sort_name")


class EditionChooserViewSet(ArchiveChooserViewSet):
    model = Edition
    icon = "date"
    choose_one_text = _("Choose an edition")
    choose_another_text = _("Choose another edition")
    edit_item_text = _("Edit the edition")
    search_fields = ("festival__name", "festival__short_name", "year")

    def choosable(self) -> QuerySet:
        return Edition.objects.select_related("festival")


film_chooser = FilmChooserViewSet("film_chooser", url_prefix="archive/films")
person_chooser = PersonChooserViewSet("person_chooser", url_prefix="archive/people")
edition_chooser = EditionChooserViewSet(
    "edition_chooser", url_prefix="archive/editions"
)

# The blocks (editorial.blocks) use these; named here, where migrations find them.
FilmChooserBlock = film_chooser.get_block_class(
    "FilmChooserBlock", module_path=__name__
)
PersonChooserBlock = person_chooser.get_block_class(
    "PersonChooserBlock", module_path=__name__
)
EditionChooserBlock = edition_chooser.get_block_class(
    "EditionChooserBlock", module_path=__name__
)
