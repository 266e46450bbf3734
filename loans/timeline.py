"""A participant's loan events for the people side's timeline (``incubator.contributions``).

Staff read this timeline: it says that an application was submitted and that a loan was paid
out or repaid, with dates only. No amount, decision, reason or schedule (loan decisions stay
with advisers and the committee, see ``loans.selectors``). Two queries whatever the history.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from incubator.contributions import TimelineEvent
from loans.models import Application, Loan


def events(participant: Any) -> list[TimelineEvent]:
    found: list[TimelineEvent] = []
    submitted = Application.objects.filter(
        participant=participant, submitted_at__isnull=False
    ).values_list("submitted_at", flat=True)
    found += [TimelineEvent(when, _("Microcredit application submitted"), icon="file")
              for when in submitted]  # fmt: skip
    for disbursed_on, state, closed_on in Loan.objects.filter(participant=participant).values_list(
        "disbursed_on", "state", "closed_on"
    ):
        found.append(TimelineEvent(disbursed_on, _("Microcredit paid out"), icon="coins"))
        if state == Loan.State.REPAID and closed_on:
            found.append(TimelineEvent(closed_on, _("Microcredit repaid"), icon="check"))
    return found
