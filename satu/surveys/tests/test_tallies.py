"""The precomputed sums of each period (PeriodTally) always equal the sums of its responses.

After every kind of change the index of every period and the roll-ups at every level, read
from the tallies, must equal the same results computed from the responses themselves.
"""

import importlib
import random

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile

from satu.surveys import services
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import (
    EntryBatch,
    ImportStatus,
    PeriodTally,
    Review,
    SurveyPeriod,
    SurveyResponse,
)
from satu.surveys.results import (
    LEVELS,
    results_for_periods,
    results_for_periods_from_scratch,
    rollup,
    rollup_from_scratch,
)
from satu.surveys.services import Answers, ExtraElementData
from satu.surveys.tallies import count_response, fill_tallies, refresh_tally

from .conftest import make_period, respond

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
EXTRAS = [
    ExtraElementData(name="Informasi daring", question="Jelaskah informasinya?", scale="jelas"),
    ExtraElementData(name="Ruang tunggu", question="Nyamankah tempatnya?", scale="baik", weight=3),
]


def assert_tallies_match() -> int:
    """Every period's index and every roll-up from the tallies equal those from scratch;
    returns the number of counted respondents, so that a test can show it compared something."""
    periods = list(SurveyPeriod.objects.all())
    from_tallies = results_for_periods(periods)
    assert from_tallies == results_for_periods_from_scratch(periods)
    scope = SurveyPeriod.objects.all()
    for level in LEVELS:
        assert rollup(level, scope) == rollup_from_scratch(level, scope), level
    return sum(result.respondents for result in from_tallies.values())


def answers(period: SurveyPeriod, rng: random.Random) -> Answers:
    return Answers(
        standard={key: rng.randint(1, 4) for key in STANDARD_KEYS},
        extra={element.pk: rng.randint(1, 4) for element in period.extra_elements.all()},
    )


def paper_rows(period: SurveyPeriod, rng: random.Random, count: int) -> list[tuple[int, dict]]:
    keys = [*STANDARD_KEYS, *(element.key for element in period.extra_elements.all())]
    return [(n, {key: str(rng.randint(1, 4)) for key in keys}) for n in range(1, count + 1)]


@pytest.fixture
def with_extras(unit_a, operator):
    """A period of agency A asking two extra elements, no answer yet."""
    period = make_period(unit_a, "Dengan unsur tambahan")
    services.set_questionnaire(operator, period, dict.fromkeys(STANDARD_KEYS, 1), EXTRAS)
    return period


def test_a_counted_public_answer_adds_itself_to_the_tally(with_extras, period_k):
    rng = random.Random(1)
    for _ in range(3):
        services.submit_response(with_extras, answers(with_extras, rng))
        services.submit_response(period_k, answers(period_k, rng))
    assert assert_tallies_match() == 6
    tally = PeriodTally.objects.get(period=with_extras)
    assert tally.respondents == 3
    assert len(tally.extra_sums) == 2  # both extra elements


def test_the_first_answer_of_a_period_without_a_tally_creates_it(period_k):
    assert not PeriodTally.objects.filter(period=period_k).exists()
    services.submit_response(period_k, answers(period_k, random.Random(2)))
    assert PeriodTally.objects.get(period=period_k).respondents == 1
    assert assert_tallies_match() == 1


def test_counting_one_answer_is_a_single_update_without_extra_elements(
    period_k, django_assert_num_queries
):
    (response,) = respond(period_k, [(3,) * 9])  # the tally row exists now
    with django_assert_num_queries(1):
        count_response(response, {})
    # The response was counted twice on purpose: the tally is now one ahead of the responses.
    assert PeriodTally.objects.get(period=period_k).respondents == 2
    assert results_for_periods([period_k]) != results_for_periods_from_scratch([period_k])


def test_answers_flagged_as_a_burst_leave_the_tally(with_extras, settings):
    settings.SATU_SURVEY_BURST_ANSWERS = 3
    rng = random.Random(3)
    respond(with_extras, [(4,) * 9] * 4, extra=[(4, 4)] * 4)
    for _ in range(2):  # counted at first…
        services.submit_response(with_extras, answers(with_extras, rng), address=ATTACKER)
    assert assert_tallies_match() == 6
    for _ in range(3):  # …then the burst flags them too
        services.submit_response(with_extras, answers(with_extras, rng), address=ATTACKER)
    assert SurveyResponse.objects.filter(review=Review.PENDING).count() == 5
    assert assert_tallies_match() == 4


@pytest.mark.parametrize(
    ("decision", "counted"),
    [(Review.INCLUDED, 7), (Review.EXCLUDED, 5), (Review.PENDING, 5)],
)
def test_review_decisions_move_answers_in_and_out_of_the_tally(
    with_extras, operator, settings, decision, counted
):
    settings.SATU_SURVEY_BURST_ANSWERS = 3
    rng = random.Random(4)
    respond(with_extras, [(2,) * 9] * 4, extra=[(1, 2)] * 4)
    for _ in range(3):
        services.submit_response(with_extras, answers(with_extras, rng), address=ATTACKER)
    flagged = list(SurveyResponse.objects.flagged().order_by("pk").values_list("pk", flat=True))
    services.review_responses(operator, with_extras, flagged[:2], Review.INCLUDED)
    assert assert_tallies_match() == 6
    services.review_responses(operator, with_extras, flagged[1:], decision)  # one stays counted
    assert assert_tallies_match() == counted


