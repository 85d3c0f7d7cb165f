"""Test fixtures for the public portal: accepted innovations, news articles, read buffers.

Import them into a tests package's conftest.py: ``from satu.catalog.testing import *``.
"""

import pytest
from django.utils import timezone

from satu.innovations.models import Innovation, Status
from satu.urusan.models import Urusan

__all__ = ["make_article", "make_innovation", "read_buffer"]


@pytest.fixture
def make_innovation(agency_a, django_capture_on_commit_callbacks):
    """Create an innovation (accepted unless told otherwise) and index it for search."""
    health = Urusan.objects.get(code=2)

    def make(name: str, status: str = Status.ACCEPTED, **fields) -> Innovation:
        fields.setdefault("agency", agency_a)
        fields.setdefault("main_urusan", health)
        with django_capture_on_commit_callbacks(execute=True):
            return Innovation.objects.create(
                programme_year=fields.pop("programme_year", 2025),
                name=name,
                stage=fields.pop("stage", "penerapan"),
                initiator_kind="opd",
                form=fields.pop("form", "pelayanan_publik"),
                status=status,
                accepted_at=timezone.now() if status == Status.ACCEPTED else None,
                **fields,
            )

    return make


@pytest.fixture
def make_article(db):
    from satu.news.models import Article, ArticleStatus, Category

    def make(title: str = "Berita", **fields) -> Article:
        if "category" not in fields:
            fields["category"] = Category.objects.get_or_create(
                slug="inovasi-daerah", defaults={"name": "Inovasi Daerah"}
            )[0]
        fields.setdefault("status", ArticleStatus.PUBLISHED)
        fields.setdefault("body", "<p>Isi berita.</p>")
        return Article.objects.create(title=title, slug=fields.pop("slug", "berita"), **fields)

    return make


@pytest.fixture
def read_buffer(settings, tmp_path):
    """A fresh, empty file buffer for read counts (the embedded install's)."""
    settings.REDIS_URL = ""
    settings.SATU_READ_BUFFER_DIR = tmp_path / "reads"
    return settings.SATU_READ_BUFFER_DIR
