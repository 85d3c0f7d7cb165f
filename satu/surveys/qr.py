"""QR codes that lead to the public form of a survey period (PNG for print, SVG for posters)."""

import io

import segno
from django.utils.safestring import SafeString, mark_safe

from .models import SurveyPeriod


def form_url(period: SurveyPeriod, token: str = "") -> str:
    url = period.public_url()
    return f"{url}?t={token}" if token else url


def qr_png(url: str, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    # Error correction M survives a little dirt or a crease on a printed poster.
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(url: str, scale: int = 8, title: str = "", *, inline: bool = False) -> SafeString:
    """An SVG document; segno escapes the title, so it can go straight into a page.

    ``inline`` leaves out the fixed width and height (a viewBox remains), so CSS sizes it.
    """
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        svgns=True,
        title=title or None,
        nl=False,
        omitsize=inline,
    )
    return mark_safe(buffer.getvalue().decode("utf-8"))  # noqa: S308 - generated, escaped
