"""The compliance board: the rule of :mod:`satu.compliance.rules` counted by the database.

One service, :func:`compute_board`, answers the page, the back office, the CSV and XLSX
exports, the API and the reminders, so they cannot disagree.

How it stays fast for a whole country (about 25,000 agencies): the rule's result is stored,
one row per obliged agency and year (:class:`~.models.AgencyStatus`, kept by
:mod:`.statuses` inside every change that moves it), with the rows' sums per region, agency
type and status (:class:`~.models.StatusCount`, kept in the same transactions). The lists of
agencies read the rows; the regions, types, totals and trend add up the sums, one grouped
query each with a conditional ``SUM`` per status. No query runs per agency or per region.

The rule itself is computed in :meth:`Board.agencies_from_scratch` (what the stored rows are
made from) and :meth:`Board.counts_from_scratch`: one grouped query over the obliged
agencies, LEFT JOINed to *their innovations of the year* and to *their confirmed exemption of
the year* (``FilteredRelation``), with conditional ``COUNT(DISTINCT agency)`` aggregates.
Because the statuses are ordered (complied > waiting > started > nothing), that query counts
agencies "at least complied", "at least waiting" and "at least started" and the statuses
follow by subtraction. Indexes used: ``innovation_year_status`` (programme_year, status,
agency) on the innovations, ``exemption_year_status`` (programme_year, status, agency) on the
exemptions, ``agency_type`` and the region foreign key on the agencies.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from satu.agencies.models import Agency, AgencyType
from satu.innovations.models import Status
from satu.regions.models import Region, RegionKind

from . import rules
from .models import ProgrammeYear, StatusCount

STATUS_LABELS = {
    rules.COMPLIED: _("Complied"),
    rules.WAITING: _("Waiting for approval"),
    rules.STARTED: _("In preparation"),
    rules.NOTHING: _("Nothing yet"),
    rules.EXEMPT: _("Exempt"),
}
# Short forms for table headers.
STATUS_SHORT_LABELS = {
    rules.COMPLIED: _("Complied"),
    rules.WAITING: _("Waiting"),
    rules.STARTED: _("Preparing"),
    rules.NOTHING: _("Nothing yet"),
    rules.EXEMPT: _("Exempt"),
}
STATUS_DESCRIPTIONS = {
    rules.COMPLIED: _("At least one innovation of the year counts."),
    rules.WAITING: _(
        "An innovation submitted by the deadline is waiting in the approval chain; "
        "it counts once the secretariat accepts it."
    ),
    rules.STARTED: _(
        "An innovation is a draft, was returned for correction, or was submitted after the "
        "deadline: it does not count as it stands."
    ),
    rules.NOTHING: _("No innovation registered for the year."),
    rules.EXEMPT: _("Exempted for the year by the secretariat; not counted."),
}
# Traffic light of an agency status: the CSS badge class and a symbol shown with the text.
STATUS_LIGHTS = {
    rules.COMPLIED: ("ok", "✓"),
    rules.WAITING: ("info", "…"),
    rules.STARTED: ("warn", "!"),
    rules.NOTHING: ("bad", "✗"),
    rules.EXEMPT: ("neutral", "–"),
}
LIGHT_LABELS = {
    "green": _("On track"),
    "amber": _("Needs attention"),
    "red": _("Behind"),
}
# Rank of each status for sorting, best first.
STATUS_RANK = {status: rank for rank, status in enumerate(rules.STATUSES)}

SORTS_AGENCIES = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "region": ("region__code", "name", "pk"),
    "-region": ("-region__code", "name", "pk"),
    "status": ("status_rank", "region__code", "name", "pk"),
    "-status": ("-status_rank", "region__code", "name", "pk"),
}


@dataclass(frozen=True)
class Counts:
    """Agencies of one group by status. ``obliged`` excludes the exempt ones."""

    complied: int = 0
    waiting: int = 0
    started: int = 0
    nothing: int = 0
    exempt: int = 0

    @property
    def obliged(self) -> int:
        return self.complied + self.waiting + self.started + self.nothing

    @property
    def percent(self) -> float | None:
        """Complied as a share of obliged, one decimal; None when nobody is obliged."""
        if not self.obliged:
            return None
        return round(100 * self.complied / self.obliged, 1)

    def get(self, status: str) -> int:
        return int(getattr(self, status))

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{s: self.get(s) + other.get(s) for s in rules.STATUSES})

    def as_dict(self) -> dict[str, int | float | None]:
        return {
            "obliged": self.obliged,
            **{status: self.get(status) for status in rules.STATUSES},
            "percent": self.percent,
        }

    @classmethod
    def from_cumulative(cls, row: dict[str, int]) -> "Counts":
        """Statuses from the query's cumulative counts (see the module docstring)."""
        return cls(
            complied=row["at_least_complied"],
            waiting=row["at_least_waiting"] - row["at_least_complied"],
            started=row["at_least_started"] - row["at_least_waiting"],
            nothing=row["eligible"] - row["exempt"] - row["at_least_started"],
            exempt=row["exempt"],
        )


