"""Bulk import of innovations by the secretariat, e.g. to migrate earlier programme years.

All or nothing: every row is read and checked first (progress is visible while it runs), and
innovations are written in one transaction only when no row has an error. Each error names the
row as numbered in the spreadsheet, the column and the reason.
"""

import datetime
import decimal
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies.models import Agency, ServiceUnit
from satu.audit.context import acting
from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.importers import (
    ErrorCollector,
    ImportRejected,
    Row,
    RowError,
    check_deadline,
    collect_errors,
    fail_stale_jobs,
    import_limits,
    read_table,
    require_columns,
)
from satu.urusan.models import Urusan

from . import history, policies, uploads
from .columns import BY_FIELD, REQUIRED_KEYS
from .models import (
    ImportJob,
    ImportStatus,
    InitiatorKind,
    Innovation,
    InnovationForm,
    ReviewAction,
    ReviewEvent,
    Revision,
    RevisionKind,
    Stage,
    Status,
)
from .validation import profile_errors, submission_errors

PROGRESS_EVERY = 25


def start_import(actor: object, uploaded: File) -> ImportJob:
    """Keep the file in storage, create the job and run it once the transaction commits."""
    if not policies.can_import(actor):
        raise PermissionDeniedError(_("Only the secretariat may import innovations."))
    name, path = uploads.checked_spreadsheet(uploaded, "innovations")
    with transaction.atomic():
        stored = default_storage.save(path, uploaded)
        job = ImportJob.objects.create(
            created_by_id=getattr(actor, "pk", None), file=stored, original_name=name
        )
        record("innovation.import_started", job, {"file": name})
        transaction.on_commit(lambda: run_import_task.enqueue(job.pk))
    return job


@task()
def run_import_task(job_id: int) -> None:
    run_import(job_id)


def run_import(job_id: int) -> ImportJob:
    """Check every row, then write all of them or none. Never raises for bad data."""
    # Taken up once, by one worker, even when the task is delivered twice.
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.CHECKING, started_at=timezone.now()
    )
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        return job
    actor = job.created_by
    with acting(actor, source="import"):
        try:
            # Reading and checking are bounded in time and memory (satu.core.importers): a
            # hostile workbook fails its job instead of holding the worker.
            with import_limits():
                with job.file.open("rb") as handle:
                    table = read_table(handle, name=job.original_name)
                require_columns(table, REQUIRED_KEYS)
                _progress(job, status=ImportStatus.CHECKING, total_rows=len(table.rows))
                if not table.rows:
                    raise DomainError(_("The file has no rows below the header."), code="no_rows")
                parsed = _check_rows(job, actor, table.rows)
            _progress(job, status=ImportStatus.WRITING, checked_rows=len(table.rows))
            created = _write(job, actor, parsed)
        except ImportRejected as rejected:
            _finish(job, ImportStatus.FAILED, rejected.message, rejected.errors)
        except DomainError as error:
            _finish(job, ImportStatus.FAILED, error.message, [])
        else:
            _finish(
                job,
                ImportStatus.SUCCEEDED,
                _("%(count)s innovations imported.") % {"count": created},
                [],
                created=created,
            )
    return job


def fail_stale_imports() -> int:
    """Mark failed the imports whose worker was stopped while they ran."""
    return fail_stale_jobs(
        ImportJob.objects.all(),
        [ImportStatus.CHECKING, ImportStatus.WRITING],
        ImportStatus.FAILED,
        "innovation.import_stale",
    )


def _progress(job: ImportJob, **values: object) -> None:
    # Outside any transaction, so that the progress page sees it at once.
    for key, value in values.items():
        setattr(job, key, value)
    ImportJob.objects.filter(pk=job.pk).update(**values)


def _finish(
    job: ImportJob, status: str, message: object, errors: list[RowError], created: int = 0
) -> None:
    _progress(
        job,
        status=status,
        message=str(message),
        errors=[{"row": e.row, "column": e.column, "message": e.message} for e in errors],
        created_count=created,
        finished_at=timezone.now(),
    )


@dataclass
class Parsed:
    row: int
    agency: Agency
    status: str
    values: dict[str, object]
    related: list[int] = field(default_factory=list)
    accepted_at: datetime.datetime | None = None


