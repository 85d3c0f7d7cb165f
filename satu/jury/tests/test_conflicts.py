import pytest
from django.utils import translation

from satu.jury.conflicts import (
    AgencyNode,
    Conflict,
    ConflictReason,
    ConflictSet,
    DeclaredConflict,
    EntryOrigin,
    JurorAffiliation,
    OrgTree,
    RegionNode,
    SecretariatConflict,
    derive_conflicts,
)

R = ConflictReason
PROVINCE, SEMARANG, BANYUMAS = 33, 3374, 3302

# Provincial: Setda (1) with Biro Organisasi (2) and Biro Hukum (3); Dinas Kesehatan (10) with
# a UPTD (11) that has a unit of its own (12); an RSUD (20). Kota Semarang: Setda (30) with a
# kecamatan (31), Dinas Kesehatan Kota (32). Banyumas: Dinas Kesehatan (40).
TREE = OrgTree(
    [
        AgencyNode(1, PROVINCE),
        AgencyNode(2, PROVINCE, parent_id=1),
        AgencyNode(3, PROVINCE, parent_id=1),
        AgencyNode(10, PROVINCE),
        AgencyNode(11, PROVINCE, parent_id=10),
        AgencyNode(12, PROVINCE, parent_id=11),
        AgencyNode(20, PROVINCE),
        AgencyNode(30, SEMARANG),
        AgencyNode(31, SEMARANG, parent_id=30),
        AgencyNode(32, SEMARANG),
        AgencyNode(40, BANYUMAS),
    ],
    [
        RegionNode(PROVINCE, is_kabupaten_kota=False),
        RegionNode(SEMARANG, is_kabupaten_kota=True),
        RegionNode(BANYUMAS, is_kabupaten_kota=True),
    ],
)

ENTRIES = [
    EntryOrigin("dinkes", 10),
    EntryOrigin("uptd", 11),
    EntryOrigin("uptd-unit", 12),
    EntryOrigin("biro-org", 2),
    EntryOrigin("biro-hukum", 3),
    EntryOrigin("setda", 1),
    EntryOrigin("rsud", 20),
    EntryOrigin("dinkes-kota", 32),
    EntryOrigin("kecamatan", 31),
    EntryOrigin("dinkes-banyumas", 40),
]

JURORS = [
    JurorAffiliation("j-dinkes", agency_id=10),
    JurorAffiliation("j-uptd", agency_id=11),
    JurorAffiliation("j-biro", agency_id=2),
    JurorAffiliation("j-kota", agency_id=32, home_region_id=SEMARANG),
    JurorAffiliation("j-banyumas-home", home_region_id=BANYUMAS),
    JurorAffiliation("j-province-home", home_region_id=PROVINCE),
    JurorAffiliation("j-independent"),
]


def derive(**kwargs):
    return derive_conflicts(TREE, JURORS, ENTRIES, **kwargs)


def test_the_organisation_tree_yields_the_hand_worked_conflicts():
    found = {(c.juror_id, c.entry_id, c.reason) for c in derive().all()}

    assert found == {
        ("j-dinkes", "dinkes", R.OWN_AGENCY),
        ("j-dinkes", "uptd", R.SUBORDINATE_AGENCY),
        ("j-dinkes", "uptd-unit", R.SUBORDINATE_AGENCY),
        ("j-uptd", "uptd", R.OWN_AGENCY),
        ("j-uptd", "dinkes", R.SUPERIOR_AGENCY),
        ("j-uptd", "uptd-unit", R.SUBORDINATE_AGENCY),
        ("j-biro", "biro-org", R.OWN_AGENCY),
        ("j-biro", "setda", R.SUPERIOR_AGENCY),
        ("j-kota", "dinkes-kota", R.OWN_AGENCY),
        ("j-kota", "dinkes-kota", R.SAME_REGION_AGENCY),
        ("j-kota", "dinkes-kota", R.SAME_REGION_HOME),
        ("j-kota", "kecamatan", R.SAME_REGION_AGENCY),
        ("j-kota", "kecamatan", R.SAME_REGION_HOME),
        ("j-banyumas-home", "dinkes-banyumas", R.SAME_REGION_HOME),
    }


def test_a_sibling_agency_is_no_conflict():
    conflicts = derive()

    assert ("j-biro", "biro-hukum") not in conflicts
    assert ("j-dinkes", "rsud") not in conflicts


