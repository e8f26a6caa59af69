"""The world map's shortcut (speed-up ``blank-map``) draws what pygal draws."""

import re

from django.test import override_settings

from festarchive.core.speedups import NAMES
from festarchive.statistics.charts import chart_svg
from festarchive.statistics.figures import Figure

SHADED = re.compile(r'<g class="([a-z]{2}) country map-element[^"]*level-(\d)"')


def _figure() -> Figure:
    return Figure(
        slug="countries",
        title="Films by <production> country",
        description="Where the films came from & how many.",
        label_heading="Country",
        columns=["Films"],
        rows=[("France", [12]), ("Germany", [5]), ("Netherlands", [1]), ("?", [3])],
        kind="map",
        codes=["FR", "DE", "NL", "XK1"],
    )


def test_the_blank_map_shades_the_countries_pygal_would():
    with override_settings(FESTARCHIVE={"SPEEDUPS": NAMES - {"blank-map"}}):
        plain = str(chart_svg(_figure()))
    with override_settings(FESTARCHIVE={"SPEEDUPS": NAMES}):
        quick = str(chart_svg(_figure()))
    assert SHADED.findall(quick) == SHADED.findall(plain)
    assert dict(SHADED.findall(quick)) == {"fr": "5", "de": "3", "nl": "2"}
    for svg in (plain, quick):
        assert (
            '<title id="chart-countries-title">Films by &lt;production&gt; country<'
            in svg
        )
        assert "Where the films came from &amp; how many." in svg
    # The same shapes, in the same order.
    assert re.findall(r' d="([^"]+)"', quick) == re.findall(r' d="([^"]+)"', plain)
