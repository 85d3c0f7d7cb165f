"""Evidence uploads: type by content, size limit while streaming, safe names, checksums."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.urls import reverse

from satu.core.errors import DomainError
from satu.innovations import services, uploads
from satu.innovations.models import Evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/octet-stream")


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("laporan.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("foto.JPG", JPEG, "image/jpeg"),
        (
            "sk.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("data.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("pedoman.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_allowed_files_are_accepted_by_their_content(name, data, content_type):
    assert uploads.check_file(upload(name, data), name).content_type == content_type


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laporan.pdf", PNG),  # an image renamed to .pdf
        ("foto.png", PDF),
        ("sk.docx", XLSX),  # a workbook renamed to .docx
        ("sk.docx", zipped({"evil.exe": b"MZ"})),  # any zip renamed to .docx
        ("sk.docx", b"PK\x03\x04 not really a zip"),
        ("pedoman.odt", zipped({"mimetype": b"application/x-evil"})),
        ("laporan.pdf", b"<html><script>alert(1)</script></html>"),
        ("foto.jpg", b"MZ\x90\x00 a windows program"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_claims_is_refused(name, data):
    with pytest.raises(DomainError) as refused:
        uploads.check_file(upload(name, data), name)
    assert refused.value.code == "content_mismatch"


@pytest.mark.parametrize("name", ["program.exe", "halaman.html", "gambar.svg", "makro.docm", "x"])
def test_types_outside_the_list_are_refused_whatever_their_content(name):
    with pytest.raises(DomainError) as refused:
        uploads.check_file(upload(name, PDF), name)
    assert refused.value.code == "type_not_allowed"


def test_an_empty_file_is_refused():
    with pytest.raises(DomainError) as refused:
        uploads.check_file(upload("kosong.pdf", b""), "kosong.pdf")
    assert refused.value.code == "empty"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\budi\\Laporan Akhir.pdf", "Laporan Akhir.pdf"),
        ("laporan\x00\x1b[31m.pdf", "laporan[31m.pdf"),
        ("  spasi   banyak  .pdf", "spasi banyak .pdf"),
        ("", "berkas"),
    ],
)
def test_original_names_are_cleaned_for_display(raw, shown):
    assert uploads.display_name(raw) == shown


def test_a_stored_file_gets_a_random_name_and_a_checksum(draft, operator):
    evidence = services.add_evidence_file(
        operator,
        draft,
        upload("../../Laporan <script>.pdf", PDF),
        kind="report",
        title="",
        is_public=False,
    )
    assert evidence.original_name == "Laporan <script>.pdf"
    assert evidence.title == "Laporan <script>.pdf"
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.size == len(PDF)
    assert evidence.content_type == "application/pdf"
    stored = evidence.file.name
    assert stored.startswith("evidence/") and stored.endswith(".pdf")
    assert "Laporan" not in stored and ".." not in stored
    assert len(stored.rsplit("/", 1)[1]) == len("0" * 32 + ".pdf")
    with default_storage.open(stored) as handle:
        assert handle.read() == PDF


def test_removing_evidence_deletes_the_stored_file(
    draft, operator, django_capture_on_commit_callbacks
):
    evidence = services.add_evidence_file(
        operator, draft, upload("a.pdf", PDF), kind="report", title="A", is_public=False
    )
    name = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_evidence(operator, evidence)
    assert not default_storage.exists(name)


def test_a_refused_upload_through_the_page_shows_why_and_stores_nothing(client, draft, operator):
    client.force_login(operator)
    response = client.post(
        reverse("innovations:evidence_add", args=[draft.pk]),
        {"kind": "report", "title": "Laporan", "file": upload("laporan.pdf", PNG)},
    )
    assert response.status_code == 200
    assert "Isi berkas ini tidak sesuai dengan namanya (.pdf)" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_link_must_be_http_or_https(draft, operator):
    for bad in ("javascript:alert(1)", "ftp://files.example.id/a.pdf", "file:///etc/passwd"):
        with pytest.raises(DomainError):
            services.add_evidence_link(
                operator, draft, url=bad, kind="media", title="x", is_public=True
            )
    evidence = services.add_evidence_link(
        operator, draft, url="https://youtu.be/abc", kind="video", title="Video", is_public=True
    )
    assert evidence.url == "https://youtu.be/abc"


def test_htmx_adds_evidence_to_the_list_in_place(client, draft, operator):
    client.force_login(operator)
    response = client.post(
        reverse("innovations:evidence_add", args=[draft.pk]),
        {"kind": "video", "title": "Video profil", "url": "https://youtu.be/abc"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="evidence-list">')
    assert "Video profil" in html and "<html" not in html


# The size limit


class LazyMultipart:
    """A multipart body of ``size`` bytes produced on demand; counts what the server reads."""

    def __init__(self, size: int, boundary: str = "batas") -> None:
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nreport\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n'
        ).encode()
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.size = size
        self.position = 0
        self.read_bytes = 0

    def _byte_at(self, start: int, length: int) -> bytes:
        out = bytearray()
        body_end = self.size - len(self.tail)
        while length > 0 and start < self.size:
            if start < len(self.head):
                piece = self.head[start : start + length]
            elif start < body_end:
                piece = b"x" * min(length, body_end - start)
            else:
                piece = self.tail[start - body_end : start - body_end + length]
            out += piece
            start += len(piece)
            length -= len(piece)
        return bytes(out)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.size - self.position
        size = min(size, 1024 * 1024)  # never hand out more than a megabyte at once
        data = self._byte_at(self.position, size)
        self.position += len(data)
        self.read_bytes += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 64 * 1024)


def post_stream(client, url: str, body: LazyMultipart):
    return client.request(
        **{
            "REQUEST_METHOD": "POST",
            "PATH_INFO": url,
            "CONTENT_TYPE": "multipart/form-data; boundary=batas",
            "CONTENT_LENGTH": str(body.size),
            "wsgi.input": body,
        }
    )


def test_a_one_gigabyte_upload_is_refused_without_being_read(client, draft, operator):
    client.force_login(operator)
    body = LazyMultipart(1024**3)
    response = post_stream(client, reverse("innovations:evidence_add", args=[draft.pk]), body)
    assert response.status_code == 413
    assert "lebih besar dari 20 MB" in response.content.decode()
    # Refused from the Content-Length alone: not a byte of the body went to memory or disk.
    assert body.read_bytes == 0
    assert not Evidence.objects.exists()


def test_a_file_growing_past_the_limit_is_cut_off_while_streaming(
    client, draft, operator, settings
):
    settings.SATU_MAX_UPLOAD_BYTES = 64 * 1024
    client.force_login(operator)
    # Within the allowance for form fields, so the Content-Length check lets it through;
    # the file itself passes the limit halfway and is stopped by the streaming counter.
    body = LazyMultipart(64 * 1024 + 100 * 1024)
    response = post_stream(client, reverse("innovations:evidence_add", args=[draft.pk]), body)
    assert response.status_code == 413
    assert not Evidence.objects.exists()


def test_the_upload_handler_passes_on_no_more_than_the_limit(settings):
    settings.SATU_MAX_UPLOAD_BYTES = 1000
    handler = uploads.SizeLimitUploadHandler()
    handler.new_file("file", "a.pdf", "application/pdf", None)
    passed = handler.receive_data_chunk(b"x" * 600, 0)
    assert passed == b"x" * 600
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"x" * 600, 600)
    assert stopped.value.connection_reset is False
    assert handler.handle_raw_input(None, {}, 1000 + uploads.REQUEST_OVERHEAD + 1, b"b") == (
        {},
        {},
    )


def test_an_upload_within_the_limit_goes_through_the_page(client, draft, operator):
    client.force_login(operator)
    response = client.post(
        reverse("innovations:evidence_add", args=[draft.pk]),
        {"kind": "report", "title": "Laporan", "file": upload("laporan.pdf", PDF)},
    )
    assert response.status_code == 302
    assert Evidence.objects.get().sha256 == hashlib.sha256(PDF).hexdigest()


def test_htmx_is_told_where_to_show_the_too_large_message(client, draft, operator):
    client.force_login(operator)
    body = LazyMultipart(1024**3)
    response = client.request(
        **{
            "REQUEST_METHOD": "POST",
            "PATH_INFO": reverse("innovations:evidence_add", args=[draft.pk]),
            "CONTENT_TYPE": "multipart/form-data; boundary=batas",
            "CONTENT_LENGTH": str(body.size),
            "HTTP_HX_REQUEST": "true",
            "wsgi.input": body,
        }
    )
    assert response["HX-Retarget"] == "#upload-error"
    assert "lebih besar dari 20 MB" in response.content.decode()
    assert body.read_bytes == 0


def test_the_file_field_carries_the_limit_for_the_browser(client, draft, operator):
    client.force_login(operator)
    html = client.get(reverse("innovations:detail", args=[draft.pk])).content.decode()
    assert f'data-max-bytes="{20 * 1024 * 1024}"' in html
    assert "upload-limit.js" in html
