"""Every column in a file is in the dictionary, in Indonesian; no file names a person."""

import re

import pytest
from django.utils import translation

from satu.accounts.models import User
from satu.opendata.datasets import DATASETS, TYPES

from .conftest import read_header, stored

pytestmark = pytest.mark.django_db
FORMATS = ("csv", "xlsx", "json")


@pytest.mark.parametrize("slug", list(DATASETS))
def test_the_dictionary_covers_exactly_the_columns_of_every_file(demo, slug):
    dataset = DATASETS[slug]()
    for fmt in FORMATS:
        assert read_header(stored(slug, fmt), fmt) == dataset.keys(), fmt
    assert len(set(dataset.keys())) == len(dataset.keys())
    for column in dataset.columns:
        assert column.type in TYPES
        with translation.override("en"):
            english = (str(column.label), str(column.description))
        with translation.override("id"):
            indonesian = (str(column.label), str(column.description))
        assert all(english) and all(indonesian)
        assert indonesian[1] != english[1], f"{slug}.{column.key} is not translated"


@pytest.mark.parametrize("slug", list(DATASETS))
def test_no_file_holds_an_email_address_or_the_name_of_a_user(demo, slug):
    names = [name for name in User.objects.values_list("full_name", flat=True) if len(name) >= 6]
    assert names
    for fmt in ("csv", "json"):
        text = stored(slug, fmt).decode("utf-8-sig")
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), fmt
        for name in names:
            assert name not in text, f"{name} in {slug}.{fmt}"
