"""Regenerating the open datasets into storage, and what the pages say about them.

A dataset is read once, rendered in memory as CSV, XLSX and JSON, and only then written to
storage under new names (``opendata/<slug>/<fingerprint>.<fmt>``); the swap is the update of
its :class:`~satu.opendata.models.Publication` row, after which the old files are deleted.
A download therefore always sees a complete set of files, and a dataset whose rows cannot be
read or whose files cannot be written leaves the previous version in place (and no stray
file). When the content did not change (same CSV fingerprint), nothing is rewritten; only the
time of the last regeneration moves.
"""

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from satu.audit.services import record
from satu.core.exporters import CONTENT_TYPES, FORMATS, Exporter, render

from .datasets import DATASETS, Dataset, all_datasets
from .models import Publication

logger = logging.getLogger(__name__)

STORAGE_DIR = "opendata"
LICENSE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
# ISO 8601 repeating interval of DCAT's accrualPeriodicity: daily.
FREQUENCY = "R/P1D"


class _Snapshot(Exporter):
    """The rows of a dataset read once, so that the three formats hold the same data."""

    def __init__(self, dataset: Dataset, rows: list[Sequence[object]]) -> None:
        self.identifier = dataset.slug
        self.title = dataset.title
        self.columns = dataset.columns
        self.data = rows

    def headers(self) -> list[str]:
        return self.keys()

    def rows(self) -> Iterable[Sequence[object]]:
        return self.data


@dataclass
class Outcome:
    """What regenerating one dataset did."""

    slug: str
    rows: int = 0
    changed: bool = False
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def _storage_name(slug: str, fingerprint: str, fmt: str) -> str:
    return f"{STORAGE_DIR}/{slug}/{fingerprint[:20]}.{fmt}"


def _files_present(publication: Publication) -> bool:
    return set(publication.files) == set(FORMATS) and all(
        default_storage.exists(str(info["name"])) for info in publication.files.values()
    )


def _write_files(slug: str, fingerprint: str, contents: dict[str, bytes]) -> dict[str, dict]:
    """Save every format under a new name; on any failure remove what was saved and raise."""
    saved: dict[str, dict] = {}
    try:
        for fmt, content in contents.items():
            name = default_storage.save(_storage_name(slug, fingerprint, fmt), ContentFile(content))
            saved[fmt] = {
                "name": name,
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
    except BaseException:
        _delete_files(info["name"] for info in saved.values())
        raise
    return saved


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # already gone, or the storage refuses: the file is orphaned, no more
            logger.warning("open data: could not delete %s", name)


def regenerate_dataset(dataset: Dataset) -> Outcome:
    """Read ``dataset``, and publish it if its content changed (or a file went missing)."""
    with translation.override(settings.LANGUAGE_CODE):
        snapshot = _Snapshot(dataset, list(dataset.rows()))
        csv_content = render(snapshot, "csv")
        fingerprint = hashlib.sha256(csv_content).hexdigest()
        current = Publication.objects.filter(slug=dataset.slug).first()
        now = timezone.now()
        if current and current.fingerprint == fingerprint and _files_present(current):
            Publication.objects.filter(pk=current.pk).update(generated_at=now)
            return Outcome(dataset.slug, rows=current.rows, changed=False)
        contents = {fmt: csv_content if fmt == "csv" else render(snapshot, fmt) for fmt in FORMATS}
    files = _write_files(dataset.slug, fingerprint, contents)
    try:
        with transaction.atomic():
            publication, _created = Publication.objects.select_for_update().get_or_create(
                slug=dataset.slug,
                defaults={"fingerprint": "", "modified_at": now, "generated_at": now},
            )
            old_names = [str(info["name"]) for info in publication.files.values()]
            before = {"rows": publication.rows, "fingerprint": publication.fingerprint}
            publication.rows = len(snapshot.data)
            publication.fingerprint = fingerprint
            publication.files = files
            publication.modified_at = now
            publication.generated_at = now
            publication.save()
            record(
                "opendata.published",
                publication,
                {
                    "rows": [before["rows"], publication.rows],
                    "fingerprint": [before["fingerprint"], fingerprint],
                },
            )
            stale = [name for name in old_names if name not in {f["name"] for f in files.values()}]
            transaction.on_commit(lambda: _delete_files(stale))
    except BaseException:
        _delete_files(info["name"] for info in files.values())
        raise
    return Outcome(dataset.slug, rows=publication.rows, changed=True)


def regenerate_datasets(slugs: Iterable[str] | None = None) -> list[Outcome]:
    """Regenerate every dataset (or those named); one failing dataset does not stop the rest."""
    wanted = list(slugs) if slugs is not None else list(DATASETS)
    unknown = [slug for slug in wanted if slug not in DATASETS]
    if unknown:
        raise ValueError(f"unknown open dataset(s): {', '.join(unknown)}")
    outcomes = []
    for dataset in all_datasets():
        if dataset.slug not in wanted:
            continue
        try:
            outcomes.append(regenerate_dataset(dataset))
        except Exception as error:
            logger.exception("open data: regenerating %s failed", dataset.slug)
            outcomes.append(Outcome(dataset.slug, error=f"{type(error).__name__}: {error}"))
    return outcomes


# -- what the pages and the catalogue show ----------------------------------------------------


@dataclass(frozen=True)
class Distribution:
    """One downloadable file of a dataset."""

    slug: str
    fmt: str
    size: int
    sha256: str

    @property
    def url(self) -> str:
        return reverse("opendata:download", args=[self.slug, self.fmt])

    @property
    def media_type(self) -> str:
        return CONTENT_TYPES[self.fmt].split(";")[0]

    @property
    def file_name(self) -> str:
        return f"{self.slug}.{self.fmt}"


@dataclass
class Listing:
    """A dataset with what was last published of it (``publication`` None: never)."""

    dataset: Dataset
    publication: Publication | None = None
    distributions: list[Distribution] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.dataset.slug

    @property
    def url(self) -> str:
        return reverse("opendata:dataset", args=[self.slug])


def _listing(dataset: Dataset, publication: Publication | None) -> Listing:
    distributions = []
    if publication is not None:
        for fmt in FORMATS:
            info = publication.file(fmt)
            if info:
                distributions.append(
                    Distribution(dataset.slug, fmt, int(info["size"]), str(info["sha256"]))  # type: ignore[call-overload]
                )
    return Listing(dataset, publication, distributions)


def listings() -> list[Listing]:
    """Every dataset with its publication, in the order of :data:`DATASETS` (one query)."""
    publications = {p.slug: p for p in Publication.objects.filter(slug__in=list(DATASETS))}
    return [_listing(dataset, publications.get(dataset.slug)) for dataset in all_datasets()]


def listing(slug: str) -> Listing | None:
    dataset = DATASETS.get(slug)
    if dataset is None:
        return None
    return _listing(dataset(), Publication.objects.filter(slug=slug).first())


def publisher() -> str:
    return settings.SATU_DATA_PUBLISHER
