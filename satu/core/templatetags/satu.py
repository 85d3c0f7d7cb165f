"""Template helpers shared by every app."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_item(context: template.Context, url_name: str, label: str, exact: bool = False) -> str:
    """A navigation link marked aria-current when the page is in its section."""
    url = reverse(url_name)
    path = context["request"].path
    current = path == url if exact or url == "/" else path.startswith(url)
    return format_html(
        '<li><a href="{}"{}>{}</a></li>', url, ' aria-current="page"' if current else "", label
    )


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = urlencode(sorted(params.lists()), doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None
