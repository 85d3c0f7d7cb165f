"""How fast the compliance board is at national scale, on generated data.

``run()`` adds about 25,000 agencies spread over every region of Indonesia with innovations
and exemptions of one programme year, times the board, then rolls everything back. It needs
the reference data (regions, urusan). ``make bench`` calls it and stores the figures.
"""

import datetime
import statistics
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from satu.regions.models import Region

from .board import compute_board
from .models import ProgrammeYear
from .scale import generate

BENCH_YEAR = 2099


def _time(func: Callable[[], object], repeats: int) -> dict[str, float | int]:
    durations = []
    queries = 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            func()
            durations.append((time.perf_counter() - start) * 1000)
        queries = len(captured.captured_queries)
    return {
        "median_ms": round(statistics.median(durations), 1),
        "max_ms": round(max(durations), 1),
        "queries": queries,
    }


def run(agencies: int = 25_000, repeats: int = 5) -> dict[str, object]:
    """Time the national board on ``agencies`` generated agencies; nothing is kept."""
    results: dict[str, object] = {"vendor": connection.vendor, "agencies": agencies}
    with transaction.atomic():
        year, _ = ProgrammeYear.objects.get_or_create(
            year=BENCH_YEAR, defaults={"registration_deadline": datetime.date(BENCH_YEAR, 6, 30)}
        )
        regions = list(Region.objects.order_by("code"))
        if not regions:
            raise RuntimeError("Load the reference data first (manage.py load_reference_data).")
        start = time.perf_counter()
        generated = generate(year, agencies=agencies, regions=regions, seed=42, prefix="BENCH")
        results["generate_s"] = round(time.perf_counter() - start, 1)
        results["innovations"] = generated.innovations
        results["exemptions"] = generated.exemptions
        results["regions"] = len(regions)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        def national_regions() -> object:
            return compute_board(year, scope=None).regions

        def national_types() -> object:
            return compute_board(year, scope=None).types

        def national_worst_agencies_page() -> object:
            agencies_ = compute_board(year, scope=None).agencies(sort="-status")
            return agencies_.count(), list(agencies_[:50])

        def national_nothing_yet_page() -> object:
            agencies_ = compute_board(year, scope=None).agencies(status="nothing", sort="name")
            return agencies_.count(), list(agencies_[:50])

        def province_board() -> object:
            board = compute_board(year)
            return board.regions, board.types, list(board.agencies()[:50])

        results["national_regions"] = _time(national_regions, repeats)
        results["national_types"] = _time(national_types, repeats)
        results["national_agencies_page_by_status"] = _time(national_worst_agencies_page, repeats)
        results["national_nothing_yet_page"] = _time(national_nothing_yet_page, repeats)
        results["province_board"] = _time(province_board, repeats)
        transaction.set_rollback(True)
    return results
