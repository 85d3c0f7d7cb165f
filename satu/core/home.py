"""Sections that apps contribute to the home page.

Each app with something to show on the home page registers a function here that returns a
template name and its context; the home page renders them in order.
"""

from collections.abc import Callable

from django.http import HttpRequest

Section = tuple[str, dict[str, object]]
_providers: list[tuple[int, Callable[[HttpRequest, object], Section | None]]] = []


def register_home_section(order: int) -> Callable:
    def decorator(func: Callable[[HttpRequest, object], Section | None]) -> Callable:
        _providers.append((order, func))
        _providers.sort(key=lambda item: item[0])
        return func

    return decorator


def home_sections(request: HttpRequest, province: object) -> list[Section]:
    sections = []
    for _order, provider in _providers:
        section = provider(request, province)
        if section is not None:
            sections.append(section)
    return sections
