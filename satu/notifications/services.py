"""Telling people that something needs them: an in-app notification and an email."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from satu.core.errors import PermissionDeniedError
from satu.core.mail import queue_email

from .models import Notification


def notify(
    recipients: Iterable[object],
    message: str | Promise,
    url: str = "",
    email_template: str | None = None,
    context: dict[str, object] | None = None,
) -> list[Notification]:
    """Notify each recipient in their own language; also email them if a template is given.

    ``message`` should be lazy (``gettext_lazy`` or ``format_lazy``) so that it is rendered
    in each recipient's language. ``url`` is a site path such as ``/kelola/inovasi/1/``.
    """
    created = []
    seen: set[int] = set()
    for recipient in recipients:
        if recipient.pk in seen or not getattr(recipient, "is_active", True):  # type: ignore[attr-defined]
            continue
        seen.add(recipient.pk)  # type: ignore[attr-defined]
        language = getattr(recipient, "language", None) or translation.get_language()
        with translation.override(language):
            text = str(message)[:500]
        created.append(Notification(recipient=recipient, message=text, url=url[:500]))
        if email_template:
            queue_email(
                recipient, email_template, {"url": url, "message": message, **(context or {})}
            )
    return Notification.objects.bulk_create(created)


def unread_count(user: object) -> int:
    return Notification.objects.filter(recipient=user).unread().count()


@transaction.atomic
def mark_read(actor: object, notification: Notification) -> None:
    if notification.recipient_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def mark_all_read(actor: object) -> int:
    return Notification.objects.filter(recipient=actor).unread().update(read_at=timezone.now())
