"""Writes of the editorial pages and other translatable content."""

from collections.abc import Mapping

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


class MissingTranslation(Exception):
    """A text of the source has no translation in the texts given."""


def translate(instance, *, language_code: str, texts: Mapping[str, str]):
    """Translate ``instance`` (a page or a translatable snippet) into
    ``language_code`` the way a translator does with wagtail-localize: its
    texts exported as a PO file, each filled in from ``texts`` (source text ->
    translation), imported, and the translation published (once the
    transaction commits, as wagtail-localize publishes). Returns the
    translation; the source's later changes reach it through wagtail-localize's
    Sync, segment by segment."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    po = translation.export_po()
    missing = [entry.msgid for entry in po if entry.msgid not in texts]
    if missing:
        raise MissingTranslation(", ".join(repr(text) for text in missing))
    for entry in po:
        entry.msgstr = texts[entry.msgid]
    translation.import_po(po)
    translation.save_target(publish=True)
    return instance.get_translation(locale)
