"""In-process benchmarks of the catalog (``manage.py run_benchmarks``, from ``make bench``).

Read counts: the cost of buffering one view on the request path, and of flushing a large
buffer (1,000,000 views over 2,000 pages, every view from a different visitor) into the
database. The benchmark's rows use object ids far above real ones and seen-keys that cannot
collide with real ones, and are removed afterwards.
"""

import tempfile
import time
from pathlib import Path

from django.db import connection
from django.test import RequestFactory, override_settings
from django.utils import timezone

from .models import ReadCount, ReadFlush, ReadSeen
from .readcounts import FileBuffer, flush_read_counts, record_view, seen_key, visitor_key

EVENTS = 1_000_000
PAGES = 2_000
APPENDS = 20_000
BASE_ID = 2_000_000_000


def _write_buffer(directory: Path, events: int) -> None:
    day = timezone.localdate().isoformat()
    lines = [
        f"{day} zbench{number:026d} innovation {BASE_ID + number % PAGES}\n"
        for number in range(events)
    ]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / FileBuffer.PENDING).write_text("".join(lines), encoding="ascii")


def _clean_up(batches: list[str], keys: list[str], day: str) -> None:
    # By day first: (day, key) is the only index, and a million seen keys were just written.
    seen = ReadSeen.objects.filter(day=day)
    ReadCount.objects.filter(object_id__gte=BASE_ID).delete()
    seen.filter(key__startswith="zbench").delete()
    for start in range(0, len(keys), 500):
        seen.filter(key__in=keys[start : start + 500]).delete()
    ReadFlush.objects.filter(batch__in=batches).delete()


def run() -> dict[str, object]:
    factory = RequestFactory()
    agent = "Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile"
    day = timezone.localdate().isoformat()
    before = set(ReadFlush.objects.values_list("batch", flat=True))
    with (
        tempfile.TemporaryDirectory() as folder,
        override_settings(REDIS_URL="", SATU_READ_BUFFER_DIR=Path(folder) / "reads"),
    ):
        started = time.perf_counter()
        for number in range(APPENDS):
            ip = f"10.{number // 65536}.{number // 256 % 256}.{number % 256}"
            page = BASE_ID + number % PAGES
            record_view(factory.get("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent), "innovation", page)
        append_seconds = time.perf_counter() - started
        keys = [
            seen_key(
                visitor_key(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}", day),
                "innovation",
                BASE_ID + n % PAGES,
            )
            for n in range(APPENDS)
        ]
        flush_read_counts()  # the appended views, not timed

        _write_buffer(Path(folder) / "reads", EVENTS)
        started = time.perf_counter()
        result = flush_read_counts()
        flush_seconds = time.perf_counter() - started
        counted = sum(
            ReadCount.objects.filter(object_id__gte=BASE_ID).values_list("count", flat=True)
        )
        batches = sorted(set(ReadFlush.objects.values_list("batch", flat=True)) - before)
        _clean_up(batches, keys, day)
    return {
        "database": connection.vendor,
        "record_view_per_second": round(APPENDS / append_seconds),
        "record_view_microseconds": round(append_seconds / APPENDS * 1e6, 1),
        "flush_events": result.events,
        "flush_seconds": round(flush_seconds, 2),
        "flush_events_per_second": round(result.events / flush_seconds),
        "flush_pages": result.pages,
        "counted_exactly": counted == EVENTS + APPENDS,
    }
