"""Commenting, rating, reporting and moderating."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.accounts.models import User
from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError

from . import policies
from .models import MAX_COMMENT_LENGTH, Comment, Rating, Report, _target_field

RATE_WINDOW = datetime.timedelta(minutes=1)


def comments_per_minute() -> int:
    return settings.SATU_COMMENTS_PER_MINUTE


def _require_participant(actor: object) -> None:
    if not policies.can_take_part(actor):
        raise PermissionDeniedError(_("Sign in or register to take part."))


@transaction.atomic
def post_comment(actor: User, target: Model, body: str, parent: Comment | None = None) -> Comment:
    """Add a comment, or a reply (replies to a reply join its thread: one level only)."""
    _require_participant(actor)
    if not policies.is_open_for_comments(target):
        raise DomainError(_("This page does not take comments."))
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write a comment first."), field="body")
    if len(body) > MAX_COMMENT_LENGTH:
        raise DomainError(
            _("A comment has at most %(n)s characters.") % {"n": MAX_COMMENT_LENGTH}, field="body"
        )
    if parent is not None:
        if parent.is_hidden or parent.target != target:
            raise DomainError(_("The comment you reply to is no longer available."))
        if parent.parent_id:
            parent = parent.parent
    # One account's comments are written one at a time, so the count below cannot race.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    since = timezone.now() - RATE_WINDOW
    if Comment.objects.filter(author=actor, created_at__gte=since).count() >= comments_per_minute():
        raise DomainError(
            _(
                "You have sent many comments in a short time. Please wait a minute before "
                "sending the next one; your text has been kept."
            ),
            code="rate_limited",
        )
    comment = Comment(author=actor, parent=parent, body=body, **{_target_field(target): target})
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def rate_innovation(actor: User, innovation: Model, stars: int) -> Rating:
    """Give or change one's rating (1–5) of an innovation."""
    _require_participant(actor)
    if not policies.is_open_for_comments(innovation):
        raise DomainError(_("This innovation cannot be rated."))
    if stars not in range(1, 6):
        raise DomainError(_("Choose from 1 to 5 stars."), field="stars")
    rating = Rating.objects.select_for_update().filter(innovation=innovation, user=actor).first()
    if rating is None:
        rating = Rating(innovation=innovation, user=actor)
    rating.stars = stars
    rating.save()
    return rating


@transaction.atomic
def report_comment(actor: User, comment: Comment, reason: str, note: str = "") -> Report:
    _require_participant(actor)
    if comment.author_id == actor.pk:
        raise DomainError(_("You cannot report your own comment."))
    if Report.objects.filter(comment=comment, reporter=actor).exists():
        raise DomainError(_("You have already reported this comment. Thank you."))
    report = Report(comment=comment, reporter=actor, reason=reason, note=note.strip()[:500])
    report.full_clean()
    report.save()
    record("comment.report", comment, {"reason": reason})
    return report


def _require_moderator(actor: object) -> None:
    if not policies.can_moderate(actor):
        raise PermissionDeniedError(_("Only the programme secretariat moderates comments."))


def _resolve_reports(actor: User, comment: Comment) -> int:
    return Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor
    )


@transaction.atomic
def hide_comment(actor: User, comment: Comment, reason: str) -> Comment:
    _require_moderator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the comment is hidden."), field="reason")
    comment.is_hidden = True
    comment.hidden_reason = reason[:300]
    comment.hidden_by = actor
    comment.hidden_at = timezone.now()
    comment.save()
    handled = _resolve_reports(actor, comment)
    record("comment.hide", comment, {"reason": comment.hidden_reason, "reports": handled})
    return comment


@transaction.atomic
def restore_comment(actor: User, comment: Comment) -> Comment:
    _require_moderator(actor)
    comment.is_hidden = False
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.hidden_at = None
    comment.save()
    record("comment.restore", comment, {})
    return comment


@transaction.atomic
def dismiss_reports(actor: User, comment: Comment) -> int:
    """Keep the comment: the open reports are handled without action."""
    _require_moderator(actor)
    handled = _resolve_reports(actor, comment)
    record("comment.dismiss_reports", comment, {"reports": handled})
    return handled
