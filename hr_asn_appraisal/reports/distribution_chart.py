"""The distribution curve of a unit's predikat, drawn as an inline SVG.

Plain Python (no Odoo import) so the printed documents need no chart library:
one horizontal bar per predikat gives its share of the unit's SKPs; behind it
a band shows the range of shares that the unit's distribution rule allows.
A bar outside its band is drawn in red. Every text is escaped here.
"""

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 640
LABEL_WIDTH = 140
VALUE_WIDTH = 100
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10
ROW_HEIGHT = 26
TOP = 24
BAR_HEIGHT = 12
COLOURS = {
    "bar": "#4a6fa5",
    "bar_out": "#c0392b",
    "band": "#d4edda",
    "band_edge": "#2e7d32",
    "axis": "#999999",
    "text": "#000000",
}


@dataclass(frozen=True)
class Bar:
    """One predikat of the chart; low/high is None when the rule sets no range."""

    label: str
    count: int
    share: float
    low: float | None = None
    high: float | None = None
    largest: bool = False

    @property
    def in_range(self):
        if self.low is None:
            return True
        return self.low <= self.share <= self.high


def _x(share):
    share = min(max(share, 0.0), 100.0)
    return LABEL_WIDTH + BAR_AREA * share / 100.0


def _text(x, y, content, anchor="start", size=10, weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="Arial, Helvetica, sans-serif" '
        f'font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" '
        f'fill="{COLOURS["text"]}">{escape(str(content))}</text>'
    )


def distribution_svg(bars, legend):
    """The SVG markup (a str) of the chart.

    :param bars: a list of :class:`Bar`, best predikat first
    :param legend: {"range": ..., "outside": ..., "largest": ...} translated
        legend texts; an empty "range" text leaves the band's legend out
    """
    height = TOP + ROW_HEIGHT * len(bars) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" class="o_asn_chart">'
    ]
    bottom = TOP + ROW_HEIGHT * len(bars)
    for tick in (0, 25, 50, 75, 100):
        x = _x(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{COLOURS["axis"]}" stroke-width="0.5" stroke-dasharray="2,2"/>'
        )
        parts.append(_text(x, TOP - 8, f"{tick} %", anchor="middle", size=8))
    for index, bar in enumerate(bars):
        y = TOP + ROW_HEIGHT * index
        middle = y + ROW_HEIGHT / 2
        label = f"{bar.label} *" if bar.largest else bar.label
        parts.append(_text(LABEL_WIDTH - 6, middle + 3.5, label, anchor="end"))
        if bar.low is not None:
            left, right = _x(bar.low), _x(max(bar.low, bar.high))
            band = max(right - left, 1.5)
            parts.append(
                f'<rect x="{left:.1f}" y="{y + 3}" width="{band:.1f}" '
                f'height="{ROW_HEIGHT - 6}" fill="{COLOURS["band"]}" '
                f'stroke="{COLOURS["band_edge"]}" stroke-width="0.8"/>'
            )
        colour = COLOURS["bar"] if bar.in_range else COLOURS["bar_out"]
        width = _x(bar.share) - LABEL_WIDTH
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{middle - BAR_HEIGHT / 2:.1f}" '
            f'width="{max(width, 0.0):.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
        )
        parts.append(
            _text(
                LABEL_WIDTH + BAR_AREA + 8,
                middle + 3.5,
                f"{bar.count} ({bar.share:.1f} %)",
            )
        )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{bottom}" '
        f'stroke="{COLOURS["text"]}" stroke-width="1"/>'
    )
    legend_y = bottom + 18
    x = LABEL_WIDTH
    items = []
    if legend.get("range"):
        items.append((COLOURS["band"], COLOURS["band_edge"], legend["range"]))
    items.append((COLOURS["bar"], COLOURS["bar"], legend.get("share", "")))
    if legend.get("range"):
        items.append(
            (COLOURS["bar_out"], COLOURS["bar_out"], legend.get("outside", ""))
        )
    for fill, stroke, text in items:
        parts.append(
            f'<rect x="{x}" y="{legend_y - 8}" width="10" height="10" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="0.8"/>'
        )
        parts.append(_text(x + 14, legend_y, text, size=8))
        x += 14 + 5 * len(text) + 16
    if any(bar.largest for bar in bars) and legend.get("largest"):
        parts.append(
            _text(LABEL_WIDTH, legend_y + 14, f"* {legend['largest']}", size=8)
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_markup(distribution):
    """The chart of a distribution dict ({"bars": [dict], "legend": dict}, as
    hr.asn.unit.rating._get_report_chart returns it), ready for t-out."""
    if not distribution:
        return ""
    bars = [Bar(**bar) for bar in distribution["bars"]]
    # every text is escaped by _text()
    return Markup(distribution_svg(bars, distribution["legend"]))  # noqa: S704
