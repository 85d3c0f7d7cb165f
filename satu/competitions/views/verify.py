"""The field verifier's pages: made for a phone, large targets, work without JavaScript."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.accounts.models import Role
from satu.core.decorators import back_office
from satu.core.errors import DomainError

from .. import policies, services
from ..forms import VerificationForm
from ..models import FieldVerification, Round, RoundKind, VerificationPhoto


def _field_round(request: HttpRequest, competition_pk: int) -> Round:
    return get_object_or_404(
        Round.objects.filter(
            competition__in=policies.verifiable_competitions(request.user), kind=RoundKind.FIELD
        ).select_related("competition"),
        competition_id=competition_pk,
    )


@back_office(Role.FIELD_VERIFIER, Role.SECRETARIAT)
def verification_list(request: HttpRequest, pk: int) -> HttpResponse:
    round = _field_round(request, pk)
    done = {
        v.entry_id: v
        for v in FieldVerification.objects.filter(round=round).select_related("verifier")
    }
    entries = services.entries_for_round(round).select_related("innovation", "agency__region")
    return render(
        request,
        "competitions/verification_list.html",
        {
            "competition": round.competition,
            "round": round,
            "rows": [(entry, done.get(entry.pk)) for entry in entries],
        },
    )


@back_office(Role.FIELD_VERIFIER, Role.SECRETARIAT)
def verification_form(request: HttpRequest, round_pk: int, entry_pk: int) -> HttpResponse:
    round = get_object_or_404(
        Round.objects.filter(
            competition__in=policies.verifiable_competitions(request.user), kind=RoundKind.FIELD
        ).select_related("competition"),
        pk=round_pk,
    )
    entry = get_object_or_404(
        services.entries_for_round(round).select_related("innovation", "agency__region"),
        pk=entry_pk,
    )
    existing = FieldVerification.objects.filter(round=round, entry=entry).first()
    items = list(round.competition.checklist_items.values_list("text", flat=True))
    initial: dict[str, object] = {"visited_on": timezone.localdate()}
    if existing:
        initial.update(
            {
                "visited_on": existing.visited_on,
                "notes": existing.notes,
                "score": existing.score,
                "latitude": existing.latitude,
                "longitude": existing.longitude,
                "location_source": existing.location_source,
            }
        )
        answers = {item["item"]: item["confirmed"] for item in existing.checklist}
        for index, text in enumerate(items):
            if text in answers:
                initial[f"item_{index}"] = "yes" if answers[text] else "no"
    form = VerificationForm(
        request.POST or None, request.FILES or None, items=items, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_verification(
                request.user,
                round,
                entry,
                visited_on=data["visited_on"],
                checklist=form.checklist(),
                score=data["score"],
                notes=data["notes"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                location_source=data["location_source"]
                or ("typed" if data["latitude"] is not None else ""),
                photos=data["photos"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The verification has been saved."))
            return redirect("competitions:verifications", round.competition_id)
    return render(
        request,
        "competitions/verification_form.html",
        {
            "competition": round.competition,
            "round": round,
            "entry": entry,
            "form": form,
            "existing": existing,
        },
    )


@back_office(Role.FIELD_VERIFIER, Role.SECRETARIAT)
def photo(request: HttpRequest, pk: int) -> FileResponse:
    photo = get_object_or_404(
        VerificationPhoto.objects.filter(
            verification__round__competition__in=policies.verifiable_competitions(request.user)
        ),
        pk=pk,
    )
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response
