"""Read counts at scale: a million page views spread over the public innovations (Zipf-like)."""

from satu.core.scale import ScaleContext, bulk_insert
from satu.innovations.models import Innovation

from .models import ReadCount


def generate(ctx: ScaleContext) -> None:
    rng = ctx.child_rng("reads")
    ids = list(Innovation.objects.public().order_by("pk").values_list("pk", flat=True))
    if not ids:
        return
    rng.shuffle(ids)
    # The k-th most read page gets about 1/k of the views of the first.
    weights = [1 / (rank + 1) for rank in range(len(ids))]
    scale = ctx.preset.read_events / sum(weights)
    counts = [max(0, round(weight * scale)) for weight in weights]
    rows = (
        ReadCount(kind="innovation", object_id=object_id, count=count)
        for object_id, count in zip(ids, counts, strict=True)
        if count
    )
    ctx.log(f"read counts: {bulk_insert(ReadCount, rows)} pages, {sum(counts)} views")