class _Lookups:
    def __init__(self, actor: object) -> None:
        self.access = get_access(actor)
        self.urusan = {u.code: u for u in Urusan.objects.all()}
        self.agencies: dict[tuple[str, str], Agency | None] = {}
        self.units: dict[tuple[int, str], ServiceUnit | None] = {}
        self.names: dict[tuple[int, int], set[str]] = {}

    def existing_names(self, agency: Agency, year: int) -> set[str]:
        """Names (lower case) the agency already registered for the year, read once."""
        key = (agency.pk, year)
        if key not in self.names:
            names = Innovation.objects.filter(agency=agency, programme_year=year)
            self.names[key] = {name.lower() for name in names.values_list("name", flat=True)}
        return self.names[key]

    def agency(self, region_code: str, abbreviation: str) -> Agency | None:
        key = (region_code, abbreviation.upper())
        if key not in self.agencies:
            self.agencies[key] = (
                Agency.objects.select_related("region__parent")
                .filter(region__code=region_code, abbreviation__iexact=abbreviation)
                .first()
            )
        return self.agencies[key]

    def unit(self, agency: Agency, name: str) -> ServiceUnit | None:
        key = (agency.pk, name.lower())
        if key not in self.units:
            self.units[key] = ServiceUnit.objects.filter(agency=agency, name__iexact=name).first()
        return self.units[key]


def _choice(value: str, choices: type, errors: ErrorCollector, row: int, key: str) -> str | None:
    """A choice by its code or its label in either language ("uji_coba", "Uji Coba")."""
    wanted = value.strip().lower().replace(" ", "_")
    for code, label in choices.choices:
        if wanted in (code, str(label).lower().replace(" ", "_")):
            return code
    errors.add(
        row,
        key,
        _("“%(value)s” is not one of: %(allowed)s.")
        % {"value": value, "allowed": ", ".join(choices.values)},
    )
    return None


def _date(value: str, errors: ErrorCollector, row: int, key: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if match:
        try:
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    errors.add(row, key, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})
    return None


def _numbers(value: str, errors: ErrorCollector, row: int, key: str) -> list[int]:
    numbers = []
    for part in re.split(r"[,;\s]+", value.strip()):
        if not part:
            continue
        if not part.isdigit():
            errors.add(row, key, _("“%(value)s” is not a number.") % {"value": part})
            continue
        numbers.append(int(part))
    return numbers


