"""The benchmark suite: `make bench [PRESET=province|national] [DB=sqlite|postgres]`.

1. Creates (once per preset and database) a database with `generate_scale_data`.
2. Starts the real server (gunicorn with satu/gunicorn_conf.py, as `make run`) on it.
3. Measures every HTTP scenario with wrk at fixed concurrency: median and p95 latency and
   throughput, and each scenario's throughput ratio to the floor (a trivial page). Public pages
   are measured twice, with the page cache off (what the first visitors of a burst get) and on;
   the back-office scenarios send a signed-in session's cookie.
4. Runs the in-process benchmarks of the apps (`manage.py run_benchmarks`).
5. Reads the peak memory of the gunicorn workers.
6. Writes JSON with the machine description to var/bench/ and prints a table.

`make bench-growth [DB=…]` (``--growth``) runs the main scenarios, page cache off, at the test,
province and national presets and prints how each p95 grows with the data (flat, grows, or
LINEAR when it grows by a tenth of the data's growth or more); JSON in var/bench/growth-DB.json.
"""

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8599"))
BASE = f"http://127.0.0.1:{PORT}"

WRK_SCRIPT = r"""
local paths = {}
local index = 0
local f = io.open(os.getenv("WRK_PATHS"), "r")
for line in f:lines() do table.insert(paths, line) end
f:close()
local cookie = os.getenv("WRK_COOKIE") or ""
local headers = {}
if cookie ~= "" then headers["Cookie"] = cookie end
request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], headers)
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'WRKJSON {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, '
    .. '"p99_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
"""


def sh(*args: str, env: dict | None = None, capture: bool = False) -> str:
    result = subprocess.run(
        list(args),
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout if capture else ""


def database_url(preset: str, db: str) -> str:
    if db == "postgres":
        host = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
        return f"{host}/satu_bench_{preset}"
    return f"sqlite:///{VAR / f'{preset}.sqlite3'}"


def environment(url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SATU_ENV": "embedded",
        "WEB_ACCESS_LOG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORT": str(PORT),
        "HOST": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "satu.settings",
        # Measure the pages, not the rate limits (the test suite covers those).
        "API_RATE_ANONYMOUS": "100000000/m",
        "API_RATE_ADDRESS": "100000000/m",
        "API_RATE_TOKEN": "100000000/m",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def fingerprint() -> str:
    """Changes whenever the generator changes, so the data set is rebuilt.

    Schema changes alone do not rebuild it: `prepare` migrates a reused data set instead.
    """
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("satu/*/scale.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prepare(preset: str, db: str, regenerate: bool) -> dict:
    marker = VAR / f"{preset}-{db}.generated.json"
    url = database_url(preset, db)
    env = environment(url)
    if marker.exists() and not regenerate:
        generated = json.loads(marker.read_text())
        if generated.get("fingerprint") == fingerprint():
            sh(PYTHON, "manage.py", "migrate", "-v0", env=env)
            return generated
    print(f"Generating the {preset} data set on {db} …", flush=True)
    if db == "postgres":
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        sh("psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}")
        sh("psql", admin, "-qc", f"CREATE DATABASE {name}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(VAR / f"{preset}.sqlite3") + suffix).unlink(missing_ok=True)
    started = time.monotonic()
    sh(PYTHON, "manage.py", "migrate", "-v0", env=env)
    sh(
        PYTHON,
        "manage.py",
        "generate_scale_data",
        "--preset",
        preset,
        "--json",
        str(marker),
        env=env,
    )
    generated = json.loads(marker.read_text())
    generated["load_seconds_including_migrate"] = round(time.monotonic() - started, 1)
    generated["fingerprint"] = fingerprint()
    marker.write_text(json.dumps(generated, indent=1))
    return generated


def scenario_paths(env: dict) -> dict[str, list[str]]:
    """Each scenario's request paths, with ids looked up in the generated data."""
    out = sh(PYTHON, "manage.py", "bench_targets", env=env, capture=True)
    return json.loads(out)


def start_server(env: dict) -> subprocess.Popen:
    with contextlib.suppress(OSError), urllib.request.urlopen(f"{BASE}/healthz", timeout=1):
        # Something already answers there: measuring it would measure the wrong server.
        raise SystemExit(f"Port {PORT} is in use; stop that server or set BENCH_PORT.")
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "satu.wsgi:application",
            "-c",
            "satu/gunicorn_conf.py",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("The server did not start.")


def warm(paths: list[str], cookie: str = "") -> None:
    for path in paths[:20]:
        request = urllib.request.Request(BASE + path, headers={"Cookie": cookie} if cookie else {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
        except OSError as error:
            print(f"  warm-up {path}: {error}")


def wrk(paths: list[str], duration: int, connections: int, cookie: str = "") -> dict:
    script = VAR / "wrk.lua"
    script.write_text(WRK_SCRIPT)
    path_file = VAR / "wrk-paths.txt"
    path_file.write_text("\n".join(paths) + "\n")
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            BASE,
        ],
        env={**os.environ, "WRK_PATHS": str(path_file), "WRK_COOKIE": cookie},
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRKJSON "))
    result = json.loads(line[len("WRKJSON ") :])
    result["rps"] = round(result["requests"] / result["seconds"], 1)
    return result


def worker_peak_memory_mb(server: subprocess.Popen) -> float:
    peak = 0
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    pids = (
        [server.pid] + [int(p) for p in children.read_text().split()]
        if children.exists()
        else [server.pid]
    )
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return round(peak / 1024, 1)


def machine() -> dict:
    cpu = memory = ""
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    with contextlib.suppress(OSError):
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split(
            "\n"
        )[0],
    }


def table(results: dict[str, dict]) -> str:
    """The report's table: figures, the target (p95 and share of the floor) and ✔/✘."""
    columns = ("p50 ms", "p95 ms", "req/s", "× floor")
    lines = [
        "scenario".ljust(38)
        + "".join(c.rjust(9) for c in columns)
        + "target".rjust(16)
        + "met".rjust(5)
        + "errors".rjust(8)
    ]
    for name, r in results.items():
        target = ""
        if r.get("target_p95_ms") is not None:
            target = f"≤{r['target_p95_ms']}"
            if r.get("min_ratio_to_floor") is not None:
                target += f" ≥{r['min_ratio_to_floor']}×"
        mark = "" if "target_met" not in r else ("✔" if r["target_met"] else "✘")
        figures = (
            f"{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['rps']:>9.0f}{r['ratio_to_floor']:>9.3f}"
        )
        lines.append(f"{name:<38}{figures}{target:>16}{mark:>5}{r['errors']:>8}")
    return "\n".join(lines)


GROWTH_SCENARIOS = (
    "floor",
    "home",
    "catalog_list",
    "catalog_search",
    "innovation_page",
    "api_innovations",
    "api_innovations_search",
    "api_compliance_agencies",
    "compliance_board_province",
    "survey_unit_index",
    "survey_province_rollup",
    "office_operator_innovations",
    "office_compliance_board",
)
GROWTH_PRESETS = ("test", "province", "national")


def measure(
    preset: str,
    db: str,
    *,
    duration: int,
    connections: int,
    only: set[str] | None = None,
    regenerate: bool = False,
    cached_too: bool = True,
) -> tuple[dict, dict[str, dict], float]:
    """The data set's description, each scenario's figures and the workers' peak memory."""
    generated = prepare(preset, db, regenerate)
    env = environment(database_url(preset, db))
    targets = scenario_paths(env)
    results: dict[str, dict] = {}
    peak = 0.0
    # Scenarios that need other settings (a national install, the page cache on) get a server
    # of their own. Every scenario runs with the page cache off; public pages again with it on.
    groups: dict[str, list[tuple[str, bool]]] = {}
    for name, spec in targets["http"].items():
        if only and name not in only and name != "floor":
            continue
        cache_modes = (False, True) if cached_too and spec.get("kind") == "public" else (False,)
        for cached in cache_modes:
            server_env = {**spec.get("env", {}), "SATU_PAGE_CACHE_SECONDS": "60" if cached else "0"}
            groups.setdefault(json.dumps(server_env, sort_keys=True), []).append((name, cached))
    for env_key, names in groups.items():
        server = start_server({**env, **json.loads(env_key)})
        try:
            for name, cached in names:
                spec = targets["http"][name]
                paths, cookie = spec["paths"], spec.get("cookie", "")
                warm(paths, cookie)  # imports, connections and, when on, the page cache
                label = f"{name} (cached)" if cached else name
                print(f"  {preset} {label}: {len(paths)} path(s) …", flush=True)
                result = wrk(paths, duration, connections, cookie)
                result.update({k: v for k, v in spec.items() if k not in ("paths", "cookie")})
                result["page_cache"] = cached
                result["example_path"] = paths[0]
                results[label] = result
            peak = max(peak, worker_peak_memory_mb(server))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    floor_rps = results.get("floor", {}).get("rps") or 1
    for result in results.values():
        result["ratio_to_floor"] = round(result["rps"] / floor_rps, 3)
        target = result.get("target_p95_ms")
        if target is not None:
            result["target_met"] = result["p95_ms"] <= target and (
                result.get("min_ratio_to_floor") is None
                or result["ratio_to_floor"] >= result["min_ratio_to_floor"]
            )
    return generated, results, peak


def growth_table(by_preset: dict[str, dict[str, dict]], sizes: dict[str, int]) -> str:
    """p95 of each scenario at each preset, and whether it stays flat as the data grows."""
    presets = list(by_preset)
    lines = [
        "scenario".ljust(30)
        + "".join(f"p95 {p}".rjust(16) for p in presets)
        + "× p95".rjust(9)
        + "× data".rjust(9)
        + "  verdict"
    ]
    first, last = presets[0], presets[-1]
    data_ratio = sizes[last] / max(sizes[first], 1)
    for name in by_preset[last]:
        figures = [by_preset[p].get(name, {}).get("p95_ms") for p in presets]
        if any(f is None for f in figures):
            continue
        ratio = figures[-1] / max(figures[0], 0.1)
        # Flat: p95 grows less than 3× while the data grows hundreds of times. Linear: p95
        # grows by a tenth of the data's growth or more.
        verdict = "flat" if ratio < 3 else ("LINEAR" if ratio >= data_ratio / 10 else "grows")
        lines.append(
            f"{name:<30}"
            + "".join(f"{f:>16.1f}" for f in figures)
            + f"{ratio:>9.1f}{data_ratio:>9.0f}  {verdict}"
        )
    return "\n".join(lines)


def growth(args: argparse.Namespace) -> None:
    """The main scenarios at every preset (page cache off), to see how p95 grows with the data."""
    by_preset: dict[str, dict[str, dict]] = {}
    sizes: dict[str, int] = {}
    for preset in GROWTH_PRESETS:
        generated, results, _peak = measure(
            preset,
            args.db,
            duration=args.duration,
            connections=args.connections,
            only=set(GROWTH_SCENARIOS),
            cached_too=False,
        )
        by_preset[preset] = results
        sizes[preset] = int(generated.get("counts", {}).get("innovations") or 1)
    report = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": args.db,
        "duration_seconds": args.duration,
        "connections": args.connections,
        "machine": machine(),
        "innovations": sizes,
        "http": by_preset,
    }
    out = VAR / f"growth-{args.db}.json"
    out.write_text(json.dumps(report, indent=1))
    print(f"\nGrowth on {args.db} (innovations: {sizes}), page cache off")
    print(growth_table(by_preset, sizes))
    print(f"written to {out.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--preset", default=os.environ.get("PRESET", "province"))
    parser.add_argument(
        "--db", default=os.environ.get("DB", "sqlite"), choices=["sqlite", "postgres"]
    )
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_SECONDS", "10")))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", help="comma-separated scenario names")
    parser.add_argument(
        "--growth",
        action="store_true",
        help="the main scenarios at the test, province and "
        "national presets, to see how p95 grows with the data",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed for the benchmarks (Debian: apt-get install wrk).")
    VAR.mkdir(parents=True, exist_ok=True)
    if args.growth:
        growth(args)
        return
    generated, results, peak = measure(
        args.preset,
        args.db,
        duration=args.duration,
        connections=args.connections,
        only=set(args.only.split(",")) if args.only else None,
        regenerate=args.regenerate,
    )
    env = environment(database_url(args.preset, args.db))
    inprocess = json.loads(sh(PYTHON, "manage.py", "run_benchmarks", env=env, capture=True) or "{}")
    report = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "preset": args.preset,
        "database": args.db,
        "duration_seconds": args.duration,
        "connections": args.connections,
        "machine": machine(),
        "data": generated,
        "http": results,
        "in_process": inprocess,
        "worker_peak_memory_mb": peak,
        "worker_memory_target_mb": 250,
    }
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = VAR / f"{stamp}-{args.preset}-{args.db}.json"
    out.write_text(json.dumps(report, indent=1))
    (VAR / f"latest-{args.preset}-{args.db}.json").write_text(json.dumps(report, indent=1))
    setup = f"{args.connections} connections, {args.duration} s per scenario"
    print(f"\n{args.preset} on {args.db}: {setup}")
    print(table(results))
    for name, r in inprocess.items():
        print(f"{name:<28} {json.dumps(r)}")
    print(f"worker peak memory: {peak} MB (target ≤ 250)")
    print(f"written to {out.relative_to(ROOT)}")
    if any(r["errors"] for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
