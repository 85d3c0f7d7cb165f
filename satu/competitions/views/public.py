"""Public pages: competitions, their timeline, the shortlist in the objection period, winners.

Nothing internal is shown here, before or after the announcement: no juror's score, no round
details, no screening notes, no objector's identity.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from satu.core.errors import DomainError
from satu.core.net import client_ip
from satu.core.pagecache import public_page

from .. import services
from ..forms import ObjectionForm
from ..models import Competition, Entry, Stage
from ..services.certificates import display_code
from ..services.rounds import bucket_label


@public_page()
def competition_list(request: HttpRequest) -> HttpResponse:
    competitions = Competition.objects.public().select_related("region").order_by("-year", "name")
    return render(request, "competitions/public_list.html", {"competitions": competitions})


def public_results(competition: Competition) -> list[tuple[str, list[Entry]]]:
    """Winners and finalists by group and category, after the announcement only."""
    if not competition.is_announced:
        return []
    entries = (
        Entry.objects.filter(competition=competition)
        .shortlisted()
        .filter(rank__isnull=False)
        .select_related("innovation", "agency__region", "category")
        .order_by("group", "category__order", "rank")
    )
    buckets: dict[str, list[Entry]] = {}
    for entry in entries:
        buckets.setdefault(bucket_label(entry), []).append(entry)
    return list(buckets.items())


@public_page()
def competition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    competition = get_object_or_404(Competition.objects.public().select_related("region"), pk=pk)
    shortlist = []
    if competition.stage == Stage.OBJECTION:
        shortlist = list(
            Entry.objects.filter(competition=competition)
            .shortlisted()
            .select_related("innovation", "agency__region", "category")
            .order_by("innovation__name")
        )
    return render(
        request,
        "competitions/public_detail.html",
        {
            "competition": competition,
            "timeline": competition.timeline.all(),
            "categories": competition.categories.all(),
            "shortlist": shortlist,
            "objection_open": competition.objection_open(timezone.now()),
            "results": public_results(competition),
        },
    )


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
def objection_form(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    competition = get_object_or_404(Competition.objects.public(), pk=pk)
    if not competition.objection_open(timezone.now()):
        raise Http404
    entry = get_object_or_404(
        Entry.objects.filter(competition=competition)
        .shortlisted()
        .select_related("innovation", "agency"),
        pk=entry_pk,
    )
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_objection(
                entry,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                text=form.cleaned_data["text"],
                address=client_ip(request),
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Your objection has been received. The secretariat will email you its decision."),
            )
            return redirect("competitions:public_detail", competition.pk)
    return render(
        request,
        "competitions/objection_form.html",
        {"competition": competition, "entry": entry, "form": form},
    )


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    result = services.verify_code(code)
    return render(
        request,
        "competitions/certificate_verify.html",
        {
            "genuine": result.genuine,
            "certificate": result.certificate,
            "code": display_code(result.certificate.code) if result.certificate else code[:60],
        },
        status=200 if result.genuine else 404,
    )
