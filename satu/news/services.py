"""Writing, publishing and removing news articles."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import PermissionDeniedError

from . import policies
from .models import Article, ArticleStatus
from .photos import process_photo


def _check(actor: object) -> None:
    if not policies.can_manage_news(actor):
        raise PermissionDeniedError(_("Only the programme secretariat writes news."))


def _delete_files(*names: str) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            transaction.on_commit(lambda name=name: default_storage.delete(name))


@transaction.atomic
def save_article(
    actor: object,
    article: Article,
    *,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
) -> Article:
    """Create or update an article (its text is sanitised on save); replace its photo."""
    _check(actor)
    was_published = (
        Article.objects.filter(pk=article.pk, status=ArticleStatus.PUBLISHED).exists()
        if article.pk
        else False
    )
    article.slug = slugify(article.title)[:200] or "berita"
    if article.author_id is None and getattr(actor, "pk", None):
        article.author = actor  # type: ignore[assignment]
    old_files = (article.photo.name, article.photo_small.name)
    if photo is not None:
        processed = process_photo(photo)
        article.photo.save(processed.large.name, processed.large, save=False)
        article.photo_small.save(processed.small.name, processed.small, save=False)
        article.photo_width, article.photo_height = processed.width, processed.height
        _delete_files(*old_files)
    elif remove_photo:
        article.photo = article.photo_small = ""  # type: ignore[assignment]
        article.photo_width = article.photo_height = 0
        _delete_files(*old_files)
    article.full_clean()
    article.save()
    if article.status == ArticleStatus.PUBLISHED and not was_published:
        record("article.publish", article, {"published_at": article.published_at})
    return article


@transaction.atomic
def delete_article(actor: object, article: Article) -> None:
    _check(actor)
    _delete_files(article.photo.name, article.photo_small.name)
    article.delete()
