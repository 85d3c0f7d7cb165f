"""Field verification: the verifier's record of a visit, photos, and the round result it gives."""

import datetime
import hashlib
from collections.abc import Sequence
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from satu.core.errors import DomainError, PermissionDeniedError

from .. import policies
from ..models import (
    Entry,
    FieldVerification,
    LocationSource,
    Round,
    RoundKind,
    VerificationPhoto,
)
from .rounds import store_result

PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 12


def photo_limit() -> int:
    return min(PHOTO_MAX_BYTES, settings.SATU_MAX_UPLOAD_BYTES)


def check_photo(upload: UploadedFile) -> str:
    """The photo's content type, judged by its bytes (not its name); refuses anything else."""
    limit = photo_limit()
    if upload.size is None or upload.size > limit:
        raise DomainError(
            _("%(name)s is larger than %(mb)s MB.") % {"name": upload.name, "mb": limit // 2**20},
            field="photos",
            code="photo_too_large",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in PHOTO_TYPES:
        raise DomainError(
            _("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": upload.name},
            field="photos",
            code="photo_type",
        )
    return kind.mime


def _digest(upload: UploadedFile) -> str:
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


@transaction.atomic
def record_verification(
    actor: object,
    round: Round,
    entry: Entry,
    *,
    visited_on: datetime.date,
    checklist: list[dict],
    score: Decimal,
    notes: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    location_source: str = "",
    photos: Sequence[UploadedFile] = (),
) -> FieldVerification:
    """Record (or update) the field visit of ``entry``; its score becomes the round result."""
    if not policies.can_verify(actor, round.competition):
        raise PermissionDeniedError(_("Only field verifiers of the province record visits."))
    if round.kind != RoundKind.FIELD:
        raise DomainError(_("Visits belong to the field verification round."), code="wrong_round")
    if (latitude is None) != (longitude is None):
        raise DomainError(_("Give both latitude and longitude, or neither."), field="latitude")
    if location_source and location_source not in LocationSource.values:
        location_source = LocationSource.TYPED
    types = [check_photo(photo) for photo in photos]
    verification = (
        FieldVerification.objects.select_for_update().filter(round=round, entry=entry).first()
    )
    existing_photos = verification.photos.count() if verification else 0
    if existing_photos + len(photos) > MAX_PHOTOS:
        raise DomainError(
            _("At most %(max)s photos per visit.") % {"max": MAX_PHOTOS}, field="photos"
        )
    if verification is None:
        verification = FieldVerification(round=round, entry=entry, verifier=actor)
    verification.verifier = actor
    verification.visited_on = visited_on
    verification.checklist = [
        {
            "item": str(item.get("item", ""))[:300],
            "confirmed": bool(item.get("confirmed")),
            "note": str(item.get("note", ""))[:1000],
        }
        for item in checklist
    ]
    verification.notes = notes
    verification.latitude, verification.longitude = latitude, longitude
    verification.location_source = location_source if latitude is not None else ""
    verification.score = score
    verification.full_clean(exclude=["round", "entry", "verifier"])
    verification.save()
    for upload, mime in zip(photos, types, strict=True):
        digest = _digest(upload)
        upload.name = f"{digest[:16]}.{PHOTO_TYPES[mime]}"
        VerificationPhoto.objects.create(
            verification=verification,
            file=upload,
            content_type=mime,
            size=upload.size or 0,
            sha256=digest,
            uploaded_by=actor,
        )
    store_result(
        actor,
        round,
        entry,
        score,
        {
            "source": "field_verification",
            "verification": verification.pk,
            "confirmed": verification.confirmed_count,
            "items": len(verification.checklist),
        },
    )
    return verification
