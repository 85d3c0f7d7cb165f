"""Fill the English catalogs: the source strings are English, so msgstr = msgid.

Run by `make messages` after makemessages; Indonesian catalogs are translated by hand.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "satu"

for path in sorted(ROOT.glob("**/locale/en/LC_MESSAGES/*.po")):
    catalog = polib.pofile(str(path))
    changed = False
    for entry in catalog:
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                changed = True
        elif not entry.msgstr:
            entry.msgstr = entry.msgid
            changed = True
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = entry.msgid if not entry.msgid_plural else entry.msgstr
            changed = True
    if changed:
        catalog.metadata["Language"] = "en"
        catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        catalog.save()
        print(f"filled {path.relative_to(ROOT.parent)}")
