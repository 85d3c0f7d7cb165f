"""The rich text of news articles: a small, safe subset of HTML (sanitised with nh3)."""

import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<[a-zA-Z/]")


def sanitize(html: str) -> str:
    """Keep the allowed tags; drop scripts, styles, event handlers and unsafe links.

    Text without any tag is treated as plain paragraphs separated by blank lines.
    """
    html = (html or "").strip()
    if html and not _TAG.search(html):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
        html = "".join("<p>" + escape(part).replace("\n", "<br>") + "</p>" for part in paragraphs)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_text(html: str) -> str:
    return " ".join(nh3.clean(html or "", tags=set()).split())
