"""Did the service get better after an innovation? The index before and after its launch.

Method. Each response has a converted score: 25 × its weighted mean answer (25–100); the
index of a set of responses is the mean of these scores, so the difference between the
indices after and before the launch is a difference of two means. Respondents before and after
are different, anonymous people (independent samples), and the spread of answers often
changes with the service, so the interval is Welch's t-interval, which does not assume equal
variances: difference ± t(0.975, ν) × √(s₁²/n₁ + s₂²/n₂) with the Welch–Satterthwaite degrees
of freedom ν. Scores are bounded averages of nine or more items, so with the sample sizes of an
SKM (dozens to hundreds) the t-interval is sound by the central limit theorem. Count, sum and
sum of squares come from one aggregate query per side; SciPy gives the t quantile.

Periods that end before the launch date count as "before"; periods that start on or after it
count as "after"; a period that spans the launch date is left out and listed.
"""

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from scipy import stats

from satu.innovations.models import Innovation

from .ikm import Grade, grade_for, round_half_up
from .models import SurveyPeriod
from .results import ScoreMoments, results_for_periods, score_moments

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Side:
    periods: list[SurveyPeriod]
    moments: ScoreMoments

    @property
    def respondents(self) -> int:
        return self.moments.respondents

    @property
    def mean(self) -> Decimal | None:
        """The converted index of all responses of the side, rounded half up."""
        mean = self.moments.mean
        return None if mean is None else round_half_up(mean, 2)

    @property
    def grade(self) -> Grade | None:
        mean = self.moments.mean
        return None if mean is None else grade_for(mean)

    def period_names(self) -> str:
        return ", ".join(period.name for period in self.periods)


@dataclass(frozen=True)
class Comparison:
    innovation: Innovation
    status: str  # ok, no_unit, no_launch_date, no_before, no_after, too_few
    before: Side | None = None
    after: Side | None = None
    spanning: list[SurveyPeriod] = field(default_factory=list)
    results: dict = field(default_factory=dict)  # period id -> IndexResult
    difference: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    degrees_of_freedom: float | None = None
    p_value: float | None = None
    confidence: int = round(CONFIDENCE * 100)

    @property
    def unit(self) -> object:
        return self.innovation.service_unit

    @property
    def is_ok(self) -> bool:
        return self.status == "ok"

    @property
    def significant(self) -> bool:
        """The interval leaves out zero: a real change at the chosen confidence."""
        if self.low is None or self.high is None:
            return False
        return self.low > 0 or self.high < 0

    @property
    def direction(self) -> str:
        if not self.significant or self.difference is None:
            return "none"
        return "up" if self.difference > 0 else "down"

    @property
    def message(self) -> str:
        """Why there is no comparison, for the partial."""
        return {
            "no_unit": _("The innovation is not linked to a service unit."),
            "no_launch_date": _("The innovation has no launch date."),
            "no_before": _("The unit has no survey period that ended before the launch date."),
            "no_after": _("The unit has no survey period that started after the launch date."),
            "too_few": _("Each side needs at least two responses."),
        }.get(self.status, "")

    def evidence_text(self) -> str:
        """A paragraph for IID indicator 34 (hasil SKM) and the KIPP "signifikansi" section."""
        if not self.is_ok:
            return ""
        assert self.before and self.after and self.difference is not None
        unit = self.innovation.service_unit
        text = _(
            "The Community Satisfaction Survey (SKM, PermenPANRB 14/2017) of %(unit)s gave an "
            "index of %(before)s (grade %(grade_before)s, %(n_before)s respondents; "
            "%(periods_before)s) before the innovation “%(innovation)s” was launched on "
            "%(launch)s, and %(after)s (grade %(grade_after)s, %(n_after)s respondents; "
            "%(periods_after)s) after it: a change of %(difference)s points "
            "(%(confidence)s%% confidence interval %(low)s to %(high)s, Welch's t-test)."
        ) % {
            "unit": f"{unit.name}, {unit.agency.name}" if unit else "",
            "before": number_format(self.before.mean, 2),
            "grade_before": self.before.grade,
            "n_before": number_format(self.before.respondents, force_grouping=True),
            "periods_before": self.before.period_names(),
            "innovation": self.innovation.name,
            "launch": date_format(self.innovation.launch_date, "j F Y"),
            "after": number_format(self.after.mean, 2),
            "grade_after": self.after.grade,
            "n_after": number_format(self.after.respondents, force_grouping=True),
            "periods_after": self.after.period_names(),
            "difference": ("+" if self.difference > 0 else "") + number_format(self.difference, 2),
            "confidence": self.confidence,
            "low": number_format(self.low, 2),
            "high": number_format(self.high, 2),
        }
        verdict = {
            "up": _("The improvement is statistically significant."),
            "down": _("The decline is statistically significant."),
            "none": _(
                "The change is not statistically significant: it may be due to chance alone."
            ),
        }[self.direction]
        return f"{text} {verdict}"


