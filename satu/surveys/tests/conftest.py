"""Fixtures of the survey tests: service units of the persona agencies, periods, responses."""

import datetime
from collections.abc import Iterable, Sequence

import pytest
from django.core.cache import cache
from django.utils import timezone

from satu.agencies.models import ServiceUnit
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import Channel, ExtraAnswer, SurveyPeriod, SurveyResponse
from satu.surveys.services import Answers, build_response
from satu.surveys.tallies import refresh_tally


@pytest.fixture(autouse=True)
def _empty_rate_limit_counters():
    """The rate limit counts in the cache; every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


def _unit(agency_fixture: str, name: str):  # type: ignore[no-untyped-def]
    """A fixture: a service unit of one of the persona agencies."""

    @pytest.fixture
    def unit(request: pytest.FixtureRequest) -> ServiceUnit:
        agency = request.getfixturevalue(agency_fixture)
        return ServiceUnit.objects.create(agency=agency, name=name)

    return unit


unit_a = _unit("agency_a", "Loket Perizinan Kesehatan")
unit_b = _unit("agency_b", "Instalasi Rawat Jalan")
unit_k = _unit("agency_k", "Puskesmas Pandanaran")
unit_banyumas = _unit("agency_other_region", "Mal Pelayanan Publik")


def make_period(unit: ServiceUnit, name: str = "Semester I", **values: object) -> SurveyPeriod:
    today = timezone.localdate()
    values.setdefault("start_date", today - datetime.timedelta(days=30))
    values.setdefault("end_date", today + datetime.timedelta(days=30))
    return SurveyPeriod.objects.create(unit=unit, name=name, **values)


@pytest.fixture
def period_a(unit_a) -> SurveyPeriod:
    return make_period(unit_a, population=500)


@pytest.fixture
def period_k(unit_k) -> SurveyPeriod:
    return make_period(unit_k)


def respond(
    period: SurveyPeriod,
    rows: Iterable[Sequence[int]],
    *,
    extra: Sequence[Sequence[int]] | None = None,
    **profile: str,
) -> list[SurveyResponse]:
    """Store responses: each row gives the nine standard answers in element order, and
    ``extra`` the answers to the period's extra elements in position order."""
    period.refresh_from_db()
    extras = list(period.extra_elements.order_by("position"))
    built = []
    rows = list(rows)
    for index, row in enumerate(rows):
        extra_values = extra[index] if extra else []
        answers = Answers(
            standard=dict(zip(STANDARD_KEYS, row, strict=True)),
            extra={e.pk: v for e, v in zip(extras, extra_values, strict=True)},
            profile=profile,
        )
        built.append(build_response(period, extras, answers, Channel.PAPER, period.start_date))
    responses = SurveyResponse.objects.bulk_create(built, batch_size=5000)
    if extras:
        ExtraAnswer.objects.bulk_create(
            ExtraAnswer(response=response, element=element, value=value)
            for index, response in enumerate(responses)
            for element, value in zip(extras, extra[index], strict=True)  # type: ignore[index]
        )
    refresh_tally(period)  # written past the services, like a bulk loader
    return responses


def make_innovation(unit: ServiceUnit, launch: datetime.date | None, name: str = "Antrean Online"):
    from satu.innovations.models import Innovation
    from satu.urusan.models import Urusan

    return Innovation.objects.create(
        agency=unit.agency,
        service_unit=unit,
        programme_year=(launch or timezone.localdate()).year,
        name=name,
        stage="penerapan",
        initiator_kind="opd",
        form="pelayanan_publik",
        main_urusan=Urusan.objects.get(code=2),
        launch_date=launch,
    )


@pytest.fixture
def innovation_a(unit_a):
    return make_innovation(unit_a, datetime.date(2025, 7, 1))


@pytest.fixture
def innovation_k(unit_k):
    return make_innovation(unit_k, datetime.date(2025, 7, 1), "Puskesmas Ramah")
