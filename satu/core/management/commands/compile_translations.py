from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile every .po catalog of the project into .mo, without needing GNU gettext "
        "(a fresh machine has only Python)."
    )

    def handle(self, *args: object, **options: object) -> None:
        root = Path(settings.BASE_DIR) / "satu"
        compiled = 0
        for po_path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"Compiled {compiled} translation catalog(s).")
