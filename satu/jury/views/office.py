"""The secretariat's jury pages, under the competition's back office."""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from satu.accounts.models import Role
from satu.competitions import policies as competition_policies
from satu.competitions.models import Competition, CompetitionJuror, Round, RoundState
from satu.competitions.services import entries_for_round
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.exporters import FORMATS, export_response

from .. import policies, rubrics, services
from ..exporters import RankingExporter
from ..forms import (
    CriterionFormSet,
    DeadlineForm,
    JurorForm,
    PairForm,
    RubricForm,
    RubricTemplateForm,
    SecretariatConflictForm,
)
from ..models import (
    REASON_CHOICES,
    Conflict,
    JurorAssignment,
    Rubric,
    ScoreChange,
    ScoreSheet,
)
from ..services import pool as pool_services
from ..services.conflicts import conflicts_between
from ..services.progress import round_progress
from ..services.results import EXCLUDED_REASONS, TIE_RULES, RoundAggregation
from ..services.rubrics import CriterionData, is_editable


def _competition(request: HttpRequest, pk: int) -> Competition:
    return get_object_or_404(
        competition_policies.manageable_competitions(request.user).select_related("region"),
        pk=pk,
    )


def _round(request: HttpRequest, pk: int) -> Round:
    return get_object_or_404(policies.managed_rounds(request.user), pk=pk)


def _refused(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, str(error.message))


def _round_context(round: Round, here: str) -> dict:
    return {"round": round, "competition": round.competition, "here": here}


