"""Transition tables as data: which state may go to which, and which roles may move it.

Each app declares its table next to its states (Oscar's pipeline); services check it before
claiming the transition with a conditional UPDATE. Pure: the table can be read and tested
without a database.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    """Why a transition is not allowed: ``code`` is "state" or "role"."""

    code: str
    from_state: str
    to_state: str


@dataclass(frozen=True)
class Workflow:
    """A transition table ``{(from, to): roles allowed}``.

    >>> wf = Workflow({("draft", "submitted"): frozenset({"participant"})})
    >>> wf.refusal("draft", "submitted", {"participant"}) is None
    True
    >>> wf.refusal("draft", "approved", {"participant"}).code
    'state'
    >>> wf.refusal("draft", "submitted", {"adviser"}).code
    'role'
    """

    transitions: Mapping[tuple[str, str], frozenset[str]]

    def targets(self, from_state: str) -> list[str]:
        """The states reachable in one step from ``from_state``."""
        return [to for (frm, to) in self.transitions if frm == from_state]

    def allowed(self, from_state: str, to_state: str, roles: Iterable[str]) -> bool:
        return self.refusal(from_state, to_state, roles) is None

    def refusal(self, from_state: str, to_state: str, roles: Iterable[str]) -> Refusal | None:
        allowed_roles = self.transitions.get((from_state, to_state))
        if allowed_roles is None:
            return Refusal("state", from_state, to_state)
        if not allowed_roles & set(roles):
            return Refusal("role", from_state, to_state)
        return None
