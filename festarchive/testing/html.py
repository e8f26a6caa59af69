"""Reading rendered pages in tests the way a visitor reads them."""

import json
import re
from html.parser import HTMLParser


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text without tags, scripts or repeated white space."""
    parser = _TextExtractor()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def section_html(html: str, element_id: str) -> str:
    """The HTML of the <section> whose heading has ``id=element_id``."""
    start = html.index(f'id="{element_id}"')
    start = html.rindex("<section", 0, start)
    end = html.index("</section>", start)
    return html[start:end]


def json_ld(html: str) -> list[dict]:
    """Every JSON-LD block on the page, parsed."""
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    return [json.loads(block) for block in blocks]