def region_label(name: str, kind: str) -> str:
    """Provincial agencies are listed under their province as one row."""
    if kind == RegionKind.PROVINCE:
        return str(_("%(province)s provincial agencies") % {"province": name})
    return name


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    kind: str
    counts: Counts

    @property
    def is_province(self) -> bool:
        return self.kind == RegionKind.PROVINCE

    @property
    def label(self) -> str:
        return region_label(self.name, self.kind)

    @property
    def short_label(self) -> str:
        """For narrow places such as the chart: "Provincial agencies", "Kab. Banyumas"."""
        if self.is_province:
            return str(_("Provincial agencies"))
        return self.name.replace("Kabupaten ", "Kab. ", 1)


@dataclass(frozen=True)
class TypeRow:
    type: str
    counts: Counts

    @property
    def label(self) -> str:
        return str(dict(AgencyType.choices).get(self.type, self.type))


def light(year: ProgrammeYear, counts: Counts) -> str | None:
    """green, amber or red for a group's compliance rate (None when nobody is obliged)."""
    percent = counts.percent
    if percent is None:
        return None
    if percent >= year.green_from:
        return "green"
    if percent >= year.amber_from:
        return "amber"
    return "red"


def home_province() -> Region | None:
    return Region.objects.filter(code=settings.SATU_HOME_REGION_CODE).first()


