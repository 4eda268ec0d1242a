"""The server-drawn SVG line chart: accessible, never drawing a missing value, never drawing
outside its plotting area."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from lms.charts import Plot, Series, bar_chart, line_chart, nice_maximum

LABELS = ["K1", "K2", "K3", "K4"]


def _chart(*series, **kwargs):
    svg = line_chart(
        chart_id="c1",
        title=kwargs.pop("title", "Punten per kwartaal"),
        description="Eigen waarde en mediaan; de getallen staan in de tabel.",
        labels=kwargs.pop("labels", LABELS),
        series=list(series),
        **kwargs,
    )
    return BeautifulSoup(svg, "html.parser").find("svg")


def _series(svg, name):
    return svg.find("g", attrs={"data-series": name})


def _points(group):
    """(x, y) of every marker of a series."""
    found = []
    for marker in group.find_all(["circle", "rect"]):
        if marker.name == "circle":
            found.append((float(marker["cx"]), float(marker["cy"])))
        else:
            found.append((float(marker["x"]) + 4, float(marker["y"]) + 4))
    return found


def test_the_chart_is_a_named_and_described_image():
    svg = _chart(Series("Jouw organisatie", [1, 2, 3, 4]))
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "c1-title"
    assert svg["aria-describedby"] == "c1-desc"
    assert svg.find("title", id="c1-title").text == "Punten per kwartaal"
    assert "tabel" in svg.find("desc", id="c1-desc").text
    texts = [t.text for t in svg.find_all("text")]
    assert [t for t in texts if t in LABELS] == LABELS
    assert "Jouw organisatie" in texts  # the legend names the line in text


def test_a_missing_value_is_a_gap_not_a_point():
    svg = _chart(Series("Jouw organisatie", [Decimal(10), Decimal(20), None, Decimal(40)]))
    group = _series(svg, "Jouw organisatie")
    assert len(_points(group)) == 3
    # The line breaks at the gap: a path for K1–K2, none for the lone K4.
    paths = group.find_all("path")
    assert len(paths) == 1
    assert paths[0]["d"].count("L") == 1
    xs = sorted(x for x, _y in _points(group))
    assert len(set(xs)) == 3


def test_a_series_of_nothing_draws_nothing():
    svg = _chart(Series("Mediaan", [None, None, None, None], style="dashed"))
    assert not _series(svg, "Mediaan").find_all(["circle", "rect", "path"])


def test_values_outside_the_axis_stay_inside_the_plotting_area():
    plot = Plot()
    svg = _chart(
        Series("Jouw organisatie", [Decimal(-20), Decimal(50), Decimal(250), Decimal(100)]),
        y_max=Decimal(100),
        height=280,
    )
    top, bottom = plot.top, 280 - plot.bottom
    ys = [y for _x, y in _points(_series(svg, "Jouw organisatie"))]
    assert min(ys) == pytest.approx(top)  # 250 drawn on the top edge
    assert max(ys) == pytest.approx(bottom)  # -20 drawn on the bottom edge
    assert all(top <= y <= bottom for y in ys)


def test_the_series_differ_in_more_than_colour():
    svg = _chart(
        Series("Jouw organisatie", [1, 2, 3, 4]),
        Series("Mediaan", [2, 2, 2, 2], style="dashed"),
    )
    own, median = _series(svg, "Jouw organisatie"), _series(svg, "Mediaan")
    assert own.find("circle") and not own.find("rect")
    assert median.find("rect") and not median.find("circle")
    assert "stroke-dasharray" in str(median.find("path"))
    assert "stroke-dasharray" not in str(own.find("path"))


def test_text_is_escaped():
    svg = line_chart(
        chart_id="c2",
        title="<script>alert(1)</script>",
        description="d",
        labels=["<b>"],
        series=[Series("<i>x</i>", [1])],
    )
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg


def test_axis_numbers_are_dutch():
    with translation.override("nl"):
        svg = str(
            _chart(
                Series("Jouw organisatie", [Decimal("0.5"), 1, 2, 3]),
                y_max=Decimal("2.5"),
                unit="%",
            )
        )
    assert ">2,5%<" in svg and ">2.5" not in svg


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError):
        _chart(Series("Jouw organisatie", [1, 2]))


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 1), (0.3, 0.5), (7, 10), (12, 20), (23, 25), (260, 500)]
)
def test_the_axis_ends_on_a_round_number(value, expected):
    assert nice_maximum(value) == pytest.approx(expected)


def _bars(*series, **kwargs):
    svg = bar_chart(
        chart_id="b1",
        title=kwargs.pop("title", "Uren per traject"),
        description="Bevestigd en afgesproken; de getallen staan in de tabel.",
        labels=kwargs.pop("labels", ["Anna", "Bram"]),
        series=list(series),
        **kwargs,
    )
    return BeautifulSoup(svg, "html.parser").find("svg")


def test_a_bar_chart_is_a_named_and_described_image_with_its_numbers_in_text():
    with translation.override("nl"):
        svg = _bars(
            Series("Bevestigd", [Decimal("12.5"), Decimal("1234.5")], "solid"),
            Series("Afgesproken", [Decimal(40), None], "hatched"),
        )
    assert svg["role"] == "img"
    assert svg.find("title", id=svg["aria-labelledby"]).text == "Uren per traject"
    assert "tabel" in svg.find("desc", id=svg["aria-describedby"]).text
    done = _series(svg, "Bevestigd")
    assert [t.text for t in done.find_all("text")] == ["12,5", "1.234,5"]
    agreed = _series(svg, "Afgesproken")
    assert len(agreed.find_all("rect")) == 1  # no bar for a missing value
    assert "–" in [t.text for t in agreed.find_all("text")]
    # The series differ by fill: solid colour against a hatching pattern defined in the chart.
    assert agreed.find("rect")["fill"] == "url(#b1-hatch)"
    assert svg.find("pattern", id="b1-hatch")
    assert done.find("rect")["fill"].startswith("#")
    texts = [t.text for t in svg.find_all("text")]
    assert "Anna" in texts and "Bevestigd" in texts and "Afgesproken" in texts


def test_bars_stay_inside_the_chart_and_long_labels_are_shortened():
    svg = _bars(
        Series("Bezet", [Decimal(150), Decimal(-5)]),
        labels=["Een heel lange naam van een cursus die niet past", "B"],
        x_max=Decimal(100),
        unit="%",
        width=600,
    )
    widths = [float(r["width"]) for r in _series(svg, "Bezet").find_all("rect")]
    assert max(widths) <= 600 and min(widths) == 0
    assert any(t.text.endswith("…") for t in svg.find_all("text"))
    assert "150%" in [t.text for t in svg.find_all("text")]


def test_bar_text_is_escaped_and_lengths_are_checked():
    svg = str(_bars(Series("<i>x</i>", [1, 2]), labels=["<b>", "c"], title="<script>"))
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    with pytest.raises(ValueError):
        _bars(Series("x", [1]))


def test_a_third_line_has_its_own_marker_and_dash():
    svg = _chart(
        Series("a", [1, 2, 3, 4]),
        Series("b", [1, 2, 3, 4], style="dashed"),
        Series("c", [1, 2, 3, 4], style="dotted"),
    )
    dotted = _series(svg, "c")
    assert dotted.find("path")["stroke-dasharray"] == "2 4"
    # Four triangles (paths closed with Z) besides the line.
    assert sum(p["d"].endswith("Z") for p in dotted.find_all("path")) == 4
    assert not dotted.find("circle") and not dotted.find("rect")
