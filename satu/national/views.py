"""Back-office pages of national forwarding (/kelola/nasional/)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satu.accounts.models import Role
from satu.competitions.policies import visible_entries
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.exporters import FORMATS, export_response
from satu.innovations.models import Innovation

from . import kipp, policies, services
from .exporters import ForwardingExporter
from .forms import (
    AnswerForm,
    BandForm,
    CopyRuleSetForm,
    DecisionForm,
    EvidenceForm,
    ForwardForm,
    IncludeForm,
    IndicatorForm,
    NoteForm,
    OutcomeForm,
    RuleSetForm,
    StartForm,
)
from .index import SID, SPD, round2
from .models import (
    Answer,
    AnswerEvidence,
    Assessment,
    ExportStatus,
    Indicator,
    KippBatchExport,
    PredicateBand,
    RuleSet,
)

STAFF = (Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT)


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return get_object_or_404(
        policies.visible_assessments(request.user).select_related("region", "rule_set"), pk=pk
    )


def _refused(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, str(error.message))


# Assessments


@back_office(*STAFF)
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = policies.visible_assessments(request.user).select_related("region")
    regions = policies.startable_regions(request.user).order_by("code")
    form = StartForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                request.user, form.cleaned_data["region"], form.cleaned_data["year"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            return redirect("national:assessment", pk=assessment.pk)
    page = Paginator(assessments.order_by("-year", "region__code"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "national/assessment_list.html",
        {"page_obj": page, "form": form if regions.exists() else None},
    )


def _rows(rules, aspect: str, answers: dict, result) -> list[dict]:  # type: ignore[no-untyped-def]
    points = {row.code: row for row in result.indicators if row.aspect == aspect}
    return [
        {"rule": rule, "answer": answers.get(rule.code), "score": points.get(rule.code)}
        for rule in rules.of(aspect)
    ]


@back_office(*STAFF)
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    rules = assessment.rules()
    claimed = services.result(assessment)
    verified = services.result(assessment, verified=True)
    spd_answers = {
        answer.indicator_code: answer
        for answer in Answer.objects.filter(assessment=assessment, innovation=None)
        .prefetch_related("evidence")
        .order_by("indicator_code")
    }
    can_edit = policies.can_edit_region(request.user, assessment) and assessment.is_editable
    includable = policies.includable_innovations(request.user, assessment).exclude(
        iid_assessments__assessment=assessment
    )
    per_innovation = {score.key: score for score in claimed.per_innovation}
    innovations = [
        (innovation, per_innovation.get(innovation.pk))
        for innovation in services.assessments.included_innovations(assessment)
    ]
    return render(
        request,
        "national/assessment_detail.html",
        {
            "assessment": assessment,
            "rules": rules,
            "claimed": claimed,
            "verified": verified,
            "gains": [
                (row, round2(row.points), round2(row.gain_next_level), round2(row.gain_to_top))
                for row in claimed.gains(10)
            ],
            "problems": services.problems(assessment) if assessment.is_editable else [],
            "spd_rows": _rows(rules, SPD, spd_answers, claimed),
            "innovations": innovations,
            "can_edit": can_edit,
            "can_verify": policies.can_verify(request.user, assessment),
            "include_form": IncludeForm(innovations=includable)
            if assessment.is_editable and includable.exists()
            else None,
            "evidence_form": EvidenceForm(),
            "return_form": NoteForm(),
        },
    )


def _innovation_in(assessment: Assessment, innovation_pk: int) -> Innovation:
    return get_object_or_404(
        Innovation.objects.filter(iid_assessments__assessment=assessment).select_related(
            "agency", "main_urusan"
        ),
        pk=innovation_pk,
    )


@back_office(*STAFF)
def innovation_answers(request: HttpRequest, pk: int, innovation_pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    innovation = _innovation_in(assessment, innovation_pk)
    rules = assessment.rules()
    claimed = services.result(assessment)
    score = next((s for s in claimed.per_innovation if s.key == innovation.pk), None)
    answers = {
        answer.indicator_code: answer
        for answer in Answer.objects.filter(assessment=assessment, innovation=innovation)
        .prefetch_related("evidence")
        .order_by("indicator_code")
    }
    rows = [
        {
            "rule": rule,
            "answer": answers.get(rule.code),
            "points": score.by_indicator.get(rule.code) if score else None,
        }
        for rule in rules.of(SID)
    ]
    problems = [p for p in services.problems(assessment) if p.innovation == innovation.pk]
    return render(
        request,
        "national/innovation_answers.html",
        {
            "assessment": assessment,
            "innovation": innovation,
            "rows": rows,
            "score": score,
            "problems": problems if assessment.is_editable else [],
            "can_edit": assessment.is_editable
            and policies.can_answer_innovation(request.user, innovation),
            "can_verify": policies.can_verify(request.user, assessment),
            "evidence_form": EvidenceForm(),
        },
    )


def _back(assessment: Assessment, innovation_id: int | None) -> HttpResponse:
    if innovation_id:
        return redirect("national:innovation", pk=assessment.pk, innovation_pk=innovation_id)
    return redirect("national:assessment", pk=assessment.pk)


@require_POST
@back_office(*STAFF)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    innovation_pk = request.POST.get("innovation")
    innovation = (
        _innovation_in(assessment, int(innovation_pk)) if str(innovation_pk).isdigit() else None
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose parameter 1, 2 or 3."))
        return _back(assessment, innovation.pk if innovation else None)
    try:
        services.answer_indicator(
            request.user,
            assessment,
            form.cleaned_data["code"],
            form.cleaned_data["level"],
            innovation=innovation,
            basis=form.cleaned_data["basis"],
            note=form.cleaned_data["note"],
        )
    except DomainError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Saved."))
    return _back(assessment, innovation.pk if innovation else None)


def _answer(request: HttpRequest, pk: int) -> Answer:
    return get_object_or_404(
        Answer.objects.filter(
            assessment__in=policies.visible_assessments(request.user)
        ).select_related("assessment", "innovation"),
        pk=pk,
    )


@require_POST
@back_office(*STAFF)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _answer(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back(answer.assessment, answer.innovation_id)
    try:
        services.add_evidence(
            request.user,
            answer,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"] or None,
            url=form.cleaned_data["url"],
        )
    except DomainError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Evidence added."))
    return _back(answer.assessment, answer.innovation_id)


def _evidence(request: HttpRequest, pk: int) -> AnswerEvidence:
    return get_object_or_404(
        AnswerEvidence.objects.filter(
            answer__assessment__in=policies.visible_assessments(request.user)
        ).select_related("answer__assessment", "answer__innovation"),
        pk=pk,
    )


@require_POST
@back_office(*STAFF)
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    answer = evidence.answer
    try:
        services.remove_evidence(request.user, evidence)
    except DomainError as error:
        _refused(request, error)
    return _back(answer.assessment, answer.innovation_id)


@back_office(*STAFF)
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = evidence.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, content_type=evidence.content_type, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@back_office(Role.SECRETARIAT)
def evidence_decide(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_evidence(
                request.user, evidence, form.cleaned_data["decision"], form.cleaned_data["note"]
            )
        except DomainError as error:
            _refused(request, error)
    return _back(evidence.answer.assessment, evidence.answer.innovation_id)


@require_POST
@back_office(*STAFF)
def include(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = IncludeForm(
        request.POST, innovations=policies.includable_innovations(request.user, assessment)
    )
    if form.is_valid():
        try:
            services.include_innovation(request.user, assessment, form.cleaned_data["innovation"])
        except DomainError as error:
            _refused(request, error)
        else:
            innovation = form.cleaned_data["innovation"]
            return redirect("national:innovation", pk=assessment.pk, innovation_pk=innovation.pk)
    else:
        messages.error(request, _("Choose an innovation."))
    return redirect("national:assessment", pk=assessment.pk)


@require_POST
@back_office(*STAFF)
def exclude(request: HttpRequest, pk: int, innovation_pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    innovation = _innovation_in(assessment, innovation_pk)
    try:
        services.remove_innovation(request.user, assessment, innovation)
    except DomainError as error:
        _refused(request, error)
    return redirect("national:assessment", pk=assessment.pk)


ACTIONS = {
    "submit": (
        services.submit_assessment,
        _("The assessment was submitted; its rules are frozen."),
    ),
    "finish": (services.finish_verification, _("The verification is finished.")),
    "publish": (services.publish_assessment, _("The assessment is published.")),
}


@require_POST
@back_office(*STAFF)
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    assessment = _assessment(request, pk)
    try:
        if name == "return":
            form = NoteForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            services.return_assessment(request.user, assessment, note)
            messages.success(request, _("The assessment was returned for correction."))
        elif name in ACTIONS:
            service, done = ACTIONS[name]
            service(request.user, assessment)
            messages.success(request, str(done))
        else:
            raise Http404
    except DomainError as error:
        _refused(request, error)
    return redirect("national:assessment", pk=assessment.pk)


# Rule sets


@back_office(*STAFF)
def rule_set_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "national/rule_set_list.html",
        {
            "rule_sets": RuleSet.objects.all(),
            "can_manage": policies.can_manage_rules(request.user),
        },
    )


@back_office(*STAFF)
def rule_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = get_object_or_404(RuleSet, pk=pk)
    can_manage = policies.can_manage_rules(request.user)
    form = RuleSetForm(request.POST or None, instance=rule_set) if can_manage else None
    copy_form = CopyRuleSetForm(initial={"year": rule_set.year + 1}) if can_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.update_rule_set(request.user, rule_set, **form.cleaned_data)
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("national:rule_set", pk=rule_set.pk)
    return render(
        request,
        "national/rule_set_detail.html",
        {
            "rule_set": rule_set,
            "indicators": rule_set.indicators.all(),
            "bands": rule_set.bands.all(),
            "form": form,
            "copy_form": copy_form,
            "frozen": rule_set.assessments.filter(rules_snapshot__isnull=False).count(),
        },
    )


@require_POST
@back_office(Role.SECRETARIAT)
def rule_set_copy(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = get_object_or_404(RuleSet, pk=pk)
    form = CopyRuleSetForm(request.POST)
    if form.is_valid():
        try:
            copy = services.copy_rule_set(
                request.user, rule_set, form.cleaned_data["year"], form.cleaned_data["name"]
            )
        except DomainError as error:
            _refused(request, error)
        else:
            return redirect("national:rule_set", pk=copy.pk)
    return redirect("national:rule_set", pk=rule_set.pk)


def _edit_part(request, obj, form_class, service, title):  # type: ignore[no-untyped-def]
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            service(request.user, obj, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Saved."))
            return redirect("national:rule_set", pk=obj.rule_set_id)
    return render(
        request,
        "national/rule_part_form.html",
        {"form": form, "rule_set": obj.rule_set, "title": title},
    )


@back_office(Role.SECRETARIAT)
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("rule_set"), pk=pk)
    title = _("Indicator %(code)s") % {"code": indicator.code}
    return _edit_part(request, indicator, IndicatorForm, services.update_indicator, title)


@back_office(Role.SECRETARIAT)
def band_edit(request: HttpRequest, pk: int) -> HttpResponse:
    band = get_object_or_404(PredicateBand.objects.select_related("rule_set"), pk=pk)
    title = _("Predicate %(name)s") % {"name": band.name}
    return _edit_part(request, band, BandForm, services.update_band, title)


# Forwarding record


def _forwardable(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        policies.exportable_innovations(request.user)
        .accepted()
        .select_related("agency")
        .order_by("name")
    )


@back_office(*STAFF)
def forwarding_list(request: HttpRequest) -> HttpResponse:
    forwardings = (
        policies.visible_forwardings(request.user)
        .select_related("innovation__agency__region", "outcome", "forwarded_by")
        .order_by("-year", "programme", "innovation__name")
    )
    year = request.GET.get("year", "")
    if year.isdigit():
        forwardings = forwardings.filter(year=int(year))
    can_forward = policies.can_batch_export(request.user)
    form = None
    if can_forward:
        form = ForwardForm(request.POST or None, innovations=_forwardable(request))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.forward_innovation(
                    request.user,
                    data["innovation"],
                    data["programme"],
                    data["year"],
                    forwarded_on=data["forwarded_on"],
                    programme_name=data["programme_name"],
                    note=data["note"],
                )
            except DomainError as error:
                form.add_error(
                    error.field if error.field in form.fields else None, str(error.message)
                )
            else:
                messages.success(request, _("The forwarding was recorded."))
                return redirect("national:forwardings")
    page = Paginator(forwardings, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "national/forwarding_list.html",
        {
            "page_obj": page,
            "form": form,
            "year": year,
            "exports": KippBatchExport.objects.all()[:5] if can_forward else [],
        },
    )


@back_office(*STAFF)
def forwarding_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    forwardings = (
        policies.visible_forwardings(request.user)
        .select_related("innovation__agency__region", "outcome", "forwarded_by")
        .order_by("-year", "programme", "innovation__name")
    )
    return export_response(ForwardingExporter(forwardings), fmt)


@back_office(Role.SECRETARIAT)
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    forwarding = get_object_or_404(
        policies.visible_forwardings(request.user).select_related("innovation__agency", "outcome"),
        pk=pk,
    )
    form = OutcomeForm(
        request.POST or None,
        programme=forwarding.programme,
        initial={
            "outcome": forwarding.outcome,
            "outcome_on": forwarding.outcome_on,
            "predicate": forwarding.predicate,
            "note": forwarding.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_outcome(
                request.user,
                forwarding,
                data["outcome"],
                outcome_on=data["outcome_on"],
                predicate=data["predicate"],
                note=data["note"],
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("national:forwardings")
    return render(request, "national/outcome_form.html", {"forwarding": forwarding, "form": form})


# KIPP proposals

KIPP_FORMATS = {
    "pdf": ("application/pdf", kipp.render_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        kipp.render_docx,
    ),
    "txt": ("text/plain; charset=utf-8", kipp.render_text),
    "zip": ("application/zip", kipp.render_zip),
}


def _proposal_response(request: HttpRequest, innovation: Innovation, fmt: str) -> HttpResponse:
    if fmt not in KIPP_FORMATS:
        raise Http404
    try:
        proposal = kipp.build_proposal(innovation)
    except DomainError as error:
        _refused(request, error)
        return render(
            request,
            "national/kipp_refused.html",
            {"innovation": innovation, "problems": kipp.section_problems(innovation)},
            status=409,
        )
    content_type, renderer = KIPP_FORMATS[fmt]
    body = renderer(proposal)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{proposal.base_name}.{fmt}"'
    return response


@back_office(*STAFF)
def kipp_innovation(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    innovation = get_object_or_404(
        policies.exportable_innovations(request.user).select_related(
            "agency__region", "main_urusan"
        ),
        pk=pk,
    )
    return _proposal_response(request, innovation, fmt)


@back_office(*STAFF)
def kipp_entry(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    entry = get_object_or_404(
        visible_entries(request.user).select_related(
            "innovation__agency__region", "innovation__main_urusan"
        ),
        pk=pk,
    )
    return _proposal_response(request, entry.innovation, fmt)


@require_POST
@back_office(Role.SECRETARIAT)
def kipp_batch(request: HttpRequest) -> HttpResponse:
    year = request.POST.get("year", "")
    if not year.isdigit():
        messages.error(request, _("Choose a year."))
        return redirect("national:forwardings")
    try:
        export = services.request_batch_export(request.user, int(year))
    except DomainError as error:
        _refused(request, error)
    else:
        if export.status == ExportStatus.DONE:
            messages.success(request, _("The KIPP batch is ready."))
        else:
            messages.success(
                request, _("The KIPP batch is being prepared; it appears here when ready.")
            )
    return redirect("national:forwardings")


@back_office(Role.SECRETARIAT)
def kipp_batch_file(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(KippBatchExport, pk=pk, status=ExportStatus.DONE)
    if not policies.can_batch_export(request.user) or not export.file:
        raise Http404
    name = f"kipp-{export.year}-{export.pk}.zip"
    return FileResponse(export.file.open("rb"), content_type="application/zip", filename=name)
