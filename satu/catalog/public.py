"""Helpers for public pages: absolute URLs, share links, links to public evidence, awards."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from satu.innovations.models import Evidence, Innovation

from .facets import award_model


def absolute_url(path: str) -> str:
    """The public address of a path, from SATU_BASE_URL (never from the request's Host)."""
    return f"{settings.SATU_BASE_URL}{path}"


def share_links(url: str, title: str) -> list[dict[str, str]]:
    """Plain links that open each service's own share page: no third-party script."""
    text = f"{title} {url}"
    return [
        {"name": "WhatsApp", "url": f"https://wa.me/?{urlencode({'text': text})}"},
        {
            "name": "Facebook",
            "url": f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}",
        },
        {"name": "X", "url": f"https://x.com/intent/post?{urlencode({'url': url, 'text': title})}"},
        {
            "name": "Telegram",
            "url": f"https://t.me/share/url?{urlencode({'url': url, 'text': title})}",
        },
    ]


def share_context(path: str, title: str) -> dict[str, object]:
    url = absolute_url(path)
    return {"share_url": url, "share_title": title, "share_links": share_links(url, title)}


def evidence_link(evidence: Evidence) -> str | None:
    """Where a visitor opens a piece of public evidence.

    An uploaded file is served by the innovation registry's permission-checking view; a link
    goes to its own address.
    """
    if evidence.file:
        return reverse("innovations:evidence_download", args=[evidence.pk])
    return evidence.url or None


def awards_of(innovations: list[Innovation]) -> dict[int, list[object]]:
    """Awards per innovation id, when the competitions app is installed (else none)."""
    model = award_model()
    if model is None or not innovations:
        return {}
    result: dict[int, list[object]] = {}
    ids = [innovation.pk for innovation in innovations]
    for award in model.objects.filter(innovation_id__in=ids).order_by("-year", "title"):
        result.setdefault(award.innovation_id, []).append(award)
    return result


def ld_json(data: dict[str, object]) -> SafeString:
    """JSON for a <script type="application/ld+json"> element, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every character that could end the element is escaped