def test_paper_entry_and_deleting_its_batch_keep_the_tally(with_extras, operator):
    rng = random.Random(5)
    services.submit_response(with_extras, answers(with_extras, rng))
    batch = services.enter_paper_responses(operator, with_extras, paper_rows(with_extras, rng, 7))
    assert assert_tallies_match() == 8
    services.delete_entry_batch(operator, batch)
    assert assert_tallies_match() == 1


def test_a_spreadsheet_import_keeps_the_tally(
    with_extras, operator, django_capture_on_commit_callbacks
):
    rng = random.Random(6)
    header = [*STANDARD_KEYS, "tambahan_1", "tambahan_2"]
    lines = [";".join(header)] + [
        ";".join(str(rng.randint(1, 4)) for _ in header) for _ in range(5)
    ]
    file = SimpleUploadedFile("kuesioner.csv", "\n".join(lines).encode())
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_response_import(operator, with_extras, file)
    job.refresh_from_db()
    assert job.status == ImportStatus.SUCCEEDED, job.message
    assert assert_tallies_match() == 5
    services.delete_entry_batch(operator, EntryBatch.objects.get())
    assert assert_tallies_match() == 0


def test_a_new_questionnaire_leaves_no_sums_of_its_old_extra_elements(unit_k, operator_k):
    period = make_period(unit_k)
    services.set_questionnaire(operator_k, period, dict.fromkeys(STANDARD_KEYS, 2), EXTRAS)
    services.set_questionnaire(operator_k, period, dict.fromkeys(STANDARD_KEYS, 1), EXTRAS[1:])
    assert PeriodTally.objects.get(period=period).extra_sums == {}
    services.enter_paper_responses(operator_k, period, paper_rows(period, random.Random(7), 3))
    (element,) = period.extra_elements.all()
    assert list(PeriodTally.objects.get(period=period).extra_sums) == [str(element.pk)]
    assert assert_tallies_match() == 3


def test_deleting_a_period_deletes_its_tally(with_extras, period_k, operator):
    respond(period_k, [(3,) * 9] * 2)
    assert PeriodTally.objects.filter(period=with_extras).exists()
    services.delete_period(operator, with_extras)
    assert not PeriodTally.objects.filter(period_id=with_extras.pk).exists()
    assert assert_tallies_match() == 2


def test_a_random_sequence_of_changes_keeps_every_tally(
    unit_a, unit_k, unit_banyumas, superuser, settings, django_capture_on_commit_callbacks
):
    settings.SATU_SURVEY_BURST_ANSWERS = 3
    settings.SATU_SURVEY_ANSWERS_PER_ADDRESS = 1000
    rng = random.Random(2026)
    periods = [make_period(unit, "Acak") for unit in (unit_a, unit_k, unit_banyumas)]
    services.set_questionnaire(superuser, periods[0], dict.fromkeys(STANDARD_KEYS, 1), EXTRAS)
    addresses = ["198.51.100.1", "198.51.100.2", ""]
    done: set[str] = set()
    for _step in range(60):
        period = SurveyPeriod.objects.get(pk=rng.choice(periods).pk)
        operation = rng.choice(["submit", "submit", "paper", "delete", "review"])
        if operation == "submit":
            address = rng.choice(addresses)
            services.submit_response(period, answers(period, rng), address=address)
        elif operation == "paper":
            services.enter_paper_responses(
                superuser, period, paper_rows(period, rng, rng.randint(1, 4))
            )
        elif operation == "delete" and (batch := period.entry_batches.first()):
            services.delete_entry_batch(superuser, batch)
        elif operation == "review" and (
            flagged := list(period.responses.flagged().values_list("pk", flat=True))
        ):
            chosen = rng.sample(flagged, k=min(len(flagged), rng.randint(1, 3)))
            decision = rng.choice([Review.INCLUDED, Review.EXCLUDED, Review.PENDING])
            services.review_responses(superuser, period, chosen, decision)
        else:
            continue
        done.add(operation)
        assert_tallies_match()
    assert done == {"submit", "paper", "delete", "review"}
    assert SurveyResponse.objects.flagged().exists()  # the sequence did reach the bursts
    assert assert_tallies_match() > 10


def test_a_bulk_fill_and_the_migration_rebuild_the_tallies(with_extras, period_k, operator):
    rng = random.Random(8)
    services.enter_paper_responses(operator, with_extras, paper_rows(with_extras, rng, 6))
    respond(period_k, [(2,) * 9] * 3)
    first = SurveyResponse.objects.filter(period=period_k).order_by("pk")[:1]
    # Past the services: the tally is stale, and the comparison notices.
    SurveyResponse.objects.filter(pk__in=first).update(review=Review.EXCLUDED)
    with pytest.raises(AssertionError):
        assert_tallies_match()
    assert fill_tallies() == 2
    assert assert_tallies_match() == 8

    PeriodTally.objects.all().delete()
    migration = importlib.import_module("satu.surveys.migrations.0005_period_tallies")
    migration.fill_tallies(django_apps, None)
    assert PeriodTally.objects.count() == 2
    assert assert_tallies_match() == 8


def test_refreshing_an_unchanged_period_changes_nothing(with_extras, operator):
    services.enter_paper_responses(
        operator, with_extras, paper_rows(with_extras, random.Random(9), 4)
    )
    before = PeriodTally.objects.values().get(period=with_extras)
    refresh_tally(with_extras.pk)
    after = PeriodTally.objects.values().get(period=with_extras)
    assert {**before, "updated_at": None} == {**after, "updated_at": None}
