"""The demo's open datasets: written from the demo data, rewritten only when it changed."""

from typing import TextIO

from .services import regenerate_datasets


def seed(out: TextIO) -> None:
    outcomes = regenerate_datasets()
    for outcome in outcomes:
        if outcome.error:
            out.write(f"Open data {outcome.slug}: failed ({outcome.error})\n")
    written = sum(outcome.rows for outcome in outcomes)
    out.write(f"Open data: {len(outcomes)} datasets, {written} rows\n")
