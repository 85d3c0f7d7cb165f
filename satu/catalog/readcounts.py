"""Read counts ("dibaca N kali") without a database write on the request path.

A page view is appended to a buffer; ``flush_read_counts`` (a command run every minute, also a
task) moves the buffered views into ``ReadCount`` in one transaction. Bots are not counted,
and a visitor counts at most once a day per page: the visitor key is a keyed hash of the date
and the address, so nothing personal is stored and it changes every day. The user agent only
tells bots apart: it is chosen by the sender, so a key that included it let one address count
again and again by changing it.

Two buffers, chosen by ``REDIS_URL``:

- Redis (several servers): a seen-key per visitor and page is set with ``SET NX EX 1 day``
  (atomic: only the first view of the day passes), then ``HINCRBY`` adds one to the page's
  field in the pending hash. A flush ``RENAME``s the pending hash to a batch name (atomic: a
  view arriving during the flush goes to a new pending hash), records the batch name in a set,
  moves the batch into the database together with a ``ReadFlush`` row naming the batch, then
  deletes it. A flush that died after the commit finds its batch in the set and the
  ``ReadFlush`` row, and only deletes it; one that died before the commit applies it again.
- A buffer file under ``var/`` (the embedded install, possibly several gunicorn workers): each
  view appends one short line (day, seen-key, kind, id) with ``O_APPEND`` under a shared
  ``flock``; a flush renames the file to a batch name under an exclusive lock of its own, then
  takes an exclusive ``flock`` on the batch, which waits for appenders still writing to it. An
  appender that opened the file before the rename sees, once it holds its lock, that the path
  no longer names its file and writes again to the new file, so no view is lost. The seen-keys
  are checked at flush time against ``ReadSeen`` (insert-if-absent, in the same transaction as
  the counts), so several processes agree on who was already counted.
"""

import datetime
import fcntl
import hashlib
import hmac
import os
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from satu.core.net import client_ip

from .models import ReadCount, ReadFlush, ReadSeen

# User agents that are not people reading: crawlers, link previews, monitors, scripts and
# headless browsers. Keep it broad: a missed bot inflates counts, a missed person does not
# matter much. Sources: the COUNTER robots list and the user agents seen in server logs.
BOT_PATTERNS = [
    r"bot\b",
    r"bot/",
    r"crawl",
    r"spider",
    r"slurp",
    r"archiver",
    r"facebookexternalhit",
    r"facebookcatalog",
    r"meta-externalagent",
    r"whatsapp",
    r"telegram",
    r"discord",
    r"skype",
    r"slack",
    r"embedly",
    r"quora link preview",
    r"pinterest",
    r"vkshare",
    r"bingpreview",
    r"mediapartners",
    r"adsbot",
    r"google-inspectiontool",
    r"googleother",
    r"feedfetcher",
    r"feedburner",
    r"rss",
    r"lighthouse",
    r"pagespeed",
    r"gtmetrix",
    r"pingdom",
    r"uptime",
    r"monitor",
    r"headlesschrome",
    r"phantomjs",
    r"puppeteer",
    r"playwright",
    r"selenium",
    r"python-requests",
    r"python-urllib",
    r"httpx",
    r"aiohttp",
    r"curl/",
    r"wget",
    r"libwww",
    r"go-http-client",
    r"java/",
    r"okhttp",
    r"axios",
    r"node-fetch",
    r"scrapy",
    r"httpclient",
    r"wrk",
    r"apachebench",
    r"^$",
]
_BOT = re.compile("|".join(BOT_PATTERNS), re.IGNORECASE)

KINDS = ("innovation", "article")
SEEN_TTL = 24 * 3600


def is_bot(user_agent: str) -> bool:
    return bool(_BOT.search(user_agent.strip()))


def visitor_key(ip: str, day: str) -> str:
    """A key that stays the same for one address on one day and reveals nothing about it.

    Per address, not per browser: people behind one shared address (an office, a mobile
    carrier's NAT) count once a day per page, the price of a count that cannot be inflated.
    """
    message = f"{day}|{ip}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def seen_key(visitor: str, kind: str, object_id: int) -> str:
    return hashlib.sha256(f"{visitor}|{kind}|{object_id}".encode()).hexdigest()[:32]


