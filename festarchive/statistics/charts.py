"""Figures drawn as SVG on the server, with pygal (and pygal_maps_world for
the world map): readable without JavaScript, inlined in the page.

pygal's SVG carries its own ``<style>``, a ``<script>`` with its settings
and ``style`` attributes, all of which the site's Content Security Policy
refuses (``style-src 'self'``). ``clean`` takes them out and gives the chart
classes that the site's stylesheet (``statistics/charts.css``) colours, in
the site's colours and in dark mode too. Each chart is one image to
assistive technology (``role="img"`` with its own ``<title>`` and
``<desc>``); its numbers follow it as a table.
"""

import functools
import re

from lxml import etree
from markupsafe import Markup, escape
from pygal import Bar, HorizontalBar, Line
from pygal.style import Style
from pygal_maps_world.maps import World

from festarchive.core import speedups

from .figures import Figure

SVG = "http://www.w3.org/2000/svg"
# Shades of the map: a country's films as a share of the most any country had.
MAP_LEVELS = 5
# Only the chart's shape matters here: colours and type come from charts.css.
_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family="system-ui, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    value_font_size=14,
)
_COMMON = {
    "js": [],
    "css": [],
    "style": _STYLE,
    "disable_xml_declaration": True,
    "no_prefix": True,
    "show_legend": False,
    "print_values": False,
    "margin": 12,
    "truncate_label": 40,
}


def chart_svg(figure: Figure) -> Markup:
    """The figure as an inline SVG element (safe to put in the page)."""
    if figure.kind == "map":
        if speedups.enabled("blank-map"):
            return _map_svg(figure)
        chart = _map(figure)
    elif figure.kind == "line":
        chart = _line(figure)
    elif figure.kind == "share":
        chart = _share(figure)
    else:
        chart = _bars(figure)
    return clean(chart.render(is_unicode=True), figure=figure)


