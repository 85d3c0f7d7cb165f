"""The catalog's section of the home page: the newest programme year's accepted innovations."""

from django.db.models import F

from satu.core.home import register_home_section
from satu.innovations.models import Innovation

from . import facetcounts

HOME_INNOVATIONS = 6


@register_home_section(10)
def latest_innovations(request, province):  # type: ignore[no-untyped-def]
    innovations = list(
        Innovation.objects.public()
        .select_related("agency__region", "main_urusan")
        .order_by("-programme_year", F("accepted_at").desc(nulls_last=True), "-pk")[
            :HOME_INNOVATIONS
        ]
    )
    total = facetcounts.public_total()  # kept with the search index, not counted per visit
    return "catalog/_home_section.html", {"innovations": innovations, "total": total}
