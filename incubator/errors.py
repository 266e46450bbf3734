"""Domain errors: a refused action with a translated message for the user.

Build them with gettext and %(name)s placeholders so translators see whole sentences:

    raise DomainError(_("%(name)s is not enrolled."), params={"name": person}, code="not_enrolled")

Forms show the message as a form error; the API maps it to HTTP 400, or 409 for a conflict
(someone else changed the object first, a replayed command still running).
"""

from typing import Any


class DomainError(Exception):
    status = 400

    def __init__(
        self, message: Any, *, code: str = "invalid", params: dict[str, Any] | None = None
    ):
        self.template = message
        self.code = code
        self.params = params or {}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The message in the active language (lazy strings are resolved here)."""
        text = str(self.template)
        return text % self.params if self.params else text


class ConflictError(DomainError):
    """The object moved on under us (a concurrent change); reloading shows the new state."""

    status = 409
