"""Every version is kept; two editors never overwrite each other; reviewers see what changed."""

import pytest
from django.urls import reverse

from satu.core.testing.personas import grant, make_user
from satu.innovations import history, services
from satu.innovations.models import RevisionKind

from .conftest import complete_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_operator(agency_a):
    return grant(make_user("operator2@example.id", "Operator Kedua"), "operator", agency_a)


def test_every_save_is_kept_as_a_numbered_revision(draft, operator):
    services.save_innovation(operator, draft, {"name": "Nama kedua"}, based_on_version=1)
    services.save_innovation(operator, draft, {"name": "Nama ketiga"}, based_on_version=2)
    draft.refresh_from_db()
    assert draft.version == 3
    revisions = list(draft.revisions.order_by("number").values_list("number", "version", "kind"))
    assert revisions == [(1, 1, "save"), (2, 2, "save"), (3, 3, "save")]
    assert [r.data["name"] for r in draft.revisions.order_by("number")] == [
        "Antrean Online Poli Rawat Jalan",
        "Nama kedua",
        "Nama ketiga",
    ]


def test_a_stale_save_is_refused_and_both_versions_stay_recoverable(
    draft, operator, second_operator
):
    # Both open the form at version 1; the first saves.
    services.save_innovation(
        operator, draft, {"design": "Rancangan dari operator pertama."}, based_on_version=1
    )
    with pytest.raises(services.StaleVersion) as refused:
        services.save_innovation(
            second_operator,
            draft,
            {"design": "Rancangan dari operator kedua.", "goals": "Tujuan baru."},
            based_on_version=1,
        )
    message = str(refused.value.message)
    assert "orang lain menyimpan inovasi ini setelah Anda membukanya" in message
    assert f"revisi #{refused.value.revision.number}" in message
    draft.refresh_from_db()
    # The first person's work is the current version, untouched.
    assert draft.design == "Rancangan dari operator pertama."
    assert draft.version == 2
    # The second person's work is kept, flagged as a conflict, with everything they typed.
    conflict = refused.value.revision
    assert conflict.kind == RevisionKind.CONFLICT
    assert conflict.author == second_operator
    assert conflict.version == 1
    assert conflict.data["design"] == "Rancangan dari operator kedua."
    assert conflict.data["goals"] == "Tujuan baru."
    saved = draft.revisions.get(kind=RevisionKind.SAVE, version=2)
    assert saved.data["design"] == "Rancangan dari operator pertama."


def test_the_refused_editor_sees_both_versions_and_can_start_from_theirs(
    client, draft, operator, second_operator
):
    edit_url = reverse("innovations:edit", args=[draft.pk])
    client.force_login(second_operator)
    form = client.get(edit_url).context["form"]
    data = {
        name: value for name, value in form.initial.items() if value is not None and name != "id"
    }
    data.update(
        {
            "name": draft.name,
            "programme_year": draft.programme_year,
            "stage": draft.stage,
            "form": draft.form,
            "initiator_kind": draft.initiator_kind,
            "main_urusan": draft.main_urusan_id,
            "related_urusan": [u.pk for u in draft.related_urusan.all()],
            "sdg_goals": draft.sdg_goals,
            "trial_date": draft.trial_date.isoformat(),
            "launch_date": draft.launch_date.isoformat(),
            "budget": "150000000",
            "based_on_version": 1,
            "service_unit": "",
        }
    )
    # Meanwhile the first operator saves.
    services.save_innovation(
        operator, draft, {"goals": "Versi operator pertama."}, based_on_version=1
    )
    data["goals"] = "Versi operator kedua yang panjang."
    response = client.post(edit_url, data)
    conflict = draft.revisions.get(kind=RevisionKind.CONFLICT)
    assert response.status_code == 302
    assert response["Location"] == reverse("innovations:revision", args=[draft.pk, conflict.number])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Perubahan Anda tidak disimpan" in html
    assert "Versi operator pertama." in html  # the current version
    assert "Versi operator kedua yang panjang." in html  # theirs, ready to copy
    # Start editing from the refused text: the form is filled with it.
    restart = client.get(f"{edit_url}?dari={conflict.number}")
    assert restart.context["form"]["goals"].value() == "Versi operator kedua yang panjang."
    assert restart.context["form"]["based_on_version"].value() == 2
    draft.refresh_from_db()
    assert draft.goals == "Versi operator pertama."


def test_a_save_after_the_innovation_was_submitted_is_refused_but_kept(draft, operator):
    services.submit_innovation(operator, draft)
    with pytest.raises(services.StaleVersion) as refused:
        services.save_innovation(operator, draft, {"name": "Terlambat"}, based_on_version=1)
    assert refused.value.revision.data["name"] == "Terlambat"
    draft.refresh_from_db()
    assert draft.name != "Terlambat"


def test_the_reviewer_sees_what_changed_since_the_last_submission(
    client, draft, operator, agency_head
):
    services.submit_innovation(operator, draft)
    services.return_innovation(agency_head, draft, "Perjelas rancang bangun.")
    draft.refresh_from_db()
    services.save_innovation(
        operator,
        draft,
        {
            "design": "Pasien mendaftar lewat WhatsApp, aplikasi dan SMS; nomor antrean dikirim.",
            "budget": 200000000,
        },
        based_on_version=draft.version,
    )
    services.submit_innovation(operator, draft)
    client.force_login(agency_head)
    response = client.get(reverse("innovations:detail", args=[draft.pk]))
    changes = response.context["changes"]
    assert [change.field for change in changes] == ["budget", "design"]
    design = changes[1]
    assert "<ins>" in design.inline and "SMS" in design.inline
    html = response.content.decode()
    assert "Perubahan sejak pengajuan sebelumnya" in html
    assert "Rp 200.000.000" in html


def test_word_diff_escapes_html():
    marked = history.word_diff("<b>lama</b> teks", "<b>baru</b> teks")
    assert "<b>" not in marked
    assert "&lt;b&gt;" in marked
    assert "<del>" in marked and "<ins>" in marked


def test_a_diff_lists_only_changed_fields_with_readable_values(operator, agency_a):
    innovation = services.create_innovation(operator, agency_a, complete_values())
    before = history.snapshot(innovation)
    after = {**before, "stage": "uji_coba", "is_digital": False, "sdg_goals": [3, 16]}
    changes = {change.field: change for change in history.diff(before, after)}
    assert set(changes) == {"stage", "is_digital", "sdg_goals"}
    assert (changes["stage"].before, changes["stage"].after) == ("Penerapan", "Uji coba")
    assert changes["is_digital"].after == "Tidak"
    assert "16. Perdamaian" in changes["sdg_goals"].after


def test_the_history_page_lists_revisions_including_refused_ones(
    client, draft, operator, second_operator
):
    services.save_innovation(operator, draft, {"name": "Nama baru"}, based_on_version=1)
    with pytest.raises(services.StaleVersion):
        services.save_innovation(second_operator, draft, {"name": "Nama lain"}, based_on_version=1)
    client.force_login(operator)
    html = client.get(reverse("innovations:history", args=[draft.pk])).content.decode()
    assert "#3" in html and "Simpanan ditolak (bentrok)" in html
