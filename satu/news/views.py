"""News: the public list and articles, their photos, and the secretariat's editing pages."""

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from satu.accounts.models import Role
from satu.catalog.public import absolute_url, ld_json, share_context
from satu.catalog.readcounts import read_count, record_view, with_reads
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.pagecache import public_page

from . import policies, services
from .forms import ArticleForm
from .models import Article, Category
from .richtext import plain_text, sanitize

PAGE_SIZE = 10


@public_page()
def article_list(request: HttpRequest) -> HttpResponse:
    categories = list(Category.objects.all())
    chosen = next((c for c in categories if c.slug == request.GET.get("kategori")), None)
    articles = Article.objects.published().select_related("category")
    if chosen is not None:
        articles = articles.filter(category=chosen)
    page = Paginator(with_reads(articles, "article"), PAGE_SIZE).get_page(request.GET.get("page"))
    path = reverse("news:list")
    if chosen is not None:
        path += f"?kategori={chosen.slug}"
    return render(
        request,
        "news/article_list.html",
        {
            "page_obj": page,
            "categories": categories,
            "chosen": chosen,
            "canonical_url": absolute_url(path),
        },
    )


def _count_cached_view(request: HttpRequest, pk: int, slug: str = "") -> None:
    record_view(request, "article", pk)


def _article_page(pk: int, slug: str = "") -> tuple[str, int]:
    return ("news.article", pk)


@public_page(on_hit=_count_cached_view, page_object=_article_page)
def article_detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    article = get_object_or_404(
        policies.visible_articles(request.user).select_related("category", "author"), pk=pk
    )
    if slug != article.slug:
        return redirect(article, permanent=True)
    if article.is_public:
        record_view(request, "article", article.pk)
    from satu.comments.views import thread_context

    path = article.get_absolute_url()
    description = article.summary or plain_text(article.body)[:300]
    structured = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "url": absolute_url(path),
        "inLanguage": "id",
        "articleSection": article.category.name,
        "publisher": {"@type": "GovernmentOrganization", "name": settings.SATU_SITE_NAME},
    }
    if article.photo:
        structured["image"] = absolute_url(reverse("news:photo", args=[article.pk]))
    context = {
        "article": article,
        "body": sanitize(article.body),  # sanitised again on output
        "reads": read_count("article", article.pk),
        "description": description,
        "canonical_url": absolute_url(path),
        "structured_data": ld_json(structured),
        "og_image": structured.get("image"),
        "related": Article.objects.published()
        .filter(category=article.category)
        .exclude(pk=article.pk)[:3],
        **share_context(path, article.title),
        **(thread_context(request, article) if article.is_public else {}),
    }
    return render(request, "news/article_detail.html", context)


@cache_control(max_age=86400, public=True)
def article_photo(request: HttpRequest, pk: int, size: str = "large") -> FileResponse:
    """An article's photo, only when the visitor may see the article."""
    article = get_object_or_404(policies.visible_articles(request.user), pk=pk)
    field = article.photo_small if size == "small" else article.photo
    if not field or not default_storage.exists(field.name):
        raise Http404
    return FileResponse(default_storage.open(field.name, "rb"), content_type="image/jpeg")


# Back office


@back_office(Role.SECRETARIAT)
def manage_list(request: HttpRequest) -> HttpResponse:
    articles = policies.manageable_articles(request.user).select_related("category")
    page = Paginator(with_reads(articles, "article"), 25).get_page(request.GET.get("page"))
    return render(request, "news/manage_list.html", {"page_obj": page})


def _edit(request: HttpRequest, article: Article) -> HttpResponse:
    form = ArticleForm(request.POST or None, request.FILES or None, instance=article)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_article(
                request.user,
                form.instance,
                photo=form.cleaned_data.get("photo_upload"),
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
        except DomainError as error:
            field = "photo_upload" if error.field == "photo" else error.field
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(request, _("The article has been saved."))
            return redirect("news:manage_list")
    return render(request, "news/manage_form.html", {"form": form, "article": article})


@back_office(Role.SECRETARIAT)
def manage_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, Article())


@back_office(Role.SECRETARIAT)
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(policies.manageable_articles(request.user), pk=pk))


@require_POST
@back_office(Role.SECRETARIAT)
def manage_delete(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(policies.manageable_articles(request.user), pk=pk)
    services.delete_article(request.user, article)
    messages.success(request, _("The article has been deleted."))
    return redirect("news:manage_list")
