"""Comments and ratings at scale, by a crowd of citizen accounts."""

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from satu.accounts.models import User
from satu.core.scale import ScaleContext, bulk_insert
from satu.innovations.models import Innovation

from .models import Comment, Rating

PHRASES = [
    "Sangat membantu, tidak perlu antre lagi.",
    "Mohon layanan ini diperluas ke kecamatan kami.",
    "Petugasnya ramah dan cepat tanggap.",
    "Aplikasinya kadang lambat saat jam sibuk.",
    "Inovasi yang bagus, semoga berkelanjutan.",
    "Apakah layanan ini juga buka hari Sabtu?",
    "Terima kasih, urusan saya selesai dalam satu hari.",
    "Perlu sosialisasi lebih luas di desa.",
]


def generate(ctx: ScaleContext) -> None:
    rng = ctx.child_rng("comments")
    total = ctx.preset.comments
    citizens = max(10, total // 20)
    unusable = make_password(None)
    now = timezone.now()
    bulk_insert(
        User,
        (
            User(
                email=f"warga{n:06d}@scale.satuinovasi.test",
                full_name=f"Warga {n}",
                password=unusable,
                email_verified_at=now,
                date_joined=now,
            )
            for n in range(citizens)
        ),
    )
    users = list(
        User.objects.filter(email__endswith="@scale.satuinovasi.test")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    innovations = list(Innovation.objects.public().order_by("pk").values_list("pk", flat=True))
    if not innovations:
        return
    rows = (
        Comment(
            innovation_id=rng.choice(innovations[: max(1, len(innovations) // 5)])
            if rng.random() < 0.6
            else rng.choice(innovations),
            author_id=rng.choice(users),
            body=rng.choice(PHRASES),
            created_at=now,
        )
        for _ in range(total)
    )
    ctx.log(f"comments: {bulk_insert(Comment, rows)}")
    seen: set[tuple[int, int]] = set()
    ratings = []
    for _ in range(total // 2):
        pair = (rng.choice(innovations), rng.choice(users))
        if pair not in seen:
            seen.add(pair)
            ratings.append(
                Rating(
                    innovation_id=pair[0],
                    user_id=pair[1],
                    stars=rng.choice([3, 4, 4, 5, 5, 2]),
                    created_at=now,
                    updated_at=now,
                )
            )
    ctx.log(f"ratings: {bulk_insert(Rating, ratings)}")
