"""Back-office pages of the innovation registry (/kelola/inovasi/) and evidence downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies.models import Agency
from satu.core.decorators import back_office
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.exporters import FORMATS, export_response

from . import history, imports, policies, services
from .deadlines import deadline_for
from .exporters import ImportTemplateExporter, InnovationExporter, ProfileExporter
from .exporters import import_template_xlsx as build_template_xlsx
from .forms import (
    EvidenceForm,
    ImportForm,
    InnovationFilterForm,
    InnovationProfileForm,
    ReasonForm,
    WithdrawForm,
    YearStatusForm,
)
from .models import Evidence, ImportJob, Innovation, Revision, RevisionKind, Status
from .policies import Act
from .sections import detail_sections
from .uploads import limited_upload
from .validation import submission_advice, submission_errors

BACK_OFFICE_ROLES = policies.INNOVATION_ROLES
STATUS_BADGES = {
    Status.DRAFT: "",
    Status.SUBMITTED: "badge-info",
    Status.APPROVED: "badge-info",
    Status.VERIFIED: "badge-info",
    Status.ACCEPTED: "badge-ok",
    Status.RETURNED: "badge-warn",
    Status.WITHDRAWN: "badge-bad",
}


def _visible(request: HttpRequest, pk: int) -> Innovation:
    # 404, not 403: an outsider learns nothing about another agency's innovations.
    return get_object_or_404(
        policies.visible_innovations(request.user).select_related(
            "agency__region__parent", "service_unit", "main_urusan", "created_by"
        ),
        pk=pk,
    )


LIST_ORDER = ("-programme_year", "agency__name", "name", "pk")
# The queue serves whoever has waited longest first.
QUEUE_ORDER = ("updated_at", "pk")


def _list_context(request: HttpRequest, innovations, order=LIST_ORDER) -> dict[str, object]:  # type: ignore[no-untyped-def]
    innovations = innovations.select_related("agency__region").order_by(*order)
    page = Paginator(innovations, 30).get_page(request.GET.get("page"))
    for innovation in page:
        innovation.waiting_label = policies.waiting_for(innovation)  # type: ignore[attr-defined]
        innovation.badge = STATUS_BADGES.get(innovation.status, "")  # type: ignore[attr-defined]
    return {"page_obj": page}


def _filtered(request: HttpRequest) -> tuple[object, InnovationFilterForm]:
    innovations = policies.visible_innovations(request.user)
    agencies = Agency.objects.filter(pk__in=innovations.values("agency_id")).order_by("name")
    form = InnovationFilterForm(request.GET or None, agencies=agencies)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            innovations = innovations.filter(name__icontains=data["q"])
        if data["year"]:
            innovations = innovations.filter(programme_year=data["year"])
        if data["status"]:
            innovations = innovations.filter(status=data["status"])
        if data["stage"]:
            innovations = innovations.filter(stage=data["stage"])
        if data.get("agency"):
            innovations = innovations.filter(agency=data["agency"])
    return innovations, form


@back_office(*BACK_OFFICE_ROLES)
def innovation_list(request: HttpRequest) -> HttpResponse:
    innovations, form = _filtered(request)
    year = timezone.localdate().year
    context = _list_context(request, innovations)
    context.update(
        {
            "form": form,
            "year": year,
            "deadline": deadline_for(year),
            "can_create": policies.operator_agencies(request.user).exists(),
            "can_import": policies.can_import(request.user),
            "waiting_count": policies.waiting_for_me(request.user).count(),
            "query": request.GET.urlencode(),
        }
    )
    return render(request, "innovations/innovation_list.html", context)


@back_office(*BACK_OFFICE_ROLES)
def innovation_queue(request: HttpRequest) -> HttpResponse:
    """What is waiting for the signed-in person: to correct, approve, verify or accept."""
    context = _list_context(request, policies.waiting_for_me(request.user), QUEUE_ORDER)
    return render(request, "innovations/innovation_queue.html", context)


@back_office(*BACK_OFFICE_ROLES)
def innovation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    innovations, _form = _filtered(request)
    return export_response(InnovationExporter(innovations), fmt)


@back_office(Role.OPERATOR)
def innovation_create(request: HttpRequest) -> HttpResponse:
    agencies = policies.operator_agencies(request.user).order_by("name")
    agency = agencies.first()
    if len(agencies) > 1:
        chosen = request.POST.get("agency") or request.GET.get("agency")
        agency = agencies.filter(pk=chosen).first() if chosen and chosen.isdigit() else None
        if agency is None:
            return render(
                request, "innovations/innovation_choose_agency.html", {"agencies": agencies}
            )
    if agency is None:
        raise PermissionDenied
    form = InnovationProfileForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            innovation = services.create_innovation(request.user, agency, form.profile_values())
        except services.InvalidProfile as error:
            _form_errors(form, error.errors)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("innovations:detail", innovation.pk)
    return render(
        request,
        "innovations/innovation_form.html",
        {"form": form, "agency": agency, "innovation": None},
    )


def _form_errors(form, errors: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    for field, field_messages in errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)


@back_office(Role.OPERATOR)
def innovation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _visible(request, pk)
    if not policies.can(request.user, Act.EDIT, innovation):
        raise PermissionDenied
    source = None
    initial = None
    if request.method == "GET" and request.GET.get("dari", "").isdigit():
        # Start from an earlier revision (e.g. the refused save of a conflict).
        source = get_object_or_404(innovation.revisions, number=int(request.GET["dari"]))
        initial = _initial_from(source.data)
    form = InnovationProfileForm(
        request.POST or None, instance=innovation, agency=innovation.agency, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("based_on_version") or 0
        try:
            services.save_innovation(
                request.user,
                Innovation.objects.get(pk=innovation.pk),
                form.profile_values(),
                based_on_version=version,
            )
        except services.StaleVersion as stale:
            messages.error(request, stale.message)
            return redirect("innovations:revision", innovation.pk, stale.revision.number)
        except services.InvalidProfile as error:
            _form_errors(form, error.errors)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("innovations:detail", innovation.pk)
    return render(
        request,
        "innovations/innovation_form.html",
        {"form": form, "agency": innovation.agency, "innovation": innovation, "source": source},
    )


def _initial_from(data: dict[str, object]) -> dict[str, object]:
    initial = {name: value for name, value in data.items() if name in history.PROFILE_FIELDS}
    initial.pop("agency", None)
    initial.pop("replicated_from", None)
    return initial


def _reviewer_diff(innovation: Innovation) -> tuple[Revision | None, Revision | None, list]:
    """The latest submission and what changed since the one before it."""
    latest = history.last_submission(innovation)
    if latest is None:
        return None, None, []
    previous = history.last_submission(innovation, before=latest)
    if previous is None:
        return latest, None, []
    return latest, previous, history.diff(previous.data, latest.data)


@back_office(*BACK_OFFICE_ROLES)
def innovation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _visible(request, pk)
    acts = policies.allowed_acts(request.user, innovation)
    today = timezone.localdate()
    problems = submission_errors(innovation, today=today) if Act.SUBMIT in acts else {}
    latest, previous, changes = _reviewer_diff(innovation)
    unsubmitted = []
    if latest is not None and innovation.status in policies.EDITABLE:
        unsubmitted = history.diff(
            {k: v for k, v in latest.data.items() if k != "evidence"}, history.snapshot(innovation)
        )
    evidence = innovation.evidence.select_related("uploaded_by").order_by("-created_at")
    events = innovation.review_events.select_related("actor", "revision").order_by(
        "-created_at", "-pk"
    )
    years = list(innovation.years.order_by("-year"))
    year_form = YearStatusForm(years=list(services.years_to_report(innovation, today)))
    context = {
        "innovation": innovation,
        "acts": acts,
        "badge": STATUS_BADGES.get(innovation.status, ""),
        "waiting_label": policies.waiting_for(innovation),
        "returned": services.latest_return(innovation),
        "problems": [
            (innovation._meta.get_field(f).verbose_name if f != "__all__" else "", m)
            for f, ms in problems.items()
            for m in ms
        ],
        "advice": submission_advice(innovation) if Act.SUBMIT in acts else [],
        "profile": history.display_rows(history.snapshot(innovation)),
        "evidence": evidence,
        "evidence_form": EvidenceForm(),
        "years": years,
        "year_form": year_form,
        "events": events,
        "latest_submission": latest,
        "previous_submission": previous,
        "changes": changes,
        "unsubmitted": unsubmitted,
        "conflicts": innovation.revisions.filter(
            kind=RevisionKind.CONFLICT, author=request.user
        ).order_by("-number")[:3],
        "reason_form": ReasonForm(),
        "withdraw_form": WithdrawForm(),
        "deadline": deadline_for(innovation.programme_year),
        "sections": detail_sections(request, innovation),
        "is_reviewer": bool(acts & {Act.APPROVE, Act.VERIFY, Act.ACCEPT, Act.RETURN}),
    }
    return render(request, "innovations/innovation_detail.html", context)


ACT_SLUGS = {
    "ajukan": Act.SUBMIT,
    "setujui": Act.APPROVE,
    "verifikasi": Act.VERIFY,
    "terima": Act.ACCEPT,
    "kembalikan": Act.RETURN,
    "buka-kembali": Act.REOPEN,
    "tarik": Act.WITHDRAW,
}
DONE_MESSAGES = {
    Act.SUBMIT: gettext_lazy("The innovation has been submitted to the agency head."),
    Act.APPROVE: gettext_lazy("The innovation has been approved."),
    Act.VERIFY: gettext_lazy("The innovation has been verified."),
    Act.ACCEPT: gettext_lazy("The innovation has been accepted."),
    Act.RETURN: gettext_lazy("The innovation has been returned to the operator."),
    Act.REOPEN: gettext_lazy("The innovation has been reopened for correction."),
    Act.WITHDRAW: gettext_lazy("The innovation has been withdrawn."),
}


@back_office(*BACK_OFFICE_ROLES)
def innovation_act(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """One step of the approval chain. Steps that need a reason show a form on GET."""
    act = ACT_SLUGS.get(slug)
    if act is None:
        raise Http404
    innovation = _visible(request, pk)
    if not policies.can(request.user, act, innovation) and request.method == "GET":
        raise PermissionDenied
    needs_reason = act in services.TRANSITIONS_WITH_REASON
    form_class = WithdrawForm if act == Act.WITHDRAW else ReasonForm
    form = form_class(request.POST or None) if needs_reason else None
    if request.method == "POST":
        try:
            if form is not None:
                if not form.is_valid():
                    raise DomainError(
                        _("Write the reason, so that the operator knows what to correct."),
                        field="reason",
                    )
                services.TRANSITIONS_WITH_REASON[act](
                    request.user, innovation, form.cleaned_data["reason"]
                )
            else:
                services.TRANSITIONS[act](request.user, innovation)
        except PermissionDeniedError:
            raise PermissionDenied from None
        except services.InvalidProfile as error:
            messages.error(request, error.message)
            return redirect("innovations:detail", innovation.pk)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message)
                return redirect("innovations:detail", innovation.pk)
            if not form.errors:
                form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, str(DONE_MESSAGES[act]))
            return redirect("innovations:detail", innovation.pk)
    if form is None:
        return redirect("innovations:detail", innovation.pk)
    return render(
        request,
        "innovations/innovation_act.html",
        {"innovation": innovation, "form": form, "act": act, "slug": slug},
    )


@back_office(*BACK_OFFICE_ROLES)
def innovation_history(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _visible(request, pk)
    revisions = innovation.revisions.select_related("author").order_by("-number")
    return render(
        request,
        "innovations/innovation_history.html",
        {"innovation": innovation, "revisions": revisions},
    )


@back_office(*BACK_OFFICE_ROLES)
def revision_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One revision, compared with the current profile or another revision (?dengan=N)."""
    innovation = _visible(request, pk)
    revision = get_object_or_404(innovation.revisions.select_related("author"), number=number)
    other_number = request.GET.get("dengan", "")
    if other_number.isdigit():
        other = get_object_or_404(innovation.revisions, number=int(other_number))
        base_label = _("revision #%(number)s") % {"number": other.number}
        base = other.data
    else:
        other = None
        base_label = _("the current version")
        base = history.snapshot(innovation)
    data = dict(revision.data)
    if "evidence" in data and "evidence" not in base:
        data.pop("evidence")
    return render(
        request,
        "innovations/revision_detail.html",
        {
            "innovation": innovation,
            "revision": revision,
            "other": other,
            "base_label": base_label,
            # What the base has that the revision does not, and the reverse.
            "changes": history.diff(base, data),
            "rows": history.display_rows(revision.data),
            "can_edit": policies.can(request.user, Act.EDIT, innovation),
            "previous_submission": history.last_submission(innovation, before=revision)
            if revision.kind == RevisionKind.SUBMISSION
            else None,
        },
    )


