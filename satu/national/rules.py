"""IID rule sets as plain data: the shipped 2023 and 2026 versions, snapshots, and ``Rules``.

A rule set travels as one JSON-able dict (the "data" form): it is what ``load_reference_data``
loads, what a submitted assessment freezes, and what ``rules_from_data`` turns into the
``index.Rules`` the computation reads. See ``data/SOURCES.md`` for sources and assumptions.
"""

import csv
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .index import SID, SPD, Band, IndicatorRule, Rules

DATA = Path(__file__).resolve().parent / "data"
SOURCE_2023 = (
    "Formula and predicates: BSKDN socialisation deck IID 2023 "
    "(https://id.scribd.com/document/654130239/PPT-Sosialisasi-IID-Tahun-2023-1). Indicators "
    "and weights: SIMONDA Rote Ndao iga.py and void-panda/INOVAHUB-SUMBAWA IndikatorSeeder; "
    "SID wording 2023-24: github.com/fnko19/Brida_Inovasi."
)
NOTE_2023 = (
    "Assumed, not confirmed for 2023: SPD indicators, weights and mandatory flags as in the "
    "2026 transcription (they reproduce the 25.2% SPD share of the 2023 deck); no coverage "
    "rule for the number of innovations; eligibility window = the last two years."
)
SOURCE_2026 = (
    "SIMONDA Rote Ndao iga.py (claims Lampiran II Surat Kepala BSKDN 400.10.11/1887/BSKDN, "
    "29 Apr 2026), weights cross-checked with void-panda/INOVAHUB-SUMBAWA IndikatorSeeder; "
    "divisor, coverage rule and thresholds from the INOVA-HUB Sumbawa TOR and SIMONDA README."
)
NOTE_2026 = (
    "Third-party transcriptions of the 2026 guideline; the official Lampiran was not read. "
    "Thresholds 65.01/40.01 and the divisor MAX(12, n) are unverified."
)


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _decimal(text: str) -> str:
    return str(Decimal(text.replace(",", ".")))


def _indicators_2026() -> list[dict[str, Any]]:
    indicators = []
    for row in _read("iid_indikator.csv"):
        if not row["nomor"].isdigit():
            continue  # the "jumlah inovasi" row is the count rule, not an indicator
        indicators.append(
            {
                "code": f"{row['nomor']}{row['sub']}",
                "aspect": row["aspek"],
                "number": int(row["nomor"]),
                "variable": row["variabel"],
                "name": row["indikator"],
                "weight": _decimal(row["bobot"]),
                "parameters": [row["parameter_1"], row["parameter_2"], row["parameter_3"]],
                "mandatory": row["wajib"] == "ya",
                "evidence": row["jenis_bukti"],
                "needs_video": "video" in row["jenis_bukti"].lower(),
            }
        )
    return indicators


def _indicators_2023() -> list[dict[str, Any]]:
    """2026 indicators with the 2023–24 SID wording (same order: old no. 1 is indicator 16)."""
    indicators = _indicators_2026()
    old = {int(row["no"]) + 15: row for row in _read("iid_sid_parameter_versi_lama.csv")}
    for indicator in indicators:
        row = old.get(indicator["number"]) if indicator["aspect"] == SID else None
        if row is not None:
            indicator["name"] = row["indikator"]
            indicator["parameters"] = [row["parameter_1"], row["parameter_2"], row["parameter_3"]]
    return indicators


def _bands(version: str) -> list[dict[str, str]]:
    return [
        {"name": row["predikat"], "minimum": _decimal(row["min"])}
        for row in _read("iid_predikat.csv")
        if row["versi"] == version
    ]


def _count_rule() -> tuple[str, int]:
    row = next(row for row in _read("iid_indikator.csv") if row["nomor"] == "jumlah_inovasi")
    weight = Decimal(row["bobot"])
    return str(weight), int(Decimal(row["skor_maks"]) / weight)


def shipped_rule_sets() -> list[dict[str, Any]]:
    """The 2023 and 2026 rule sets from the files in ``data/``."""
    count_weight, count_cap = _count_rule()
    common = {"count_weight": count_weight, "count_cap": count_cap, "design_min_words": 300}
    return [
        {
            **common,
            "year": 2023,
            "name": "Indeks Inovasi Daerah 2023",
            "source": SOURCE_2023,
            "confidence": "secondary",
            "note": NOTE_2023,
            "divisor_min": 10,
            "coverage_min": 0,
            "window_start": "2021-01-01",
            "window_end": "2022-12-31",
            "bands": _bands("2023"),
            "indicators": _indicators_2023(),
        },
        {
            **common,
            "year": 2026,
            "name": "Indeks Inovasi Daerah 2026",
            "source": SOURCE_2026,
            "confidence": "code",
            "note": NOTE_2026,
            "divisor_min": 12,
            "coverage_min": 5,
            "window_start": "2024-01-01",
            "window_end": "2025-12-31",
            "bands": _bands("2026"),
            "indicators": _indicators_2026(),
        },
    ]


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def rules_from_data(data: dict[str, Any]) -> Rules:
    return Rules(
        year=int(data["year"]),
        indicators=tuple(
            IndicatorRule(
                code=item["code"],
                aspect=item["aspect"],
                number=int(item["number"]),
                name=item["name"],
                weight=Decimal(item["weight"]),
                variable=item.get("variable", ""),
                parameters=tuple(item.get("parameters") or ("", "", "")),  # type: ignore[arg-type]
                mandatory=bool(item.get("mandatory")),
                evidence=item.get("evidence", ""),
                needs_video=bool(item.get("needs_video")),
            )
            for item in data["indicators"]
        ),
        divisor_min=int(data["divisor_min"]),
        count_weight=Decimal(data["count_weight"]),
        count_cap=int(data["count_cap"]),
        coverage_min=int(data["coverage_min"]),
        bands=tuple(Band(band["name"], Decimal(band["minimum"])) for band in data["bands"]),
        design_min_words=int(data.get("design_min_words", 300)),
        window_start=_date(data.get("window_start")),
        window_end=_date(data.get("window_end")),
    )


__all__ = ["SID", "SPD", "rules_from_data", "shipped_rule_sets"]