def _parse(
    row: Row, lookups: _Lookups, errors: ErrorCollector, seen: dict[tuple, int]
) -> Parsed | None:
    n = row.number
    before = len(errors.errors)
    year_text = row.get("tahun")
    year = int(year_text) if year_text.isdigit() else None
    if year is None or not 2000 <= year <= 2100:
        errors.add(n, "tahun", _("Give the programme year as a number, e.g. 2024."))
    region_code, abbreviation = row.get("kode_wilayah"), row.get("singkatan_opd")
    agency = lookups.agency(region_code, abbreviation) if region_code and abbreviation else None
    if agency is None:
        errors.add(
            n,
            "singkatan_opd",
            _("No agency “%(abbreviation)s” in the region with code “%(code)s”.")
            % {"abbreviation": abbreviation, "code": region_code},
        )
    elif not lookups.access.covers_agency(agency, Role.SECRETARIAT):
        errors.add(
            n,
            "singkatan_opd",
            _("You may not import innovations for %(agency)s.") % {"agency": agency},
        )
        agency = None
    values: dict[str, object] = {
        "programme_year": year,
        "name": row.get("nama"),
        "initiator_name": row.get("nama_inisiator"),
    }
    for name in history.LONG_TEXT_FIELDS:
        values[name] = row.get(BY_FIELD[name].key)
    values["stage"] = _choice(row.get("tahapan"), Stage, errors, n, "tahapan")
    values["form"] = _choice(row.get("bentuk"), InnovationForm, errors, n, "bentuk")
    values["initiator_kind"] = _choice(row.get("inisiator"), InitiatorKind, errors, n, "inisiator")
    status = _choice(row.get("status"), Status, errors, n, "status")
    digital = row.get("digital").lower()
    if digital not in ("", "ya", "tidak", "y", "t", "yes", "no", "1", "0", "true", "false"):
        errors.add(n, "digital", _("Write ya or tidak."))
    values["is_digital"] = digital in ("ya", "y", "yes", "1", "true")
    main = _numbers(row.get("urusan_utama"), errors, n, "urusan_utama")
    main_urusan = lookups.urusan.get(main[0]) if len(main) == 1 else None
    if main_urusan is None:
        errors.add(n, "urusan_utama", _("Give one urusan number from 1 to 38."))
    values["main_urusan"] = main_urusan
    related = []
    for number in _numbers(row.get("urusan_terkait"), errors, n, "urusan_terkait"):
        if number not in lookups.urusan:
            errors.add(
                n, "urusan_terkait", _("There is no urusan %(number)s.") % {"number": number}
            )
        elif main_urusan is None or number != main_urusan.code:
            related.append(lookups.urusan[number].pk)
    values["sdg_goals"] = sorted(set(_numbers(row.get("sdgs"), errors, n, "sdgs")))
    values["trial_date"] = _date(row.get("tanggal_uji_coba"), errors, n, "tanggal_uji_coba")
    values["launch_date"] = _date(row.get("tanggal_penerapan"), errors, n, "tanggal_penerapan")
    budget_text = row.get("anggaran").replace(".", "").replace(",", "").replace("Rp", "").strip()
    values["budget"] = None
    if budget_text:
        try:
            values["budget"] = decimal.Decimal(budget_text)
        except decimal.InvalidOperation:
            errors.add(n, "anggaran", _("Give the budget as a whole number of rupiah."))
    accepted_on = _date(row.get("tanggal_diterima"), errors, n, "tanggal_diterima")
    unit_name = row.get("unit_layanan")
    values["service_unit"] = None
    if unit_name and agency is not None:
        unit = lookups.unit(agency, unit_name)
        if unit is None:
            errors.add(
                n,
                "unit_layanan",
                _("%(agency)s has no service unit “%(unit)s”.")
                % {"agency": agency, "unit": unit_name},
            )
        values["service_unit"] = unit
    if not values["name"]:
        errors.add(n, "nama", _("The name is required."))
    elif agency is not None and year is not None:
        key = (agency.pk, year, str(values["name"]).lower())
        if key in seen:
            errors.add(
                n, "nama", _("The same innovation is already in row %(row)s.") % {"row": seen[key]}
            )
        seen[key] = n
        if str(values["name"]).lower() in lookups.existing_names(agency, year):
            errors.add(
                n, "nama", _("This agency already has an innovation of this name for that year.")
            )
    if agency is None or status is None:
        return None
    # The same rules as the form: dates, word limits, and what each stage needs; a column
    # that already has an error is not reported twice.
    flagged = {error.column for error in errors.errors[before:]}
    candidate = Innovation(agency=agency, **values)
    today = timezone.localdate()
    try:
        candidate.clean_fields(exclude=["agency", "main_urusan", "service_unit", "replicated_from"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            _add_field_errors(errors, n, name, messages, flagged)
    rules = profile_errors if status == Status.DRAFT else submission_errors
    for name, messages in rules(candidate, today=today).items():
        _add_field_errors(errors, n, name, messages, flagged)
    if len(errors.errors) > before:
        return None
    accepted_at = None
    if status == Status.ACCEPTED:
        moment = datetime.datetime.combine(accepted_on or today, datetime.time(12))
        accepted_at = timezone.make_aware(moment)
    return Parsed(n, agency, status, values, related, accepted_at)


def _add_field_errors(
    errors: ErrorCollector, row: int, name: str, messages: list[str], flagged: set[str]
) -> None:
    column = BY_FIELD.get(name)
    key = column.key if column else name
    if key in flagged:
        return
    for message in messages:
        errors.add(row, key, message)


def _check_rows(job: ImportJob, actor: object, rows: list[Row]) -> list[Parsed]:
    lookups = _Lookups(actor)
    seen: dict[tuple, int] = {}
    parsed = []
    with collect_errors() as errors:
        for index, row in enumerate(rows, start=1):
            result = _parse(row, lookups, errors, seen)
            if result is not None:
                parsed.append(result)
            if index % PROGRESS_EVERY == 0:
                _progress(job, checked_rows=index)
                check_deadline()
    return parsed


def _write(job: ImportJob, actor: object, parsed: list[Parsed]) -> int:
    # Each saved innovation would refresh its agency's stored compliance status; once per
    # agency and year, at the end of the import, is enough.
    from satu.compliance.statuses import batched

    with transaction.atomic(), batched():
        return _write_rows(job, actor, parsed)


def _write_rows(job: ImportJob, actor: object, parsed: list[Parsed]) -> int:
    now = timezone.now()
    actor_id = getattr(actor, "pk", None)
    through = Innovation.related_urusan.through
    links = []
    created = []
    for item in parsed:
        innovation = Innovation(
            agency=item.agency,
            status=item.status,
            created_by_id=actor_id,
            submitted_at=None if item.status == Status.DRAFT else now,
            accepted_at=item.accepted_at,
            **item.values,
        )
        note = _("Imported from %(file)s, row %(row)s") % {
            "file": job.original_name,
            "row": item.row,
        }
        innovation.save()  # audited one by one (the create entry)
        created.append(innovation.pk)
        links.extend(through(innovation_id=innovation.pk, urusan_id=pk) for pk in item.related)
        revision = Revision.objects.create(
            innovation=innovation,
            number=1,
            version=innovation.version,
            kind=RevisionKind.IMPORT,
            data=history.snapshot(innovation, related_urusan=item.related),
            author_id=actor_id,
            note=note,
        )
        ReviewEvent.objects.create(
            innovation=innovation,
            action=ReviewAction.IMPORT,
            from_status="",
            to_status=item.status,
            actor_id=actor_id,
            actor_role=Role.SECRETARIAT,
            reason=note,
            revision=revision,
            created_at=now,
        )
    # The related urusan in bulk; the import entry below and each revision record them.
    through.objects.bulk_create(links, batch_size=1000)
    record(
        "innovation.import",
        job,
        {
            "file": job.original_name,
            "created": created,
            "related_urusan": [[link.innovation_id, link.urusan_id] for link in links],
        },
    )
    return len(parsed)
