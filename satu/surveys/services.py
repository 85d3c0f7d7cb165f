"""Running a survey: periods and their questionnaire, answers online and on paper, codes.

Every service that changes which responses count keeps the period's tally (``tallies``) in
step in its own transaction: an online answer adds itself, anything else refreshes it.
"""

import datetime
import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from satu.agencies.models import ServiceUnit
from satu.audit.context import acting
from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.importers import (
    ErrorCollector,
    ImportRejected,
    RowError,
    check_deadline,
    collect_errors,
    fail_stale_jobs,
    import_limits,
    read_table,
)

from . import policies
from .elements import ELEMENTS_BY_KEY, STANDARD_ELEMENTS, STANDARD_KEYS, extra_key
from .models import (
    MAX_WEIGHT,
    PROFILE_QUESTIONS,
    PROFILE_TITLES,
    AnswerSource,
    Channel,
    EntryBatch,
    ExtraAnswer,
    ExtraElement,
    ImportStatus,
    ReceiptToken,
    ResponseImport,
    Review,
    SurveyPeriod,
    SurveyResponse,
    new_code,
    normalise_code,
)
from .tallies import count_response, refresh_tally

PERIOD_FIELDS = (
    "name",
    "start_date",
    "end_date",
    "population",
    "ask_age",
    "ask_sex",
    "ask_education",
    "ask_occupation",
    "services",
    "require_token",
)
MAX_EXTRA_ELEMENTS = 10
MAX_TOKENS_PER_BATCH = 500
MAX_SUGGESTION = 2000


def _check_manage(actor: object, unit: ServiceUnit) -> None:
    if not policies.can_manage_unit(actor, unit):
        raise PermissionDeniedError(_("You may not manage the surveys of this service unit."))


def _full_clean(period: SurveyPeriod) -> None:
    try:
        period.full_clean()
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise DomainError(
            messages[0], field=None if field_name == "__all__" else field_name
        ) from None


def _refresh_weight_total(period: SurveyPeriod) -> None:
    total = sum(period.standard_weight(key) for key in STANDARD_KEYS)
    total += sum(period.extra_elements.values_list("weight", flat=True))
    if total != period.weight_total:
        SurveyPeriod.objects.filter(pk=period.pk).update(weight_total=total)
        period.weight_total = total


@transaction.atomic
def create_period(
    actor: object, unit: ServiceUnit, *, copy_from: SurveyPeriod | None = None, **values: object
) -> SurveyPeriod:
    """A new period; ``copy_from`` (an earlier period of the unit) lends its questionnaire."""
    _check_manage(actor, unit)
    period = SurveyPeriod(unit=unit, created_by=actor, **values)  # type: ignore[misc]
    if copy_from is not None:
        if copy_from.unit_id != unit.pk:
            raise DomainError(_("Copy the questionnaire of a period of the same unit."))
        period.weights = dict(copy_from.weights)
    _full_clean(period)
    period.save()
    if copy_from is not None:
        for element in copy_from.extra_elements.all():
            element.pk = None
            element.period = period
            element.save()
    _refresh_weight_total(period)
    return period


