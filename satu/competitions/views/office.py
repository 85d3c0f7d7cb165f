"""Back-office pages of the competitions (/kelola/kompetisi/)."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satu.accounts.models import Role
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.exporters import FORMATS, export_response
from satu.innovations.models import Innovation
from satu.regions.models import Region

from .. import policies, services
from ..exporters import EntryExporter
from ..forms import (
    SETUP_FORMSETS,
    AutoScheduleForm,
    AwardForm,
    BookSlotForm,
    CompetitionForm,
    EntryFilterForm,
    EntryForm,
    ReasonForm,
    ResolveForm,
    ScreeningForm,
    StageMoveForm,
)
from ..models import (
    Award,
    Competition,
    Entry,
    EntryStatus,
    Objection,
    ObjectionStatus,
    PresentationSlot,
    Round,
    RoundKind,
    RoundResult,
    Stage,
)
from ..services import awards as award_services
from ..services.entries import eligibility_preview, enterable_innovations
from ..services.rounds import missing_results, preview_shortlist
from ..services.stages import next_stage


def _competition(request: HttpRequest, pk: int) -> Competition:
    return get_object_or_404(
        policies.visible_competitions(request.user).select_related("region"), pk=pk
    )


def _managed(request: HttpRequest, pk: int) -> Competition:
    competition = _competition(request, pk)
    if not policies.can_manage(request.user, competition):
        raise Http404
    return competition


def _refused(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, str(error.message))


@back_office()
def competition_list(request: HttpRequest) -> HttpResponse:
    competitions = policies.visible_competitions(request.user).annotate(
        entry_count=Count("entries", filter=~Q(entries__status=EntryStatus.WITHDRAWN))
    )
    can_create = get_access_has(request, Role.SECRETARIAT)
    return render(
        request,
        "competitions/office_list.html",
        {"competitions": competitions, "can_create": can_create},
    )


def get_access_has(request: HttpRequest, *roles: str) -> bool:
    from satu.accounts.access import get_access

    return get_access(request.user).has_role(*roles)


@back_office(Role.SECRETARIAT)
def competition_create(request: HttpRequest) -> HttpResponse:
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    form = CompetitionForm(
        request.POST or None,
        initial={"year": timezone.localdate().year, "groups": ["umum"]},
        instance=Competition(region=province),
    )
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in form.Meta.fields}
        try:
            competition = services.create_competition(request.user, province, **values)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The competition has been created. Now set up its rounds."))
            return redirect("competitions:setup", competition.pk)
    return render(
        request, "competitions/competition_form.html", {"form": form, "competition": None}
    )


@back_office(Role.SECRETARIAT)
def competition_update(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    form = CompetitionForm(request.POST or None, instance=competition)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in form.Meta.fields}
        try:
            services.update_competition(
                request.user, Competition.objects.get(pk=competition.pk), **values
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("competitions:detail", competition.pk)
    return render(
        request, "competitions/competition_form.html", {"form": form, "competition": competition}
    )


@back_office(Role.SECRETARIAT)
def competition_setup(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    data = request.POST if request.method == "POST" else None
    formsets = [
        (title, cls(data, instance=competition, prefix=prefix))
        for prefix, (cls, title) in SETUP_FORMSETS.items()
    ]
    if request.method == "POST" and all(fs.is_valid() for _t, fs in formsets):
        try:
            services.stages.save_setup(request.user, competition, [fs for _t, fs in formsets])
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The set-up has been saved."))
            return redirect("competitions:setup", competition.pk)
    return render(
        request, "competitions/setup.html", {"competition": competition, "formsets": formsets}
    )


@back_office()
def competition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    manager = policies.can_manage(request.user, competition)
    context: dict[str, object] = {
        "competition": competition,
        "manager": manager,
        "timeline": competition.timeline.all(),
        "my_entries": policies.visible_entries(request.user)
        .filter(competition=competition)
        .select_related("innovation", "category")
        .order_by("innovation__name"),
        "can_enter": competition.stage == Stage.REGISTRATION
        and policies.entrant_agencies(request.user).exists(),
        "can_verify": competition.stage == Stage.FIELD_VERIFICATION
        and policies.can_verify(request.user, competition),
    }
    if manager:
        context.update(
            {
                "open_work": services.open_work(competition),
                "next_stage": next_stage(competition),
                "transitions": competition.transitions.select_related("actor")[:10],
                "counts": Entry.objects.filter(competition=competition)
                .values("status")
                .annotate(n=Count("pk"))
                .order_by("status"),
                "stage_form": StageMoveForm(initial={"to_stage": next_stage(competition)}),
            }
        )
    return render(request, "competitions/office_detail.html", context)


@require_POST
@back_office(Role.SECRETARIAT)
def stage_move(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    form = StageMoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_stage(
                request.user,
                competition,
                form.cleaned_data["to_stage"],
                force=form.cleaned_data["force"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            _refused(request, error)
        else:
            competition.refresh_from_db()
            messages.success(
                request,
                _("The competition is now in the stage: %(stage)s")
                % {"stage": competition.get_stage_display()},
            )
    return redirect("competitions:detail", competition.pk)


def _filtered_entries(request: HttpRequest, competition: Competition):  # type: ignore[no-untyped-def]
    entries = (
        policies.visible_entries(request.user)
        .filter(competition=competition)
        .select_related("innovation", "agency__region", "category")
    )
    form = EntryFilterForm(request.GET or None, competition=competition)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            entries = entries.filter(
                Q(innovation__name__icontains=data["q"]) | Q(agency__name__icontains=data["q"])
            )
        for key in ("status", "group", "category"):
            if data[key]:
                entries = entries.filter(**{key: data[key]})
        if data["level"] == "province":
            entries = entries.filter(agency__region=competition.region)
        elif data["level"] == "local":
            entries = entries.exclude(agency__region=competition.region)
    return form, entries.order_by("agency__region__code", "innovation__name", "pk")


@back_office()
def entry_list(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    manager = policies.can_manage(request.user, competition)
    filter_form, entries = _filtered_entries(request, competition)
    screening = ScreeningForm(request.POST or None) if manager else None
    if request.method == "POST":
        if screening is None:
            raise Http404
        if screening.is_valid():
            data = screening.cleaned_data
            if data["scope"] == "filtered":
                chosen = list(entries)
            else:
                ids = [int(v) for v in request.POST.getlist("entries") if v.isdigit()]
                chosen = list(entries.filter(pk__in=ids))
            if not chosen:
                messages.error(request, _("Tick at least one entry."))
            else:
                try:
                    count = services.screen_entries(
                        request.user,
                        competition,
                        chosen,
                        passed=data["decision"] == "pass",
                        reasons=data["reasons"],
                        note=data["note"],
                    )
                except DomainError as error:
                    screening.add_error(error.field, error.message)
                else:
                    messages.success(
                        request, _("%(count)s entries have been screened.") % {"count": count}
                    )
                    return redirect(request.get_full_path())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "competitions/entry_list.html",
        {
            "competition": competition,
            "manager": manager,
            "form": filter_form,
            "screening": screening,
            "page_obj": page,
            "formats": FORMATS,
        },
    )


@back_office()
def entry_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    competition = _competition(request, pk)
    if fmt not in FORMATS:
        raise Http404
    _form, entries = _filtered_entries(request, competition)
    exporter = EntryExporter(
        competition, entries, internal=policies.can_manage(request.user, competition)
    )
    return export_response(exporter, fmt)  # type: ignore[return-value]


@back_office(Role.OPERATOR, Role.AGENCY_HEAD)
def entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _competition(request, pk)
    innovations = enterable_innovations(request.user)
    form = EntryForm(request.POST or None, competition=competition, innovations=innovations)
    failures: list = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.enter_innovation(
                request.user,
                competition,
                data["innovation"],
                group=data["group"],
                category=data["category"],
                original=data["original"],
            )
        except services.EligibilityError as error:
            failures = error.failures
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The innovation has been entered."))
            return redirect("competitions:entry_detail", entry.pk)
    preview = (
        eligibility_preview(competition, innovations, competition.groups[0])
        if competition.stage == Stage.REGISTRATION
        else {}
    )
    return render(
        request,
        "competitions/entry_form.html",
        {
            "competition": competition,
            "form": form,
            "failures": failures,
            "preview": [(i, preview.get(i.pk, [])) for i in innovations],
            "open": competition.stage == Stage.REGISTRATION,
        },
    )


@back_office()
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        policies.visible_entries(request.user).select_related(
            "competition", "innovation", "agency__region", "category", "original_innovation"
        ),
        pk=pk,
    )
    competition = entry.competition
    manager = policies.can_manage(request.user, competition)
    entrant = policies.can_enter_for(request.user, entry.agency)
    can_correct = (
        entrant
        and entry.status in (EntryStatus.SUBMITTED, EntryStatus.FAILED)
        and competition.correction_open(timezone.localdate())
    )
    form = None
    failures: list = []
    if can_correct:
        form = EntryForm(
            request.POST or None,
            competition=competition,
            innovations=None,
            with_innovation=False,
            initial={
                "group": entry.group,
                "category": entry.category_id,
                "original": entry.original_innovation_id,
            },
        )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw" and entrant:
                services.withdraw_entry(request.user, entry)
                messages.success(request, _("The entry has been withdrawn."))
                return redirect("competitions:detail", competition.pk)
            if action == "correct" and form is not None and form.is_valid():
                services.correct_entry(
                    request.user,
                    entry,
                    group=form.cleaned_data["group"],
                    category=form.cleaned_data["category"],
                    original=form.cleaned_data["original"],
                )
                messages.success(request, _("The entry has been corrected."))
                return redirect("competitions:entry_detail", entry.pk)
        except services.EligibilityError as error:
            failures = error.failures
        except DomainError as error:
            _refused(request, error)
    context = {
        "entry": entry,
        "competition": competition,
        "manager": manager,
        "entrant": entrant,
        "form": form,
        "failures": failures,
        "check": services.check_entry(
            competition,
            entry.innovation,
            group=entry.group,
            category=entry.category,
            original=entry.original_innovation,
            exclude_entry=entry,
        )
        if manager and entry.status == EntryStatus.SUBMITTED
        else [],
        "slots": entry.slots.prefetch_related("jurors__user"),
        "certificates": entry.certificates.all()
        if (manager or entrant) and competition.is_announced
        else [],
    }
    if manager:
        context["results"] = entry.round_results.select_related("round")
        context["objections"] = entry.objections.all()
        context["verifications"] = entry.verifications.prefetch_related("photos")
    return render(request, "competitions/entry_detail.html", context)


@back_office(Role.SECRETARIAT)
def round_list(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    rounds = competition.rounds.annotate(result_count=Count("results"))
    return render(
        request, "competitions/round_list.html", {"competition": competition, "rounds": rounds}
    )


@back_office(Role.SECRETARIAT)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(
        Round.objects.filter(
            competition__in=policies.manageable_competitions(request.user)
        ).select_related("competition"),
        pk=pk,
    )
    competition = round.competition
    reopen = ReasonForm(request.POST if request.POST.get("action") == "reopen" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "open":
                services.open_round(request.user, round)
            elif action == "close":
                services.close_round(request.user, round)
            elif action == "reopen" and reopen.is_valid():
                services.reopen_round(request.user, round, reopen.cleaned_data["reason"])
            elif action == "scores":
                saved = 0
                for entry in services.entries_for_round(round):
                    value = request.POST.get(f"score_{entry.pk}", "").strip().replace(",", ".")
                    if value:
                        services.record_round_result(
                            request.user, round, entry, value, {"source": "manual"}
                        )
                        saved += 1
                messages.success(request, _("%(count)s results saved.") % {"count": saved})
            return redirect("competitions:round_detail", round.pk)
        except DomainError as error:
            _refused(request, error)
    results = {r.entry_id: r for r in RoundResult.objects.filter(round=round)}
    entries = services.entries_for_round(round).select_related("innovation", "agency")
    return render(
        request,
        "competitions/round_detail.html",
        {
            "competition": competition,
            "round": round,
            "rows": [(entry, results.get(entry.pk)) for entry in entries],
            "missing": missing_results(round).count(),
            "reopen": reopen,
        },
    )


@back_office(Role.SECRETARIAT)
def shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    if request.method == "POST":
        try:
            chosen = services.make_shortlist(request.user, competition)
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("%(count)s entries are on the shortlist.") % {"count": len(chosen)}
            )
        return redirect("competitions:shortlist", competition.pk)
    preview: list = []
    try:
        preview_ids = [c.id for c in preview_shortlist(competition)]
        by_id = Entry.objects.select_related("innovation", "agency__region").in_bulk(preview_ids)
        scores = dict(
            RoundResult.objects.filter(
                round__competition=competition, round__kind=RoundKind.DESK, entry_id__in=preview_ids
            ).values_list("entry_id", "score")
        )
        preview = [(by_id[i], scores.get(i)) for i in preview_ids]
    except DomainError as error:
        _refused(request, error)
    current = (
        Entry.objects.filter(competition=competition, shortlisted_at__isnull=False)
        .select_related("innovation", "agency__region")
        .order_by("shortlist_rank")
    )
    return render(
        request,
        "competitions/shortlist.html",
        {
            "competition": competition,
            "preview": preview,
            "current": current,
            "can_make": competition.stage == Stage.SHORTLIST,
        },
    )


@back_office(Role.SECRETARIAT)
def objection_list(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    objections = Objection.objects.filter(entry__competition=competition).select_related(
        "entry__innovation", "decided_by"
    )
    if request.method == "POST":
        objection = get_object_or_404(objections, pk=request.POST.get("objection", 0))
        form = ResolveForm(request.POST)
        if form.is_valid():
            try:
                services.resolve_objection(
                    request.user,
                    objection,
                    upheld=form.cleaned_data["decision"] == "uphold",
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                _refused(request, error)
            else:
                messages.success(request, _("The decision has been recorded."))
        else:
            messages.error(request, _("Choose a decision and give its reasons."))
        return redirect("competitions:objections", competition.pk)
    return render(
        request,
        "competitions/objection_list.html",
        {
            "competition": competition,
            "objections": objections,
            "form": ResolveForm(),
            "pending": ObjectionStatus.PENDING,
        },
    )


@back_office(Role.SECRETARIAT)
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    round = competition.rounds.filter(kind=RoundKind.PRESENTATION).first()
    if round is None:
        messages.error(request, _("Add a presentation round first."))
        return redirect("competitions:setup", competition.pk)
    entries = (
        services.entries_for_round(round).select_related("innovation").order_by("shortlist_rank")
    )
    action = request.POST.get("action")
    auto = AutoScheduleForm(request.POST if action == "auto" else None)
    book = BookSlotForm(
        request.POST if action == "book" else None, competition=competition, entries=entries
    )
    if request.method == "POST":
        try:
            if action == "auto" and auto.is_valid():
                data = auto.cleaned_data
                days = [
                    data["first_day"] + datetime.timedelta(days=n)
                    for n in range((data["last_day"] - data["first_day"]).days + 1)
                ]
                if not data["weekends"]:
                    days = [d for d in days if d.weekday() < 5]
                plan = services.schedule_presentations(
                    request.user,
                    round,
                    days=days,
                    day_start=data["day_start"],
                    day_end=data["day_end"],
                    location=data["location"],
                )
                messages.success(
                    request,
                    _("%(booked)s slots booked; %(left)s entries did not fit.")
                    % {"booked": len(plan.bookings), "left": len(plan.unplaced)},
                )
                return redirect("competitions:schedule", competition.pk)
            if action == "book" and book.is_valid():
                data = book.cleaned_data
                entry = entries.get(pk=data["entry"])
                existing = PresentationSlot.objects.filter(round=round, entry=entry).first()
                services.book_slot(
                    request.user,
                    round,
                    entry,
                    data["starts_at"],
                    list(data["jurors"]),
                    location=data["location"],
                    slot=existing,
                )
                messages.success(request, _("The slot has been booked."))
                return redirect("competitions:schedule", competition.pk)
            if action == "invite":
                count = services.send_invitations(request.user, round)
                messages.success(request, _("%(count)s invitations sent.") % {"count": count})
                return redirect("competitions:schedule", competition.pk)
        except DomainError as error:
            _refused(request, error)
    slots = round.slots.select_related("entry__innovation").prefetch_related("jurors__user")
    return render(
        request,
        "competitions/schedule.html",
        {
            "competition": competition,
            "round": round,
            "slots": slots,
            "auto": auto,
            "book": book,
            "unscheduled": entries.exclude(slots__round=round),
        },
    )


@back_office(Role.SECRETARIAT)
def winners(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _managed(request, pk)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "certificates":
                issued = services.issue_certificates(request.user, competition)
                messages.success(
                    request, _("%(count)s certificates issued.") % {"count": len(issued)}
                )
            else:
                services.compute_final_results(request.user, competition)
                messages.success(request, _("The final scores and winners have been computed."))
        except DomainError as error:
            _refused(request, error)
        return redirect("competitions:winners", competition.pk)
    entries = (
        Entry.objects.filter(competition=competition, final_score__isnull=False)
        .select_related("innovation", "agency__region", "category")
        .prefetch_related("certificates")
        .order_by("group", "category__order", "rank")
    )
    return render(
        request,
        "competitions/winners.html",
        {
            "competition": competition,
            "entries": entries,
            "can_compute": competition.stage == Stage.FINAL,
        },
    )


@back_office()
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    from ..models import Certificate

    certificate = get_object_or_404(
        Certificate.objects.filter(entry__in=policies.visible_entries(request.user)).select_related(
            "entry__innovation", "entry__agency", "entry__competition"
        ),
        pk=pk,
    )
    response = HttpResponse(services.certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.code}.pdf"'
    return response


@back_office(Role.SECRETARIAT)
def award_list(request: HttpRequest) -> HttpResponse:
    from satu.accounts.access import get_access

    access = get_access(request.user)
    innovations = Innovation.objects.public().filter(
        access.agency_q(Role.SECRETARIAT, prefix="agency")
    )
    form = AwardForm(request.POST or None, innovations=innovations)
    if request.method == "POST" and form.is_valid():
        try:
            award_services.record_award(request.user, form.instance)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The award has been recorded."))
            return redirect("competitions:awards")
    awards = Award.objects.filter(innovation__in=innovations).select_related("innovation__agency")
    page = Paginator(awards.order_by("-year", "innovation__name"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "competitions/award_list.html", {"form": form, "page_obj": page})
