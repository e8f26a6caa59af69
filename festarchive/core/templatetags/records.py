"""``{% cite_this record %}`` and ``{% permalink record %}``: a record's
citation and permalink, on its page (festarchive.core.permalinks)."""

from django import template

from festarchive.core import citations, permalinks
from festarchive.core.links import absolute_url

register = template.Library()


@register.inclusion_tag("core/_permalink.html", takes_context=True)
def permalink(context, record):
    """The record's permalink, as a line on its page."""
    return {"permalink": absolute_url(context["request"], permalinks.permalink(record))}


@register.inclusion_tag("core/_cite.html", takes_context=True)
def cite_this(context, record):
    """'Cite this record': the citation, its permalink and its downloads."""
    request = context["request"]
    citation = permalinks.kind_of(record).cite(record, request)
    return {
        "citation": citation,
        "citation_text": citations.text(citation),
        "permalink": citation.url,
        "downloads": [
            (label, permalinks.citation_url(record, fmt), fmt)
            for fmt, label in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
        ],
    }
