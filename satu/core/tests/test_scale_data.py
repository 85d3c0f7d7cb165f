import io
import json

import pytest
from django.core.management import CommandError, call_command

from satu.accounts.models import User
from satu.agencies.models import Agency, ServiceUnit
from satu.catalog.models import ReadCount
from satu.comments.models import Comment, Rating
from satu.competitions.models import Competition, CompetitionJuror, Entry, Round
from satu.innovations.models import Innovation
from satu.surveys.models import SurveyPeriod, SurveyResponse

pytestmark = pytest.mark.django_db


def remove_generated(reference_agencies: set[int]) -> None:
    """Delete what the generator wrote, dependants first."""
    Entry.objects.all().delete()
    Round.objects.all().delete()
    CompetitionJuror.objects.all().delete()
    Competition.objects.all().delete()
    Comment.objects.all().delete()
    Rating.objects.all().delete()
    ReadCount.objects.all().delete()
    SurveyResponse.objects.all().delete()
    SurveyPeriod.objects.all().delete()
    User.objects.filter(email__endswith="@scale.satuinovasi.test").delete()
    Innovation.objects.all().delete()
    ServiceUnit.objects.all().delete()
    Agency.objects.exclude(pk__in=reference_agencies).delete()


def generate(tmp_path, name: str) -> dict:
    target = tmp_path / f"{name}.json"
    call_command(
        "generate_scale_data",
        "--preset",
        "test",
        "--seed",
        "7",
        "--json",
        str(target),
        stdout=io.StringIO(),
    )
    return json.loads(target.read_text())


def test_the_same_seed_gives_identical_counts_and_checksums(tmp_path, reference_data):
    reference_agencies = set(Agency.objects.values_list("pk", flat=True))
    first = generate(tmp_path, "first")
    assert first["counts"]["innovations"] > 300
    assert first["counts"]["survey_responses"] == 3000
    assert first["counts"]["competition_entries"] == 40
    assert first["counts"]["agencies"] > len(reference_agencies)
    remove_generated(reference_agencies)
    second = generate(tmp_path, "second")
    assert second["counts"] == first["counts"]
    assert second["checksums"] == first["checksums"]


def test_a_different_seed_gives_different_data(tmp_path, reference_data):
    reference_agencies = set(Agency.objects.values_list("pk", flat=True))
    first = generate(tmp_path, "first")
    remove_generated(reference_agencies)
    call_command(
        "generate_scale_data",
        "--preset",
        "test",
        "--seed",
        "8",
        "--json",
        str(tmp_path / "x.json"),
        stdout=io.StringIO(),
    )
    other = json.loads((tmp_path / "x.json").read_text())
    assert other["checksums"]["innovations"] != first["checksums"]["innovations"]


def test_it_refuses_a_database_that_already_has_innovations(tmp_path, reference_data):
    generate(tmp_path, "first")
    with pytest.raises(CommandError):
        call_command("generate_scale_data", "--preset", "test", stdout=io.StringIO())


def test_every_bench_scenario_answers_and_the_back_office_ones_are_signed_in(
    tmp_path, reference_data, client
):
    """`make bench` measures pages that answer 200, back-office ones as a signed-in user."""
    from satu.core.management.commands.bench_targets import http_targets

    generate(tmp_path, "bench")
    targets = http_targets()
    assert {"office_operator_innovations", "office_compliance_board", "office_competition"} <= set(
        targets
    )
    assert targets["innovation_page"]["target_p95_ms"] == 50
    assert targets["api_innovations_search"]["target_p95_ms"] == 150
    for name, spec in targets.items():
        if spec.get("env"):
            continue  # a server with other settings (the national board)
        cookie = spec.get("cookie", "")
        for path in spec["paths"][:2]:
            response = client.get(path, HTTP_COOKIE=cookie)
            assert response.status_code == 200, (name, path, response.status_code)
        if cookie:
            assert spec["kind"] == "back_office" and spec["target_p95_ms"] == 200


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_index_is_built_alongside_and_matches_a_rebuild(tmp_path):
    """Committed part by part, as ``make bench`` runs it: on PostgreSQL the search index is
    built by a second connection while the later parts are written. It must hold every public
    innovation with the facet counts of a rebuild from scratch."""
    from django.db import connection

    from satu.catalog import facetcounts
    from satu.catalog.models import FacetCount, SearchDocument

    assert not connection.in_atomic_block
    result = generate(tmp_path, "committed")
    assert result["timings"]["search index"] > 0
    public = set(Innovation.objects.public().values_list("pk", flat=True))
    assert set(SearchDocument.objects.values_list("innovation_id", flat=True)) == public
    built = set(FacetCount.objects.filter(count__gt=0).values_list("facet", "value", "count"))
    facetcounts.rebuild()
    rebuilt = set(FacetCount.objects.filter(count__gt=0).values_list("facet", "value", "count"))
    assert built == rebuilt
    of_2026 = Innovation.objects.public().filter(programme_year=2026).count()
    assert ("tahun", "2026", of_2026) in built
