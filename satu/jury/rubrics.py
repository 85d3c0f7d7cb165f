"""Ready rubric templates: the KIPP 2023 proposal aspects and the IGA 2023 presentation aspects.

The aspects and weights are read from ``satu/jury/data`` (see its SOURCES.md). A template is
plain data; ``template.rubric(scale)`` makes a ``scoring.Rubric`` on the scale a round uses.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .scoring import Criterion, Rubric, Scale

DATA = Path(__file__).resolve().parent / "data"
# Neither source gives a marking scale; whole points from 0 to 100 are the common choice.
DEFAULT_SCALE = Scale(0, 100, 1)


@dataclass(frozen=True)
class RubricTemplate:
    code: str
    name: str
    criteria: tuple[Criterion, ...]
    sources: tuple[str, ...]

    def rubric(self, scale: Scale = DEFAULT_SCALE) -> Rubric:
        return Rubric(name=str(self.name), criteria=self.criteria, scale=scale)


def criterion_code(name: str) -> str:
    """A stable code from an aspect name: "Kebaruan/Nilai Tambah" -> "kebaruan_nilai_tambah"."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _read(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _template(code: str, name, filename: str) -> RubricTemplate:
    rows = _read(filename)
    criteria = tuple(
        Criterion(
            code=criterion_code(row["aspek"]),
            name=row["aspek"].strip(),
            weight=float(row["bobot_persen"]),
            description=(row.get("catatan") or "").strip(),
        )
        for row in rows
    )
    sources = tuple(dict.fromkeys(row["sumber"].strip() for row in rows if row.get("sumber")))
    template = RubricTemplate(code, name, criteria, sources)
    template.rubric()  # fail at load time if the data do not make a valid rubric
    return template


@cache
def templates() -> dict[str, RubricTemplate]:
    """Every template by code."""
    found = [
        _template("kipp-2023", _("KIPP 2023 proposal aspects"), "kipp_aspek_penilaian_2023.csv"),
        _template(
            "iga-presentation-2023",
            _("IGA 2023 presentation aspects"),
            "iga_presentasi_aspek_2023.csv",
        ),
    ]
    return {template.code: template for template in found}


def get_template(code: str) -> RubricTemplate:
    try:
        return templates()[code]
    except KeyError:
        raise ValueError(f"Unknown rubric template {code!r}.") from None
