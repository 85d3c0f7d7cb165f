"""Comment threads on public pages, ratings, reports, and the moderation queue."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, Model, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satu.accounts.models import Role
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.ratelimits import public_write
from satu.innovations.models import Innovation
from satu.news.models import Article

from . import policies, services
from .forms import CommentForm, HideForm, RatingForm, ReportForm
from .models import Comment, Rating, Report, _target_field

THREAD_PAGE_SIZE = 10
PAGE_PARAM = "komentar"
DRAFT_KEY = "comment_draft"


def target_url(target: Model) -> str:
    if isinstance(target, Innovation):
        return reverse("catalog:detail", args=[target.pk])
    return target.get_absolute_url()  # type: ignore[attr-defined]


def _public_target(kind: str, pk: int) -> Model:
    if kind == "inovasi":
        return get_object_or_404(Innovation.objects.public(), pk=pk)
    if kind == "berita":
        return get_object_or_404(Article.objects.published(), pk=pk)
    raise ValueError(kind)


def _kind(target: Model) -> str:
    return "inovasi" if isinstance(target, Innovation) else "berita"


def _login_url(next_url: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': next_url})}"


def rating_summary(innovation: Innovation) -> dict[str, object]:
    summary = Rating.objects.filter(innovation=innovation).aggregate(
        average=Avg("stars"), count=Count("pk")
    )
    average = summary["average"]
    return {"average": round(float(average), 1) if average else None, "count": summary["count"]}


def thread_context(request: HttpRequest, target: Model) -> dict[str, object]:
    """What a public page needs to show its comments (and ratings, for an innovation)."""
    field = _target_field(target)
    visible = Comment.objects.visible().filter(**{field: target})
    replies = Prefetch(
        "replies",
        queryset=Comment.objects.visible().select_related("author").order_by("created_at", "pk"),
        to_attr="visible_replies",
    )
    top_level = (
        visible.filter(parent=None)
        .select_related("author")
        .prefetch_related(replies)
        .order_by("-created_at", "-pk")
    )
    page = Paginator(top_level, THREAD_PAGE_SIZE).get_page(request.GET.get(PAGE_PARAM))
    url = target_url(target)
    draft = request.session.pop(DRAFT_KEY, None) if hasattr(request, "session") else None
    initial = {}
    if draft and draft.get("target") == f"{_kind(target)}:{target.pk}":
        initial = {"body": draft.get("body", ""), "parent": draft.get("parent")}
    context: dict[str, object] = {
        "target_kind": _kind(target),
        "target": target,
        "comments_page": page,
        "comment_count": visible.count(),
        "comment_page_param": PAGE_PARAM,
        "comment_form": CommentForm(initial=initial),
        "can_take_part": policies.can_take_part(request.user),
        "comment_post_url": reverse("comments:post", args=[_kind(target), target.pk]),
        "login_url": _login_url(url + "#komentar"),
        "register_url": reverse("accounts:register"),
    }
    if isinstance(target, Innovation):
        context["rating_summary"] = rating_summary(target)
        mine = None
        if policies.can_take_part(request.user):
            mine = (
                Rating.objects.filter(innovation=target, user=request.user)
                .values_list("stars", flat=True)
                .first()
            )
        context["my_rating"] = mine
        context["rating_form"] = RatingForm(initial={"stars": mine} if mine else None)
        context["rating_post_url"] = reverse("comments:rate", args=[target.pk])
    return context


@require_POST
@public_write()  # per account: the service allows SATU_COMMENTS_PER_MINUTE
def post_comment(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target = _public_target(kind, pk)
    url = target_url(target)
    if not request.user.is_authenticated:
        return redirect(_login_url(url + "#komentar"))
    form = CommentForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_with_draft(request, target, url)
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.visible().of(target).filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            messages.error(request, _("The comment you reply to is no longer available."))
            return _back_with_draft(request, target, url)
    try:
        comment = services.post_comment(request.user, target, form.cleaned_data["body"], parent)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
        return _back_with_draft(request, target, url)
    messages.success(request, _("Thank you, your comment has been published."))
    return HttpResponseRedirect(f"{url}#komentar-{comment.pk}")


def _back_with_draft(request: HttpRequest, target: Model, url: str) -> HttpResponse:
    request.session[DRAFT_KEY] = {
        "target": f"{_kind(target)}:{target.pk}",
        "body": request.POST.get("body", "")[:2000],
        "parent": request.POST.get("parent") or None,
    }
    return HttpResponseRedirect(f"{url}#tulis-komentar")


@require_POST
@public_write("SATU_RATING_RATE_LIMIT")
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = get_object_or_404(Innovation.objects.public(), pk=pk)
    url = target_url(innovation)
    if not request.user.is_authenticated:
        return redirect(_login_url(url + "#penilaian"))
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose from 1 to 5 stars."))
    else:
        try:
            services.rate_innovation(request.user, innovation, form.cleaned_data["stars"])  # type: ignore[arg-type]
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you, your rating has been saved."))
    return HttpResponseRedirect(f"{url}#penilaian")


@login_required
@public_write("SATU_REPORT_RATE_LIMIT")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.visible().select_related("innovation", "article", "author"), pk=pk
    )
    target = comment.target
    if not policies.is_open_for_comments(target):
        return render(request, "core/error.html", {"title": _("Page not found")}, status=404)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_comment(
                request.user,  # type: ignore[arg-type]
                comment,
                form.cleaned_data["reason"],
                form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.info(request, error.message)
        else:
            messages.success(request, _("Thank you. The secretariat will look at this comment."))
        return HttpResponseRedirect(f"{target_url(target)}#komentar-{comment.pk}")
    return render(
        request,
        "comments/report.html",
        {"comment": comment, "form": form, "back_url": target_url(target)},
    )


# Moderation

QUEUES = {
    "dilaporkan": "reported",
    "terbaru": "recent",
    "disembunyikan": "hidden",
}


@back_office(Role.SECRETARIAT)
def moderation_queue(request: HttpRequest) -> HttpResponse:
    queue = request.GET.get("tampil", "dilaporkan")
    if queue not in QUEUES:
        queue = "dilaporkan"
    open_reports = Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
    comments = Comment.objects.select_related("author", "innovation", "article", "hidden_by")
    comments = comments.annotate(has_open_reports=Exists(open_reports))
    if queue == "dilaporkan":
        comments = comments.filter(has_open_reports=True).order_by("created_at", "pk")
    elif queue == "disembunyikan":
        comments = comments.filter(is_hidden=True).order_by("-hidden_at", "-pk")
    else:
        comments = comments.order_by("-created_at", "-pk")
    comments = comments.prefetch_related(
        Prefetch(
            "reports",
            queryset=Report.objects.filter(resolved_at__isnull=True).order_by("created_at"),
            to_attr="open_reports",
        )
    )
    page = Paginator(comments, 20).get_page(request.GET.get("page"))
    counts = {
        "dilaporkan": Comment.objects.filter(
            Exists(Report.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True))
        ).count(),
    }
    return render(
        request,
        "comments/moderation.html",
        {
            "page_obj": page,
            "queue": queue,
            "counts": counts,
            "hide_form": HideForm(),
            "target_url": target_url,
        },
    )


def _moderated(request: HttpRequest, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("innovation", "article"), pk=pk)


def _back_to_queue(request: HttpRequest) -> HttpResponse:
    queue = request.POST.get("tampil", "dilaporkan")
    return redirect(f"{reverse('comments:moderation')}?{urlencode({'tampil': queue})}")


@require_POST
@back_office(Role.SECRETARIAT)
def moderation_hide(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _moderated(request, pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the comment is hidden."))
        return _back_to_queue(request)
    services.hide_comment(request.user, comment, form.cleaned_data["reason"])  # type: ignore[arg-type]
    messages.success(request, _("The comment has been hidden."))
    return _back_to_queue(request)


@require_POST
@back_office(Role.SECRETARIAT)
def moderation_restore(request: HttpRequest, pk: int) -> HttpResponse:
    services.restore_comment(request.user, _moderated(request, pk))  # type: ignore[arg-type]
    return _done(request, _("The comment is shown again."))


@require_POST
@back_office(Role.SECRETARIAT)
def moderation_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    services.dismiss_reports(request.user, _moderated(request, pk))  # type: ignore[arg-type]
    return _done(request, _("The reports have been dismissed; the comment stays."))


def _done(request: HttpRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return _back_to_queue(request)