@dataclass
class Board:
    """The board of one programme year within a scope, narrowed by optional filters."""

    year: ProgrammeYear
    # The programme's region: a province covers its own agencies and its kabupaten/kota.
    # None covers every agency in the database (the national view).
    scope: Region | None
    region: Region | None = None
    agency_type: str | None = None
    _regions: list[RegionRow] | None = field(default=None, repr=False)

    # -- the agencies and the counting expressions -------------------------------------------
    def base(self, within: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
        """Obliged agencies of the scope and filters, joined to what the rule looks at."""
        agencies = self.in_scope(within).filter(rules.obliged_q(self.year))
        return agencies.annotate(
            # The innovations of this programme year, and the confirmed exemption of it.
            # Naming every status is no filter at all, but it lets the join seek the index
            # (programme_year, status, agency) on all three columns; with the year alone
            # SQLite scans the whole year for every agency.
            yr=FilteredRelation(
                "innovations",
                condition=Q(
                    innovations__programme_year=self.year.year,
                    innovations__status__in=list(Status.values),
                ),
            ),
            ex=FilteredRelation(
                "compliance_exemptions",
                condition=rules.exempt_q(self.year, "compliance_exemptions"),
            ),
        )

    @cached_property
    def _conditions(self) -> dict[str, Q]:
        year = self.year
        complied = rules.complied_q(year, "yr")
        waiting = complied | rules.waiting_q(year, "yr")
        return {
            "complied": complied,
            "waiting": waiting,
            "started": waiting | rules.started_q(year, "yr"),
        }

    def _cumulative(self) -> dict[str, Count]:
        not_exempt = Q(ex__isnull=True)
        conditions = self._conditions
        return {
            "eligible": Count("pk", distinct=True),
            "exempt": Count("pk", distinct=True, filter=Q(ex__isnull=False)),
            "at_least_complied": Count(
                "pk", distinct=True, filter=not_exempt & conditions["complied"]
            ),
            "at_least_waiting": Count(
                "pk", distinct=True, filter=not_exempt & conditions["waiting"]
            ),
            "at_least_started": Count(
                "pk", distinct=True, filter=not_exempt & conditions["started"]
            ),
        }

    # -- the stored statuses ------------------------------------------------------------------
    def scoped(self, within: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
        """The agencies of the scope and filters that are obliged this year, each carrying the
        stored ``status``, ``status_rank`` and ``counted`` (see :mod:`.statuses`)."""
        return (
            self.in_scope(within)
            .annotate(
                st=FilteredRelation(
                    "compliance_statuses",
                    condition=Q(compliance_statuses__programme_year=self.year),
                )
            )
            .filter(st__isnull=False)
            .annotate(status=F("st__status"), status_rank=F("st__status_rank"))
            .annotate(counted=F("st__counted"))
        )

    def in_scope(self, within: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
        """Every agency of the scope and filters, obliged or not."""
        agencies = self._narrowed(Agency.objects.all(), type_field="type")
        if within is not None:
            agencies = agencies.filter(pk__in=within.values("pk"))
        return agencies

    def kept_counts(self, years: Iterable[ProgrammeYear] | None = None) -> QuerySet[StatusCount]:
        """The kept sums (:class:`~.models.StatusCount`) of the scope and filters, of this
        year or of ``years``."""
        counts = StatusCount.objects.filter(count__gt=0)
        if years is None:
            counts = counts.filter(programme_year=self.year)
        else:
            counts = counts.filter(programme_year__in=list(years))
        return self._narrowed(counts, type_field="agency_type")

    def _narrowed(self, queryset: QuerySet, *, type_field: str) -> QuerySet:
        """``queryset`` (of rows with a ``region``) narrowed to the scope, region and type."""
        if self.scope is not None:
            queryset = queryset.filter(
                region__in=Region.objects.with_children(self.scope).values("pk")
            )
        if self.region is not None:
            if self.scope is None and self.region.is_province:
                # The national board: a province stands for itself and its kabupaten/kota.
                queryset = queryset.filter(
                    region__in=Region.objects.with_children(self.region).values("pk")
                )
            else:
                queryset = queryset.filter(region=self.region)
        if self.agency_type:
            queryset = queryset.filter(**{type_field: self.agency_type})
        return queryset

    @staticmethod
    def _sums() -> dict[str, Sum]:
        return {
            status: Coalesce(Sum("count", filter=Q(status=status)), 0) for status in rules.STATUSES
        }

    # -- the grouped counts ------------------------------------------------------------------
    @property
    def regions(self) -> list[RegionRow]:
        """One row per region with obliged agencies, in Kemendagri code order. One query.

        The national board (no scope, no region chosen) has one row per province, counting
        the province's own agencies and those of its kabupaten/kota together.
        """
        if self._regions is None:
            if self.scope is None and self.region is None:
                grouped = self.kept_counts().annotate(
                    row_code=Coalesce("region__parent__code", "region__code"),
                    row_name=Coalesce("region__parent__name", "region__name"),
                    row_kind=Value(RegionKind.PROVINCE),
                )
            else:
                grouped = self.kept_counts().annotate(
                    row_code=F("region__code"),
                    row_name=F("region__name"),
                    row_kind=F("region__kind"),
                )
            rows = (
                grouped.values("row_code", "row_name", "row_kind")
                .annotate(**self._sums())
                .order_by("row_code")
            )
            self._regions = [
                RegionRow(
                    code=row["row_code"],
                    name=row["row_name"],
                    kind=row["row_kind"],
                    counts=Counts(**{status: row[status] for status in rules.STATUSES}),
                )
                for row in rows
            ]
        return self._regions

    @cached_property
    def totals(self) -> Counts:
        """The sum of the region rows (so the total can never differ from its parts)."""
        total = Counts()
        for row in self.regions:
            total = total + row.counts
        return total

    @cached_property
    def types(self) -> list[TypeRow]:
        """One row per agency type with obliged agencies. One query."""
        rows = (
            self.kept_counts()
            .values("agency_type")
            .annotate(**self._sums())
            .order_by("agency_type")
        )
        order = {value: index for index, value in enumerate(AgencyType.values)}
        result = [
            TypeRow(type=row["agency_type"], counts=Counts(**{s: row[s] for s in rules.STATUSES}))
            for row in rows
        ]
        return sorted(result, key=lambda row: order.get(row.type, len(order)))

    def counts_from_scratch(self) -> Counts:
        """The totals computed from the innovations and exemptions (for the tests)."""
        return Counts.from_cumulative(self.base().aggregate(**self._cumulative()))

    def light(self, counts: Counts) -> str | None:
        return light(self.year, counts)

    # -- the agencies one by one --------------------------------------------------------------
    def agencies(
        self,
        *,
        status: str | None = None,
        statuses: Iterable[str] | None = None,
        sort: str = "region",
        within: QuerySet[Agency] | None = None,
    ) -> QuerySet[Agency]:
        """The obliged agencies with their stored ``status``, ``status_rank`` and ``counted``.

        ``within`` narrows the list to the agencies a user may see.
        """
        agencies = self.scoped(within).select_related("region")
        if status:
            agencies = agencies.filter(st__status=status)
        if statuses is not None:
            agencies = agencies.filter(st__status__in=list(statuses))
        agencies = agencies.order_by(*SORTS_AGENCIES.get(sort, SORTS_AGENCIES["region"]))
        if within is None and statuses is None:
            # The kept sums say how many there are: a page need not count 25,000 rows.
            totals = self.totals
            listed = totals.get(status) if status else sum(map(totals.get, rules.STATUSES))
            agencies = agencies.counted_as(listed)
        return agencies

    def agencies_from_scratch(
        self,
        *,
        status: str | None = None,
        statuses: Iterable[str] | None = None,
        sort: str = "region",
        within: QuerySet[Agency] | None = None,
    ) -> QuerySet[Agency]:
        """The rule computed from the innovations and exemptions (one query, however many
        agencies): what :mod:`.statuses` stores and the tests compare with.

        Each agency carries ``status`` (one of :data:`rules.STATUSES`), ``status_rank`` and
        ``counted`` (how many of its innovations count). ``within`` narrows the list to the
        agencies a user may see.
        """
        conditions = self._conditions
        not_exempt = Q(ex__isnull=True)
        best = Max(
            Case(
                When(not_exempt & conditions["complied"], then=Value(3)),
                When(not_exempt & conditions["waiting"], then=Value(2)),
                When(not_exempt & conditions["started"], then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        exempt = Max(
            Case(When(ex__isnull=False, then=Value(1)), default=Value(0)),
            output_field=IntegerField(),
        )
        ranks = [(rules.EXEMPT, None)] + [
            (status_, level)
            for status_, level in zip(
                (rules.COMPLIED, rules.WAITING, rules.STARTED, rules.NOTHING),
                (3, 2, 1, 0),
                strict=True,
            )
        ]
        agencies = (
            self.base(within)
            .annotate(
                exempt_flag=exempt,
                best=best,
                counted=Count("yr__pk", distinct=True, filter=conditions["complied"]),
            )
            .annotate(
                status=Case(
                    *[
                        When(exempt_flag=1, then=Value(name))
                        if level is None
                        else When(best=level, then=Value(name))
                        for name, level in ranks
                    ],
                    output_field=CharField(),
                ),
                status_rank=Case(
                    *[
                        When(exempt_flag=1, then=Value(STATUS_RANK[name]))
                        if level is None
                        else When(best=level, then=Value(STATUS_RANK[name]))
                        for name, level in ranks
                    ],
                    output_field=IntegerField(),
                ),
            )
            .select_related("region")
        )
        if status:
            agencies = agencies.filter(status=status)
        if statuses is not None:
            agencies = agencies.filter(status__in=list(statuses))
        return agencies.order_by(*SORTS_AGENCIES.get(sort, SORTS_AGENCIES["region"]))


def compute_board(
    year: ProgrammeYear,
    *,
    scope: Region | None | str = "home",
    region: Region | None = None,
    agency_type: str | None = None,
) -> Board:
    """The board of ``year``: the home province by default, every agency with ``scope=None``."""
    if scope == "home":
        scope = home_province()
    assert scope is None or isinstance(scope, Region)
    return Board(year=year, scope=scope, region=region, agency_type=agency_type or None)


def trend(years: Iterable[ProgrammeYear], **filters: object) -> list[tuple[ProgrammeYear, Counts]]:
    """Totals of several years in one grouped query over the kept sums."""
    years = sorted(years, key=lambda y: y.year)
    if not years:
        return []
    board = compute_board(years[0], **filters)  # type: ignore[arg-type]
    rows = {
        row["programme_year"]: row
        for row in board.kept_counts(years)
        .values("programme_year")
        .annotate(**board._sums())
        .order_by()
    }
    return [
        (year, Counts(**{s: rows.get(year.pk, {}).get(s, 0) for s in rules.STATUSES}))
        for year in years
    ]
