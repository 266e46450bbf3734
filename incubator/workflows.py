"""Transition tables of the people side (DESIGN.md, "Workflows")."""

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
