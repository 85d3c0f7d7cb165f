import pytest
from django.utils import translation

from satu.jury.rubrics import criterion_code, get_template, templates
from satu.jury.scoring import Scale


def test_the_kipp_2023_template_has_the_eight_aspects_and_weights_of_the_guide():
    template = get_template("kipp-2023")

    assert [(c.name, c.weight) for c in template.criteria] == [
        ("Ringkasan", 0),
        ("Latar Belakang dan Tujuan", 10),
        ("Kebaruan/Nilai Tambah", 15),
        ("Implementasi Inovasi", 5),
        ("Signifikansi", 30),
        ("Adaptabilitas", 20),
        ("Sumber Daya", 5),
        ("Strategi Keberlanjutan", 15),
    ]
    assert template.criteria[0].description == "maks 200 kata; tanpa data pendukung"
    assert template.criteria[2].code == "kebaruan_nilai_tambah"
    assert template.sources == (
        "https://123dok.com/id/docs/penulisan-proposal-kompetisi-inovasi-pelayanan-publik-tahun-2023.11917199",
    )


def test_the_iga_2023_presentation_template_has_its_five_aspects():
    rubric = get_template("iga-presentation-2023").rubric()

    assert rubric.weights == {
        "kebaharuan": 0.30,
        "kemanfaatan": 0.25,
        "kewenangan_daerah_dan_kolaborasi": 0.15,
        "replikasi_dan_aplikatif": 0.20,
        "penguasaan_materi_kualitas_penyajian": 0.10,
    }
    assert rubric.scale == Scale(0, 100, 1)


def test_a_template_becomes_a_rubric_on_the_rounds_scale():
    rubric = get_template("kipp-2023").rubric(Scale(1, 10, 1))
    marks = {c.code: 10 for c in rubric.criteria if c.weight} | {"signifikansi": 5}

    # Everything 10 except Signifikansi (30%) at 5: 10 - 0.3 * 5 = 8.5; Ringkasan is not marked.
    assert rubric.weighted_score(marks) == pytest.approx(8.5)


def test_templates_are_listed_by_code_with_translated_names():
    assert list(templates()) == ["kipp-2023", "iga-presentation-2023"]
    with translation.override("id"):
        assert str(get_template("kipp-2023").name) == "Aspek penilaian proposal KIPP 2023"
    with pytest.raises(ValueError, match="Unknown rubric template"):
        get_template("sinovik-2019")


def test_criterion_codes_are_stable_slugs():
    assert criterion_code("Penguasaan materi / kualitas penyajian") == (
        "penguasaan_materi_kualitas_penyajian"
    )
