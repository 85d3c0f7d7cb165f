"""The one error type that business rules raise."""

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule refused an action. ``message`` is translatable and shown to the user as is.

    ``field`` names the form field at fault, if any; ``code`` is a stable reason code.
    """

    def __init__(self, message: str | Promise, *, field: str | None = None, code: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code


class PermissionDeniedError(DomainError):
    """The acting user may not do this to this object."""
