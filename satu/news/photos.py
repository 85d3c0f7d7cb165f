"""Article photos: checked by content, re-encoded small, stripped of metadata."""

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from satu.core.errors import DomainError

ACCEPTED_TYPES = {"image/jpeg", "image/png", "image/webp"}
MAX_PIXELS = 40_000_000
LARGE_WIDTH = 1200
SMALL_WIDTH = 480


@dataclass
class ProcessedPhoto:
    large: ContentFile
    small: ContentFile
    width: int
    height: int


def _encode(image: Image.Image, width: int, name: str) -> tuple[ContentFile, int, int]:
    copy = image.copy()
    if copy.width > width:
        copy = copy.resize((width, round(copy.height * width / copy.width)), Image.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=78, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name), copy.width, copy.height


def process_photo(upload: UploadedFile) -> ProcessedPhoto:
    """Refuse anything that is not really a JPEG, PNG or WebP photo; return the web sizes.

    The type is read from the file's content (not its name or the browser's word); the image
    is decoded fully, re-encoded as JPEG without its metadata (EXIF may hold a location).
    """
    limit = min(settings.SATU_MAX_UPLOAD_BYTES, 10 * 1024 * 1024)
    if upload.size is None or upload.size > limit:
        raise DomainError(
            _("The photo is too large: at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
            field="photo",
        )
    upload.seek(0)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ACCEPTED_TYPES:
        raise DomainError(_("The photo must be a JPEG, PNG or WebP image."), field="photo")
    try:
        with Image.open(upload) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise DomainError(_("The photo has too many pixels."), field="photo")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise DomainError(_("The photo could not be read as an image."), field="photo") from None
    large, width, height = _encode(image, LARGE_WIDTH, "photo.jpg")
    small, _w, _h = _encode(image, SMALL_WIDTH, "photo-small.jpg")
    return ProcessedPhoto(large=large, small=small, width=width, height=height)
