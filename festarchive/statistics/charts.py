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

from lxml import etree
from markupsafe import Markup
from pygal import Bar, HorizontalBar, Line
from pygal.style import Style
from pygal_maps_world.maps import World

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
    chart = World(width=800, height=420, **_COMMON)
    values = {
        code.lower(): values[0]
        for code, (_label, values) in zip(figure.codes, figure.rows, strict=True)
        if len(code) == 2
    }
    chart.add(figure.columns[0], values)
    return chart


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
