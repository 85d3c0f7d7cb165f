"""Geometry of the board's charts, drawn as inline SVG by the templates.

The charts are decoration for sighted readers: every number in them is also in the table
beside them, and each chart has a text summary for screen readers.
"""

from dataclasses import dataclass

from . import rules
from .board import Counts, RegionRow

# Colours of the statuses (traffic light; exempt is not part of the bar).
COLOURS = {
    rules.COMPLIED: "#1b7f3b",
    rules.WAITING: "#2f6db5",
    rules.STARTED: "#c77700",
    rules.NOTHING: "#b3261e",
    rules.EXEMPT: "#8a94a0",
}
BAR_STATUSES = (rules.COMPLIED, rules.WAITING, rules.STARTED, rules.NOTHING)


@dataclass(frozen=True)
class Segment:
    status: str
    x: float
    width: float
    count: int
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    segments: list[Segment]
    percent: float | None


def _segments(counts: Counts) -> list[Segment]:
    """The bar of a region in units of 0–100 (the SVG stretches it to the available width)."""
    segments = []
    x = 0.0
    for status in BAR_STATUSES:
        count = counts.get(status)
        if not count or not counts.obliged:
            continue
        width = 100 * count / counts.obliged
        segments.append(Segment(status, round(x, 3), round(width, 3), count, COLOURS[status]))
        x += width
    return segments


def region_bars(rows: list[RegionRow]) -> list[Bar]:
    """Stacked bars, one per region, best compliance first."""
    ordered = sorted(rows, key=lambda r: (-(r.counts.percent or 0), r.code))
    return [
        Bar(
            label=_short(row.short_label),
            segments=_segments(row.counts),
            percent=row.counts.percent,
        )
        for row in ordered
    ]


def trend_bars(points: list[tuple[object, Counts]]) -> dict[str, object]:
    """Vertical bars of the compliance rate per year."""
    height, top, step = 160, 20, 64
    left = 44
    bars = []
    for index, (year, counts) in enumerate(points):
        percent = counts.percent or 0
        bar_height = round((height - top) * percent / 100, 2)
        bars.append(
            {
                "year": year,
                "x": left + index * step,
                "y": height - bar_height,
                "height": bar_height,
                "percent": counts.percent,
                "label_y": height - bar_height - 4,
            }
        )
    return {
        "bars": bars,
        "gridlines": [
            {"y": height - (height - top) * level / 100, "label": f"{level}%"}
            for level in (50, 100)
        ],
        "width": left + 20 + max(len(bars), 1) * step,
        "height": height + 20,
        "axis_y": height,
        "year_y": height + 16,
        "bar_width": 40,
        "colour": COLOURS[rules.COMPLIED],
    }


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
