"""The public survey: a list of open surveys and the questionnaire, for citizens on any phone.

Nothing here remembers who answered: the form needs no session and no CSRF token (there is
no signed-in state to forge), and the language comes from ``?lang=`` or the browser. Abuse is
held back by a rate limit per address per hour (a counter in the cache), limits per address
and per device for the whole period (keyed hashes, see ``services.submit_response``), burst
flagging for the unit to review, a honeypot field and, where the unit wants it, one-time
receipt codes. The one cookie, set by the form, is a random device id with no other content.
"""

import re
import secrets
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from satu.core.errors import DomainError
from satu.core.net import client_ip
from satu.regions.models import Region

from ..elements import STANDARD_KEYS
from ..forms import ResponseForm
from ..models import SurveyPeriod, normalise_code
from ..services import Answers, submit_response

LANGUAGES = ("id", "en")
DEVICE_COOKIE = "skm_perangkat"
DEVICE_PATTERN = re.compile(r"[0-9a-f]{32}")
DEVICE_COOKIE_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie


def _device(request: HttpRequest) -> str:
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    return value if DEVICE_PATTERN.fullmatch(value) else ""


def _give_device(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Give the browser a random device id, so that it can be limited per period."""
    if not _device(request):
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_hex(16),
            max_age=DEVICE_COOKIE_AGE,
            path="/survei/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def _rate_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def _rate(group: str, request: HttpRequest) -> str:
    return settings.SATU_SURVEY_RATE_LIMIT


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "")
    return language if language in LANGUAGES else translation.get_language() or "id"


def in_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer in the language of ``?lang=`` without a cookie; links keep the parameter."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        language = _language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
            response["Content-Language"] = language
            return response

    return wrapper


def _lang_query(request: HttpRequest) -> str:
    language = request.GET.get("lang", "")
    return f"?lang={language}" if language in LANGUAGES else ""


@in_language
def survey_list(request: HttpRequest) -> HttpResponse:
    """Open surveys of the home province, to find one's service unit."""
    province = Region.objects.filter(code=settings.SATU_HOME_REGION_CODE).first()
    today = timezone.localdate()
    periods = (
        SurveyPeriod.objects.open_on(today)
        .filter(unit__agency__region__in=Region.objects.with_children(province).values("pk"))
        .select_related("unit__agency__region")
        .order_by("unit__agency__region__code", "unit__agency__name", "unit__name", "pk")
    )
    regions = Region.objects.filter(parent=province).order_by("code") if province else []
    q = request.GET.get("q", "").strip()[:100]
    region_code = request.GET.get("wilayah", "")
    if q:
        for word in q.split():
            periods = periods.filter(
                Q(unit__name__icontains=word) | Q(unit__agency__name__icontains=word)
            )
    if region_code and province:
        if region_code == province.code:
            periods = periods.filter(unit__agency__region=province)
        else:
            periods = periods.filter(unit__agency__region__code=region_code)
    page = Paginator(periods, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/public/list.html",
        {
            "page_obj": page,
            "province": province,
            "regions": regions,
            "q": q,
            "region_code": region_code,
            "lang_query": _lang_query(request),
        },
    )


def _unavailable(request: HttpRequest, period: SurveyPeriod | None, status: int) -> HttpResponse:
    return render(
        request,
        "surveys/public/unavailable.html",
        {"period": period, "today": timezone.localdate(), "lang_query": _lang_query(request)},
        status=status,
    )


def _find_period(code: str) -> SurveyPeriod | None:
    return (
        SurveyPeriod.objects.select_related("unit__agency__region")
        .filter(code=normalise_code(code))
        .first()
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key=_rate_key, rate=_rate, method="POST", block=False)
@in_language
def survey_form(request: HttpRequest, code: str) -> HttpResponse:
    period = _find_period(code)
    if period is None:
        return _unavailable(request, None, 404)
    today = timezone.localdate()
    if not period.accepts_answers_on(today):
        not_yet = period.start_date > today and not period.is_closed
        return _unavailable(request, period, 200 if not_yet else 410)
    if request.method == "POST" and getattr(request, "limited", False):
        return _limited(request, period)
    extras = list(period.extra_elements.all())
    language = translation.get_language() or "id"
    initial = {"token": request.GET.get("t", "")[:20]}
    form = ResponseForm(
        request.POST or None, period=period, extras=extras, language=language, initial=initial
    )
    if request.method == "POST":
        if form.is_spam:
            # Answer as if it worked: a bot learns nothing, and nothing is stored.
            return redirect(_thanks_url(period, request))
        if form.is_valid():
            data = form.cleaned_data
            answers = Answers(
                standard={key: data[key] for key in STANDARD_KEYS},
                extra={element.pk: data[element.key] for element in extras},
                profile={f: data[f] for f, _c in period.profile_questions if data.get(f)},
                service=data.get("service", ""),
                suggestion=data.get("suggestion", ""),
            )
            try:
                submit_response(
                    period,
                    answers,
                    token=data.get("token", ""),
                    address=client_ip(request),
                    device=_device(request),
                )
            except DomainError as error:
                if error.code == "rate_limited":
                    return _limited(request, period, error.message)
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                return redirect(_thanks_url(period, request))
    response = render(
        request,
        "surveys/public/form.html",
        {"period": period, "form": form, "lang_query": _lang_query(request)},
        status=400 if form.errors else 200,
    )
    return _give_device(request, response)


def _limited(request: HttpRequest, period: SurveyPeriod, message: str = "") -> HttpResponse:
    limited = render(
        request,
        "surveys/public/limited.html",
        {"period": period, "lang_query": _lang_query(request), "message": message},
        status=429,
    )
    limited["Retry-After"] = "600"
    return limited


def _thanks_url(period: SurveyPeriod, request: HttpRequest) -> str:
    return reverse("surveys:thanks", args=[period.code]) + _lang_query(request)


@in_language
def survey_thanks(request: HttpRequest, code: str) -> HttpResponse:
    period = _find_period(code)
    if period is None:
        return _unavailable(request, None, 404)
    return render(
        request,
        "surveys/public/thanks.html",
        {"period": period, "lang_query": _lang_query(request)},
    )