@dataclass
class FlushResult:
    batches: int = 0
    events: int = 0
    counted: int = 0
    pages: int = 0
    skipped_batches: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "batches": self.batches,
            "events": self.events,
            "counted": self.counted,
            "pages": self.pages,
        }


# Writing counts into the database (both buffers)

_UPSERT = (
    "INSERT INTO catalog_readcount (kind, object_id, count, updated_at) VALUES {values} "
    "ON CONFLICT (kind, object_id) DO UPDATE SET "
    "count = catalog_readcount.count + excluded.count, updated_at = excluded.updated_at"
)
_CHUNK = 400


def _add_counts(counts: Counter[tuple[str, int]]) -> None:
    """Add to the stored counts in place: concurrent flushes never overwrite each other."""
    now = timezone.now()
    items = sorted(counts.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), _CHUNK):
            chunk = items[start : start + _CHUNK]
            values = ",".join(["(%s, %s, %s, %s)"] * len(chunk))
            params: list[object] = []
            for (kind, object_id), number in chunk:
                params.extend([kind, object_id, number, now])
            cursor.execute(_UPSERT.format(values=values), params)


def _first_views(keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Insert (day, seen-key) pairs not yet stored; return those that were new."""
    new: set[tuple[str, str]] = set()
    table = ReadSeen._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            values = ",".join(["(%s, %s)"] * len(chunk))
            params: list[object] = [item for pair in chunk for item in pair]
            cursor.execute(
                f"INSERT INTO {table} (day, key) VALUES {values} "  # noqa: S608 - fixed names
                "ON CONFLICT (day, key) DO NOTHING RETURNING day, key",
                params,
            )
            new.update((str(day), key) for day, key in cursor.fetchall())
    return new


def _apply_batch(batch: str, counts: Counter[tuple[str, int]], events: int) -> bool:
    """Move one batch into the counts exactly once; False when it was already applied."""
    with transaction.atomic():
        if ReadFlush.objects.filter(batch=batch).exists():
            return False
        ReadFlush.objects.create(batch=batch, events=events)
        if counts:
            _add_counts(counts)
    return True


# The embedded buffer: an append-only file


class FileBuffer:
    PENDING = "pending.log"
    BATCH_PREFIX = "batch-"

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @property
    def pending(self) -> Path:
        return self.directory / self.PENDING

    def add(self, day: str, key: str, kind: str, object_id: int) -> bool:
        self._append(f"{day} {key} {kind} {object_id}\n".encode())
        return True

    def _append(self, line: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = str(self.pending)
        while True:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                fcntl.flock(fd, fcntl.LOCK_SH)
                try:
                    current = os.stat(path).st_ino
                except FileNotFoundError:
                    current = None
                if current != os.fstat(fd).st_ino:
                    continue  # a flush took this file away: write to the new one
                os.write(fd, line)
                return
            finally:
                os.close(fd)  # also releases the lock

    @contextmanager
    def _flush_lock(self) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.directory / "flush.lock", os.O_WRONLY | os.O_CREAT, 0o640)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _batches(self) -> list[Path]:
        return sorted(self.directory.glob(f"{self.BATCH_PREFIX}*.log"))

    def flush(self) -> FlushResult:
        result = FlushResult()
        with self._flush_lock():
            if self.pending.exists() and self.pending.stat().st_size:
                stamp = timezone.now().strftime("%Y%m%d%H%M%S")
                name = f"{self.BATCH_PREFIX}{stamp}-{uuid.uuid4().hex}.log"
                os.rename(self.pending, self.directory / name)
            for path in self._batches():
                self._flush_file(path, result)
            _forget_old_seen()
        return result

    def _flush_file(self, path: Path, result: FlushResult) -> None:
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits for appenders still writing to this batch
            with os.fdopen(os.dup(fd), "rb") as handle:
                data = handle.read()
        finally:
            os.close(fd)
        views = list(_parse_lines(data))
        batch = path.stem
        with transaction.atomic():
            if ReadFlush.objects.filter(batch=batch).exists():
                result.skipped_batches.append(batch)
            else:
                unique = {(day, key): (kind, object_id) for day, key, kind, object_id in views}
                new = _first_views(sorted(unique))
                counts: Counter[tuple[str, int]] = Counter(unique[pair] for pair in new)
                _apply_batch(batch, counts, len(views))
                result.batches += 1
                result.events += len(views)
                result.counted += sum(counts.values())
                result.pages += len(counts)
        path.unlink()


def _parse_lines(data: bytes) -> Iterator[tuple[str, str, str, int]]:
    for raw in data.decode("ascii", "replace").splitlines():
        parts = raw.split(" ")
        if len(parts) != 4 or parts[2] not in KINDS or not parts[3].isdigit():
            continue
        yield parts[0], parts[1], parts[2], int(parts[3])


def _forget_old_seen() -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ReadSeen.objects.filter(day__lt=yesterday).delete()


# The Redis buffer


class RedisBuffer:
    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)
        self.prefix = prefix
        self.pending = f"{prefix}pending"
        self.batches = f"{prefix}batches"

    def add(self, day: str, key: str, kind: str, object_id: int) -> bool:
        if not self.client.set(f"{self.prefix}seen:{day}:{key}", 1, nx=True, ex=SEEN_TTL):
            return False
        self.client.hincrby(self.pending, f"{kind}:{object_id}", 1)
        return True

    def flush(self) -> FlushResult:
        result = FlushResult()
        with self.client.lock(f"{self.prefix}flush-lock", timeout=600, blocking_timeout=600):
            if self.client.exists(self.pending):
                batch = f"{self.prefix}batch:{uuid.uuid4().hex}"
                with self.client.pipeline(transaction=True) as pipe:
                    pipe.rename(self.pending, batch)
                    pipe.sadd(self.batches, batch)
                    pipe.execute()
            for raw in sorted(self.client.smembers(self.batches)):
                batch = raw.decode()
                data = self.client.hgetall(batch)
                counts: Counter[tuple[str, int]] = Counter()
                for field_name, value in data.items():
                    kind, _sep, object_id = field_name.decode().partition(":")
                    if kind in KINDS and object_id.isdigit():
                        counts[(kind, int(object_id))] += int(value)
                events = sum(counts.values())
                if _apply_batch(batch.removeprefix(self.prefix), counts, events):
                    result.batches += 1
                    result.events += events
                    result.counted += events
                    result.pages += len(counts)
                else:
                    result.skipped_batches.append(batch)
                with self.client.pipeline(transaction=True) as pipe:
                    pipe.delete(batch)
                    pipe.srem(self.batches, batch)
                    pipe.execute()
        return result


def get_buffer() -> FileBuffer | RedisBuffer:
    if getattr(settings, "REDIS_URL", ""):
        return RedisBuffer(settings.REDIS_URL, settings.SATU_READ_REDIS_PREFIX)
    return FileBuffer(Path(settings.SATU_READ_BUFFER_DIR))


# The public face


def record_view(request: HttpRequest, kind: str, object_id: int) -> bool:
    """Buffer one view of a page; False when it does not count (bot, or seen today)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of page: {kind}")
    if request.method != "GET" or request.headers.get("Sec-Purpose", "").startswith("prefetch"):
        return False
    user_agent = request.headers.get("User-Agent", "")[:512]
    if is_bot(user_agent):
        return False
    day = timezone.localdate().isoformat()
    key = seen_key(visitor_key(client_ip(request), day), kind, object_id)
    return get_buffer().add(day, key, kind, object_id)


def flush_read_counts() -> FlushResult:
    """Move every buffered view into the database; safe to run concurrently and again."""
    # The cache of public pages is left alone: a cached page's "dibaca N kali" may be up to
    # SATU_PAGE_CACHE_SECONDS old, and a flush every minute must not send every visitor of
    # every page back to a full rendering.
    return get_buffer().flush()


def with_reads(queryset: QuerySet, kind: str) -> QuerySet:
    """``queryset`` annotated with ``reads``, its read count (0 when never read)."""
    reads = ReadCount.objects.filter(kind=kind, object_id=OuterRef("pk")).values("count")
    return queryset.annotate(
        reads=Coalesce(Subquery(reads[:1], output_field=IntegerField()), Value(0))
    )


def read_counts(kind: str, ids: Iterable[int]) -> dict[int, int]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(
        ReadCount.objects.filter(kind=kind, object_id__in=ids).values_list("object_id", "count")
    )


def read_count(kind: str, object_id: int) -> int:
    return read_counts(kind, [object_id]).get(object_id, 0)