def _ticks(largest: float) -> list[int]:
    """Whole-number ticks from 0 to at least ``largest``, at most six steps
    of 1, 2 or 5 times a power of ten: counts of films have no tenths."""
    step = 1
    while -(-largest // step) > 6:
        for factor in (2, 5, 10):
            if -(-largest // (step * factor)) <= 6 or factor == 10:
                step *= factor
                break
    top = max(1, int(-(-largest // step))) * step
    return list(range(0, top + 1, step))


def _bars(figure: Figure):
    histogram = figure.kind == "histogram"
    cls = Bar if histogram else HorizontalBar
    height = 360 if histogram else max(160, 40 + 34 * len(figure.rows))
    chart = cls(
        width=800,
        height=height,
        spacing=2 if histogram else 8,
        x_label_rotation=30 if histogram else 0,
        **_COMMON,
    )
    # pygal stacks horizontal bars from the bottom: the first row goes on top.
    rows = figure.rows if histogram else figure.rows[::-1]
    chart.x_labels = [label for label, _values in rows]
    values = [values[0] for _label, values in rows]
    chart.y_labels = _ticks(max(values, default=0))
    chart.add(figure.columns[0], values)
    return chart


def _share(figure: Figure):
    chart = Bar(width=800, height=320, range=(0, 100), spacing=6, **_COMMON)
    chart.y_labels = list(range(0, 101, 20))
    chart.x_labels = [label for label, _values in figure.rows]
    chart.add(figure.columns[2], [values[2] for _label, values in figure.rows])
    return chart


def _line(figure: Figure):
    chart = Line(
        width=800,
        height=420,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=4,
        **{k: v for k, v in _COMMON.items() if k != "show_legend"},
    )
    chart.x_labels = [label for label, _values in figure.rows]
    chart.y_labels = _ticks(
        max((max(v, default=0) for _l, v in figure.rows), default=0)
    )
    for index, name in enumerate(figure.columns):
        chart.add(name, [values[index] for _label, values in figure.rows])
    return chart


def _map(figure: Figure):
    """The world map through pygal: the plain way ``_map_svg`` takes a
    shortcut past (speed-up ``blank-map``)."""
    chart = World(width=800, height=420, **_COMMON)
    values = {
        code.lower(): values[0]
        for code, (_label, values) in zip(figure.codes, figure.rows, strict=True)
        if len(code) == 2
    }
    chart.add(figure.columns[0], values)
    return chart


# Stand-ins in the blank map for what each figure gives it.
_MAP_SLUG, _MAP_TITLE, _MAP_DESC = "mapslug", "maptitle", "mapdesc"
_MAP_COUNTRY = re.compile(r'<g class="([a-z]{2}) country map-element">')


@functools.cache
def _blank_map() -> str:
    """The world map with no country shaded, drawn and cleaned once a
    process. Its 750 KB of country shapes never change, and drawing them
    through pygal for every page was most of an edition page's time; a
    figure only adds its title, description and each country's shade
    (``_map_svg``)."""
    chart = World(width=800, height=420, **_COMMON)
    stand_in = Figure(
        slug=_MAP_SLUG,
        title=_MAP_TITLE,
        description=_MAP_DESC,
        label_heading="",
        columns=[""],
        kind="map",
    )
    # pygal draws no map without a value: one for a code no country has.
    chart.add("", {"zz": 1})
    return str(clean(chart.render(is_unicode=True), figure=stand_in))


def map_level(value: int, *, least: int, most: int) -> int:
    """A country's shade, 1 (fewest films) to ``MAP_LEVELS``: pygal's own
    scale (30 % for the least, up to 100 % for the most) in even steps."""
    ratio = 1 if most == least else 0.3 + 0.7 * (value - least) / (most - least)
    return max(1, min(MAP_LEVELS, round(ratio * MAP_LEVELS)))


def _map_svg(figure: Figure) -> Markup:
    values = {
        code.lower(): values[0]
        for code, (_label, values) in zip(figure.codes, figure.rows, strict=True)
        if len(code) == 2 and values[0]
    }
    least, most = min(values.values(), default=0), max(values.values(), default=0)

    def shade(match: re.Match) -> str:
        code = match.group(1)
        if code not in values:
            return match.group()
        level = map_level(values[code], least=least, most=most)
        return f'<g class="{code} country map-element color-0 serie-0 series level-{level}">'

    svg = _MAP_COUNTRY.sub(shade, _blank_map())
    svg = svg.replace(f"chart-{_MAP_SLUG}", f"chart-{figure.slug}")
    svg = svg.replace(f">{_MAP_TITLE}<", f">{escape(figure.title)}<", 1)
    svg = svg.replace(f">{_MAP_DESC}<", f">{escape(figure.description)}<", 1)
    return Markup(svg)  # noqa: S704 (lxml wrote the map; the texts are escaped)


def clean(svg: str, *, figure: Figure) -> Markup:
    """pygal's SVG as the page may show it: no script, style or comments, no
    tooltips, a map's shades as classes, and its own title and description
    for assistive technology."""
    root = etree.fromstring(svg.encode())
    for element in list(root.iter(etree.Comment)):
        element.getparent().remove(element)
    for name in ("script", "style", "desc", "title"):
        for element in root.findall(f".//{{{SVG}}}{name}"):
            element.getparent().remove(element)
    for element in root.iter(f"{{{SVG}}}g"):
        classes = element.get("class", "").split()
        if "tooltip-overlay" in classes:
            element.getparent().remove(element)
    for element in list(root.iter()):
        # The map's source file is indented: its white space is bytes only.
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
        style = element.attrib.pop("style", None)
        if style and "fill-opacity" in style:
            ratio = float(style.split(":")[1])
            level = max(1, min(MAP_LEVELS, round(ratio * MAP_LEVELS)))
            element.set("class", f"{element.get('class', '')} level-{level}".strip())
        if element is not root:
            element.attrib.pop("id", None)
        if "class" in element.attrib:
            element.set(
                "class", element.get("class").replace("reactive tooltip-trigger", "")
            )
    chart_id = f"chart-{figure.slug}"
    root.set("id", chart_id)
    root.set("class", f"chart chart--{figure.kind}")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    title = etree.Element(f"{{{SVG}}}title", id=f"{chart_id}-title")
    title.text = figure.title
    desc = etree.Element(f"{{{SVG}}}desc", id=f"{chart_id}-desc")
    desc.text = figure.description
    root.insert(0, desc)
    root.insert(0, title)
    for name in ("defs",):
        for element in root.findall(f"{{{SVG}}}{name}"):
            if not len(element):
                root.remove(element)
    etree.cleanup_namespaces(root)
    # lxml wrote it: every label (a section name, a country) is escaped XML.
    return Markup(etree.tostring(root, encoding="unicode"))  # noqa: S704
