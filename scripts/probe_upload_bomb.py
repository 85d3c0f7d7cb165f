#!/usr/bin/env python
"""Upload the dimension-bomb XLSX four times as an agency operator and time /healthz meanwhile.

Issue 24, finding 2: a 1.7 KB workbook declaring A1:XFD1048576 kept /healthz unanswered for
minutes. This serves the site the way `make serve` does (gunicorn with satu/gunicorn_conf.py) and,
because the import runs as a task, a `manage.py db_worker` beside it (TASKS_BACKEND=database);
it signs in as the demo operator, posts the bomb to a survey period's import page four times at
once, polls /healthz every 100 ms until every import job has finished, and prints the worst
/healthz latency. It exits non-zero if that is 1 s or more or a job did not fail cleanly.

    .venv/bin/python scripts/probe_upload_bomb.py                 # own server, var dir below
    .venv/bin/python scripts/probe_upload_bomb.py --url http://127.0.0.1:8000 --period 45

The first run prepares the var dir (migrate, reference and demo data: a few minutes).
"""

import argparse
import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
sys.path.insert(0, str(ROOT))

from satu.core.testing.bombs import dimension_bomb  # noqa: E402

OPERATOR = "operator.dinkes@satuinovasi.test"
HEADER = ["sarana", "persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi"]


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    if (Path(env["SATU_VAR_DIR"]) / "satu.sqlite3").exists():
        manage(env, "migrate", "--noinput", "-v0")  # a var dir from an older checkout
        return
    print("Preparing the database (migrate, reference and demo data)...", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_reference_data")
    manage(env, "compile_translations", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "seed_demo")


def open_period(env: dict[str, str]) -> int:
    code = (
        "from satu.accounts.models import User\n"
        "from satu.surveys import policies\n"
        f"user = User.objects.get(email={OPERATOR!r})\n"
        "print(policies.manageable_periods(user).filter(closed_at__isnull=True)"
        ".values_list('pk', flat=True).first())\n"
    )
    return int(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    sys.exit("the server did not start")


class Session:
    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as response:
            return response.read().decode()

    def sign_in(self, email: str, password: str) -> None:
        page = self.get("/akun/masuk/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": email, "password": password}
        ).encode()
        request = urllib.request.Request(
            self.url + "/akun/masuk/", data, headers={"Referer": self.url + "/akun/masuk/"}
        )
        with self.opener.open(request, timeout=30) as response:
            if "/akun/masuk/" in response.url:
                sys.exit(f"could not sign in as {email}")

    def upload(self, path: str, name: str, data: bytes) -> str:
        """POST a file; return the address it redirected to (the import job's page)."""
        boundary = uuid.uuid4().hex
        body = (
            (
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="csrfmiddlewaretoken"\r\n\r\n{self.csrf()}\r\n'
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="file"; filename="{name}"\r\n'
                "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                "\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            self.url + path,
            body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": self.url + path,
            },
        )
        with self.opener.open(request, timeout=600) as response:
            return response.url


def poll_healthz(url: str, stop: threading.Event, latencies: list[float]) -> None:
    while not stop.is_set():
        started = time.monotonic()
        try:
            urllib.request.urlopen(url + "/healthz", timeout=30).read()
            latencies.append(time.monotonic() - started)
        except (urllib.error.URLError, OSError):
            latencies.append(float("inf"))
        stop.wait(max(0.0, 0.1 - (time.monotonic() - started)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="probe a running server instead of starting one")
    parser.add_argument("--period", type=int, help="survey period id (with --url)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "probe-upload-bomb"))
    parser.add_argument("--password", default=os.environ.get("SATU_DEMO_PASSWORD"))
    parser.add_argument("--uploads", type=int, default=4)
    args = parser.parse_args()
    password = args.password or "Inovasi-Jateng-2026"

    processes: list[subprocess.Popen] = []
    url = args.url
    period = args.period
    if url is None:
        env = {
            **os.environ,
            "SATU_VAR_DIR": args.var_dir,
            "TASKS_BACKEND": "database",
            "HOST": "127.0.0.1",
            "PORT": str(args.port),
            "WEB_ACCESS_LOG": "0",
            "PYTHONUNBUFFERED": "1",
        }
        Path(args.var_dir).mkdir(parents=True, exist_ok=True)
        prepare(env)
        period = open_period(env)
        log = open(Path(args.var_dir) / "probe.log", "w")  # noqa: SIM115 - closed below
        processes.append(
            subprocess.Popen(
                [
                    str(ROOT / ".venv" / "bin" / "gunicorn"),
                    "satu.wsgi:application",
                    "-c",
                    "satu/gunicorn_conf.py",
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
        )
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-reload"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
            )
        )
        url = f"http://127.0.0.1:{args.port}"
        wait_until_up(url)
    elif period is None:
        sys.exit("--period is required with --url")

    try:
        return probe(url, period, password, args.uploads)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def probe(url: str, period: int, password: str, count: int) -> int:
    session = Session(url)
    session.sign_in(OPERATOR, password)
    bomb = dimension_bomb(HEADER)
    print(f"Dimension bomb: {len(bomb)} bytes, declares A1:XFD1048576", flush=True)

    latencies: list[float] = []
    stop = threading.Event()
    poller = threading.Thread(target=poll_healthz, args=(url, stop, latencies))
    poller.start()
    time.sleep(1)  # a baseline before the first upload
    started = time.monotonic()
    job_urls: list[str] = []
    errors: list[str] = []

    def upload() -> None:
        try:
            job_urls.append(
                session.upload(f"/kelola/survei/periode/{period}/impor/", "bom.xlsx", bomb)
            )
        except (urllib.error.URLError, OSError) as error:
            errors.append(str(error))

    uploaders = [threading.Thread(target=upload) for _ in range(count)]
    for thread in uploaders:
        thread.start()
    for thread in uploaders:
        thread.join()
    upload_seconds = time.monotonic() - started

    outcomes: dict[str, str] = {}
    deadline = time.monotonic() + 180
    while job_urls and time.monotonic() < deadline:
        for job_url in job_urls:
            page = session.get(urllib.parse.urlparse(job_url).path)
            if 'hx-trigger="every 2s"' not in page:  # the page stops polling once finished
                found = re.search(r'role="alert"><p>(.*?)</p>|alert-success">(.*?)</p>', page)
                outcomes[job_url] = (found[1] or found[2]) if found else "finished"
        if len(outcomes) == len(job_urls):
            break
        time.sleep(0.5)
    finished_seconds = time.monotonic() - started
    time.sleep(1)  # and a little after
    stop.set()
    poller.join()

    worst = max(latencies)
    print(
        f"Uploads answered in {upload_seconds:.2f} s; jobs finished after {finished_seconds:.2f} s"
    )
    for job_url in job_urls:
        print(f"  {urllib.parse.urlparse(job_url).path}: {outcomes.get(job_url, 'NOT FINISHED')}")
    for error in errors:
        print(f"  upload error: {error}")
    median = sorted(latencies)[len(latencies) // 2]
    print(
        f"/healthz: {len(latencies)} requests, median {median * 1000:.1f} ms, "
        f"worst {worst * 1000:.1f} ms"
    )
    ok = (
        worst < 1.0
        and not errors
        and len(job_urls) == count
        and all("/impor/" in u for u in job_urls)
        and len(outcomes) == count
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