def test_provincial_entries_do_not_conflict_with_jurors_for_being_in_the_province():
    conflicts = derive()

    assert conflicts.entries_of("j-province-home") == frozenset()
    assert "j-kota" not in {juror for juror, entry in conflicts if entry == "dinkes"}


def test_an_entry_of_another_kabupaten_kota_is_no_conflict():
    conflicts = derive()

    assert ("j-kota", "dinkes-banyumas") not in conflicts
    assert ("j-banyumas-home", "kecamatan") not in conflicts


def test_declared_and_secretariat_conflicts_carry_their_reason_and_note():
    conflicts = derive(
        declared=[DeclaredConflict("j-independent", "rsud", "  Former director of this RSUD ")],
        secretariat=[SecretariatConflict("j-independent", "setda", "Consultant in 2024")],
    )

    assert conflicts.reasons("j-independent", "rsud") == (
        Conflict("j-independent", "rsud", R.DECLARED, "Former director of this RSUD"),
    )
    assert conflicts.reasons("j-independent", "setda") == (
        Conflict("j-independent", "setda", R.SECRETARIAT, "Consultant in 2024"),
    )


def test_reasons_of_a_pair_come_in_a_fixed_order():
    conflicts = derive(declared=[DeclaredConflict("j-kota", "dinkes-kota", "My own office")])

    assert [c.reason for c in conflicts.reasons("j-kota", "dinkes-kota")] == [
        R.OWN_AGENCY,
        R.SAME_REGION_AGENCY,
        R.SAME_REGION_HOME,
        R.DECLARED,
    ]
    assert conflicts.reasons("j-independent", "dinkes") == ()


def test_a_declared_conflict_needs_a_reason():
    with pytest.raises(ValueError, match="reason"):
        DeclaredConflict("j-independent", "rsud", "   ")


def test_an_unknown_agency_fails_loudly_instead_of_dropping_a_conflict():
    with pytest.raises(ValueError, match="Unknown agency 99"):
        derive_conflicts(TREE, [JurorAffiliation("j", agency_id=99)], ENTRIES)
    with pytest.raises(ValueError, match="Unknown agency 98"):
        derive_conflicts(TREE, JURORS, [EntryOrigin("x", 98)])
    with pytest.raises(ValueError, match="unknown parent"):
        OrgTree([AgencyNode(1, PROVINCE, parent_id=7)], [])


def test_a_cycle_in_the_tree_does_not_hang():
    tree = OrgTree([AgencyNode(1, 5, parent_id=2), AgencyNode(2, 5, parent_id=1)], [])

    assert tree.ancestors(1) == [2]
    assert tree.descendants(1) == [2]


def test_the_set_counts_pairs_per_reason_and_indexes_both_ways():
    conflicts = derive()

    assert len(conflicts) == 11
    assert conflicts.count_by_reason() == {
        R.OWN_AGENCY: 4,
        R.SUPERIOR_AGENCY: 2,
        R.SUBORDINATE_AGENCY: 3,
        R.SAME_REGION_AGENCY: 2,
        R.SAME_REGION_HOME: 3,
        R.DECLARED: 0,
        R.SECRETARIAT: 0,
    }
    assert conflicts.jurors_of("uptd-unit") == {"j-dinkes", "j-uptd"}
    assert conflicts.entries_of("j-biro") == {"biro-org", "setda"}
    assert list(conflicts)[:2] == [("j-banyumas-home", "dinkes-banyumas"), ("j-biro", "biro-org")]


def test_sets_from_storage_combine_with_derived_ones():
    stored = ConflictSet.from_pairs([("j-independent", "rsud"), ("j-dinkes", "dinkes")])
    combined = derive() | stored

    assert ("j-independent", "rsud") in combined
    assert len(combined) == 12
    assert [c.reason for c in combined.reasons("j-dinkes", "dinkes")] == [
        R.OWN_AGENCY,
        R.SECRETARIAT,
    ]


@pytest.mark.parametrize(
    ("reason", "indonesian"),
    [
        (R.OWN_AGENCY, "Peserta berasal dari perangkat daerah juri sendiri."),
        (R.SAME_REGION_HOME, "Daerah domisili juri sama dengan kabupaten/kota peserta."),
    ],
)
def test_reason_texts_are_translated(reason, indonesian):
    with translation.override("id"):
        assert str(reason.text) == indonesian
