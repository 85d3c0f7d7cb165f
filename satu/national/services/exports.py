"""KIPP proposal exports: one innovation at a time, or a batch for everything forwarded."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.exporters import render_xlsx

from .. import kipp, policies
from ..exporters import KippBatchExporter
from ..models import ExportStatus, Forwarding, KippBatchExport, Programme

# Batches up to this size are built during the request; bigger ones by a background task.
SYNC_LIMIT = 5


def batch_forwardings(year: int):  # type: ignore[no-untyped-def]
    return (
        Forwarding.objects.filter(programme=Programme.KIPP, year=year)
        .select_related("innovation__agency__region", "innovation__main_urusan")
        .order_by("innovation__agency__region__code", "innovation__name", "pk")
    )


def build_batch(export: KippBatchExport) -> KippBatchExport:
    """Write the ZIP: a folder per proposal, and the XLSX summary with the refused ones."""
    rows = []
    refused = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, forwarding in enumerate(batch_forwardings(export.year), start=1):
            innovation = forwarding.innovation
            agency = innovation.agency
            problems = kipp.section_problems(innovation)
            folder = ""
            attachments = 0
            if not problems:
                proposal = kipp.build_proposal(innovation)
                folder = f"{number:03d}-{proposal.base_name}"
                kipp.write_proposal(archive, proposal, folder)
                attachments = len(proposal.attachments)
            else:
                refused.append({"innovation": innovation.name, "problems": problems})
            rows.append(
                [
                    number,
                    innovation.name,
                    agency.name,
                    agency.region.name,
                    forwarding.forwarded_on,
                    kipp.word_count(innovation.summary),
                    attachments,
                    folder,
                    "; ".join(problems),
                ]
            )
        archive.writestr(
            f"kipp-{export.year}-ringkasan.xlsx",
            render_xlsx(KippBatchExporter(export.year, rows)),
        )
    export.file.save(
        f"kipp-{export.year}-{export.pk}.zip", ContentFile(buffer.getvalue()), save=False
    )
    export.proposals = len(rows) - len(refused)
    export.refused = refused
    export.status = ExportStatus.DONE
    export.finished_at = timezone.now()
    export.save()
    return export


@task()
def build_batch_task(export_id: int) -> None:
    export = KippBatchExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).first()
    if export is None:
        return
    try:
        build_batch(export)
    except Exception as error:  # the request is long gone: keep the reason for the page
        KippBatchExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise


@transaction.atomic
def request_batch_export(actor: object, year: int) -> KippBatchExport:
    """A batch of every KIPP proposal forwarded in ``year``; big batches run in the background."""
    if not policies.can_batch_export(actor):
        raise PermissionDeniedError(_("Only the secretariat exports the KIPP batch."))
    count = batch_forwardings(year).count()
    if not count:
        raise DomainError(
            _("Nothing was forwarded to KIPP in %(year)s.") % {"year": year}, code="empty"
        )
    export = KippBatchExport.objects.create(
        year=year, requested_by=actor if getattr(actor, "pk", None) else None
    )
    record("national.kipp_batch_requested", export, {"year": year, "forwardings": count})
    if count <= SYNC_LIMIT:
        return build_batch(export)
    transaction.on_commit(lambda: build_batch_task.enqueue(export.pk))
    return export
