"""Generated agencies, innovations and exemptions for tests and benchmarks.

Bulk inserts only (no audit entries, no signals): this is synthetic data that a test or a
benchmark throws away, never demo or production data.
"""

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from satu.accounts.models import User
from satu.agencies.models import Agency, AgencyType
from satu.innovations.models import InitiatorKind, Innovation, InnovationForm, Stage, Status
from satu.regions.models import Region
from satu.urusan.models import Urusan

from . import statuses as stored_statuses
from .models import Exemption, ExemptionStatus, ProgrammeYear


@dataclass(frozen=True)
class Generated:
    agencies: int
    innovations: int
    exemptions: int


def _moment(year: ProgrammeYear, rng: random.Random, *, late: bool) -> datetime.datetime:
    """A time some days before the deadline, or after it when ``late``."""
    deadline_end = year.deadline_end
    if late:
        return deadline_end + datetime.timedelta(hours=rng.randint(0, 24 * 60))
    return deadline_end - datetime.timedelta(seconds=1 + rng.randint(0, 3600 * 24 * 120))


def generate(
    year: ProgrammeYear,
    *,
    agencies: int,
    regions: Sequence[Region],
    seed: int = 0,
    prefix: str = "GEN",
    max_innovations: int = 3,
    exemption_share: float = 0.03,
) -> Generated:
    """Add ``agencies`` agencies spread over ``regions``, with innovations of ``year``.

    Every case of the rule occurs: agencies of every type, some ended before the deadline or
    created after it, innovations in every status submitted on time or late, accepted ones
    without a submission time, and exemptions in every status.
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    deadline = year.registration_deadline
    types = list(AgencyType.values)
    new_agencies = []
    for index in range(agencies):
        valid_from = valid_until = None
        roll = rng.random()
        if roll < 0.05:
            valid_until = deadline - datetime.timedelta(days=rng.randint(1, 200))  # ended
        elif roll < 0.08:
            valid_until = deadline  # ended on the deadline day: still obliged
        elif roll < 0.12:
            valid_from = deadline + datetime.timedelta(days=rng.randint(1, 100))  # too new
        elif roll < 0.15:
            valid_from = deadline  # created on the deadline day: obliged
        new_agencies.append(
            Agency(
                name=f"Agency {prefix} {seed}-{index}",
                abbreviation=f"{prefix}{seed}-{index}",
                type=rng.choice(types),
                region=regions[index % len(regions)],
                valid_from=valid_from,
                valid_until=valid_until,
            )
        )
    created = Agency.objects.bulk_create(new_agencies, batch_size=2000)
    if not created or created[0].pk is None:  # backends that do not return primary keys
        created = list(Agency.objects.filter(abbreviation__startswith=f"{prefix}{seed}-"))

    urusan = Urusan.objects.order_by("code").first()
    if urusan is None:
        raise RuntimeError("Load the reference data first (manage.py load_reference_data).")
    statuses = list(Status.values)
    innovations = []
    for agency in created:
        for number in range(rng.randint(0, max_innovations)):
            status = rng.choice(statuses)
            late = rng.random() < 0.25
            submitted_at = accepted_at = None
            if status != Status.DRAFT:
                submitted_at = _moment(year, rng, late=late)
            if status == Status.ACCEPTED:
                # Accepted some days after submission, possibly after the deadline.
                accepted_at = (submitted_at or _moment(year, rng, late=late)) + datetime.timedelta(
                    days=rng.randint(0, 60)
                )
                if rng.random() < 0.1:
                    submitted_at = None  # an imported record
            # Some innovations belong to another year and must be ignored.
            programme_year = year.year if rng.random() < 0.9 else year.year - 1
            innovations.append(
                new_innovation(
                    agency,
                    programme_year,
                    f"Inovasi {agency.abbreviation} {number}",
                    status=status,
                    submitted_at=submitted_at,
                    accepted_at=accepted_at,
                    urusan=urusan,
                )
            )
    Innovation.objects.bulk_create(innovations, batch_size=2000)

    exemptions = []
    requester, decider = _exemption_people()
    for agency in created:
        if rng.random() >= exemption_share:
            continue
        status = rng.choice(list(ExemptionStatus.values))
        exemptions.append(
            Exemption(
                programme_year=year,
                agency=agency,
                reason="Generated",
                status=status,
                requested_by=requester,
                decided_by=None if status == ExemptionStatus.PENDING else decider,
                decided_at=None if status == ExemptionStatus.PENDING else timezone.now(),
            )
        )
    Exemption.objects.bulk_create(exemptions, batch_size=2000)
    stored_statuses.refresh_all()  # bulk writes pass the signals that keep the statuses
    return Generated(len(created), len(innovations), len(exemptions))


def new_innovation(
    agency: Agency,
    programme_year: int,
    name: str,
    *,
    status: str,
    submitted_at: datetime.datetime | None,
    accepted_at: datetime.datetime | None,
    urusan: Urusan,
) -> Innovation:
    """An unsaved innovation with only what the compliance rule looks at filled in."""
    return Innovation(
        agency=agency,
        programme_year=programme_year,
        name=name,
        stage=Stage.IMPLEMENTATION,
        initiator_kind=InitiatorKind.AGENCY,
        form=InnovationForm.PUBLIC_SERVICE,
        main_urusan=urusan,
        status=status,
        submitted_at=submitted_at,
        accepted_at=accepted_at,
    )


def _exemption_people() -> tuple[User, User]:
    requester, _ = User.objects.get_or_create(
        email="generated.requester@example.invalid", defaults={"full_name": "Generated requester"}
    )
    decider, _ = User.objects.get_or_create(
        email="generated.decider@example.invalid", defaults={"full_name": "Generated decider"}
    )
    return requester, decider


def generate_programme_years(ctx) -> None:  # type: ignore[no-untyped-def]
    """Programme years of the generated data set (for ``generate_scale_data``): the deadline
    of each year on 30 June, all agency types obliged, the default rule."""
    # In bulk, without the signal that would refresh each year's statuses of every agency:
    # there are no innovations yet, and the load refreshes all statuses at its end.
    ProgrammeYear.objects.bulk_create(
        [
            ProgrammeYear(year=year, registration_deadline=datetime.date(year, 6, 30))
            for year in ctx.years
        ],
        ignore_conflicts=True,
    )
    ctx.log(f"programme years: {len(ctx.years)}")
