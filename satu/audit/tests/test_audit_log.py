import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from satu.agencies.models import Agency
from satu.audit.context import acting
from satu.audit.models import AppendOnlyError, AuditEntry
from satu.audit.services import record, verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_changes(province, secretariat):
    with acting(secretariat, ip="10.1.2.3", source="web"):
        agency = Agency.objects.create(
            name="Dinas Uji", abbreviation="UJI", type="dinas", region=province
        )
        agency.name = "Dinas Uji Coba"
        agency.save()
        agency.delete()
    return agency


def entries_for(abbreviation: str):
    return AuditEntry.objects.filter(
        object_type="agencies.agency", object_repr__startswith="Dinas Uji"
    ).order_by("seq")


def test_create_update_and_delete_record_who_when_what_and_where(three_changes, secretariat):
    create, update, delete = entries_for("UJI")
    assert [create.action, update.action, delete.action] == ["create", "update", "delete"]
    assert create.changes["abbreviation"] == [None, "UJI"]
    assert update.changes == {"name": ["Dinas Uji", "Dinas Uji Coba"]}
    assert delete.changes["name"] == ["Dinas Uji Coba", None]
    assert update.actor_id == secretariat.pk
    assert update.actor_label == secretariat.email
    assert update.ip == "10.1.2.3" and update.source == "web"


def test_an_intact_log_verifies(three_changes):
    assert verify_chain() == []
    call_command("verify_audit_log", stdout=io.StringIO())


def test_entries_cannot_be_changed_or_deleted_through_the_application(three_changes):
    entry = AuditEntry.objects.first()
    entry.action = "nothing happened"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_an_entry_altered_in_the_database_is_named(three_changes, capsys):
    update = entries_for("UJI")[1]
    AuditEntry.objects.filter(pk=update.pk).update(changes={"name": ["Dinas Uji", "Dinas Lain"]})
    with pytest.raises(CommandError):
        call_command("verify_audit_log")
    assert f"entry #{update.seq}" in capsys.readouterr().err


def test_a_deleted_entry_in_the_middle_is_found(three_changes, capsys):
    update = entries_for("UJI")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [update.pk])
    problems = verify_chain()
    assert problems and problems[0].seq == update.seq + 1
    with pytest.raises(CommandError):
        call_command("verify_audit_log")


def test_a_deleted_newest_entry_is_found(three_changes):
    newest = AuditEntry.objects.order_by("-seq").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [newest.pk])
    problems = verify_chain()
    assert any(problem.seq is None for problem in problems)


def test_domain_actions_are_recorded_with_their_details(province, secretariat):
    with acting(secretariat, source="web"):
        entry = record("innovation.return", province, {"reason": "Lengkapi bukti dukung"})
    assert entry.changes == {"reason": "Lengkapi bukti dukung"}
    assert verify_chain() == []


def test_the_secretariat_can_browse_and_filter_the_log(
    client, three_changes, secretariat, operator
):
    client.force_login(secretariat)
    response = client.get("/kelola/audit/", {"object_type": "agencies.agency", "action": "update"})
    assert response.status_code == 200
    page = list(response.context["page_obj"])
    assert page and all(e.action == "update" and e.object_type == "agencies.agency" for e in page)
    client.force_login(operator)
    assert client.get("/kelola/audit/").status_code == 403
