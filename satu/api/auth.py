"""Token authentication for the API: `Authorization: Bearer satu_…`."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from .services import authenticate_token


class TokenAuth(HttpBearer):
    """Authenticate with a personal API token, optionally requiring a scope."""

    def __init__(self, scope: str | None = None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[override]
        found = authenticate_token(token)
        if found is None or (self.scope and not found.has_scope(self.scope)):
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


class OptionalTokenAuth(TokenAuth):
    """Public operations that show more to a token: no token reads as anonymous, but a token
    that is sent must be valid (a wrong, revoked or expired one answers 401)."""

    def __call__(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        if not request.headers.get("Authorization"):
            return ANONYMOUS
        return super().__call__(request)


class _Anonymous:
    """The ``request.auth`` of an anonymous call to an operation with an optional token."""

    def __bool__(self) -> bool:
        return True


ANONYMOUS = _Anonymous()
