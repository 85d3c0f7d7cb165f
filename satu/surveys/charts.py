"""Small inline SVG charts: no JavaScript, no image files, the same in a page and in the PDF."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .results import ProfileChart

BAR_HEIGHT = 22
LABEL_WIDTH = 210
BAR_WIDTH = 260


def bar_chart(chart: ProfileChart) -> SafeString:
    """Horizontal bars: one per answer, labelled with the count and share."""
    height = BAR_HEIGHT * max(len(chart.bars), 1) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(chart.title)}">'
    ]
    for row, bar in enumerate(chart.bars):
        y = row * BAR_HEIGHT + 2
        length = round(bar.share * BAR_WIDTH, 1)
        percent = number_format(Decimal(round(bar.share * 100, 1)), 1)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(bar.label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{BAR_HEIGHT - 6}" '
            f'fill="#0a4f8a"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}" font-size="12">'
            f"{bar.count} ({percent}%)</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def trend_chart(points: Sequence[tuple[str, Decimal | None]], label: str) -> SafeString:
    """Converted index per period as columns on the 25–100 scale, with the grade bounds."""
    column, gap, top, bottom = 56, 14, 10, 40
    plot = 160
    width = max(len(points), 1) * (column + gap) + 50
    height = top + plot + bottom

    def y(value: float) -> float:
        return round(top + plot - (value - 25) / 75 * plot, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(label)}">'
    ]
    for bound, letter in ((88.31, "A"), (76.61, "B"), (65.0, "C")):
        parts.append(
            f'<line x1="40" x2="{width}" y1="{y(bound)}" y2="{y(bound)}" stroke="#c9d2dd" '
            f'stroke-dasharray="4 3"></line><text x="4" y="{y(bound) + 4}" font-size="11" '
            f'fill="#4f5b6b">{letter} ≥{number_format(Decimal(str(bound)), 2)}</text>'
        )
    for index, (name, value) in enumerate(points):
        x = 50 + index * (column + gap)
        if value is not None:
            top_y = y(float(value))
            bar_height = round(top + plot - top_y, 1)
            parts.append(
                f'<rect x="{x}" y="{top_y}" width="{column}" height="{bar_height}"'
                f' fill="#0a4f8a"></rect><text x="{x + column / 2}" y="{top_y - 3}" '
                f'text-anchor="middle" font-size="11">{number_format(value, 2)}</text>'
            )
        parts.append(
            f'<text x="{x + column / 2}" y="{top + plot + 16}" text-anchor="middle" '
            f'font-size="11">{escape(name[:12])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
