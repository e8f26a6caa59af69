"""Reading the programme's pages in tests: their HTML and their JSON-LD."""

import json
import re

_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_TITLE = re.compile(r'class="screening__title"[^>]*><a href="[^"]*">(.*?)</a>', re.S)


def page(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def titles(html: str) -> list[str]:
    """The screenings' titles on a page, in order, without hidden prefixes."""
    return [
        re.sub(r"<span[^>]*>.*?</span>", "", found, flags=re.S).strip()
        for found in _TITLE.findall(html)
    ]


def jsonld(html: str) -> list[dict]:
    """Every JSON-LD block on the page, parsed."""
    return [json.loads(block) for block in _JSONLD.findall(html)]


def screening_events(html: str) -> list[dict]:
    """Every ScreeningEvent in the page's JSON-LD, graphs unpacked."""
    events = []
    for block in jsonld(html):
        nodes = block.get("@graph", [block])
        events += [n for n in nodes if n.get("@type") == "ScreeningEvent"]
    return events
