"""Each open dataset, read back from its CSV, XLSX and JSON, gives the database's own counts."""

from collections import Counter

import pytest
from django.conf import settings
from django.db.models import Count

from satu.competitions.models import Entry, Stage
from satu.compliance.board import compute_board
from satu.compliance.models import ProgrammeYear
from satu.compliance.tests.oracle import agency_statuses
from satu.innovations.models import Innovation
from satu.regions.models import Region
from satu.surveys.models import SurveyPeriod, SurveyResponse

from .conftest import number, read_table, stored, truthy

pytestmark = pytest.mark.django_db
FORMATS = ("csv", "xlsx", "json")


def tables(slug: str) -> dict[str, list[dict[str, object]]]:
    return {fmt: read_table(stored(slug, fmt), fmt) for fmt in FORMATS}


def test_the_innovations_file_holds_every_public_innovation_and_nothing_else(demo):
    public = Innovation.objects.public()
    assert public.exists() and Innovation.objects.exclude(status="accepted").exists()
    per_year = dict(public.values_list("programme_year").annotate(n=Count("pk")).order_by())
    digital = public.filter(is_digital=True).count()
    for fmt, rows in tables("inovasi").items():
        assert len(rows) == public.count(), fmt
        assert {int(row["id"]) for row in rows} == set(public.values_list("pk", flat=True)), fmt
        assert Counter(int(row["tahun_program"]) for row in rows) == per_year, fmt
        assert sum(truthy(row["digital"]) for row in rows) == digital, fmt


def test_the_agency_compliance_file_gives_each_agency_the_status_the_rule_gives_it(demo):
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    years = list(ProgrammeYear.objects.order_by("year"))
    assert len(years) >= 2
    expected = {year.year: agency_statuses(year, province) for year in years}
    for fmt, rows in tables("kepatuhan-opd").items():
        found: dict[int, dict[int, str]] = {year.year: {} for year in years}
        for row in rows:
            found[int(row["tahun"])][int(row["id_opd"])] = str(row["status"])
            assert truthy(row["memenuhi"]) == (row["status"] == "complied"), fmt
            assert truthy(row["wajib"]) == (row["status"] != "exempt"), fmt
        assert found == expected, fmt
        for year in years:
            totals = compute_board(year).totals
            of_year = [row for row in rows if int(row["tahun"]) == year.year]
            assert sum(truthy(row["wajib"]) for row in of_year) == totals.obliged, fmt
            assert sum(truthy(row["memenuhi"]) for row in of_year) == totals.complied, fmt
    assert any("complied" in statuses.values() for statuses in expected.values())


def test_the_region_compliance_file_adds_up_to_the_board_totals(demo):
    years = list(ProgrammeYear.objects.order_by("year"))
    for fmt, rows in tables("kepatuhan-wilayah").items():
        for year in years:
            board = compute_board(year)
            of_year = [row for row in rows if int(row["tahun"]) == year.year]
            assert [row["kode_wilayah"] for row in of_year] == [r.code for r in board.regions]
            for key, total in (
                ("wajib", board.totals.obliged),
                ("memenuhi", board.totals.complied),
                ("menunggu", board.totals.waiting),
                ("disiapkan", board.totals.started),
                ("belum_ada", board.totals.nothing),
                ("dikecualikan", board.totals.exempt),
            ):
                assert sum(number(row[key]) for row in of_year) == total, (fmt, year, key)
            assert board.totals.obliged > 0


def test_the_competition_results_file_holds_the_announced_winners_and_finalists(demo):
    results = Entry.objects.filter(competition__stage=Stage.ANNOUNCED).shortlisted()
    results = results.filter(rank__isnull=False)
    assert results.exists()
    # A competition still running publishes nothing.
    assert Entry.objects.exclude(competition__stage=Stage.ANNOUNCED).exists()
    for fmt, rows in tables("hasil-kompetisi").items():
        assert {int(row["id_peserta"]) for row in rows} == set(results.values_list("pk", flat=True))
        assert len(rows) == results.count(), fmt
        assert sum(truthy(row["juara"]) for row in rows) == results.filter(is_winner=True).count()
        assert all(int(row["peringkat"]) >= 1 for row in rows), fmt


def test_the_survey_index_file_holds_every_period_and_every_respondent(demo):
    periods = SurveyPeriod.objects.all()
    assert SurveyResponse.objects.exists()
    for fmt, rows in tables("indeks-skm").items():
        assert {int(row["id_periode"]) for row in rows} == set(periods.values_list("pk", flat=True))
        assert sum(number(row["responden"]) for row in rows) == SurveyResponse.objects.count()
        graded = [row for row in rows if number(row["responden"])]
        assert graded and all(row["mutu"] in ("A", "B", "C", "D") for row in graded), fmt