@back_office(Role.SECRETARIAT)
def jury_home(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    rounds = competition.rounds.annotate(
        assigned=Count("assignments", distinct=True),
        submitted=Count("score_sheets", filter=Q(score_sheets__status="submitted"), distinct=True),
    ).select_related("rubric")
    return render(
        request,
        "jury/office/home.html",
        {
            "competition": competition,
            "rounds": rounds,
            "pool_size": competition.jurors.count(),
            "declared": Conflict.objects.filter(
                competition=competition, reason__in=["declared", "secretariat"]
            ).count(),
        },
    )


@back_office(Role.SECRETARIAT)
def pool(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    users = pool_services.eligible_users(competition).exclude(
        competition_juries__competition=competition
    )
    form = JurorForm(request.POST or None, competition=competition, users=users)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_juror(request.user, competition, form.cleaned_data["user"], form.details())
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("The juror has joined the pool and received an invitation by email.")
            )
            return redirect("jury:pool", competition.pk)
    jurors = (
        competition.jurors.select_related("user", "agency__region", "home_region")
        .prefetch_related("expertise")
        .annotate(conflict_count=Count("conflicts", distinct=True))
    )
    return render(
        request,
        "jury/office/pool.html",
        {"competition": competition, "jurors": jurors, "form": form, "here": _("Juror pool")},
    )


@back_office(Role.SECRETARIAT)
def juror_edit(request: HttpRequest, pk: int) -> HttpResponse:
    juror = get_object_or_404(
        CompetitionJuror.objects.filter(
            competition__in=competition_policies.manageable_competitions(request.user)
        ).select_related("competition__region", "user"),
        pk=pk,
    )
    competition = juror.competition
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            services.remove_juror(request.user, juror)
        except DomainError as error:
            _refused(request, error)
            return redirect("jury:juror_edit", juror.pk)
        messages.success(request, _("The juror has left the pool."))
        return redirect("jury:pool", competition.pk)
    form = JurorForm(
        request.POST or None,
        competition=competition,
        initial={
            "kind": juror.kind,
            "agency": juror.agency_id,
            "home_region": juror.home_region_id,
            "expertise": list(juror.expertise.all()),
            "max_load": juror.max_load,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_juror(request.user, juror, form.details())
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The juror has been saved."))
            return redirect("jury:pool", competition.pk)
    return render(
        request,
        "jury/office/juror_form.html",
        {"competition": competition, "juror": juror, "form": form, "here": str(juror.user)},
    )


@back_office(Role.SECRETARIAT)
def conflict_list(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    form = SecretariatConflictForm(request.POST or None, competition=competition)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "lift":
                conflict = get_object_or_404(
                    Conflict.objects.filter(competition=competition),
                    pk=request.POST.get("conflict"),
                )
                services.lift_conflict(request.user, conflict)
                messages.success(request, _("The conflict has been lifted."))
                return redirect("jury:conflicts", competition.pk)
            if action == "refresh":
                services.refresh_conflicts(competition)
                messages.success(
                    request, _("The conflicts from the organisation tree are up to date.")
                )
                return redirect("jury:conflicts", competition.pk)
            if form.is_valid():
                data = form.cleaned_data
                services.set_conflict(request.user, data["juror"], data["entry"], data["note"])
                messages.success(request, _("The conflict has been recorded."))
                return redirect("jury:conflicts", competition.pk)
        except DomainError as error:
            _refused(request, error)
    live = conflicts_between(competition)
    stored = {
        (c.juror_id, c.entry_id, c.reason): c
        for c in Conflict.objects.filter(competition=competition).select_related("created_by")
    }
    jurors = {j.pk: j for j in competition.jurors.select_related("user")}
    entries = {e.pk: e for e in competition.entries.select_related("innovation", "agency__region")}
    rows = []
    for conflict in live.all():
        rows.append(
            {
                "juror": jurors.get(conflict.juror_id),
                "entry": entries.get(conflict.entry_id),
                "reason": conflict.reason,
                "text": conflict.reason.text,
                "detail": conflict.detail,
                "stored": stored.get((conflict.juror_id, conflict.entry_id, str(conflict.reason))),
            }
        )
    labels = dict(REASON_CHOICES)
    counts = {
        labels[str(reason)]: count for reason, count in live.count_by_reason().items() if count
    }
    return render(
        request,
        "jury/office/conflicts.html",
        {
            "competition": competition,
            "rows": rows,
            "counts": counts,
            "form": form,
            "here": _("Conflicts of interest"),
        },
    )


def _criteria_initial(rubric: Rubric | None) -> list[dict]:
    if rubric is None:
        return []
    return [
        {
            "code": c.code,
            "name": c.name,
            "weight": c.weight.normalize(),
            "comment_required": c.comment_required,
            "description": c.description,
        }
        for c in rubric.criteria.all()
    ]


@back_office(Role.SECRETARIAT)
def rubric(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    current = Rubric.objects.filter(round=round).first()
    editable = is_editable(round)
    action = request.POST.get("action")
    template_form = RubricTemplateForm(
        request.POST if action == "template" else None, round_kind=round.kind
    )
    form = RubricForm(request.POST if action == "save" else None, instance=current)
    formset = CriterionFormSet(
        request.POST if action == "save" else None,
        initial=_criteria_initial(current),
        prefix="criteria",
    )
    if request.method == "POST":
        try:
            if action == "template" and template_form.is_valid():
                services.create_from_template(
                    request.user, round, template_form.cleaned_data["template"]
                )
                messages.success(request, _("The rubric has been made from the template."))
                return redirect("jury:rubric", round.pk)
            if action == "save" and form.is_valid() and formset.is_valid():
                criteria = [
                    CriterionData(
                        code=item["code"],
                        name=item["name"],
                        weight=item["weight"],
                        description=item.get("description", ""),
                        comment_required=item.get("comment_required", False),
                    )
                    for item in formset.cleaned_data
                    if item and not item.get("DELETE")
                ]
                data = form.cleaned_data
                services.save_rubric(
                    request.user,
                    round,
                    name=data["name"],
                    criteria=criteria,
                    scale_min=data["scale_min"],
                    scale_max=data["scale_max"],
                    scale_step=data["scale_step"],
                    template=current.template if current else "",
                )
                messages.success(request, _("The rubric has been saved."))
                return redirect("jury:rubric", round.pk)
        except DomainError as error:
            _refused(request, error)
    criteria = list(current.criteria.all()) if current else []
    total = sum((c.weight for c in criteria), Decimal(0))
    return render(
        request,
        "jury/office/rubric.html",
        {
            **_round_context(round, _("Rubric")),
            "rubric": current,
            "criteria": criteria,
            "total": total,
            "editable": editable,
            "template_form": template_form,
            "form": form,
            "formset": formset,
            "templates": rubrics.templates(),
        },
    )


@back_office(Role.SECRETARIAT)
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    competition = round.competition
    entries_qs = entries_for_round(round).select_related("innovation").order_by("innovation__name")
    action = request.POST.get("action")
    pair_form = PairForm(
        request.POST if action in ("add", "remove") else None,
        competition=competition,
        entries=entries_qs,
    )
    if request.method == "POST":
        try:
            if action == "propose":
                result = services.propose_assignment(request.user, round)
                messages.success(
                    request,
                    _("A proposal has been computed: %(assigned)s of %(required)s places filled.")
                    % {"assigned": len(result.pairs), "required": result.summary()["required"]},
                )
            elif action in ("add", "remove") and pair_form.is_valid():
                juror, entry = pair_form.cleaned_data["juror"], pair_form.cleaned_data["entry"]
                if action == "add":
                    services.add_pair(request.user, round, juror, entry)
                else:
                    services.remove_pair(request.user, round, juror, entry)
                messages.success(request, _("The proposal has been changed."))
            elif action == "discard":
                services.discard_draft(request.user, round)
                messages.success(request, _("The proposal has been discarded."))
            elif action == "commit":
                added, removed = services.commit_assignment(request.user, round)
                messages.success(
                    request,
                    _(
                        "The assignment has been committed: %(added)s pairs added, "
                        "%(removed)s removed."
                    )
                    % {"added": added, "removed": removed},
                )
            return redirect("jury:assignment", round.pk)
        except DomainError as error:
            _refused(request, error)
    data = services.preview(round)
    problem = data.round_problem
    by_entry: dict[int, list] = defaultdict(list)
    for pair in data.result.pairs:
        by_entry[pair.entry_id].append(pair)
    shortfalls = {s.entry_id: s for s in data.result.shortfalls}
    rows = [
        {
            "entry": entry,
            "pairs": [
                (problem.jurors[p.juror_id], p, (p.juror_id, p.entry_id) in data.committed)
                for p in by_entry.get(entry.pk, [])
            ],
            "shortfall": shortfalls.get(entry.pk),
            "conflicted": len(problem.conflicts.jurors_of(entry.pk)),
        }
        for entry in problem.entries.values()
    ]
    loads = [(problem.jurors[load.juror_id], load) for load in data.result.loads]
    return render(
        request,
        "jury/office/assignment.html",
        {
            **_round_context(round, _("Assignment")),
            "data": data,
            "summary": data.result.summary(),
            "rows": rows,
            "loads": loads,
            "violations": [
                (problem.jurors.get(v.juror_id), problem.entries.get(v.entry_id), v)
                for v in data.result.violations
            ],
            "pair_form": pair_form,
            "closed": round.state == RoundState.CLOSED,
        },
    )


@back_office(Role.SECRETARIAT)
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    action = request.POST.get("action")
    deadline = DeadlineForm(
        request.POST if action == "deadline" else None,
        initial={"closes_at": round.closes_at},
    )
    if request.method == "POST":
        try:
            if action == "deadline" and deadline.is_valid():
                services.set_deadline(request.user, round, deadline.cleaned_data["closes_at"])
                messages.success(request, _("The deadline has been saved."))
                return redirect("jury:progress", round.pk)
            if action == "remind":
                sent = services.remind_round(request.user, round)
                messages.success(
                    request,
                    _("%(count)s jurors were reminded (each juror at most once a day).")
                    % {"count": len(sent)},
                )
                return redirect("jury:progress", round.pk)
        except DomainError as error:
            _refused(request, error)
    jurors, entries = round_progress(round)
    return render(
        request,
        "jury/office/progress.html",
        {
            **_round_context(round, _("Progress")),
            "jurors": [j for j in jurors if j.assigned],
            "idle": [j for j in jurors if not j.assigned],
            "entries": entries,
            "deadline": deadline,
            "total_assigned": sum(j.assigned for j in jurors),
            "total_submitted": sum(j.submitted for j in jurors),
        },
    )


SVG_WIDTH, SVG_HEIGHT, SVG_PAD = 220, 40, 8


def _x(data: RoundAggregation, value: float) -> float:
    scale = data.aggregation.scale
    share = (value - scale.minimum) / scale.width
    return round(SVG_PAD + share * (SVG_WIDTH - 2 * SVG_PAD), 1)


def calibration_rows(data: RoundAggregation) -> list[dict]:
    """Each juror's figures and the dots of a small strip chart of their scores."""
    rows = []
    pool_x = (
        _x(data, data.aggregation.pool_mean) if data.aggregation.pool_mean is not None else None
    )
    for calibration in data.aggregation.jurors:
        values = sorted(
            float(sheet.score)
            for (juror_id, _entry), sheet in data.sheets.items()
            if juror_id == calibration.juror_id
        )
        dots = [
            {"x": _x(data, value), "y": 12 + (index % 3) * 8, "value": value}
            for index, value in enumerate(values)
        ]
        rows.append(
            {
                "juror": data.jurors.get(calibration.juror_id),
                "calibration": calibration,
                "dots": dots,
                "mean_x": _x(data, calibration.mean),
                "pool_x": pool_x,
            }
        )
    return rows


@back_office(Role.SECRETARIAT)
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    if request.method == "POST":
        try:
            count = services.compute_round_results(request.user, round)
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("%(count)s round results have been recorded.") % {"count": count}
            )
        return redirect("jury:ranking", round.pk)
    data = services.aggregate_round(round)
    context = {**_round_context(round, _("Ranking")), "data": data, "formats": FORMATS}
    if data is not None:
        recorded = {r.entry_id: r for r in round.results.all()}
        names = {j: juror.user.full_name for j, juror in data.jurors.items()}
        rows = []
        for result in data.aggregation.entries:
            if result.rank is None:
                continue
            outliers = {flag.juror_id for flag in result.outliers}
            rows.append(
                {
                    "result": result,
                    "entry": data.entries[result.entry_id],
                    "final": data.final(result),
                    "recorded": recorded.get(result.entry_id),
                    "tie_rule": TIE_RULES[result.tie_broken_by],
                    "scores": [
                        (
                            names.get(j),
                            sheet.score,
                            j in outliers,
                            data.aggregation.z_scores.get((j, e)),
                        )
                        for (j, e), sheet in sorted(data.sheets.items())
                        if e == result.entry_id
                    ],
                }
            )
        context.update(
            {
                "rows": rows,
                "unscored": [
                    data.entries[r.entry_id] for r in data.aggregation.entries if r.rank is None
                ],
                "calibration": calibration_rows(data),
                "excluded": [(sheet, EXCLUDED_REASONS[reason]) for sheet, reason in data.excluded],
                "svg": {
                    "width": SVG_WIDTH,
                    "height": SVG_HEIGHT,
                    "pad": SVG_PAD,
                    "axis_end": SVG_WIDTH - SVG_PAD,
                },
                "can_compute": round.state == RoundState.OPEN,
            }
        )
    return render(request, "jury/office/ranking.html", context)


@back_office(Role.SECRETARIAT)
def ranking_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round = _round(request, pk)
    if fmt not in FORMATS:
        raise Http404
    data = services.aggregate_round(round)
    if data is None:
        raise Http404
    return export_response(RankingExporter(data), fmt)  # type: ignore[return-value]


@back_office(Role.SECRETARIAT)
def history(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    changes = ScoreChange.objects.filter(sheet__round=round).select_related(
        "sheet__juror__user", "sheet__entry__innovation", "changed_by"
    )
    juror = request.GET.get("juror", "")
    if juror.isdigit():
        changes = changes.filter(sheet__juror_id=int(juror))
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    rubric = Rubric.objects.filter(round=round).first()
    names = {c.code: c.name for c in rubric.criteria.all()} if rubric else {}
    for change in page:
        before, after = change.old.get("marks", {}), change.new.get("marks", {})
        change.diff = [
            (names.get(code, code), before.get(code), after.get(code))
            for code in sorted(
                set(before) | set(after), key=lambda c: list(names).index(c) if c in names else 999
            )
            if before.get(code) != after.get(code)
        ]
    return render(
        request,
        "jury/office/history.html",
        {
            **_round_context(round, _("Score history")),
            "page_obj": page,
            "jurors": round.competition.jurors.select_related("user"),
            "selected": juror,
            "sheets": ScoreSheet.objects.filter(round=round).count(),
            "assignments": JurorAssignment.objects.filter(round=round).count(),
        },
    )
