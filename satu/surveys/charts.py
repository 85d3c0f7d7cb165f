"""Small inline SVG charts: no JavaScript, no image files, the same in a page and in the PDF."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .results import ProfileChart

BAR_HEIGHT = 22
LABEL_WIDTH = 170
BAR_WIDTH = 200


def bar_chart(chart: ProfileChart) -> SafeString:
    """Horizontal bars: one per answer, labelled with the count and share."""
    height = BAR_HEIGHT * max(len(chart.bars), 1) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 80
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


def _two_lines(text: str, x: float, y: float) -> str:
    """A label under a column, broken before its last word when it is long."""
    text = text[:32]
    head, _, tail = text.rpartition(" ")
    if len(text) <= 12 or not head:
        return f'<text x="{x}" y="{y}" text-anchor="middle" font-size="12">{escape(text)}</text>'
    return (
        f'<text x="{x}" y="{y}" text-anchor="middle" font-size="12">{escape(head)}'
        f'<tspan x="{x}" dy="14">{escape(tail)}</tspan></text>'
    )


def trend_chart(points: Sequence[tuple[str, Decimal | None]], label: str) -> SafeString:
    """Converted index per period as columns on the 25–100 scale, with the grade bounds."""
    left, column, gap, top, plot, bottom = 84, 84, 28, 16, 200, 44
    width = left + max(len(points), 1) * (column + gap)
    height = top + plot + bottom

    def y(value: float) -> float:
        return round(top + plot - (value - 25) / 75 * plot, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(label)}">',
        f'<line x1="{left - 6}" x2="{width}" y1="{y(25)}" y2="{y(25)}" stroke="#7b8794"></line>',
    ]
    for bound, letter in ((88.31, "A"), (76.61, "B"), (65.0, "C")):
        parts.append(
            f'<line x1="{left - 6}" x2="{width}" y1="{y(bound)}" y2="{y(bound)}" '
            f'stroke="#c9d2dd" stroke-dasharray="4 3"></line><text x="{left - 10}" '
            f'y="{y(bound) + 4}" font-size="11" fill="#4f5b6b" text-anchor="end">'
            f"{letter} ≥ {number_format(Decimal(str(bound)), 2)}</text>"
        )
    for index, (name, value) in enumerate(points):
        x = left + gap / 2 + index * (column + gap)
        if value is not None:
            top_y = y(float(value))
            bar_height = round(top + plot - top_y, 1)
            parts.append(
                f'<rect x="{x}" y="{top_y}" width="{column}" height="{bar_height}"'
                f' fill="#0a4f8a"></rect><text x="{x + column / 2}" y="{top_y - 4}" '
                f'text-anchor="middle" font-size="12" font-weight="bold">'
                f"{number_format(value, 2)}</text>"
            )
        parts.append(_two_lines(name, x + column / 2, top + plot + 16))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
