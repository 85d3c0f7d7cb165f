"""Emails, rendered in the recipient's language and sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def queue_email(
    recipient: object, template_prefix: str, context: dict[str, object] | None = None
) -> None:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` and send once committed.

    ``recipient`` is a User (its language is used) or an email address.
    """
    language = getattr(recipient, "language", None) or settings.LANGUAGE_CODE
    address = getattr(recipient, "email", recipient)
    context = {
        "site_name": settings.SATU_SITE_NAME,
        "base_url": settings.SATU_BASE_URL,
        "recipient": recipient,
        **(context or {}),
    }
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_body.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(subject, body, [str(address)]))
