"""Demo comments and ratings by the demo citizen on accepted innovations (if there are any)."""

import datetime

from django.utils import timezone

from satu.accounts.models import User
from satu.innovations.models import Innovation

from .models import Comment, Rating

REMARKS = [
    (5, "Sangat membantu. Ibu saya tidak perlu antre sejak subuh lagi."),
    (4, "Bagus, semoga diterapkan juga di kecamatan kami."),
    (5, "Pelayanannya cepat dan petugasnya ramah. Terima kasih."),
    (3, "Idenya baik, tetapi aplikasinya kadang lambat di jam sibuk."),
    (4, "Mohon informasinya disebarkan lebih luas lewat kelurahan."),
]


def seed(stdout: object) -> None:
    citizen = User.objects.filter(email="warga@satuinovasi.test").first()
    if citizen is None:
        return
    innovations = Innovation.objects.public().order_by("-programme_year", "pk")[: len(REMARKS)]
    now = timezone.now()
    for index, (innovation, (stars, text)) in enumerate(zip(innovations, REMARKS, strict=False)):
        Rating.objects.get_or_create(innovation=innovation, user=citizen, defaults={"stars": stars})
        if not Comment.objects.filter(innovation=innovation, author=citizen).exists():
            comment = Comment.objects.create(innovation=innovation, author=citizen, body=text)
            # Spread the demo comments over the past days (created_at is set on insert).
            Comment.objects.filter(pk=comment.pk).update(
                created_at=now - datetime.timedelta(days=index + 1)
            )
