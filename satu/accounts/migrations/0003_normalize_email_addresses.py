"""Store every email address in the canonical form that sign-in and lock-out look it up by."""

import unicodedata

from django.db import migrations


def canonical(value: str) -> str:
    # A frozen copy of satu.accounts.emails.normalize_email: migrations must not change when
    # the application code does.
    return unicodedata.normalize("NFKC", value.strip()).casefold()


def normalize_addresses(apps, schema_editor) -> None:
    User = apps.get_model("accounts", "User")
    seen: dict[str, int] = {}
    changes = []
    for pk, email in User.objects.order_by("pk").values_list("pk", "email"):
        form = canonical(email)
        if form in seen:
            raise RuntimeError(
                f"Accounts {seen[form]} and {pk} have the same email address once normalised "
                f"({form!r}); merge or rename one of them, then migrate again."
            )
        seen[form] = pk
        if form != email:
            changes.append((pk, form))
    for pk, form in changes:
        User.objects.filter(pk=pk).update(email=form)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_invitations"),
    ]

    operations = [
        # Nothing to undo: the canonical form is also a valid address of the same account.
        migrations.RunPython(normalize_addresses, migrations.RunPython.noop),
    ]
