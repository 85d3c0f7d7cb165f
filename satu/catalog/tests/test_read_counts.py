"""Read counts: buffered off the request path, exact under concurrency, no bots, no repeats."""

import datetime
import os
import subprocess
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from satu.catalog import readcounts
from satu.catalog.models import ReadCount, ReadFlush, ReadSeen
from satu.catalog.readcounts import FileBuffer, flush_read_counts, read_count, record_view
from satu.catalog.views import innovation_detail

BROWSER = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120 Mobile"
REDIS_TEST_URL = os.environ.get("SATU_TEST_REDIS_URL", "redis://127.0.0.1:6379/8")


def view(pk: int, ip: str = "10.0.0.1", agent: str = BROWSER, kind: str = "innovation") -> bool:
    request = RequestFactory().get("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)
    return record_view(request, kind, pk)


@pytest.fixture(params=["file", "redis"])
def buffer(request, settings, tmp_path):
    """Each test runs against the embedded file buffer and against Redis."""
    settings.SATU_READ_BUFFER_DIR = tmp_path / "reads"
    if request.param == "file":
        settings.REDIS_URL = ""
        yield "file"
        return
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        # `make test` starts one (scripts/ensure-redis): a missing Redis is a failure, never a
        # silently skipped half of these tests.
        pytest.fail(
            f"No Redis answers at {REDIS_TEST_URL} (SATU_TEST_REDIS_URL): run the tests with"
            " `make test`, which starts one, or start redis-server yourself."
        )
    settings.REDIS_URL = REDIS_TEST_URL
    settings.SATU_READ_REDIS_PREFIX = prefix = f"test-reads-{uuid.uuid4().hex}:"
    yield "redis"
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


@pytest.mark.django_db
def test_a_view_writes_nothing_to_the_database_until_the_flush(buffer, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert view(7) is True
    assert read_count("innovation", 7) == 0
    result = flush_read_counts()
    assert (result.counted, result.pages) == (1, 1)
    assert read_count("innovation", 7) == 1


@pytest.mark.django_db
def test_a_bot_adds_nothing(buffer):
    for agent in [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "WhatsApp/2.23.20.0",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0",
        "",
    ]:
        assert view(7, agent=agent) is False, agent
    flush_read_counts()
    assert read_count("innovation", 7) == 0


@pytest.mark.django_db
def test_a_visitor_counts_once_a_day_per_page(buffer, monkeypatch):
    assert view(7) is True
    flush_read_counts()
    view(7)  # the same visitor again, after a flush
    view(7)
    view(8)  # another page counts
    view(7, ip="10.0.0.2")  # another visitor counts
    flush_read_counts()
    assert read_count("innovation", 7) == 2
    assert read_count("innovation", 8) == 1

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    view(7)
    flush_read_counts()
    assert read_count("innovation", 7) == 3


@pytest.mark.django_db
def test_changing_the_user_agent_does_not_count_the_same_address_again(buffer):
    agents = [f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/{n}.0" for n in range(100, 130)]
    for agent in agents:
        view(7, agent=agent)
    flush_read_counts()
    assert read_count("innovation", 7) == 1


@pytest.mark.django_db
def test_the_visitor_key_holds_nothing_personal(buffer):
    key = readcounts.visitor_key("10.1.2.3", "2026-11-28")
    assert "10.1.2.3" not in key and len(key) == 32
    assert key != readcounts.visitor_key("10.1.2.3", "2026-11-29")


@pytest.mark.django_db
def test_an_article_is_counted_apart_from_an_innovation_with_the_same_id(buffer):
    view(7)
    view(7, kind="article")
    flush_read_counts()
    assert read_count("innovation", 7) == 1
    assert read_count("article", 7) == 1


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_page_views_end_with_the_exact_count(
    buffer, reference_data, make_innovation
):
    innovation = make_innovation("Antrean Online Poli Rawat Jalan")
    factory = RequestFactory()

    def one(number: int) -> int:
        try:
            request = factory.get(
                f"/inovasi/{innovation.pk}/",
                REMOTE_ADDR=f"10.9.{number // 250}.{number % 250}",
                HTTP_USER_AGENT=BROWSER,
            )
            request.user = _anonymous()
            request.session = {}
            return innovation_detail(request, innovation.pk).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(one, range(200)))
    assert statuses == [200] * 200
    assert read_count("innovation", innovation.pk) == 0  # nothing written on the request path
    flush_read_counts()
    assert read_count("innovation", innovation.pk) == 200
    flush_read_counts()
    assert read_count("innovation", innovation.pk) == 200


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.django_db(transaction=True)
def test_views_arriving_during_flushes_are_neither_lost_nor_counted_twice(buffer):
    total, writers = 2000, 8
    done = threading.Event()

    def write(worker: int) -> None:
        for number in range(total // writers):
            view(1 + number % 5, ip=f"10.{worker}.{number // 250}.{number % 250}")

    def flush_until_done() -> None:
        try:
            while not done.is_set():
                flush_read_counts()
        finally:
            connection.close()

    flusher = threading.Thread(target=flush_until_done)
    flusher.start()
    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    flusher.join()
    flush_read_counts()
    counted = sum(ReadCount.objects.values_list("count", flat=True))
    assert counted == total
    assert ReadFlush.objects.count() >= 1


CHILD = """
import sys, django
django.setup()
from django.test import RequestFactory
from satu.catalog.readcounts import record_view
worker, count = int(sys.argv[1]), int(sys.argv[2])
for n in range(count):
    request = RequestFactory().get("/", REMOTE_ADDR=f"10.{worker}.{n // 250}.{n % 250}",
                                   HTTP_USER_AGENT="Mozilla/5.0 Chrome/120 Mobile")
    record_view(request, "innovation", 42)
"""


@pytest.mark.django_db(transaction=True)
def test_several_worker_processes_share_the_embedded_buffer(read_buffer):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "satu.settings_test",
        "SATU_VAR_DIR": str(read_buffer.parent),
        "REDIS_URL": "",
    }
    # The children's settings put the buffer under SATU_VAR_DIR/reads, like ours.
    assert read_buffer == read_buffer.parent / "reads"
    children = [
        subprocess.Popen([sys.executable, "-c", CHILD, str(worker), "300"], env=environment)
        for worker in range(4)
    ]
    flushes = 0
    while any(child.poll() is None for child in children):
        flush_read_counts()
        flushes += 1
    assert [child.wait() for child in children] == [0, 0, 0, 0]
    flush_read_counts()
    assert read_count("innovation", 42) == 1200


@pytest.mark.django_db
def test_a_flush_that_died_after_its_commit_is_not_counted_twice(read_buffer):
    view(7)
    buffer = FileBuffer(read_buffer)
    # Simulate the crash: the batch is applied but its file was not deleted.
    os.rename(buffer.pending, read_buffer / "batch-crashed.log")
    data = (read_buffer / "batch-crashed.log").read_bytes()
    flush_read_counts()
    assert read_count("innovation", 7) == 1
    (read_buffer / "batch-crashed.log").write_bytes(data)
    result = flush_read_counts()
    assert result.skipped_batches == ["batch-crashed"]
    assert read_count("innovation", 7) == 1
    assert not (read_buffer / "batch-crashed.log").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("buffer", ["redis"], indirect=True)
def test_a_redis_flush_that_died_after_its_commit_is_not_counted_twice(buffer):
    from django.conf import settings

    view(7)
    redis_buffer = readcounts.get_buffer()
    client = redis_buffer.client
    batch = f"{settings.SATU_READ_REDIS_PREFIX}batch:crashed"
    client.rename(redis_buffer.pending, batch)
    client.sadd(redis_buffer.batches, batch)
    ReadFlush.objects.create(batch="batch:crashed", events=1)  # committed, then died
    result = flush_read_counts()
    assert result.skipped_batches == [batch]
    assert read_count("innovation", 7) == 0
    assert not client.exists(batch)


@pytest.mark.django_db
def test_seen_keys_older_than_yesterday_are_forgotten(read_buffer):
    old = timezone.localdate() - datetime.timedelta(days=3)
    ReadSeen.objects.create(day=old, key="x" * 32)
    view(7)
    flush_read_counts()
    assert not ReadSeen.objects.filter(day=old).exists()
    assert ReadSeen.objects.count() == 1


@pytest.mark.django_db
def test_the_flush_command_and_task_report_what_they_did(read_buffer):
    from io import StringIO

    from django.core.management import call_command

    from satu.catalog.tasks import flush_read_counts_task

    view(7)
    out = StringIO()
    call_command("flush_read_counts", stdout=out)
    assert "1 counted on 1 page" in out.getvalue()
    view(7, ip="10.0.0.9")
    result = flush_read_counts_task.enqueue()
    assert result.return_value["counted"] == 1
    assert read_count("innovation", 7) == 2


def test_malformed_buffer_lines_are_skipped():
    lines = b"2026-11-28 abc innovation 7\ngarbage\n2026-11-28 abc unknown 7\n2026-11-28 k x\n"
    assert list(readcounts._parse_lines(lines)) == [("2026-11-28", "abc", "innovation", 7)]


@pytest.mark.django_db
def test_the_flush_benchmark_counts_exactly_and_cleans_up(monkeypatch):
    from satu.catalog import benchmarks

    monkeypatch.setattr(benchmarks, "EVENTS", 3000)
    monkeypatch.setattr(benchmarks, "APPENDS", 200)
    result = benchmarks.run()
    assert result["flush_events"] == 3000 and result["counted_exactly"] is True
    assert not ReadCount.objects.exists() and not ReadSeen.objects.exists()
    assert not ReadFlush.objects.exists()
