"""The life of a cooperative as a transition table: planned → running → closing → closed.

``closing`` is the time between the last activity day and the split: hours are checked, the
last receipts come in, the members choose their rule. A closing cooperative may go back to
running (a forgotten day). ``closed`` is reached only by recording the split
(``cooperatives.services.closing.cooperative_close``), which writes the shares in the same
transaction. The guards that depend on data (ten days, hours recorded) live in the services.
"""

from django.utils.translation import gettext_lazy as _

from incubator.lib.workflow import Workflow

STAFF = frozenset({"staff"})

PLANNED, RUNNING, CLOSING, CLOSED = "planned", "running", "closing", "closed"

COOPERATIVE = Workflow(
    {
        (PLANNED, RUNNING): STAFF,  # start: a flashcoop needs exactly ten days
        (RUNNING, CLOSING): STAFF,  # end the activity: no day to come, every hour recorded
        (CLOSING, RUNNING): STAFF,  # reopen before the split (a forgotten day)
        (CLOSING, CLOSED): STAFF,  # record the split (the closing service only)
    }
)

# What the buttons say, by target state.
ACTIONS = {
    RUNNING: _("Start the activity"),
    CLOSING: _("End the activity"),
    CLOSED: _("Close and split the result"),
}
REOPEN = _("Reopen the activity")


def action_label(from_state: str, to_state: str) -> str:
    if (from_state, to_state) == (CLOSING, RUNNING):
        return str(REOPEN)
    return str(ACTIONS[to_state])