@back_office(*BACK_OFFICE_ROLES)
def innovation_profile_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    return export_response(ProfileExporter(_visible(request, pk)), fmt)


# Evidence


def _evidence_list_context(request: HttpRequest, innovation: Innovation) -> dict[str, object]:
    return {
        "innovation": innovation,
        "evidence": innovation.evidence.select_related("uploaded_by").order_by("-created_at"),
        "acts": policies.allowed_acts(request.user, innovation),
    }


@limited_upload
@back_office(*BACK_OFFICE_ROLES)
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _visible(request, pk)
    if not policies.can(request.user, Act.ADD_EVIDENCE, innovation):
        raise PermissionDenied
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"]:
                services.add_evidence_file(
                    request.user,
                    innovation,
                    data["file"],
                    kind=data["kind"],
                    title=data["title"],
                    is_public=data["is_public"],
                )
            else:
                services.add_evidence_link(
                    request.user,
                    innovation,
                    url=data["url"],
                    kind=data["kind"],
                    title=data["title"],
                    is_public=data["is_public"],
                )
        except services.InvalidProfile as error:
            _form_errors(form, error.errors)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if request.htmx:  # type: ignore[attr-defined]
                context = _evidence_list_context(request, innovation)
                context["evidence_form"] = EvidenceForm()
                context["added"] = True
                return render(request, "innovations/_evidence.html", context)
            messages.success(request, _("The evidence has been added."))
            return redirect(f"{innovation_url(innovation)}#bukti")
    if request.htmx and request.method == "POST":  # type: ignore[attr-defined]
        context = _evidence_list_context(request, innovation)
        context["evidence_form"] = form
        return render(request, "innovations/_evidence.html", context)
    return render(
        request, "innovations/evidence_form.html", {"innovation": innovation, "form": form}
    )


