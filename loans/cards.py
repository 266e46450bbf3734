"""Home cards of loans: what waits for each role, and the participant's next payment."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.cards_registry import Card
from incubator.lib import formats
from loans import selectors
from loans.models import Application, Loan

S = Application.State


def cards(user: Any) -> list[Card]:
    """Advisers: files to review and loans in arrears; committee: files to decide."""
    if user.role not in ("adviser", "committee"):
        return []
    counts = selectors.applications_visible_to(user).aggregate(
        review=Count("pk", filter=Q(state__in=(S.SUBMITTED, S.IN_REVIEW))),
        decide=Count("pk", filter=Q(state=S.READY_FOR_COMMITTEE)),
        payout=Count("pk", filter=Q(state=S.APPROVED)),
    )
    late = (
        selectors.loans_visible_to(user)
        .filter(state=Loan.State.ACTIVE, arrears_since__isnull=False)
        .count()
    )
    applications = reverse("loans:applications")
    found = [
        Card(_("Loans in arrears"), late, "alert", url=reverse("loans:loans") + "?state=late",
             order=22),
    ]  # fmt: skip
    if user.role == "adviser":
        found += [
            Card(_("Applications to review"), counts["review"], "file",
                 url=f"{applications}?state=submitted", order=20),
            Card(_("Approved, to pay out"), counts["payout"], "coins",
                 url=f"{applications}?state=approved", order=21),
        ]  # fmt: skip
    else:
        found.append(
            Card(_("Ready for decision"), counts["decide"], "users",
                 url=reverse("loans:committee"), order=20)
        )  # fmt: skip
    return found


def portal_cards(user: Any) -> list[Card]:
    """The next payment (or the request's state) on the participant's home."""
    loan = selectors.loans_visible_to(user).filter(state=Loan.State.ACTIVE).order_by("-pk").first()
    language = (user.language or "fr")[:2]
    if loan is not None:
        overview = selectors.loan_overview(loan, today=timezone.localdate(), history=False)
        line = overview.next_line
        value = formats.money(line.remaining, loan.currency, language) if line else "—"
        note = formats.date(line.row.due_date, language) if line else ""
        return [
            Card(_("My next payment"), value, "calendar", note=note,
                 url=reverse("loans_portal:loan", args=[loan.pk]), order=20)
        ]  # fmt: skip
    application = selectors.applications_visible_to(user).order_by("-pk").first()
    if application is not None:
        return [
            Card(_("My loan request"), application.get_state_display(), "file",
                 url=reverse("loans_portal:application", args=[application.pk]), order=20)
        ]  # fmt: skip
    return [Card(_("A loan for my business"), _("Ask"), "coins",
                 url=reverse("loans_portal:home"), order=40)]  # fmt: skip
