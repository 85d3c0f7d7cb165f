"""The juror's pages (/juri/): work lists, the entry with its scoring form, evidence, conflicts.

Every page is built from the juror's usable assignments (``services.juror``) and the juror's
view of an entry (``satu.jury.blind``): nothing else of an entry, and nothing of other jurors,
reaches a template.
"""

from collections import defaultdict

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satu.accounts.models import Role
from satu.competitions.models import Round, RoundState
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.exporters import FORMATS, export_response
from satu.innovations.models import Evidence

from .. import services
from ..blind import entry_code, juror_entry, juror_titles
from ..exporters import JurorWorkExporter
from ..forms import DeclareConflictForm, ScoreForm, sheet_initial
from ..models import JurorAssignment, Rubric, ScoreSheet
from ..services.juror import juror_assignment, juror_assignments
from ..services.sheets import SheetError, sheet_for


def _assignment(request: HttpRequest, pk: int) -> JurorAssignment:
    assignment = juror_assignment(request.user, pk)
    if assignment is None:
        raise Http404
    return assignment


def _sheets(assignments: list[JurorAssignment]) -> dict[tuple[int, int], ScoreSheet]:
    if not assignments:
        return {}
    juror_ids = {a.juror_id for a in assignments}
    round_ids = {a.round_id for a in assignments}
    return {
        (sheet.round_id, sheet.entry_id): sheet
        for sheet in ScoreSheet.objects.filter(juror_id__in=juror_ids, round_id__in=round_ids)
    }


def _work(assignments: list[JurorAssignment]) -> list[dict]:
    """The juror's assignments grouped by round, with codes, titles and own progress."""
    sheets = _sheets(assignments)
    by_round: dict[int, list[JurorAssignment]] = defaultdict(list)
    for assignment in assignments:
        by_round[assignment.round_id].append(assignment)
    groups = []
    for items in by_round.values():
        round = items[0].round
        titles = juror_titles([a.entry for a in items], round, round.competition.year)
        rows = [
            {
                "assignment": a,
                "title": titles[a.entry_id],
                "sheet": sheets.get((a.round_id, a.entry_id)),
            }
            for a in items
        ]
        rows.sort(
            key=lambda row: (bool(row["sheet"] and row["sheet"].is_submitted), row["title"].code)
        )
        submitted = sum(1 for row in rows if row["sheet"] and row["sheet"].is_submitted)
        groups.append(
            {
                "round": round,
                "competition": round.competition,
                "rows": rows,
                "submitted": submitted,
                "total": len(rows),
                "percent": round_percent(submitted, len(rows)),
            }
        )
    order = {RoundState.OPEN: 0, RoundState.PENDING: 1, RoundState.CLOSED: 2}
    groups.sort(key=lambda g: (order.get(g["round"].state, 3), -g["competition"].year))
    return groups


def round_percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@back_office(Role.JUROR)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "jury/juror/home.html", {"groups": _work(juror_assignments(request.user))}
    )


def _juror_round(request: HttpRequest, pk: int) -> tuple[Round, list[JurorAssignment]]:
    round = get_object_or_404(Round.objects.select_related("competition"), pk=pk)
    assignments = juror_assignments(request.user, round)
    if not assignments:
        raise Http404
    return round, assignments


@back_office(Role.JUROR)
def round_work(request: HttpRequest, pk: int) -> HttpResponse:
    round, assignments = _juror_round(request, pk)
    group = _work(assignments)[0]
    return render(request, "jury/juror/round.html", {**group, "formats": FORMATS})


@back_office(Role.JUROR)
def round_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    round, assignments = _juror_round(request, pk)
    titles = juror_titles([a.entry for a in assignments], round, round.competition.year)
    sheets = {entry_id: sheet for (_r, entry_id), sheet in _sheets(assignments).items()}
    exporter = JurorWorkExporter(
        assignments, titles, sheets, f"penilaian-{round.competition.year}-{round.kind}"
    )
    return export_response(exporter, fmt)  # type: ignore[return-value]