@transaction.atomic
def update_period(actor: object, period: SurveyPeriod, **values: object) -> SurveyPeriod:
    _check_manage(actor, period.unit)
    unknown = set(values) - set(PERIOD_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for name, value in values.items():
        setattr(period, name, value)
    _full_clean(period)
    period.save()
    return period


def _check_questionnaire_open(period: SurveyPeriod) -> None:
    if period.responses.exists():
        raise DomainError(
            _(
                "The weights and extra elements cannot change once answers have arrived: "
                "the index would no longer match what was asked. Create a new period instead."
            ),
            code="questionnaire_frozen",
        )


@dataclass
class ExtraElementData:
    name: str
    question: str
    scale: str
    weight: int = 1
    question_en: str = ""


@transaction.atomic
def set_questionnaire(
    actor: object,
    period: SurveyPeriod,
    weights: Mapping[str, int],
    extras: Sequence[ExtraElementData],
) -> SurveyPeriod:
    """Set the weights of the standard elements and the unit's own extra elements.

    Weights are whole numbers relative to each other; each element's share of the index is
    its weight divided by the sum, so the shares always sum to one.
    """
    _check_manage(actor, period.unit)
    _check_questionnaire_open(period)
    if len(extras) > MAX_EXTRA_ELEMENTS:
        raise DomainError(
            _("At most %(max)s extra elements.") % {"max": MAX_EXTRA_ELEMENTS}, field="extras"
        )
    for weight in [*weights.values(), *(extra.weight for extra in extras)]:
        if not isinstance(weight, int) or not 1 <= weight <= MAX_WEIGHT:
            raise DomainError(_("Every weight must be a whole number from 1 to 100."))
    period.weights = {key: int(weights.get(key, 1)) for key in STANDARD_KEYS}
    _full_clean(period)
    period.save()
    period.extra_elements.all().delete()
    for position, extra in enumerate(extras, start=1):
        element = ExtraElement(
            period=period,
            position=position,
            name=extra.name,
            question=extra.question,
            question_en=extra.question_en,
            scale=extra.scale,
            weight=extra.weight,
        )
        try:
            element.full_clean(exclude=["period"])
        except ValidationError as error:
            raise DomainError(next(iter(error.messages))) from None
        element.save()
    _refresh_weight_total(period)
    # No answer yet, but the tally must not keep sums of elements that no longer exist.
    refresh_tally(period)
    return period


@transaction.atomic
def close_period(actor: object, period: SurveyPeriod) -> None:
    """Stop all answers, online and on paper; the result is final until reopened."""
    _check_manage(actor, period.unit)
    if period.is_closed:
        return
    period.closed_at = timezone.now()
    SurveyPeriod.objects.filter(pk=period.pk).update(closed_at=period.closed_at)
    record("surveys.close_period", period, {"closed_at": period.closed_at})


@transaction.atomic
def reopen_period(actor: object, period: SurveyPeriod) -> None:
    _check_manage(actor, period.unit)
    if not period.is_closed:
        return
    SurveyPeriod.objects.filter(pk=period.pk).update(closed_at=None)
    period.closed_at = None
    record("surveys.reopen_period", period, {})


@transaction.atomic
def delete_period(actor: object, period: SurveyPeriod) -> None:
    _check_manage(actor, period.unit)
    if period.responses.exists():
        raise DomainError(
            _("A period with answers cannot be deleted; close it instead."), code="has_answers"
        )
    period.delete()


# Answers --------------------------------------------------------------------------------


@dataclass
class Answers:
    """One questionnaire's content, validated, ready to store."""

    standard: dict[str, int]
    extra: dict[int, int] = field(default_factory=dict)  # ExtraElement.pk -> answer
    profile: dict[str, str] = field(default_factory=dict)
    service: str = ""
    suggestion: str = ""


def _points(period: SurveyPeriod, extras: Sequence[ExtraElement], answers: Answers) -> int:
    points = sum(period.standard_weight(key) * answers.standard[key] for key in STANDARD_KEYS)
    points += sum(element.weight * answers.extra[element.pk] for element in extras)
    return points


def build_response(
    period: SurveyPeriod,
    extras: Sequence[ExtraElement],
    answers: Answers,
    channel: str,
    day: datetime.date,
    batch: EntryBatch | None = None,
) -> SurveyResponse:
    """An unsaved response with its points, for callers that store many at once."""
    return SurveyResponse(
        period=period,
        **answers.standard,
        points=_points(period, extras, answers),
        **answers.profile,
        service=answers.service[:200],
        suggestion=answers.suggestion[:MAX_SUGGESTION],
        channel=channel,
        batch=batch,
        submitted_on=day,
    )


def _consume_token(period: SurveyPeriod, code: str, day: datetime.date) -> None:
    code = normalise_code(code)
    if not code:
        raise DomainError(_("Enter the code printed on your receipt."), field="token")
    used = ReceiptToken.objects.filter(period=period, code=code, used_on__isnull=True).update(
        used_on=day
    )
    if used:
        return
    if ReceiptToken.objects.filter(period=period, code=code).exists():
        raise DomainError(
            _("This code has already been used. Each code is valid for one answer."),
            field="token",
            code="token_used",
        )
    raise DomainError(
        _("This code is not valid for this survey. Check the code on your receipt."),
        field="token",
        code="token_unknown",
    )


def _source_key(period: SurveyPeriod, kind: str, value: str) -> str:
    """A keyed hash of one address or device for one period: it reveals neither."""
    message = f"{period.pk}|{kind}|{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _source(period: SurveyPeriod, key: str) -> AnswerSource:
    AnswerSource.objects.get_or_create(period=period, key=key)
    # Locked until the answer is stored: two answers from one source are counted one by one.
    return AnswerSource.objects.select_for_update().get(period=period, key=key)


def _too_many() -> DomainError:
    return DomainError(
        _(
            "This survey has already received the most answers allowed from your connection "
            "or device. Thank you for taking part."
        ),
        code="rate_limited",
    )


def _burst_cache_key(period: SurveyPeriod, key: str) -> str:
    return f"satu:skm:burst:{period.pk}:{key}"


def _count_answer(
    period: SurveyPeriod, address: str, device: str
) -> tuple[AnswerSource | None, bool]:
    """Apply the per-period limits; returns the address's source and whether this is a burst.

    Refuses (``DomainError`` with code ``rate_limited``) an answer beyond
    ``SATU_SURVEY_ANSWERS_PER_ADDRESS`` or ``SATU_SURVEY_ANSWERS_PER_DEVICE`` for the period.
    """
    device_source = None
    if device:
        device_source = _source(period, _source_key(period, "device", device))
        if device_source.answers >= settings.SATU_SURVEY_ANSWERS_PER_DEVICE:
            raise _too_many()
    if not address:
        return None, False
    source = _source(period, _source_key(period, "address", address))
    if source.answers >= settings.SATU_SURVEY_ANSWERS_PER_ADDRESS:
        raise _too_many()
    now = timezone.now()
    window = datetime.timedelta(minutes=settings.SATU_SURVEY_BURST_MINUTES)
    if source.burst_start is None or now - source.burst_start > window:
        source.burst_start, source.burst_answers = now, 0
    source.answers += 1
    source.burst_answers += 1
    source.save(update_fields=["answers", "burst_start", "burst_answers"])
    if device_source is not None:
        AnswerSource.objects.filter(pk=device_source.pk).update(answers=device_source.answers + 1)
    return source, source.burst_answers >= settings.SATU_SURVEY_BURST_ANSWERS


def _flag_burst(period: SurveyPeriod, source: AnswerSource, response: SurveyResponse) -> None:
    """Flag the earlier answers of the burst too, those still known (the cache only)."""
    earlier = cache.get(_burst_cache_key(period, source.key)) or []
    flagged = SurveyResponse.objects.filter(
        period=period, pk__in=earlier, review=Review.NONE
    ).update(review=Review.PENDING)
    if flagged:
        # Counted answers left the count: their sums leave the period's tally.
        refresh_tally(period)
    record(
        "surveys.flag_burst",
        period,
        {"response": response.pk, "earlier": flagged, "burst_answers": source.burst_answers},
    )


def _remember_for_burst(period: SurveyPeriod, source: AnswerSource, pk: int) -> None:
    # In the cache, never in the database: only while a burst can still be recognised, an
    # address's hash is tied to the answers it sent.
    key = _burst_cache_key(period, source.key)
    earlier = cache.get(key) or []
    cache.set(key, [*earlier, pk][-500:], settings.SATU_SURVEY_BURST_MINUTES * 60)


@transaction.atomic
def submit_response(
    period: SurveyPeriod,
    answers: Answers,
    token: str = "",
    *,
    address: str = "",
    device: str = "",
) -> SurveyResponse:
    """Store an answer from the public form. Anonymous: nothing about the sender is kept.

    ``address`` (the client's address) and ``device`` (the form's cookie) are only counted
    per period, as keyed hashes: beyond the limits an answer is refused, and answers that come
    in a burst from one address are flagged for the unit to review.
    """
    day = timezone.localdate()
    period = SurveyPeriod.objects.select_related("unit").get(pk=period.pk)
    if not period.accepts_answers_on(day):
        raise DomainError(_("This survey is not accepting answers."), code="closed")
    extras = list(period.extra_elements.all())
    if set(answers.standard) != set(STANDARD_KEYS) or set(answers.extra) != {e.pk for e in extras}:
        raise DomainError(_("Please answer every question."), code="incomplete")
    source, burst = _count_answer(period, address, device)
    if period.require_token:
        _consume_token(period, token, day)
    response = build_response(period, extras, answers, Channel.ONLINE, day)
    if burst:
        response.review = Review.PENDING
    response.save()
    ExtraAnswer.objects.bulk_create(
        ExtraAnswer(response=response, element_id=pk, value=value)
        for pk, value in answers.extra.items()
    )
    if not burst:
        count_response(response, answers.extra)
    if source is not None:
        if burst:
            _flag_burst(period, source, response)
        _remember_for_burst(period, source, response.pk)
    return response


# Reviewing flagged answers ----------------------------------------------------------------

REVIEW_DECISIONS = (Review.INCLUDED, Review.EXCLUDED, Review.PENDING)


@transaction.atomic
def review_responses(
    actor: object, period: SurveyPeriod, response_ids: Iterable[int], decision: str
) -> int:
    """Count (``included``) or exclude (``excluded``) flagged answers, or set them back to
    waiting (``pending``); answers that were never flagged are left alone."""
    _check_manage(actor, period.unit)
    if decision not in REVIEW_DECISIONS:
        raise DomainError(_("Choose whether the answers count or not."), field="decision")
    ids = sorted(
        SurveyResponse.objects.filter(period=period, pk__in=list(response_ids))
        .flagged()
        .exclude(review=decision)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    SurveyResponse.objects.filter(pk__in=ids).update(review=decision)
    refresh_tally(period)
    record("surveys.review_responses", period, {"decision": decision, "responses": ids})
    return len(ids)


# Paper entry: the keyboard grid and spreadsheet imports share one parser ----------------------


def _choice_lookup(choices: type) -> dict[str, str]:
    """Accepted spellings of a profile answer: its number on the form, code and labels."""
    lookup: dict[str, str] = {}
    for number, (value, label) in enumerate(choices.choices, start=1):
        lookup[str(number)] = value
        lookup[value.lower()] = value
        lookup[str(label).lower()] = value
    return lookup


PROFILE_COLUMNS = {
    "age_group": "umur",
    "sex": "jenis_kelamin",
    "education": "pendidikan",
    "occupation": "pekerjaan",
}
SERVICE_COLUMN = "layanan"
SUGGESTION_COLUMN = "saran"


def paper_columns(period: SurveyPeriod, extras: Sequence[ExtraElement]) -> list[str]:
    """The columns of a paper entry row, by key: the template header and the grid."""
    columns = list(STANDARD_KEYS) + [element.key for element in extras]
    columns += [PROFILE_COLUMNS[f] for f, flag, _c in PROFILE_QUESTIONS if getattr(period, flag)]
    if period.services:
        columns.append(SERVICE_COLUMN)
    columns.append(SUGGESTION_COLUMN)
    return columns


def _header_aliases(extras: Sequence[ExtraElement]) -> dict[str, str]:
    """Header spellings accepted in a spreadsheet: keys, and element names in either language."""
    from django.utils import translation

    aliases = {key: key for key in STANDARD_KEYS}
    for element in STANDARD_ELEMENTS:
        for language in ("id", "en"):
            with translation.override(language):
                aliases[str(element.name).strip().lower()] = element.key
        aliases[f"u{element.number}"] = element.key
    for element in extras:
        aliases[element.key] = element.key
        aliases[element.name.strip().lower()] = element.key
    return aliases


def parse_paper_rows(
    period: SurveyPeriod,
    extras: Sequence[ExtraElement],
    rows: Iterable[tuple[int, Mapping[str, str]]],
    errors: ErrorCollector,
) -> list[Answers]:
    """Check rows of paper questionnaires; every bad cell is added to ``errors``.

    Answers must be exactly 1, 2, 3 or 4. Profile answers may be given by their number on
    the form, their code or their label; an empty profile cell means "not answered".
    """
    lookups = {f: _choice_lookup(c) for f, flag, c in PROFILE_QUESTIONS if getattr(period, flag)}
    parsed = []
    element_keys = list(STANDARD_KEYS) + [element.key for element in extras]
    for index, (number, values) in enumerate(rows, start=1):
        if index % 1000 == 0:
            check_deadline()
        answer: dict[str, int] = {}
        for key in element_keys:
            raw = (values.get(key) or "").strip()
            if raw in ("1", "2", "3", "4"):
                answer[key] = int(raw)
            elif not raw:
                errors.add(number, key, _("An answer is required (1–4)."))
            else:
                message = _("“%(value)s” is not allowed; only 1, 2, 3 or 4.") % {"value": raw}
                errors.add(number, key, message)
        profile = {}
        for field_name, lookup in lookups.items():
            column = PROFILE_COLUMNS[field_name]
            raw = (values.get(column) or "").strip()
            if not raw:
                continue
            if raw.lower() in lookup:
                profile[field_name] = lookup[raw.lower()]
            else:
                errors.add(
                    number,
                    column,
                    _("“%(value)s” is not one of the answers (use 1–%(max)s).")
                    % {"value": raw, "max": len({*lookup.values()})},
                )
        service = (values.get(SERVICE_COLUMN) or "").strip()
        if service.isdigit() and period.services:
            index = int(service)
            if 1 <= index <= len(period.services):
                service = period.services[index - 1]
            else:
                errors.add(
                    number,
                    SERVICE_COLUMN,
                    _("There is no service number %(value)s.") % {"value": service},
                )
        parsed.append(
            Answers(
                standard={key: answer.get(key, 0) for key in STANDARD_KEYS},
                extra={element.pk: answer.get(element.key, 0) for element in extras},
                profile=profile,
                service=service,
                suggestion=(values.get(SUGGESTION_COLUMN) or "").strip(),
            )
        )
    return parsed


def _check_paper_entry(actor: object, period: SurveyPeriod) -> None:
    _check_manage(actor, period.unit)
    if period.is_closed:
        raise DomainError(
            _("This period is closed; reopen it to add questionnaires."), code="closed"
        )


@transaction.atomic
def enter_paper_responses(
    actor: object,
    period: SurveyPeriod,
    rows: Iterable[tuple[int, Mapping[str, str]]],
    *,
    channel: str = Channel.PAPER,
    file_name: str = "",
    day: datetime.date | None = None,
) -> EntryBatch:
    """Store typed-in or imported questionnaires, all or none (ImportRejected lists errors)."""
    _check_paper_entry(actor, period)
    extras = list(period.extra_elements.all())
    rows = list(rows)
    with collect_errors() as errors:
        parsed = parse_paper_rows(period, extras, rows, errors)
        if not parsed and not errors:
            raise DomainError(_("There is nothing to save: every row is empty."), code="empty")
    day = day or timezone.localdate()
    batch = EntryBatch.objects.create(
        period=period, channel=channel, file_name=file_name[:200], count=len(parsed),
        created_by=actor,
    )  # fmt: skip
    responses = SurveyResponse.objects.bulk_create(
        [build_response(period, extras, answers, channel, day, batch) for answers in parsed],
        batch_size=1000,
    )
    if extras:
        ExtraAnswer.objects.bulk_create(
            (
                ExtraAnswer(response=response, element=element, value=answers.extra[element.pk])
                for response, answers in zip(responses, parsed, strict=True)
                for element in extras
            ),
            batch_size=2000,
        )
    refresh_tally(period)
    record(
        "surveys.enter_paper_responses",
        period,
        {"channel": channel, "count": len(parsed), "file": file_name, "batch": batch.pk},
    )
    return batch


def import_responses(
    actor: object, period: SurveyPeriod, uploaded: object, *, file_name: str = ""
) -> EntryBatch:
    """Import paper questionnaires from an XLSX or CSV file; all rows or none.

    Reading a spreadsheet is bounded but can still take a while: the pages call it only through
    :func:`start_response_import`, which runs it in the task worker.
    """
    _check_paper_entry(actor, period)
    table = read_table(uploaded, name=file_name or None)
    extras = list(period.extra_elements.all())
    aliases = _header_aliases(extras)
    rows = [
        (row.number, {aliases.get(column, column): value for column, value in row.values.items()})
        for row in table.rows
    ]
    known = {aliases.get(column, column) for column in table.columns}
    missing = [key for key in [*STANDARD_KEYS, *(e.key for e in extras)] if key not in known]
    if missing:
        raise ImportRejected(
            [RowError(1, key, _("This column is missing from the header row.")) for key in missing]
        )
    return enter_paper_responses(
        actor,
        period,
        rows,
        channel=Channel.IMPORT,
        file_name=file_name or getattr(uploaded, "name", "") or "",
    )


# The errors kept on a refused import; the message gives the full count.
MAX_STORED_ERRORS = 1000


def start_response_import(actor: object, period: SurveyPeriod, uploaded: File) -> ResponseImport:
    """Keep the spreadsheet in storage and import it in the task worker once committed."""
    from satu.innovations import uploads

    _check_paper_entry(actor, period)
    name, path = uploads.checked_spreadsheet(uploaded, "surveys")
    with transaction.atomic():
        stored = default_storage.save(path, uploaded)
        job = ResponseImport.objects.create(
            period=period, created_by_id=getattr(actor, "pk", None), file=stored,
            original_name=name,
        )  # fmt: skip
        record("surveys.import_started", period, {"file": name, "import": job.pk})
        transaction.on_commit(lambda: run_response_import_task.enqueue(job.pk))
    return job


@task()
def run_response_import_task(job_id: int) -> None:
    run_response_import(job_id)


def run_response_import(job_id: int) -> ResponseImport:
    """Import a stored spreadsheet, all rows or none, within the import's time and memory.

    Never raises for bad data: the job records what went wrong.
    """
    claimed = ResponseImport.objects.filter(pk=job_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    job = ResponseImport.objects.select_related("period", "created_by").get(pk=job_id)
    if not claimed:
        return job
    actor = job.created_by
    try:
        with acting(actor, source="import"), import_limits(), job.file.open("rb") as handle:
            batch = import_responses(actor, job.period, handle, file_name=job.original_name)
    except ImportRejected as rejected:
        errors = [
            {"row": e.row, "column": e.column, "message": e.message}
            for e in rejected.errors[:MAX_STORED_ERRORS]
        ]
        _finish_import(job, ImportStatus.FAILED, rejected.message, errors=errors)
    except DomainError as error:
        _finish_import(job, ImportStatus.FAILED, error.message)
    else:
        message = ngettext(
            "%(count)s questionnaire has been imported.",
            "%(count)s questionnaires have been imported.",
            batch.count,
        ) % {"count": batch.count}
        _finish_import(job, ImportStatus.SUCCEEDED, message, batch=batch)
    return job


def fail_stale_imports() -> int:
    """Mark failed the questionnaire imports whose worker was stopped while they ran."""
    return fail_stale_jobs(
        ResponseImport.objects.all(),
        [ImportStatus.RUNNING],
        ImportStatus.FAILED,
        "surveys.import_stale",
    )


def _finish_import(job: ResponseImport, status: str, message: object, **values: object) -> None:
    values = {"status": status, "message": str(message), "finished_at": timezone.now(), **values}
    for key, value in values.items():
        setattr(job, key, value)
    ResponseImport.objects.filter(pk=job.pk).update(**values)


@transaction.atomic
def delete_entry_batch(actor: object, batch: EntryBatch) -> int:
    """Remove questionnaires typed in or imported by mistake, together."""
    _check_paper_entry(actor, batch.period)
    count = batch.responses.count()
    record(
        "surveys.delete_entry_batch",
        batch.period,
        {"batch": batch.pk, "count": count, "channel": batch.channel, "file": batch.file_name},
    )
    batch.delete()
    refresh_tally(batch.period_id)
    return count


# Receipt codes ------------------------------------------------------------------------------


@transaction.atomic
def generate_tokens(actor: object, period: SurveyPeriod, count: int) -> int:
    """Make ``count`` one-time receipt codes in a new batch; returns the batch number."""
    _check_manage(actor, period.unit)
    if not 1 <= count <= MAX_TOKENS_PER_BATCH:
        raise DomainError(
            _("Make between 1 and %(max)s codes at a time.") % {"max": MAX_TOKENS_PER_BATCH},
            field="count",
        )
    SurveyPeriod.objects.select_for_update().filter(pk=period.pk).first()
    last = period.tokens.order_by("-batch").values_list("batch", flat=True).first() or 0
    batch = last + 1
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_code())
    taken = set(ReceiptToken.objects.filter(code__in=codes).values_list("code", flat=True))
    codes -= taken
    while len(codes) < count:  # pragma: no cover - a clash among 31^8 codes
        candidate = new_code()
        if not ReceiptToken.objects.filter(code=candidate).exists():
            codes.add(candidate)
    ReceiptToken.objects.bulk_create(
        ReceiptToken(period=period, code=code, batch=batch) for code in sorted(codes)
    )
    record("surveys.generate_tokens", period, {"batch": batch, "count": count})
    return batch


def column_label(key: str, extras: Sequence[ExtraElement] = ()) -> str:
    """The human name of a paper entry column, for headers and error messages."""
    if key in ELEMENTS_BY_KEY:
        return str(ELEMENTS_BY_KEY[key].name)
    for element in extras:
        if element.key == key:
            return element.name
    titles = {column: PROFILE_TITLES[f] for f, column in PROFILE_COLUMNS.items()}
    titles[SERVICE_COLUMN] = PROFILE_TITLES["service"]
    titles[SUGGESTION_COLUMN] = _("Suggestion")
    return str(titles.get(key, key))


__all__ = [
    "Answers",
    "ExtraElementData",
    "close_period",
    "create_period",
    "delete_entry_batch",
    "delete_period",
    "enter_paper_responses",
    "extra_key",
    "generate_tokens",
    "import_responses",
    "run_response_import",
    "start_response_import",
    "paper_columns",
    "parse_paper_rows",
    "reopen_period",
    "review_responses",
    "set_questionnaire",
    "submit_response",
    "update_period",
]
