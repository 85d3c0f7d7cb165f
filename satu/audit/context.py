"""Who is acting, and from where, for the audit log of the current request, task or command."""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    actor_id: int | None = None
    actor_label: str = ""
    ip: str | None = None
    source: str = "system"
    # While serving a request the actor is read from request.user when an entry is written,
    # so that authentication that happens inside the view (API tokens) is attributed too.
    request: object = None

    def resolved(self) -> "AuditContext":
        if self.request is None:
            return self
        user = getattr(self.request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return AuditContext(user.pk, user.email, self.ip, self.source)  # type: ignore[attr-defined]
        return AuditContext(None, "", self.ip, self.source)


_NOBODY = AuditContext()
_current: ContextVar[AuditContext | None] = ContextVar("satu_audit_context", default=None)


def current() -> AuditContext:
    return (_current.get() or _NOBODY).resolved()


@contextlib.contextmanager
def acting(
    user: object = None,
    *,
    ip: str | None = None,
    source: str | None = None,
    request: object = None,
) -> Iterator[AuditContext]:
    """Attribute the audit entries written inside the block to ``user`` (or the request's user)."""
    outer = current()
    if request is not None:
        actor_id, label = None, ""
    elif user is not None and getattr(user, "is_authenticated", False):
        actor_id, label = user.pk, user.email  # type: ignore[attr-defined]
    else:
        actor_id, label = outer.actor_id, outer.actor_label
    context = AuditContext(
        actor_id=actor_id,
        actor_label=label,
        ip=ip if ip is not None else outer.ip,
        source=source or outer.source,
        request=request,
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
