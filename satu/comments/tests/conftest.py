import pytest
from django.core.cache import cache

from satu.catalog.testing import *  # noqa: F403


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
