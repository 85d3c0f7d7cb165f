"""Demo jury: a pool with affiliations and expertise, the KIPP rubric, committed assignments and
scores, all through the jury's services.

The finished 2025 competition's desk round is scored here (``score_desk_round`` is called by
``satu.competitions.demo`` while it runs that competition to its announcement); the 2026
competition in desk evaluation gets its jury by ``seed`` (after the competitions demo): a
committed assignment, one juror done, one halfway with a draft, one not started.
"""

import datetime
import random

from django.conf import settings
from django.utils import timezone

from satu.accounts.models import User
from satu.agencies.models import Agency
from satu.competitions import services as competition_services
from satu.competitions.demo import quality
from satu.competitions.models import (
    Competition,
    CompetitionJuror,
    JurorKind,
    Round,
    RoundKind,
    RoundState,
)
from satu.competitions.models import Stage as CompetitionStage
from satu.regions.models import Region
from satu.urusan.models import Urusan

from . import services
from .models import JurorAssignment, Rubric, ScoreSheet

# email local part -> (kind, works at (region, abbreviation), home kabupaten/kota, urusan codes,
# harshness in points)
DEMO_POOL = {
    "juri1": (JurorKind.INTERNAL, ("33", "BAPPEDA"), None, [2, 1, 6], -6.0),
    "juri2": (JurorKind.INDEPENDENT, None, "33.74", [2, 12, 16], 5.0),
    "juri3": (JurorKind.INDEPENDENT, None, None, [29, 21, 31], 0.0),
}
DEMO_DOMAIN = "satuinovasi.test"
JURORS_PER_ENTRY = 2
NAME_2026 = "Kompetisi Inovasi Pelayanan Publik Jawa Tengah 2026"


def configure_pool(actor: User, competition: Competition) -> list[CompetitionJuror]:
    """Give the demo jurors their workplace, home region, expertise and load.

    With only three demo jurors, presentation panels are of two so that a juror with a
    conflict of interest can stay out of an entry's panel.
    """
    if competition.panel_size > 2:
        competition_services.update_competition(
            actor, Competition.objects.get(pk=competition.pk), panel_size=2
        )
    seats = []
    for local, (kind, agency, home, urusan, _harshness) in DEMO_POOL.items():
        seat = CompetitionJuror.objects.filter(
            competition=competition, user__email=f"{local}@{DEMO_DOMAIN}"
        ).first()
        if seat is None:
            continue
        services.update_juror(
            actor,
            seat,
            services.JurorDetails(
                kind=kind,
                max_load=16,
                agency=Agency.objects.filter(region__code=agency[0], abbreviation=agency[1]).first()
                if agency
                else None,
                home_region=Region.objects.filter(code=home).first() if home else None,
                expertise=tuple(Urusan.objects.filter(code__in=urusan)),
            ),
        )
        seats.append(seat)
    return seats


def prepare_round(actor: User, round: Round) -> None:
    """The KIPP rubric and a committed assignment of two jurors per entry."""
    Round.objects.filter(pk=round.pk).update(jurors_per_entry=JURORS_PER_ENTRY)
    round.refresh_from_db()
    if not Rubric.objects.filter(round=round).exists():
        services.create_from_template(actor, round, "kipp-2023")
    if not JurorAssignment.objects.filter(round=round).exists():
        services.propose_assignment(actor, round)
        services.commit_assignment(actor, round)


def marks_for(round: Round, assignment: JurorAssignment, rng: random.Random) -> dict[str, str]:
    """Marks around the entry's hidden quality, shifted by the juror's harshness, with noise."""
    local = assignment.juror.user.email.split("@")[0]
    harshness = DEMO_POOL.get(local, (None, None, None, None, 0.0))[4]
    rubric = round.rubric
    base = quality(assignment.entry) + harshness
    return {
        c.code: str(max(0, min(100, round_mark(base + rng.uniform(-6, 6)))))
        for c in rubric.criteria.all()
        if c.is_scored
    }


def round_mark(value: float) -> int:
    return int(round(value))


def score_desk_round(actor: User, round: Round, rng: random.Random) -> None:
    """Score a whole desk round through the jury and record its results (the 2025 demo)."""
    configure_pool(actor, round.competition)
    Round.objects.filter(pk=round.pk).update(normalise=True)
    round.refresh_from_db()
    prepare_round(actor, round)
    for assignment in JurorAssignment.objects.filter(round=round).select_related(
        "juror__user", "entry"
    ):
        services.submit_sheet(
            assignment.juror.user,
            assignment,
            marks=marks_for(round, assignment, rng),
            comments={"kebaruan_nilai_tambah": "Nilai tambah jelas bagi warga."},
        )
    services.compute_round_results(actor, round)


def seed_running(actor: User, competition: Competition) -> None:
    """The 2026 desk round half-way: one juror done, one with drafts, one not started."""
    round = competition.rounds.filter(kind=RoundKind.DESK).first()
    if round is None or round.state != RoundState.OPEN:
        return
    if ScoreSheet.objects.filter(round=round).exists():
        return
    configure_pool(actor, competition)
    prepare_round(actor, round)
    if round.closes_at is None:
        services.set_deadline(actor, round, timezone.now() + datetime.timedelta(days=5))
    rng = random.Random(2026)  # noqa: S311 - demo data
    assignments = list(
        JurorAssignment.objects.filter(round=round)
        .select_related("juror__user", "entry")
        .order_by("juror__user__email", "entry_id")
    )
    for assignment in assignments:
        local = assignment.juror.user.email.split("@")[0]
        marks = marks_for(round, assignment, rng)
        user = assignment.juror.user
        if local == "juri1":
            services.submit_sheet(user, assignment, marks=marks)
        elif local == "juri2":
            mine = [a for a in assignments if a.juror_id == assignment.juror_id]
            position = mine.index(assignment)
            if position < len(mine) // 2:
                services.submit_sheet(user, assignment, marks=marks)
            elif position == len(mine) // 2:
                services.save_draft(user, assignment, marks=dict(list(marks.items())[:3]))


def seed(stdout: object) -> None:
    province = Region.objects.filter(code=settings.SATU_HOME_REGION_CODE).first()
    competition = Competition.objects.filter(
        region=province, year=2026, name=NAME_2026, stage=CompetitionStage.DESK_EVALUATION
    ).first()
    actor = User.objects.filter(email=f"sekretariat@{DEMO_DOMAIN}").first()
    if competition is None or actor is None:
        return
    seed_running(actor, competition)
