"""What a signed-in user may reach: the roles they hold and the agencies and regions they cover.

Computed once per request from the user's memberships and kept on the user object. Per-model
policies (``satu.<app>.policies``) build on it; views never filter by role themselves.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Membership, Role


@dataclass(frozen=True)
class Access:
    user_id: int | None
    is_superuser: bool = False
    # role -> ids of the agencies (agency roles) or regions (region roles) it is held in
    agency_roles: dict[str, frozenset[int]] = field(default_factory=dict)
    region_roles: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(self.agency_roles) | frozenset(self.region_roles)

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or any(role in self.roles for role in roles)

    @property
    def is_back_office(self) -> bool:
        """Civil servants, jurors and verifiers; citizens hold no role."""
        return self.is_superuser or bool(self.roles)

    @property
    def is_programme_staff(self) -> bool:
        """Operators, agency heads, regional admins and the secretariat (not jurors/verifiers)."""
        return self.has_role(Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT)

    @property
    def is_manager(self) -> bool:
        return self.has_role(Role.REGIONAL_ADMIN, Role.SECRETARIAT)

    @property
    def is_secretariat(self) -> bool:
        return self.has_role(Role.SECRETARIAT)

    def agency_ids(self, *roles: str) -> frozenset[int]:
        ids: set[int] = set()
        for role in roles:
            ids |= self.agency_roles.get(role, frozenset())
        return frozenset(ids)

    def region_ids(self, *roles: str) -> frozenset[int]:
        ids: set[int] = set()
        for role in roles:
            ids |= self.region_roles.get(role, frozenset())
        return frozenset(ids)

    def agency_q(self, *roles: str, prefix: str = "") -> Q:
        """A filter on Agency (or on a model's agency through ``prefix``) for these roles.

        Agency roles cover their agency; a regional admin covers the agencies of the
        kabupaten/kota; province roles cover the province's agencies and those of its
        kabupaten/kota. A superuser covers everything.
        """
        if self.is_superuser:
            return Q()
        p = f"{prefix}__" if prefix else ""
        query = Q(pk__in=[])  # matches nothing
        agency_ids = self.agency_ids(*roles)
        if agency_ids:
            query |= Q(**{f"{prefix}__in" if prefix else "pk__in": agency_ids})
        region_ids = self.region_ids(*roles)
        if region_ids:
            query |= Q(**{f"{p}region_id__in": region_ids})
            query |= Q(**{f"{p}region__parent_id__in": region_ids})
        return query

    def region_q(self, *roles: str, prefix: str = "") -> Q:
        """A filter on Region for the regions these roles cover (a province covers its children)."""
        if self.is_superuser:
            return Q()
        p = f"{prefix}__" if prefix else ""
        region_ids = self.region_ids(*roles)
        if not region_ids:
            return Q(**{f"{p}pk__in": []})
        return Q(**{f"{p}pk__in": region_ids}) | Q(**{f"{p}parent_id__in": region_ids})

    def covers_agency(self, agency: object, *roles: str) -> bool:
        if self.is_superuser:
            return True
        agency_id = agency.pk  # type: ignore[attr-defined]
        if agency_id in self.agency_ids(*roles):
            return True
        region_ids = self.region_ids(*roles)
        region = agency.region  # type: ignore[attr-defined]
        return region.pk in region_ids or (region.parent_id in region_ids)

    def covers_region(self, region: object, *roles: str) -> bool:
        if self.is_superuser:
            return True
        region_ids = self.region_ids(*roles)
        return region.pk in region_ids or region.parent_id in region_ids  # type: ignore[attr-defined]


ANONYMOUS = Access(user_id=None)


def get_access(user: object) -> Access:
    """The access of ``user``, computed once and cached on the object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_satu_access", None)
    if cached is not None:
        return cached
    agency_roles: dict[str, set[int]] = {}
    region_roles: dict[str, set[int]] = {}
    if user.is_active:  # type: ignore[attr-defined]
        for role, agency_id, region_id in Membership.objects.filter(user=user).values_list(
            "role", "agency_id", "region_id"
        ):
            if agency_id:
                agency_roles.setdefault(role, set()).add(agency_id)
            else:
                region_roles.setdefault(role, set()).add(region_id)
    access = Access(
        user_id=user.pk,  # type: ignore[attr-defined]
        is_superuser=bool(user.is_superuser and user.is_active),  # type: ignore[attr-defined]
        agency_roles={role: frozenset(ids) for role, ids in agency_roles.items()},
        region_roles={role: frozenset(ids) for role, ids in region_roles.items()},
    )
    user._satu_access = access  # type: ignore[attr-defined]
    return access


def forget_access(user: object) -> None:
    """Drop the cached access after the user's memberships changed."""
    if hasattr(user, "_satu_access"):
        del user._satu_access  # type: ignore[attr-defined]


__all__ = ["ANONYMOUS", "Access", "Role", "forget_access", "get_access"]
