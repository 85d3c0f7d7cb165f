"""A cache of whole public pages for anonymous visitors, invalidated on every content change.

Public pages are the same for every anonymous visitor of a language: no CSRF token (the
language switch is a plain link), no personal data. A cached copy is keyed by a *content
version* kept in the shared cache; saving or deleting any public content (innovations,
evidence, comments, news, competitions, compliance settings, agencies…) draws a new version,
so no visitor ever sees a page older than the last change for longer than a request. The
short timeout only bounds what the signals cannot see: bulk loads, and read counts, whose
flush leaves the cache in place (a cached "dibaca N kali" is at most that timeout old).

Some content shows on one page only: a comment or a rating appears on the page of its
innovation or article and nowhere else. Such models are registered with ``register_local``;
a change to one of them draws a new *object version* of the page it belongs to, a second
part of that page's cache key, and leaves the rest of the cache alone. Otherwise anyone
allowed to rate could empty the whole cache by rating again every few seconds.

Signed-in visitors, htmx requests and anything but GET/HEAD always get a fresh page.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "satu:pagecache:version"
OBJECT_VERSION_KEY = "satu:pagecache:object:{label}:{pk}"
PENDING_ATTRIBUTE = "satu_page_version_callback"
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")

# Apps whose data appears on public pages, and models of theirs that never do (or change on
# every request, so that invalidating on them would make the cache useless).
PUBLIC_APPS = {
    "agencies",
    "regions",
    "urusan",
    "innovations",
    "catalog",
    "comments",
    "news",
    "competitions",
    "compliance",
    "national",
    "surveys",
}
IGNORED_MODELS = {
    "catalog.readseen",
    "catalog.readflush",
    "catalog.readcount",
    "catalog.searchdocument",  # follows the innovation, whose own change draws the version
    "catalog.searchterm",
    "surveys.surveyresponse",
    "surveys.answersource",
    "surveys.responseimport",
    "surveys.extraanswer",
    "surveys.receipttoken",
    "surveys.entrybatch",
    "innovations.revision",
    "innovations.importjob",
    "comments.report",
    # Derived tables, rewritten after the change that already drew a version (or, for the
    # related lists, by a task moments later: a cached page may show the previous neighbours
    # until it expires).
    "catalog.facetcount",
    "catalog.relatedlist",
    "catalog.relatedinnovation",
    "catalog.relatedroot",
    "compliance.agencystatus",
    "surveys.periodtally",
}

# Models shown on one page only: label -> the (model label, pk) of that page's object.
LOCAL_MODELS: dict[str, Callable[[Any], tuple[str, object] | None]] = {}
PageObject = tuple[str, object]


def register_local(model: type[Model], page_object: Callable[[Any], PageObject | None]) -> None:
    """Changes to ``model`` refresh only the page of ``page_object(instance)``."""
    LOCAL_MODELS[model._meta.label_lower] = page_object


def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or "0"
    return version


def bump_version(**_kwargs: object) -> None:
    """Draw a new content version: every cached page becomes unreachable at once."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _object_key(label: str, pk: object) -> str:
    return OBJECT_VERSION_KEY.format(label=label, pk=pk)


def object_version(label: str, pk: object) -> str:
    key = _object_key(label, pk)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key) or "0"
    return version


def bump_object_version(label: str, pk: object) -> None:
    """Draw a new version of one object's page: only that page's cached copies go stale."""
    cache.set(_object_key(label, pk), uuid.uuid4().hex, None)


def _on_local_change(page_object: PageObject | None) -> None:
    if page_object is None:
        return
    # After the commit, so that the next visitor cannot cache the page as it was before.
    transaction.on_commit(partial(bump_object_version, *page_object))


def _on_change(sender: type, **kwargs: object) -> None:
    label = sender._meta.label_lower  # type: ignore[attr-defined]
    if kwargs.get("raw") or label in IGNORED_MODELS:
        return
    if label in LOCAL_MODELS:
        _on_local_change(LOCAL_MODELS[label](kwargs["instance"]))
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_version()
        return
    # Once per transaction, when it commits: an import of thousands of rows draws one version,
    # and a rolled-back change (its callback discarded with it) draws none.
    waiting = getattr(connection, PENDING_ATTRIBUTE, None)
    if waiting is not None and any(
        callback is waiting for _ids, callback, _robust in connection.run_on_commit
    ):
        return

    def bump_after_commit() -> None:
        setattr(connection, PENDING_ATTRIBUTE, None)
        bump_version()

    setattr(connection, PENDING_ATTRIBUTE, bump_after_commit)
    transaction.on_commit(bump_after_commit)


def connect_signals() -> None:
    for app_label in PUBLIC_APPS:
        if not apps.is_installed(f"satu.{app_label}"):
            continue
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower in IGNORED_MODELS:
                # Not even connected: a receiver, even one that returns at once, keeps Django
                # from deleting rows in bulk (it loads each row to send the signal).
                continue
            uid = f"satu-pagecache-{model._meta.label_lower}"
            post_save.connect(_on_change, sender=model, dispatch_uid=uid)
            post_delete.connect(_on_change, sender=model, dispatch_uid=uid)


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.SATU_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.headers.get("HX-Request")
    )


def public_page(
    on_hit: Callable[..., object] | None = None,
    page_object: Callable[..., PageObject] | None = None,
) -> Callable:
    """Serve the view from the page cache for anonymous visitors.

    ``on_hit(request, *args, **kwargs)`` runs when the page comes from the cache, for what the
    view would have done besides rendering (counting a page view). ``page_object(*args,
    **kwargs)`` names the (model label, pk) whose object version is part of the key: the page
    shows content registered with ``register_local`` for that object.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            version = content_version()
            if page_object is not None:
                version += ":" + object_version(*page_object(*args, **kwargs))
            key = f"satu:page:{version}:{request.LANGUAGE_CODE}:{path}"
            cached = cache.get(key)
            if cached is not None:
                if on_hit is not None:
                    on_hit(request, *args, **kwargs)
                status, headers, content = cached
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                # A page that asked for a CSRF token is this visitor's alone.
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                headers = [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]
                cache.set(key, (200, headers, response.content), settings.SATU_PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator
