"""The growth report of `make bench-growth` tells flat scenarios from those that grow."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_growth_table_marks_flat_growing_and_linear_scenarios():
    bench = load_bench()
    by_preset = {
        "test": {"flat": {"p95_ms": 10.0}, "grows": {"p95_ms": 10.0}, "linear": {"p95_ms": 1.0}},
        "province": {"flat": {"p95_ms": 12.0}, "grows": {"p95_ms": 20.0}, "linear": {"p95_ms": 30}},
        "national": {
            "flat": {"p95_ms": 14.0},
            "grows": {"p95_ms": 50.0},
            "linear": {"p95_ms": 900},
        },
    }
    table = bench.growth_table(by_preset, {"test": 300, "province": 30_000, "national": 300_000})
    verdicts = {line.split()[0]: line.split()[-1] for line in table.splitlines()[1:]}
    assert verdicts == {"flat": "flat", "grows": "grows", "linear": "LINEAR"}
    assert "p95 national" in table.splitlines()[0]


def test_scenarios_missing_at_a_preset_are_left_out_of_the_growth_table():
    bench = load_bench()
    table = bench.growth_table(
        {"test": {}, "national": {"survey_unit_index": {"p95_ms": 5.0}}},
        {"test": 1, "national": 1000},
    )
    assert "survey_unit_index" not in table
