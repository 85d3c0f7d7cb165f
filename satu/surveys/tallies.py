"""Precomputed sums of each survey period (``PeriodTally``), kept in step with the responses.

The results (``results.results_for_periods``, ``results.rollup``) read these rows instead of
summing millions of responses on every request. Whatever changes which responses count
keeps them right, in the same transaction as the change:

- one counted answer from the public form adds itself with ``F()`` increments
  (:func:`count_response`, the hot path: one ``UPDATE`` without extra elements);
- every other change (paper entry and imports, review decisions, burst flagging, deleting an
  entry batch, a new questionnaire) rebuilds the period's row from its responses with
  :func:`refresh_tally`: a fixed number of queries over the period's index;
- bulk loaders (``scale.py``) fill the rows of many periods at once with
  :func:`fill_tallies`: one grouped query per table, whatever the number of responses.

Concurrency: a refresh first makes sure the row exists, then locks it, and only then sums the
responses. An answer being counted holds the same row lock from its ``UPDATE`` to its commit,
so a refresh either waits for it and then sees its response, or runs first and the answer's
increment applies on top of the refreshed row. Nothing is lost either way.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.utils import timezone

from .elements import STANDARD_KEYS
from .models import NOT_COUNTED, ExtraAnswer, PeriodTally, SurveyPeriod, SurveyResponse

SUM_FIELDS = tuple(f"sum_{key}" for key in STANDARD_KEYS)
_SUMS = {f"sum_{key}": Sum(key) for key in STANDARD_KEYS}


def response_sums(period_ids: Iterable[int] | QuerySet) -> dict[int, dict[str, int]]:
    """One grouped query: respondents, points and Σ answer per standard element of the
    counted responses of each period that has any."""
    rows = (
        SurveyResponse.objects.counted()
        .filter(period_id__in=period_ids)
        .values("period_id")
        .annotate(respondents=Count("pk"), points=Sum("points"), **_SUMS)
        .order_by()
    )
    return {
        row["period_id"]: {
            "respondents": row["respondents"],
            "points": row["points"] or 0,
            **{name: row[name] or 0 for name in SUM_FIELDS},
        }
        for row in rows
    }


def extra_answer_sums(period_ids: Iterable[int] | QuerySet) -> dict[int, dict[str, int]]:
    """One grouped query: Σ answer per extra element of the counted responses, per period."""
    rows = (
        ExtraAnswer.objects.filter(element__period_id__in=period_ids)
        .exclude(response__review__in=NOT_COUNTED)
        .values_list("element__period_id", "element_id")
        .annotate(total=Sum("value"))
        .order_by()
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for period_id, element_id, total in rows:
        found[period_id][str(element_id)] = total or 0
    return dict(found)


def _empty() -> dict[str, int]:
    return {"respondents": 0, "points": 0, **dict.fromkeys(SUM_FIELDS, 0)}


def refresh_tally(period_or_id: SurveyPeriod | int) -> None:
    """Rebuild one period's tally from its counted responses, in the caller's transaction.

    Five queries whatever the number of responses: make sure the row exists, lock it, sum the
    responses and the extra answers (both over the period's index), write the row.
    """
    period_id = period_or_id.pk if isinstance(period_or_id, SurveyPeriod) else period_or_id
    with transaction.atomic(savepoint=False):
        PeriodTally.objects.bulk_create([PeriodTally(period_id=period_id)], ignore_conflicts=True)
        # Lock before summing: see the module docstring.
        list(PeriodTally.objects.select_for_update().filter(pk=period_id).values_list("pk"))
        sums = response_sums([period_id]).get(period_id) or _empty()
        extra = extra_answer_sums([period_id]).get(period_id, {})
        PeriodTally.objects.filter(pk=period_id).update(
            **sums, extra_sums=extra, updated_at=timezone.now()
        )


def count_response(response: SurveyResponse, extra: Mapping[int, int]) -> None:
    """Add one stored, counted response to its period's tally (the public form).

    ``extra`` maps the extra element's pk to the answer. One ``UPDATE … SET respondents =
    respondents + 1, …`` without extra elements; with them, the row (locked by that update)
    is read and its extra sums written back. Without a row yet, the period is refreshed,
    which counts this response too, since it is already stored in this transaction.
    """
    period_id = response.period_id
    with transaction.atomic(savepoint=False):
        increments = {
            f"sum_{key}": F(f"sum_{key}") + getattr(response, key) for key in STANDARD_KEYS
        }
        updated = PeriodTally.objects.filter(pk=period_id).update(
            respondents=F("respondents") + 1,
            points=F("points") + response.points,
            updated_at=timezone.now(),
            **increments,
        )
        if not updated:
            refresh_tally(period_id)
            return
        if extra:
            current = PeriodTally.objects.filter(pk=period_id).values_list("extra_sums", flat=True)
            sums = dict(current.get() or {})
            for element_id, value in extra.items():
                sums[str(element_id)] = int(sums.get(str(element_id), 0)) + value
            PeriodTally.objects.filter(pk=period_id).update(extra_sums=sums)


def fill_tallies(periods: QuerySet[SurveyPeriod] | None = None, *, batch: int = 5000) -> int:
    """Rebuild the tallies of many periods (all without ``periods``) set-based, for bulk loads.

    Two grouped queries (responses, extra answers) whatever the number of responses, then the
    rows are written in batches. Periods without counted responses get no row (read as zero).
    Returns the number of rows written.
    """
    scope = periods.values("pk") if periods is not None else SurveyPeriod.objects.values("pk")
    with transaction.atomic():
        PeriodTally.objects.filter(period__in=scope).delete()
        sums = response_sums(scope)
        extras = extra_answer_sums(scope)
        now = timezone.now()
        rows = [
            PeriodTally(period_id=period_id, extra_sums=extras.get(period_id, {}), updated_at=now,
                        **values)
            for period_id, values in sums.items()
        ]  # fmt: skip
        PeriodTally.objects.bulk_create(rows, batch_size=batch)
    return len(rows)


__all__ = ["count_response", "fill_tallies", "refresh_tally", "response_sums"]
