"""Sections that other capabilities contribute to the back-office page of an innovation.

The satisfaction-survey comparison before and after the launch (surveys) is the first such
section. A provider receives the request and the innovation and returns a template name and
its context, or None when it has nothing to show; the page renders them in the block
``innovation_sections`` (see ``innovations/innovation_detail.html``)::

    from satu.innovations.sections import register_detail_section

    @register_detail_section(order=10)
    def survey_comparison(request, innovation):
        return "surveys/_before_after.html", {"comparison": ...}
"""

from collections.abc import Callable

from django.http import HttpRequest

Section = tuple[str, dict[str, object]]
Provider = Callable[[HttpRequest, object], Section | None]
_providers: list[tuple[int, Provider]] = []


def register_detail_section(order: int) -> Callable[[Provider], Provider]:
    def decorator(func: Provider) -> Provider:
        _providers.append((order, func))
        _providers.sort(key=lambda item: item[0])
        return func

    return decorator


def detail_sections(request: HttpRequest, innovation: object) -> list[Section]:
    sections = []
    for _order, provider in _providers:
        section = provider(request, innovation)
        if section is not None:
            sections.append(section)
    return sections
