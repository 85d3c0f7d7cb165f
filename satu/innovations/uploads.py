"""Receiving files safely: a size limit enforced while the request streams in, type checks
by content, random stored names, and the upload views' wrapper.

A request larger than the limit is refused before its body is read when it says so in its
Content-Length; a file that grows past the limit while streaming is cut off at that point. In
both cases nothing beyond the limit reaches memory or disk.
"""

import hashlib
import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

import filetype
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from satu.core.errors import DomainError

# Room for the form's other fields and the multipart framing around the file.
REQUEST_OVERHEAD = 256 * 1024


def max_upload_bytes() -> int:
    return int(settings.SATU_MAX_UPLOAD_BYTES)


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops a request whose body or any one file passes ``settings.SATU_MAX_UPLOAD_BYTES``.

    Runs first among the upload handlers: it counts the bytes of each file as they arrive and
    passes them on to Django's memory/temporary-file handlers only while under the limit.
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = max_upload_bytes()
        self.received = 0

    def _refuse(self) -> None:
        if self.request is not None:
            self.request.upload_too_large = True  # type: ignore[attr-defined]

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # type: ignore[no-untyped-def]
        if content_length > self.limit + REQUEST_OVERHEAD:
            # Answer without reading a byte of the body.
            self._refuse()
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def new_file(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse()
            # The request is within REQUEST_OVERHEAD of the limit (checked above), so reading
            # out the rest costs little and lets the browser show the answer.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def limited_upload(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap an upload view: install the size limit before anything reads the body.

    The CSRF check reads the body, so it runs after the handler is in place (Django's
    documented pattern); an oversized request is answered 413 without processing anything.
    """
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method == "POST":
            request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
            request.POST  # noqa: B018 - parse now, under the limit
            if getattr(request, "upload_too_large", False):
                return too_large_response(request)
        return protected(request, *args, **kwargs)

    return wrapper


def too_large_response(request: HttpRequest) -> HttpResponse:
    message = too_large_message()
    if getattr(request, "htmx", False):
        # htmx swaps only successful answers: put the message into the form's error slot.
        response = HttpResponse(format_html('<p class="alert alert-error">{}</p>', message))
        response["HX-Retarget"] = "#upload-error"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(
        request, "core/error.html", {"title": _("File too large"), "message": message}, status=413
    )


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB, the most that can be uploaded.") % {
        "size": max_upload_bytes() // (1024 * 1024)
    }


# Content types


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    mime: str
    label: str


ODF_MIMES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ALLOWED = {
    "pdf": Kind(("pdf",), "application/pdf", "PDF"),
    "jpg": Kind(("jpg", "jpeg"), "image/jpeg", "JPEG"),
    "png": Kind(("png",), "image/png", "PNG"),
    "webp": Kind(("webp",), "image/webp", "WebP"),
    "docx": Kind(
        ("docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    "xlsx": Kind(
        ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
    ),
    "pptx": Kind(
        ("pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    "odt": Kind(("odt",), ODF_MIMES["odt"], "OpenDocument"),
    "ods": Kind(("ods",), ODF_MIMES["ods"], "OpenDocument"),
    "odp": Kind(("odp",), ODF_MIMES["odp"], "OpenDocument"),
}
ALLOWED_EXTENSIONS = sorted({ext for kind in ALLOWED.values() for ext in kind.extensions})


def allowed_types_text() -> str:
    return ", ".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def _zip_kind(uploaded: File) -> str | None:
    """docx/xlsx/pptx/odt/ods/odp from the archive's contents, or None."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    declared = entry.read(100).decode("ascii", "replace").strip()
                for key, mime in ODF_MIMES.items():
                    if declared == mime:
                        return key
            if "[Content_Types].xml" in names:
                for key, part in OOXML_PARTS.items():
                    if part in names:
                        return key
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    return None


def sniff(uploaded: File) -> str | None:
    """The key in ALLOWED that the content really is, or None."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(uploaded)
    guess = filetype.guess(head)
    if guess is not None and guess.extension in ALLOWED:
        return str(guess.extension)
    return None


@dataclass(frozen=True)
class Checked:
    kind: str
    content_type: str
    extension: str


def check_file(uploaded: File, name: str) -> Checked:
    """Refuse anything that is not an allowed type, or not what its name claims."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_upload_bytes():
        raise DomainError(too_large_message(), field="file", code="too_large")
    if not size:
        raise DomainError(_("The file is empty."), field="file", code="empty")
    extension = _extension(name)
    claimed = next((key for key, kind in ALLOWED.items() if extension in kind.extensions), None)
    if claimed is None:
        raise DomainError(
            _("Files of this type cannot be uploaded. Allowed: %(types)s.")
            % {"types": allowed_types_text()},
            field="file",
            code="type_not_allowed",
        )
    actual = sniff(uploaded)
    if actual != claimed:
        raise DomainError(
            _(
                "The content of this file is not what its name says (.%(extension)s). "
                "Save it again in the right format and upload that file."
            )
            % {"extension": extension},
            field="file",
            code="content_mismatch",
        )
    kind = ALLOWED[actual]
    return Checked(kind=actual, content_type=kind.mime, extension=kind.extensions[0])


def display_name(name: str) -> str:
    """The uploader's file name, cleaned for display: no folders, controls or odd spacing."""
    name = unicodedata.normalize("NFC", str(name))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if ch.isprintable())
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > 150:
        stem, ext = os.path.splitext(name)
        name = stem[: 150 - len(ext)] + ext
    return name or "berkas"


@dataclass(frozen=True)
class Stored:
    name: str
    size: int
    sha256: str
    content_type: str
    original_name: str


def store_file(uploaded: File, name: str, folder: str, checked: Checked | None = None) -> Stored:
    """Save through the default storage under a random name; return what was stored."""
    checked = checked or check_file(uploaded, name)
    digest = hashlib.sha256()
    size = 0
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
        size += len(chunk)
    uploaded.seek(0)
    today = timezone.localdate()
    path = f"{folder}/{today:%Y/%m}/{uuid.uuid4().hex}.{checked.extension}"
    stored_name = default_storage.save(path, uploaded)
    return Stored(
        name=stored_name,
        size=size,
        sha256=digest.hexdigest(),
        content_type=checked.content_type,
        original_name=display_name(name),
    )


SPREADSHEET_EXTENSIONS = ("xlsx", "csv")


def checked_spreadsheet(uploaded: File, folder: str) -> tuple[str, str]:
    """Check a spreadsheet uploaded for an import: its name, size and content.

    Returns the name to show and the storage path to keep it at (``imports/<folder>/…``);
    raises a :class:`DomainError` on the ``file`` field. The rows are read later, in the task
    worker.
    """
    name = display_name(getattr(uploaded, "name", "") or "impor")
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in SPREADSHEET_EXTENSIONS:
        raise DomainError(
            _("Upload the template filled in, as .xlsx or .csv."), field="file", code="bad_type"
        )
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_upload_bytes():
        raise DomainError(too_large_message(), field="file", code="too_large")
    if extension == "xlsx" and sniff(uploaded) != "xlsx":
        raise DomainError(
            _("The content of this file is not what its name says (.%(extension)s).")
            % {"extension": extension},
            field="file",
            code="content_mismatch",
        )
    uploaded.seek(0)
    path = f"imports/{folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"
    return name, path
