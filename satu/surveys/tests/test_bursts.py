"""One address cannot move a published grade (issue 24, finding 8): per-period limits per
address and per device, and bursts flagged for the unit to review, outside the index."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from satu.audit.models import AuditEntry
from satu.surveys import services
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import Review, SurveyResponse
from satu.surveys.results import flag_counts, period_result

from .conftest import respond

pytestmark = pytest.mark.django_db

BEST = dict.fromkeys(STANDARD_KEYS, "4")
ATTACKER = "203.0.113.7"


def send(client, period, address: str, answers: dict[str, str] = BEST):
    url = reverse("surveys:form", args=[period.code])
    return client.post(url, {**answers, "website": ""}, REMOTE_ADDR=address)


@pytest.fixture
def graded_b(period_a):
    """20 honest answers: 86.11, grade B."""
    respond(period_a, [[4, 3, 3, 4, 3, 3, 4, 3, 4]] * 20)
    result = period_result(period_a)
    assert (str(result.converted), result.grade.letter) == ("86.11", "B")
    return period_a


def test_30_answers_from_one_address_within_seconds_do_not_move_the_published_grade(
    client, graded_b
):
    # A script: no cookie kept, a forged X-Forwarded-For, all within a few seconds.
    statuses = [
        client.post(
            reverse("surveys:form", args=[graded_b.code]),
            {**BEST, "website": ""},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(30)
    ]
    # Beyond SATU_SURVEY_ANSWERS_PER_ADDRESS (20) the answers are refused…
    assert statuses == [302] * 20 + [429] * 10
    # …and those stored are flagged, the first ones of the burst too, so the index holds.
    stored = SurveyResponse.objects.filter(period=graded_b, channel="online")
    assert stored.count() == 20
    assert set(stored.values_list("review", flat=True)) == {Review.PENDING}
    result = period_result(graded_b)
    assert (str(result.converted), result.grade.letter, result.respondents) == ("86.11", "B", 20)
    assert flag_counts([graded_b])[graded_b.pk].pending == 20


def test_the_unit_sees_the_flagged_answers_and_its_review_is_audited(client, operator, graded_b):
    for _ in range(5):
        send(client, graded_b, ATTACKER)
    client.force_login(operator)
    page = client.get(reverse("surveys:period", args=[graded_b.pk])).content.decode()
    assert "5 jawaban ditandai" in page
    review = client.get(reverse("surveys:review", args=[graded_b.pk]))
    assert review.status_code == 200 and len(review.context["rows"]) == 5
    # "Count" here is a verb (count it in the index), not the jury's "Jumlah" (a total).
    assert ">Hitung</button>" in review.content.decode()

    first = SurveyResponse.objects.filter(review=Review.PENDING).order_by("pk").first()
    url = reverse("surveys:review", args=[graded_b.pk])
    client.post(url, {"response": first.pk, "decision": "included"})
    client.post(url, {"all": "pending", "decision": "excluded"})
    counts = flag_counts([graded_b])[graded_b.pk]
    assert (counts.pending, counts.included, counts.excluded) == (0, 1, 4)
    assert period_result(graded_b).respondents == 21  # the one counted after review
    actions = list(
        AuditEntry.objects.filter(action="surveys.review_responses")
        .order_by("seq")
        .values_list("changes", flat=True)
    )
    assert [(d["decision"], len(d["responses"])) for d in actions] == [
        ("included", 1),
        ("excluded", 4),
    ]
    report = client.get(reverse("surveys:responses", args=[graded_b.pk, "csv"]))
    assert "dikecualikan" in b"".join(report.streaming_content).decode().lower()


def test_a_unit_outside_ones_scope_cannot_review(client, outsider_operator, graded_b):
    client.force_login(outsider_operator)
    assert client.get(reverse("surveys:review", args=[graded_b.pk])).status_code in (403, 404)
    with pytest.raises(services.PermissionDeniedError):
        services.review_responses(outsider_operator, graded_b, [], "excluded")


def test_answers_spread_over_time_or_addresses_are_not_flagged(client, graded_b, settings):
    send(client, graded_b, "10.0.0.1")
    send(client, graded_b, "10.0.0.1")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        send(client, graded_b, "10.0.0.1")
    for number in range(2, 8):
        send(client, graded_b, f"10.0.0.{number}")
    assert not SurveyResponse.objects.flagged().exists()
    assert period_result(graded_b).respondents == 29


def test_one_browser_answers_at_most_twice_a_period_whatever_its_address(client, period_a):
    client.get(reverse("surveys:form", args=[period_a.code]))  # the form sets the device id
    statuses = [send(client, period_a, f"10.5.0.{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert SurveyResponse.objects.count() == 2


def test_the_limits_are_settings(client, period_a, settings):
    settings.SATU_SURVEY_ANSWERS_PER_ADDRESS = 2
    statuses = [send(client, period_a, ATTACKER).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