def welch_interval(
    before: ScoreMoments, after: ScoreMoments, confidence: float = CONFIDENCE
) -> tuple[float, float, float, float, float]:
    """(difference, low, high, degrees of freedom, two-sided p) of after − before."""
    n1, n2 = before.respondents, after.respondents
    if n1 < 2 or n2 < 2:
        raise ValueError("each side needs at least two responses")
    mean1, mean2 = float(before.mean), float(after.mean)  # type: ignore[arg-type]
    a, b = float(before.variance) / n1, float(after.variance) / n2  # type: ignore[arg-type]
    difference = mean2 - mean1
    se = math.sqrt(a + b)
    if se == 0:
        # Every respondent on each side gave the same answers: no sampling spread at all.
        return difference, difference, difference, float(n1 + n2 - 2), 0.0 if difference else 1.0
    df = (a + b) ** 2 / (a * a / (n1 - 1) + b * b / (n2 - 1))
    quantile = float(stats.t.ppf(0.5 + confidence / 2, df))
    p_value = float(2 * stats.t.sf(abs(difference) / se, df))
    return difference, difference - quantile * se, difference + quantile * se, df, p_value


def compare_before_after(innovation: Innovation) -> Comparison:
    """The index of the innovation's service unit before and after its launch date."""
    if innovation.service_unit_id is None:
        return Comparison(innovation, "no_unit")
    launch = innovation.launch_date
    if launch is None:
        return Comparison(innovation, "no_launch_date")
    periods = SurveyPeriod.objects.filter(unit_id=innovation.service_unit_id)
    all_periods = list(periods.order_by("start_date", "pk"))
    before_periods = [p for p in all_periods if p.end_date < launch]
    after_periods = [p for p in all_periods if p.start_date >= launch]
    spanning = [p for p in all_periods if p.start_date < launch <= p.end_date]
    results = results_for_periods(all_periods)
    before = Side(before_periods, score_moments(periods.filter(end_date__lt=launch)))
    after = Side(after_periods, score_moments(periods.filter(start_date__gte=launch)))
    found = Comparison(
        innovation, "ok", before=before, after=after, spanning=spanning, results=results
    )
    if not before.respondents:
        return replace(found, status="no_before")
    if not after.respondents:
        return replace(found, status="no_after")
    if before.respondents < 2 or after.respondents < 2:
        return replace(found, status="too_few")
    _difference, low, high, df, p_value = welch_interval(before.moments, after.moments)
    # The difference of the two rounded indices, so that the text adds up for the reader.
    shown = after.mean - before.mean  # type: ignore[operator]
    return replace(
        found,
        difference=shown,
        low=_round(low),
        high=_round(high),
        degrees_of_freedom=df,
        p_value=p_value,
    )


def _round(value: float) -> Decimal:
    """Two decimals, half away from zero (the bounds of an interval may be negative)."""
    rounded = round_half_up(Fraction(abs(value)), 2)
    return -rounded if value < 0 else rounded
