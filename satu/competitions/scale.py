"""A competition at scale: thousands of entries in desk evaluation and a pool of jurors."""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from satu.accounts.models import Membership, Role, User
from satu.agencies.models import Agency
from satu.core.scale import ScaleContext, bulk_insert
from satu.innovations.models import Innovation
from satu.regions.models import Region

from .models import (
    Competition,
    CompetitionJuror,
    Entry,
    EntryStatus,
    Group,
    JurorKind,
    Round,
    RoundKind,
)
from .models.competition import Stage
from .models.rounds import RoundState


def generate(ctx: ScaleContext) -> None:
    rng = ctx.child_rng("competition")
    preset = ctx.preset
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    now = timezone.now()
    competition = Competition.objects.create(
        year=preset.last_year,
        name=f"Kompetisi Inovasi Pelayanan Publik {preset.last_year} (skala)",
        region=province,
        stage=Stage.DESK_EVALUATION,
        quota_per_region=0,
        quota_per_provincial_agency=0,
        age_reference_date=datetime.date(preset.last_year, 6, 30),
    )
    desk = Round.objects.create(
        competition=competition,
        kind=RoundKind.DESK,
        order=1,
        weight=1,
        jurors_per_entry=3,
        state=RoundState.OPEN,
    )
    candidates = list(
        Innovation.objects.public()
        .filter(programme_year__lt=preset.last_year)
        .order_by("-programme_year", "pk")
        .values_list("pk", "agency_id")[: preset.competition_entries]
    )
    bulk_insert(
        Entry,
        (
            Entry(
                competition=competition,
                innovation_id=pk,
                agency_id=agency_id,
                group=Group.GENERAL,
                status=EntryStatus.PASSED,
                screened_at=now,
            )
            for pk, agency_id in candidates
        ),
    )
    unusable = make_password(None)
    bulk_insert(
        User,
        (
            User(
                email=f"juri{n:04d}@scale.satuinovasi.test",
                full_name=f"Juri {n}",
                password=unusable,
                email_verified_at=now,
                date_joined=now,
            )
            for n in range(preset.jurors)
        ),
    )
    jurors = list(
        User.objects.filter(
            email__startswith="juri", email__endswith="@scale.satuinovasi.test"
        ).order_by("pk")
    )
    bulk_insert(
        Membership, (Membership(user=user, role=Role.JUROR, region=province) for user in jurors)
    )
    agencies = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    bulk_insert(
        CompetitionJuror,
        (
            CompetitionJuror(
                competition=competition,
                user=user,
                kind=JurorKind.INTERNAL if index % 3 else JurorKind.INDEPENDENT,
                max_load=max(30, 4 * len(candidates) // max(1, len(jurors))),
                agency_id=rng.choice(agencies) if index % 3 else None,
            )
            for index, user in enumerate(jurors)
        ),
    )
    ctx.ids["scale_competition"] = [competition.pk, desk.pk]
    ctx.log(f"competition: {len(candidates)} entries, {len(jurors)} jurors")
