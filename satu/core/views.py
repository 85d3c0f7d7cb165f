from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from satu.accounts.access import get_access
from satu.agencies.models import Agency
from satu.api.problems import problem_response
from satu.regions.models import Region

from .decorators import back_office
from .home import home_sections
from .middleware import API_PREFIX
from .pagecache import public_page


@public_page()
def home(request: HttpRequest) -> HttpResponse:
    """The programme at a glance."""
    province = Region.objects.filter(code=settings.SATU_HOME_REGION_CODE).first()
    counts = {}
    if province is not None:
        counts = (
            Agency.objects.active()
            .in_region(province)
            .aggregate(
                total=Count("pk"),
                provincial=Count("pk", filter=Q(region=province)),
                hospitals=Count("pk", filter=Q(type__in=["rsud", "rsjd", "rumah_sakit"])),
            )
        )
        counts["regions"] = province.children.count()
    return render(
        request,
        "core/home.html",
        {
            "province": province,
            "counts": counts,
            "sections": home_sections(request, province),
            "canonical_url": f"{settings.SATU_BASE_URL}/",
        },
    )


@back_office()
def dashboard(request: HttpRequest) -> HttpResponse:
    access = get_access(request.user)
    memberships = request.user.memberships.select_related("agency", "region")  # type: ignore[union-attr]
    return render(request, "core/dashboard.html", {"access": access, "memberships": memberships})


def _error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = _error_page(
        request,
        429,
        _("Too many requests"),
        _("You have sent too many requests in a short time. Please wait a minute and try again."),
    )
    response["Retry-After"] = "60"
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        403,
        _("Access denied"),
        _(
            "Your account does not have access to this page. "
            "If you think it should, contact the programme secretariat."
        ),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("The page you are looking for does not exist or is not available to you."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    title = _("Something went wrong")
    message = _(
        "An error occurred on our side. Nothing you entered has been saved halfway; "
        "please try again in a moment."
    )
    if request.path.startswith(API_PREFIX):
        # API clients read problem details (RFC 9457) for every error, this one too.
        return problem_response(500, title, message)
    return _error_page(request, 500, title, message)


def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the interface language with a plain link (a preference, not a state change:
    no form, so public pages carry no CSRF token and can be cached for every visitor)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=False,
    )
    response["Cache-Control"] = "no-store"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and the benchmark's floor: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /kelola/",
        "Disallow: /admin/",
        "Disallow: /akun/",
        "Disallow: /bahasa/",
        "Disallow: /komentar/",
        "",
        f"Sitemap: {settings.SATU_BASE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
