"""Named personas for tests: the people of the role × action matrix.

Agency A is the provincial Dinas Kesehatan, agency B the provincial RSUD dr. Moewardi, and
agency K the Dinas Kesehatan of Kota Semarang (a kabupaten/kota agency).
"""

import pytest

from satu.accounts.models import Membership, Role, User
from satu.agencies.models import Agency, AgencyType
from satu.regions.models import Region

PASSWORD = "correct-horse-battery-9"  # noqa: S105 - test accounts only


def make_user(email: str, name: str = "", **extra: object) -> User:
    return User.objects.create_user(
        email=email, password=PASSWORD, full_name=name or email, **extra
    )


def grant(user: User, role: str, scope: Agency | Region) -> User:
    if isinstance(scope, Agency):
        Membership.objects.create(user=user, role=role, agency=scope)
    else:
        Membership.objects.create(user=user, role=role, region=scope)
    return user


__all__ = [
    "PASSWORD",
    "agency_a",
    "agency_b",
    "agency_head",
    "agency_head_k",
    "agency_k",
    "agency_other_region",
    "anonymous",
    "citizen",
    "conflicted_juror",
    "field_verifier",
    "grant",
    "juror",
    "kota_semarang",
    "make_user",
    "operator",
    "operator_k",
    "other_juror",
    "outsider_operator",
    "outsider_regional_admin",
    "province",
    "regional_admin",
    "secretariat",
    "superuser",
]


@pytest.fixture
def province(reference_data) -> Region:
    return Region.objects.get(code="33")


@pytest.fixture
def kota_semarang(reference_data) -> Region:
    return Region.objects.get(code="33.74")


@pytest.fixture
def agency_a(province) -> Agency:
    return Agency.objects.get(region=province, abbreviation="DINKES")


@pytest.fixture
def agency_b(province) -> Agency:
    return Agency.objects.get(region=province, abbreviation="MOEWARDI")


@pytest.fixture
def agency_k(kota_semarang) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        region=kota_semarang,
        abbreviation="DINKES",
        defaults={"name": "Dinas Kesehatan Kota Semarang", "type": AgencyType.DINAS},
    )
    return agency


@pytest.fixture
def agency_other_region(reference_data) -> Agency:
    banyumas = Region.objects.get(code="33.02")
    agency, _ = Agency.objects.get_or_create(
        region=banyumas,
        abbreviation="DPMPTSP",
        defaults={
            "name": "Dinas Penanaman Modal dan PTSP Kabupaten Banyumas",
            "type": AgencyType.DINAS,
        },
    )
    return agency


@pytest.fixture
def operator(agency_a) -> User:
    return grant(make_user("operator@example.id", "Operator Dinkes"), Role.OPERATOR, agency_a)


@pytest.fixture
def agency_head(agency_a) -> User:
    return grant(make_user("kepala@example.id", "Kepala Dinkes"), Role.AGENCY_HEAD, agency_a)


@pytest.fixture
def outsider_operator(agency_b) -> User:
    return grant(make_user("luar@example.id", "Operator RSUD"), Role.OPERATOR, agency_b)


@pytest.fixture
def operator_k(agency_k) -> User:
    return grant(make_user("operator.k@example.id", "Operator Kota"), Role.OPERATOR, agency_k)


@pytest.fixture
def agency_head_k(agency_k) -> User:
    return grant(make_user("kepala.k@example.id", "Kepala Dinkes Kota"), Role.AGENCY_HEAD, agency_k)


@pytest.fixture
def regional_admin(kota_semarang) -> User:
    return grant(
        make_user("admin.kota@example.id", "Admin Kota"), Role.REGIONAL_ADMIN, kota_semarang
    )


@pytest.fixture
def outsider_regional_admin(reference_data) -> User:
    banyumas = Region.objects.get(code="33.02")
    return grant(
        make_user("admin.kab@example.id", "Admin Kabupaten"), Role.REGIONAL_ADMIN, banyumas
    )


@pytest.fixture
def secretariat(province) -> User:
    return grant(make_user("sekretariat@example.id", "Sekretariat"), Role.SECRETARIAT, province)


@pytest.fixture
def juror(province) -> User:
    return grant(make_user("juri@example.id", "Juri Satu"), Role.JUROR, province)


@pytest.fixture
def other_juror(province) -> User:
    """A second juror of the province: must never learn who the first one is or what they scored."""
    return grant(make_user("juri.lain@example.id", "Wulan Sasmita"), Role.JUROR, province)


@pytest.fixture
def conflicted_juror(province) -> User:
    """A juror of the province; a jury test gives them a conflict with the entry at hand."""
    return grant(make_user("juri.konflik@example.id", "Bagus Prakoso"), Role.JUROR, province)


@pytest.fixture
def field_verifier(province) -> User:
    return grant(make_user("verifikator@example.id", "Verifikator"), Role.FIELD_VERIFIER, province)


@pytest.fixture
def citizen(reference_data) -> User:
    return make_user("warga@example.id", "Warga Biasa")


@pytest.fixture
def superuser(reference_data) -> User:
    return User.objects.create_superuser(
        email="root@example.id", password=PASSWORD, full_name="Root"
    )


@pytest.fixture
def anonymous() -> None:
    return None
