"""The nine standard elements keep the official Indonesian wording and their identity."""

import csv
from importlib import resources

import pytest
from django.utils import translation

from satu.surveys.elements import ELEMENTS_BY_KEY, SCALES, STANDARD_ELEMENTS, ScaleChoice
from satu.surveys.models import SurveyResponse


def official_rows():
    text = resources.files("satu.surveys").joinpath("data", "skm_unsur.csv")
    return list(csv.DictReader(text.read_text("utf-8").splitlines()))


@pytest.mark.parametrize("row", official_rows(), ids=lambda row: row["no"])
def test_each_element_speaks_the_official_indonesian_of_the_regulation(row):
    element = STANDARD_ELEMENTS[int(row["no"]) - 1]
    assert element.number == int(row["no"])
    with translation.override("id"):
        assert str(element.name).lower() == row["unsur"].lower()
        assert str(element.definition) == row["ringkasan_definisi"]
        topic = row["topik_pertanyaan"]
        assert str(element.question) == (
            f"Bagaimana pendapat Saudara tentang {topic[0].lower()}{topic[1:]}?"
        )
        labels = [str(label) for label in element.labels]
        assert labels == [row[f"nilai_{n}"] for n in (1, 2, 3, 4)]
    assert row["bobot_tertimbang"] == "1/9"


def test_every_label_has_an_english_translation_that_differs_from_the_indonesian():
    for element in STANDARD_ELEMENTS:
        with translation.override("en"):
            english = [str(label) for label in element.labels] + [str(element.name)]
        with translation.override("id"):
            indonesian = [str(label) for label in element.labels] + [str(element.name)]
        assert english != indonesian, element.key


def test_elements_are_stored_by_key_not_by_position():
    keys = [element.key for element in STANDARD_ELEMENTS]
    assert len(set(keys)) == 9
    columns = {field.name for field in SurveyResponse._meta.get_fields()}
    assert set(keys) <= columns
    # Paper forms in use ask about facilities as question 8 and complaints as question 9; the
    # key, not the position, tells them apart.
    assert ELEMENTS_BY_KEY["pengaduan"].number == 8
    assert ELEMENTS_BY_KEY["sarana"].number == 9


def test_every_scale_offered_for_extra_elements_exists_with_four_labels():
    for value in ScaleChoice.values:
        assert len(SCALES[value].labels) == 4