@back_office(Role.JUROR)
def score(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    round = assignment.round
    rubric = Rubric.objects.filter(round=round).first()
    criteria = list(rubric.criteria.all()) if rubric else []
    sheet = sheet_for(assignment)
    form = None
    if rubric is not None:
        form = ScoreForm(
            request.POST if request.method == "POST" else None,
            rubric=rubric,
            criteria=criteria,
            initial=sheet_initial(sheet),
        )
    if request.method == "POST" and form is None:
        raise Http404
    if request.method == "POST" and form.is_valid():
        marks, comments, note = form.values()
        submit = request.POST.get("action") == "submit"
        try:
            if submit:
                services.submit_sheet(
                    request.user, assignment, marks=marks, comments=comments, note=note
                )
            else:
                services.save_draft(
                    request.user, assignment, marks=marks, comments=comments, note=note
                )
        except SheetError as error:
            form.add_sheet_errors(error.errors)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            if submit:
                messages.success(request, _("Your scores for this entry have been submitted."))
                following = _next_open(request, assignment)
                if following is not None:
                    return redirect("jury:score", following.pk)
                return redirect("jury:round", round.pk)
            messages.success(request, _("Your draft has been saved."))
            return redirect("jury:score", assignment.pk)
    assignments = juror_assignments(request.user, round)
    position = next((i for i, a in enumerate(assignments) if a.pk == assignment.pk), 0)
    return render(
        request,
        "jury/juror/score.html",
        {
            "assignment": assignment,
            "round": round,
            "competition": round.competition,
            "entry": juror_entry(assignment.entry, round, round.competition.year),
            "rubric": rubric,
            "form": form,
            "sheet": sheet,
            "can_score": rubric is not None and round.state == RoundState.OPEN,
            "locked": round.state == RoundState.CLOSED,
            "position": position + 1,
            "count": len(assignments),
            "previous": assignments[position - 1] if position > 0 else None,
            "next": assignments[position + 1] if position + 1 < len(assignments) else None,
            "marks_display": [
                (c.name, sheet.marks.get(c.code) if sheet else None)
                for c in criteria
                if c.is_scored
            ],
        },
    )


def _next_open(request: HttpRequest, assignment: JurorAssignment) -> JurorAssignment | None:
    """The next entry on the list that the juror has not submitted yet."""
    assignments = juror_assignments(request.user, assignment.round)
    done = {
        entry_id for (_r, entry_id), sheet in _sheets(assignments).items() if sheet.is_submitted
    }
    return next((a for a in assignments if a.entry_id not in done), None)


@require_POST
@back_office(Role.JUROR)
def autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a draft in the background (htmx); answers the small status line."""
    assignment = _assignment(request, pk)
    rubric = Rubric.objects.filter(round=assignment.round).first()
    if rubric is None:
        raise Http404
    form = ScoreForm(request.POST, rubric=rubric, criteria=list(rubric.criteria.all()))
    context: dict[str, object] = {"saved_at": None, "errors": {}, "sheet": None}
    if form.is_valid():
        marks, comments, note = form.values()
        try:
            sheet = services.save_draft(
                request.user, assignment, marks=marks, comments=comments, note=note
            )
        except SheetError as error:
            names = {c.code: c.name for c in rubric.criteria.all()}
            context["errors"] = {
                names.get(key.removeprefix("comment_"), key): message
                for key, message in error.errors.items()
            }
        except DomainError as error:
            context["refused"] = str(error.message)
        else:
            context.update({"saved_at": timezone.now(), "sheet": sheet})
    return render(request, "jury/juror/_autosave.html", context)


@back_office(Role.JUROR)
def evidence(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """An evidence file of an assigned entry, under a neutral name."""
    assignment = _assignment(request, pk)
    item = get_object_or_404(
        Evidence.objects.filter(innovation_id=assignment.entry.innovation_id).exclude(file=""),
        pk=evidence_pk,
    )
    view = juror_entry(assignment.entry, assignment.round, assignment.round.competition.year)
    listed = next((f for f in view.files if f.pk == item.pk), None)
    if listed is None:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = item.content_type or "application/octet-stream"
    name = listed.file_name(
        entry_code(assignment.entry, assignment.round.competition.year), item.file.name
    )
    inline = content_type == "application/pdf" or content_type.startswith("image/")
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@back_office(Role.JUROR)
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    form = DeclareConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(
                request.user, assignment.juror, assignment.entry, form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. The entry has been taken off your list; the secretariat sees "
                    "your declaration."
                ),
            )
            remaining = juror_assignments(request.user, assignment.round)
            if remaining:
                return redirect("jury:round", assignment.round_id)
            return redirect("jury:home")
    title = juror_titles([assignment.entry], assignment.round, assignment.round.competition.year)
    return render(
        request,
        "jury/juror/declare.html",
        {
            "assignment": assignment,
            "round": assignment.round,
            "title": title[assignment.entry_id],
            "form": form,
        },
    )
