"""Fail when a catalog has an untranslated or fuzzy entry (both languages must be complete)."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "satu"
problems = []
for path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po")):
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{path.relative_to(ROOT.parent)}: fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                problems.append(f"{path.relative_to(ROOT.parent)}: untranslated: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"{path.relative_to(ROOT.parent)}: untranslated: {entry.msgid!r}")
for problem in problems:
    print(problem)
if problems:
    print(f"{len(problems)} catalog entries need a translation (edit the .po files).")
    sys.exit(1)
print("All translation catalogs are complete.")
