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