def innovation_url(innovation: Innovation) -> str:
    return reverse("innovations:detail", args=[innovation.pk])


@require_POST
@back_office(*BACK_OFFICE_ROLES)
def evidence_delete(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    innovation = _visible(request, pk)
    evidence = get_object_or_404(innovation.evidence, pk=evidence_pk)
    try:
        services.remove_evidence(request.user, evidence)
    except PermissionDeniedError:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The evidence has been removed."))
    return redirect(f"{innovation_url(innovation)}#bukti")


def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve an evidence file: public evidence of accepted innovations to anyone, the rest only
    to those who may see the innovation. Never from a public media URL."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("innovation__agency__region").exclude(file=""), pk=pk
    )
    if not services.can_download(request.user, evidence):
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = evidence.content_type in ("application/pdf", "image/jpeg", "image/png", "image/webp")
    response = FileResponse(
        handle,
        content_type=evidence.content_type or "application/octet-stream",
        as_attachment=not inline,
        filename=evidence.original_name or f"bukti-{evidence.pk}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        "public, max-age=3600"
        if evidence.is_public and evidence.innovation.status == Status.ACCEPTED
        else "private, no-store"
    )
    return response


# Yearly status


@require_POST
@back_office(*BACK_OFFICE_ROLES)
def year_status(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _visible(request, pk)
    if not policies.can(request.user, Act.RECORD_YEAR, innovation):
        raise PermissionDenied
    form = YearStatusForm(request.POST, years=list(services.years_to_report(innovation)))
    if form.is_valid():
        try:
            services.record_year_status(request.user, innovation, **form.cleaned_data)
        except services.InvalidProfile as error:
            _form_errors(form, error.errors)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The yearly status has been recorded."))
            return redirect(f"{innovation_url(innovation)}#status-tahunan")
    return render(
        request, "innovations/year_status_form.html", {"innovation": innovation, "form": form}
    )


# Bulk import (secretariat)


def _import_jobs(request: HttpRequest):  # type: ignore[no-untyped-def]
    imports.fail_stale_imports()
    jobs = ImportJob.objects.all()
    if not get_access(request.user).is_superuser:
        jobs = jobs.filter(created_by=request.user)
    return jobs


@limited_upload
@back_office(Role.SECRETARIAT)
def import_start(request: HttpRequest) -> HttpResponse:
    from .columns import COLUMNS

    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.start_import(request.user, form.cleaned_data["file"])
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("innovations:import_job", job.pk)
    return render(
        request,
        "innovations/import_start.html",
        {"form": form, "columns": COLUMNS, "jobs": _import_jobs(request)[:10]},
    )


@back_office(Role.SECRETARIAT)
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(
            build_template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="templat-impor-inovasi.xlsx"'
        return response
    if fmt == "csv":
        return export_response(ImportTemplateExporter(), "csv")
    raise Http404


@back_office(Role.SECRETARIAT)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(_import_jobs(request), pk=pk)
    template = (
        "innovations/_import_progress.html"
        if request.htmx  # type: ignore[attr-defined]
        else "innovations/import_job.html"
    )
    return render(request, template, {"job": job})
