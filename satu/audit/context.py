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


_NOBODY = AuditContext()
_current: ContextVar[AuditContext | None] = ContextVar("satu_audit_context", default=None)


def current() -> AuditContext:
    return _current.get() or _NOBODY


@contextlib.contextmanager
def acting(
    user: object = None, *, ip: str | None = None, source: str | None = None
) -> Iterator[AuditContext]:
    """Attribute the audit entries written inside the block to ``user`` (a User or None)."""
    outer = current()
    if user is not None and getattr(user, "is_authenticated", False):
        actor_id, label = user.pk, user.email  # type: ignore[attr-defined]
    else:
        actor_id, label = outer.actor_id, outer.actor_label
    context = AuditContext(
        actor_id=actor_id,
        actor_label=label,
        ip=ip if ip is not None else outer.ip,
        source=source or outer.source,
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
