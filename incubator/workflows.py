"""Transition tables of the people side (DESIGN.md, "Workflows")."""

from django.utils.translation import gettext_lazy as _

from incubator.lib.workflow import Workflow

STAFF = frozenset({"staff"})

# enrolment: applied → accepted → active → completed | dropped
ENROLMENT = Workflow(
    {
        ("applied", "accepted"): STAFF,
        ("accepted", "active"): STAFF,
        ("active", "completed"): STAFF,
        ("applied", "dropped"): STAFF,
        ("accepted", "dropped"): STAFF,
        ("active", "dropped"): STAFF,
    }
)

# The button that makes each move, as staff read it.
ENROLMENT_VERBS = {
    "accepted": _("Accept"),
    "active": _("Start"),
    "completed": _("Complete"),
    "dropped": _("Drop out"),
}


def enrolment_actions(state: str) -> list[tuple[str, str]]:
    """``(target state, verb)`` of the moves open from ``state``."""
    return [(to, str(ENROLMENT_VERBS[to])) for to in ENROLMENT.targets(state)]
