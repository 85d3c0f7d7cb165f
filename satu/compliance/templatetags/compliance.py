"""Badges of the compliance board: colour always comes with a symbol and a text."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

from ..board import LIGHT_LABELS, STATUS_LABELS, STATUS_LIGHTS
from ..charts import COLOURS

register = template.Library()

LIGHT_BADGES = {"green": ("ok", "●"), "amber": ("warn", "◐"), "red": ("bad", "○")}


@register.simple_tag
def status_badge(status: str) -> str:
    css, symbol = STATUS_LIGHTS[status]
    return format_html(
        '<span class="badge badge-{} status-{}"><span aria-hidden="true">{}</span> {}</span>',
        css,
        status,
        symbol,
        STATUS_LABELS[status],
    )


@register.simple_tag
def light_badge(light: str | None) -> str:
    if light is None:
        return ""
    css, symbol = LIGHT_BADGES[light]
    return format_html(
        '<span class="badge badge-{} light-{}"><span aria-hidden="true">{}</span> {}</span>',
        css,
        light,
        symbol,
        LIGHT_LABELS[light],
    )


@register.simple_tag
def swatch(status: str) -> str:
    """A small square of the status colour, for chart legends (hidden from screen readers)."""
    return format_html(
        '<svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" '
        'focusable="false"><rect width="14" height="14" rx="2" fill="{}"/></svg>',
        COLOURS[status],
    )


@register.filter
def percent(value: float | None) -> str:
    """45.3 → "45,3%" in Indonesian; a dash when there is nothing to divide."""
    if value is None:
        return "–"
    return f"{number_format(value, decimal_pos=1)}%"


@register.filter
def counts_of(counts: object, status: str) -> int:
    return counts.get(status)  # type: ignore[attr-defined]
