"""The approval chain as services: every transition, who may make it, and what it leaves behind."""

import pytest
from django.core import mail

from satu.audit.models import AuditEntry
from satu.core.errors import DomainError, PermissionDeniedError
from satu.innovations import policies, services
from satu.innovations.models import ReviewAction, ReviewEvent, RevisionKind, Status
from satu.notifications.models import Notification

from .conftest import advance, complete_values

pytestmark = pytest.mark.django_db


def test_a_provincial_innovation_goes_operator_head_secretariat(
    draft, operator, agency_head, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_innovation(operator, draft)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.submitted_at is not None
    assert policies.waiting_for(draft) == "kepala OPD"

    services.approve_innovation(agency_head, draft)
    draft.refresh_from_db()
    # Provincial agencies skip the regional administrator.
    assert draft.status == Status.APPROVED
    assert policies.can(secretariat, policies.Act.ACCEPT, draft)

    services.accept_innovation(secretariat, draft)
    draft.refresh_from_db()
    assert draft.status == Status.ACCEPTED
    assert draft.accepted_at is not None
    actions = list(draft.review_events.values_list("action", "from_status", "to_status"))
    assert actions == [
        (ReviewAction.SUBMIT, Status.DRAFT, Status.SUBMITTED),
        (ReviewAction.APPROVE, Status.SUBMITTED, Status.APPROVED),
        (ReviewAction.ACCEPT, Status.APPROVED, Status.ACCEPTED),
    ]
    assert set(
        AuditEntry.objects.filter(object_id=str(draft.pk), action__startswith="innovation.")
        .values_list("action", flat=True)
        .distinct()
    ) == {"innovation.submit", "innovation.approve", "innovation.accept"}


def test_a_kabupaten_kota_innovation_needs_the_regional_admin(
    draft_k, operator_k, agency_head_k, regional_admin, secretariat
):
    services.submit_innovation(operator_k, draft_k)
    services.approve_innovation(agency_head_k, draft_k)
    draft_k.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        services.accept_innovation(secretariat, draft_k)
    assert refused.value.code == "wrong_status"
    services.verify_innovation(regional_admin, draft_k)
    services.accept_innovation(secretariat, draft_k)
    draft_k.refresh_from_db()
    assert draft_k.status == Status.ACCEPTED
    assert list(draft_k.review_events.values_list("actor_role", flat=True)) == [
        "operator",
        "agency_head",
        "regional_admin",
        "secretariat",
    ]


def test_a_provincial_innovation_cannot_be_verified_by_a_regional_admin(
    draft, operator, agency_head, regional_admin
):
    advance(draft, operator, agency_head)
    draft.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        services.verify_innovation(regional_admin, draft)


# Who may make which step: (persona, step, expected) on the innovation of agency A or K.
# fmt: off
STEP_MATRIX = [
    ("operator",                "submit",  "draft",     True),
    ("agency_head",             "submit",  "draft",     False),
    ("outsider_operator",       "submit",  "draft",     False),
    ("secretariat",             "submit",  "draft",     False),
    ("agency_head",             "approve", "submitted", True),
    ("operator",                "approve", "submitted", False),
    ("secretariat",             "approve", "submitted", False),
    ("regional_admin",          "approve", "submitted", False),
    ("regional_admin",          "verify",  "approved_k", True),
    ("outsider_regional_admin", "verify",  "approved_k", False),
    ("secretariat",             "verify",  "approved_k", False),
    ("agency_head_k",           "verify",  "approved_k", False),
    ("secretariat",             "accept",  "verified_k", True),
    ("regional_admin",          "accept",  "verified_k", False),
    ("operator_k",              "accept",  "verified_k", False),
    ("secretariat",             "accept",  "approved",  True),
    ("agency_head",             "accept",  "approved",  False),
    ("agency_head",             "return",  "submitted", True),
    ("operator",                "return",  "submitted", False),
    ("secretariat",             "return",  "submitted", False),
    ("regional_admin",          "return",  "approved_k", True),
    ("secretariat",             "return",  "approved_k", False),
    ("secretariat",             "return",  "verified_k", True),
    ("secretariat",             "return",  "approved",  True),
    ("operator",                "withdraw", "submitted", True),
    ("operator",                "withdraw", "draft",    True),
    ("agency_head",             "withdraw", "submitted", False),
    ("outsider_operator",       "withdraw", "submitted", False),
    ("operator",                "withdraw", "accepted", False),
    ("secretariat",             "reopen",  "accepted",  True),
    ("agency_head",             "reopen",  "accepted",  False),
    ("operator",                "reopen",  "accepted",  False),
    ("secretariat",             "reopen",  "submitted", False),
    ("superuser",               "approve", "submitted", True),
]
# fmt: on

STEP_CALLS = {
    "submit": lambda who, inn: services.submit_innovation(who, inn),
    "approve": lambda who, inn: services.approve_innovation(who, inn),
    "verify": lambda who, inn: services.verify_innovation(who, inn),
    "accept": lambda who, inn: services.accept_innovation(who, inn),
    "return": lambda who, inn: services.return_innovation(who, inn, "Lengkapi data hasil."),
    "withdraw": lambda who, inn: services.withdraw_innovation(who, inn),
    "reopen": lambda who, inn: services.reopen_innovation(who, inn, "Koreksi nama."),
}


@pytest.fixture
def at_step(
    request,
    operator,
    agency_head,
    operator_k,
    agency_head_k,
    regional_admin,
    secretariat,
    agency_a,
    agency_k,
):
    def build(state: str):
        if state.endswith("_k"):
            innovation = services.create_innovation(operator_k, agency_k, complete_values())
            people = [operator_k, agency_head_k, regional_admin, secretariat]
            steps = {"approved_k": 2, "verified_k": 3}[state]
        else:
            innovation = services.create_innovation(operator, agency_a, complete_values())
            people = [operator, agency_head, secretariat]
            steps = {"draft": 0, "submitted": 1, "approved": 2, "accepted": 3}[state]
        innovation = advance(innovation, *people[:steps])
        innovation.refresh_from_db()
        return innovation

    return build


@pytest.mark.parametrize(("persona", "step", "state", "allowed"), STEP_MATRIX)
def test_who_may_make_which_step(request, at_step, persona, step, state, allowed):
    innovation = at_step(state)
    person = request.getfixturevalue(persona)
    before = innovation.status
    assert policies.can(person, step, innovation) is allowed
    if allowed:
        STEP_CALLS[step](person, innovation)
        innovation.refresh_from_db()
        assert innovation.status != before
    else:
        with pytest.raises(DomainError):
            STEP_CALLS[step](person, innovation)
        innovation.refresh_from_db()
        assert innovation.status == before


def test_a_return_needs_a_reason_that_the_operator_is_told(
    draft, operator, agency_head, django_capture_on_commit_callbacks
):
    services.submit_innovation(operator, draft)
    with pytest.raises(DomainError) as refused:
        services.return_innovation(agency_head, draft, "   ")
    assert refused.value.field == "reason"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_innovation(agency_head, draft, "Hasil sesudah inovasi belum terukur.")
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    assert services.latest_return(draft).reason == "Hasil sesudah inovasi belum terukur."
    note = Notification.objects.get(recipient=operator)
    assert "Hasil sesudah inovasi belum terukur." in note.message
    assert note.url == f"/kelola/inovasi/{draft.pk}/"
    assert [m.to for m in mail.outbox] == [[operator.email]]
    assert "Hasil sesudah inovasi belum terukur." in mail.outbox[0].body
    assert "dikembalikan" in mail.outbox[0].subject.lower()


def test_a_resubmission_restarts_at_the_agency_head(
    draft_k, operator_k, agency_head_k, regional_admin
):
    services.submit_innovation(operator_k, draft_k)
    services.approve_innovation(agency_head_k, draft_k)
    services.return_innovation(regional_admin, draft_k, "Lampirkan SK.")
    draft_k.refresh_from_db()
    assert policies.can(operator_k, policies.Act.EDIT, draft_k)
    services.submit_innovation(operator_k, draft_k)
    draft_k.refresh_from_db()
    assert draft_k.status == Status.SUBMITTED
    assert policies.can(agency_head_k, policies.Act.APPROVE, draft_k)
    assert not policies.can(regional_admin, policies.Act.VERIFY, draft_k)


def test_each_actor_is_told_when_it_is_their_turn(
    draft_k,
    operator_k,
    agency_head_k,
    regional_admin,
    secretariat,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_innovation(operator_k, draft_k)
        services.approve_innovation(agency_head_k, draft_k)
        services.verify_innovation(regional_admin, draft_k)
        services.accept_innovation(secretariat, draft_k)
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients == [
        agency_head_k.email,
        regional_admin.email,
        secretariat.email,
        operator_k.email,
    ]
    assert Notification.objects.filter(recipient=agency_head_k).count() == 1
    assert "menunggu persetujuan" in Notification.objects.get(recipient=agency_head_k).message
    assert "menunggu verifikasi" in Notification.objects.get(recipient=regional_admin).message
    assert "diterima" in Notification.objects.get(recipient=operator_k).message


def test_an_incomplete_draft_cannot_be_submitted_and_says_what_is_missing(operator, agency_a):
    innovation = services.create_innovation(
        operator,
        agency_a,
        complete_values(launch_date=None, results_after="", initiator_kind="asn"),
    )
    with pytest.raises(services.InvalidProfile) as refused:
        services.submit_innovation(operator, innovation)
    assert set(refused.value.errors) == {"launch_date", "results_after", "initiator_name"}
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_an_initiative_needs_fewer_fields_than_an_implementation(operator, agency_a):
    innovation = services.create_innovation(
        operator,
        agency_a,
        complete_values(
            stage="inisiatif", trial_date=None, launch_date=None, design="", results_before=""
        ),
    )
    services.submit_innovation(operator, innovation)
    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED


def test_a_submission_keeps_a_snapshot_with_the_evidence(draft, operator):
    services.add_evidence_link(
        operator,
        draft,
        url="https://www.youtube.com/watch?v=abc",
        kind="video",
        title="Video profil",
        is_public=True,
    )
    services.submit_innovation(operator, draft)
    revision = draft.revisions.get(kind=RevisionKind.SUBMISSION)
    assert revision.data["name"] == draft.name
    assert revision.data["evidence"] == [
        {
            "kind": "video",
            "title": "Video profil",
            "public": True,
            "link": "https://www.youtube.com/watch?v=abc",
        }
    ]
    assert ReviewEvent.objects.get(innovation=draft).revision == revision


def test_an_accepted_profile_is_locked_but_the_operator_still_reports(accepted, operator):
    assert not policies.can(operator, policies.Act.EDIT, accepted)
    with pytest.raises(services.StaleVersion):
        services.save_innovation(
            operator, accepted, {"name": "Nama baru"}, based_on_version=accepted.version
        )
    accepted.refresh_from_db()
    assert accepted.name != "Nama baru"
    services.add_evidence_link(
        operator,
        accepted,
        url="https://example.go.id/berita",
        kind="media",
        title="Liputan",
        is_public=True,
    )
    entry = services.record_year_status(
        operator, accepted, year=accepted.programme_year, status="continued"
    )
    assert entry.pk is not None
    evidence = accepted.evidence.get()
    with pytest.raises(DomainError) as refused:
        services.remove_evidence(operator, evidence)
    assert refused.value.code == "wrong_status"


def test_the_secretariat_reopens_an_accepted_innovation_with_a_reason(
    accepted, operator, secretariat
):
    accepted_at = accepted.accepted_at
    with pytest.raises(DomainError):
        services.reopen_innovation(secretariat, accepted, "")
    services.reopen_innovation(secretariat, accepted, "Tanggal penerapan keliru.")
    accepted.refresh_from_db()
    assert accepted.status == Status.RETURNED
    assert accepted.accepted_at == accepted_at
    assert services.latest_return(accepted).action == ReviewAction.REOPEN
    assert policies.can(operator, policies.Act.EDIT, accepted)


def test_a_withdrawn_innovation_can_be_taken_up_again(draft, operator, agency_head):
    services.submit_innovation(operator, draft)
    services.withdraw_innovation(operator, draft, "Belum siap.")
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    assert not policies.can(agency_head, policies.Act.APPROVE, draft)
    services.submit_innovation(operator, draft)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_the_queues_show_each_person_what_waits_for_them(
    draft, draft_k, operator, agency_head, operator_k, agency_head_k, regional_admin, secretariat
):
    services.submit_innovation(operator, draft)
    services.submit_innovation(operator_k, draft_k)
    services.approve_innovation(agency_head_k, draft_k)
    assert list(policies.waiting_for_me(agency_head)) == [draft]
    assert list(policies.waiting_for_me(regional_admin)) == [draft_k]
    assert list(policies.waiting_for_me(secretariat)) == []
    assert list(policies.waiting_for_me(agency_head_k)) == []
    services.approve_innovation(agency_head, draft)
    assert list(policies.waiting_for_me(secretariat)) == [draft]


def test_reviewers_do_not_see_drafts_that_were_never_submitted(
    draft, draft_k, operator_k, agency_head, secretariat, regional_admin
):
    assert draft in policies.visible_innovations(agency_head)
    assert draft not in policies.visible_innovations(secretariat)
    assert draft_k not in policies.visible_innovations(regional_admin)
    services.submit_innovation(operator_k, draft_k)
    assert draft_k in policies.visible_innovations(regional_admin)
    assert draft_k in policies.visible_innovations(secretariat)
    assert draft not in policies.visible_innovations(regional_admin)
