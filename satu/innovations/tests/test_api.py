"""/api/v1/innovations: accepted innovations only, public evidence only, no personal data."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satu.innovations import services
from satu.innovations.models import Status
from satu.urusan.models import Urusan

from .conftest import advance, complete_values

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


@pytest.fixture
def published(
    operator,
    agency_head,
    secretariat,
    agency_a,
    operator_k,
    agency_head_k,
    regional_admin,
    agency_k,
):
    """Two accepted innovations (province and Kota Semarang) and one still in review."""
    provincial = advance(
        services.create_innovation(
            operator,
            agency_a,
            complete_values(
                name="Si Cantik",
                initiator_kind="asn",
                initiator_name="Budi Santoso",
                is_digital=False,
                programme_year=2025,
            ),
        ),
        operator,
        agency_head,
        secretariat,
    )
    kota = advance(
        services.create_innovation(
            operator_k,
            agency_k,
            complete_values(
                name="Jemput Bola Adminduk",
                stage="uji_coba",
                launch_date=None,
                results_after="",
                main_urusan=Urusan.objects.get(code=12),
                related_urusan=[Urusan.objects.get(code=2)],
            ),
        ),
        operator_k,
        agency_head_k,
        regional_admin,
        secretariat,
    )
    pending = services.create_innovation(operator, agency_a, complete_values(name="Masih Diproses"))
    services.submit_innovation(operator, pending)
    return provincial, kota, pending


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["results"]]


def test_only_accepted_innovations_are_listed(client, published):
    response = client.get("/api/v1/innovations")
    assert response.status_code == 200
    assert sorted(names(response)) == ["Jemput Bola Adminduk", "Si Cantik"]
    assert response.json()["count"] == 2
    pending = published[2]
    assert client.get(f"/api/v1/innovations/{pending.pk}").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2025", ["Si Cantik"]),
        ("region=33", ["Jemput Bola Adminduk", "Si Cantik"]),  # the province includes its kota
        ("region=33.74", ["Jemput Bola Adminduk"]),
        ("region=33.02", []),
        ("stage=uji_coba", ["Jemput Bola Adminduk"]),
        ("urusan=12", ["Jemput Bola Adminduk"]),
        ("urusan=2", ["Jemput Bola Adminduk", "Si Cantik"]),  # main or related
        ("digital=false", ["Si Cantik"]),
        ("digital=true&region=33", ["Jemput Bola Adminduk"]),
    ],
)
def test_filters(client, published, query, expected):
    assert sorted(names(client.get(f"/api/v1/innovations?{query}"))) == expected


def test_the_agency_filter(client, published, agency_k):
    assert names(client.get(f"/api/v1/innovations?agency={agency_k.pk}")) == [
        "Jemput Bola Adminduk"
    ]


def test_the_detail_has_no_internal_evidence_and_no_personal_data(
    client, published, operator, agency_a
):
    provincial = published[0]
    services.add_evidence_file(
        operator,
        provincial,
        SimpleUploadedFile("brosur.pdf", PDF),
        kind="guide",
        title="Brosur publik",
        is_public=True,
    )
    services.add_evidence_file(
        operator,
        provincial,
        SimpleUploadedFile("sk.pdf", PDF),
        kind="decree",
        title="SK internal",
        is_public=False,
    )
    services.add_evidence_link(
        operator,
        provincial,
        url="https://youtu.be/abc",
        kind="video",
        title="Video",
        is_public=True,
    )
    services.record_year_status(operator, provincial, year=2025, status="continued")
    response = client.get(f"/api/v1/innovations/{provincial.pk}")
    data = response.json()
    assert response.status_code == 200
    assert [e["title"] for e in data["evidence"]] == ["Brosur publik", "Video"]
    file_item = data["evidence"][0]
    assert file_item["is_file"] and file_item["url"].endswith(f"/berkas/bukti/{file_item['id']}/")
    download = client.get(file_item["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert data["years"] == [
        {
            "year": 2025,
            "status": "continued",
            "status_label": "Dilanjutkan",
            "development_note": "",
            "stop_reason": "",
        }
    ]
    text = json.dumps(data)
    # A civil servant initiator is a person: the name is not published.
    assert data["initiator_kind"] == "asn" and data["initiator_name"] is None
    assert "Budi Santoso" not in text
    for person in ("operator@example.id", "Operator Dinkes", "kepala@example.id", "Sekretariat"):
        assert person not in text
    assert "uploaded_by" not in text and "created_by" not in text and "sha256" not in text


def test_an_agency_initiator_is_published(client, published, agency_k):
    kota = published[1]
    data = client.get(f"/api/v1/innovations/{kota.pk}").json()
    assert data["initiator_name"] == agency_k.name
    assert data["agency"]["region"] == {"code": "33.74", "name": "Kota Semarang"}
    assert data["related_urusan"] == [{"number": 2, "name": "Kesehatan"}]


def test_a_reopened_innovation_leaves_the_api(client, published, secretariat):
    provincial = published[0]
    services.reopen_innovation(secretariat, provincial, "Koreksi data.")
    assert client.get(f"/api/v1/innovations/{provincial.pk}").status_code == 404
    assert "Si Cantik" not in names(client.get("/api/v1/innovations"))


def test_the_list_needs_few_queries_however_many_innovations(
    client, published, operator, agency_head, secretariat, agency_a, django_assert_max_num_queries
):
    for number in range(12):
        innovation = services.create_innovation(
            operator, agency_a, complete_values(name=f"Inovasi {number}")
        )
        advance(innovation, operator, agency_head, secretariat)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/innovations?page_size=100")
    assert response.json()["count"] == 14
    with django_assert_max_num_queries(6):
        client.get(f"/api/v1/innovations/{published[0].pk}")


def test_the_openapi_document_describes_every_field(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/innovations" in schema["paths"]
    assert "/api/v1/innovations/{innovation_id}" in schema["paths"]
    components = schema["components"]["schemas"]
    for name in ("InnovationOut", "InnovationSummary", "EvidenceOut", "YearOut"):
        for field, spec in components[name]["properties"].items():
            if "$ref" in spec or "allOf" in spec:
                continue
            assert spec.get("description"), f"{name}.{field} has no description"
    parameters = schema["paths"]["/api/v1/innovations"]["get"]["parameters"]
    assert {p["name"] for p in parameters} >= {
        "year",
        "region",
        "agency",
        "stage",
        "urusan",
        "digital",
        "page",
        "page_size",
    }


def test_statuses_other_than_accepted_never_appear(client, published, operator, agency_a):
    for status in Status.values:
        if status == Status.ACCEPTED:
            continue
        innovation = services.create_innovation(
            operator, agency_a, complete_values(name=f"Status {status}")
        )
        type(innovation).objects.filter(pk=innovation.pk).update(status=status)
        assert client.get(f"/api/v1/innovations/{innovation.pk}").status_code == 404
    assert sorted(names(client.get("/api/v1/innovations"))) == ["Jemput Bola Adminduk", "Si Cantik"]
