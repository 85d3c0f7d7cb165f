"""Apply Indonesian translations from a JSON file to every Indonesian catalog.

The JSON maps an English msgid to its translation; a plural entry maps to a list of the
singular and plural forms (Indonesian uses one form, so both are usually the same).
Only empty or fuzzy entries are filled unless --force is given.

    python scripts/apply_translations.py translations.json [--force]
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "satu"


def main(path: str, force: bool) -> None:
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    filled = 0
    for po_path in sorted(ROOT.glob("**/locale/id/LC_MESSAGES/*.po")):
        catalog = polib.pofile(str(po_path))
        before = filled
        for entry in catalog:
            if entry.msgid not in table:
                continue
            value = table[entry.msgid]
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value, value]
                if force or not all(entry.msgstr_plural.values()) or "fuzzy" in entry.flags:
                    entry.msgstr_plural = {0: forms[0]}
                    filled += 1
            elif force or not entry.msgstr or "fuzzy" in entry.flags:
                entry.msgstr = value if isinstance(value, str) else value[0]
                filled += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        if filled == before:
            continue
        catalog.metadata["Language"] = "id"
        catalog.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        catalog.save()
    print(f"filled {filled} entries")


if __name__ == "__main__":
    main(sys.argv[1], "--force" in sys.argv[2:])
