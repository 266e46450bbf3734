"""Transition tables of loans (DESIGN.md, "Workflows"), and the rules around them.

Pure: the tables and checks are plain data and functions, readable and testable without a
database. The services claim each move with ``incubator.services.transition``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from incubator.lib.workflow import Workflow

PARTICIPANT, ADVISER, COMMITTEE, SYSTEM = "participant", "adviser", "committee", "system"

DRAFT, SUBMITTED, IN_REVIEW = "draft", "submitted", "in_review"
READY, APPROVED, REJECTED = "ready_for_committee", "approved", "rejected"
WITHDRAWN, DISBURSED = "withdrawn", "disbursed"

# States in which the request is still open: it may be withdrawn, by the participant or by the
# adviser on their behalf. Approved counts: a participant may decline an offer before payout.
OPEN_STATES = (DRAFT, SUBMITTED, IN_REVIEW, READY, APPROVED)
# States in which the amount, term and purpose may still change (the committee decides on
# frozen terms).
EDITABLE_STATES = (DRAFT, SUBMITTED, IN_REVIEW)
# Committee members review too in small organisations; whoever did is then barred from
# deciding (four eyes).
REVIEWERS = frozenset({ADVISER, COMMITTEE})

# application: draft → submitted → in review → ready for committee → approved | rejected;
# withdrawn from any open state; approved → disbursed (which creates the loan).
APPLICATION = Workflow(
    {
        (DRAFT, SUBMITTED): frozenset({PARTICIPANT, ADVISER}),
        (SUBMITTED, IN_REVIEW): REVIEWERS,
        (IN_REVIEW, READY): REVIEWERS,
        # The committee (or the adviser) may send a file back for more work before deciding.
        (READY, IN_REVIEW): REVIEWERS,
        (READY, APPROVED): frozenset({COMMITTEE}),
        (READY, REJECTED): frozenset({COMMITTEE}),
        (APPROVED, DISBURSED): frozenset({ADVISER}),
        **{(state, WITHDRAWN): frozenset({PARTICIPANT, ADVISER}) for state in OPEN_STATES},
    }
)

ACTIVE, REPAID, WRITTEN_OFF = "active", "repaid", "written_off"

# loan: active → repaid | written off. A reversal of the payment that closed a loan reopens it;
# rescheduling keeps the state and supersedes installments (history kept).
LOAN = Workflow(
    {
        (ACTIVE, REPAID): frozenset({ADVISER, SYSTEM}),
        (REPAID, ACTIVE): frozenset({ADVISER, SYSTEM}),
        (ACTIVE, WRITTEN_OFF): frozenset({COMMITTEE}),
    }
)

# The actions of the audit trail that count as reviewing an application (four eyes).
REVIEW_ACTIONS = frozenset({"review_started", "review", "send_to_committee"})


def may_decide(decider_id: int, reviewer_ids: Iterable[int | None]) -> bool:
    """Four eyes: whoever reviewed an application may not decide on it.

    >>> may_decide(3, [1, 2])
    True
    >>> may_decide(2, [1, 2])
    False
    """
    return decider_id not in set(reviewer_ids)


# --- The review checklist ---------------------------------------------------------------------

# Repayment capacity: the installment, brought to a month, over what the household has left
# each month (income minus fixed charges), in percent. Above this ceiling the file does not go
# to the committee; the adviser lowers the amount or lengthens the term. 40 % is the usual
# prudential line of microfinance for the share of disposable income a debt may take.
CAPACITY_CEILING = Decimal(40)
PERIODS_PER_MONTH = {
    "monthly": Decimal(1),
    "biweekly": Decimal(26) / 12,
    "weekly": Decimal(52) / 12,
}


def capacity_ratio(
    *, installment: Decimal, frequency: str, income: Decimal | None, charges: Decimal | None
) -> Decimal | None:
    """The monthly installment over the monthly disposable income, in percent (2 decimals).

    None when income or charges are unknown; ``Decimal(999.99)`` when nothing is left.

    >>> capacity_ratio(installment=Decimal("250.00"), frequency="monthly",
    ...                income=Decimal("1400.00"), charges=Decimal("800.00"))
    Decimal('41.67')
    >>> capacity_ratio(installment=Decimal("50.00"), frequency="weekly",
    ...                income=Decimal("1400.00"), charges=Decimal("800.00"))
    Decimal('36.11')
    """
    if income is None or charges is None:
        return None
    disposable = income - charges
    if disposable <= 0:
        return Decimal("999.99")
    monthly = installment * PERIODS_PER_MONTH[frequency]
    ratio = monthly * 100 / disposable
    return min(ratio, Decimal("999.99")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: a stable code, whether it passes, and the figure behind it."""

    code: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Checklist:
    items: tuple[CheckItem, ...]

    @property
    def complete(self) -> bool:
        return all(item.ok for item in self.items)

    def failing(self) -> list[str]:
        return [item.code for item in self.items if not item.ok]


def checklist(
    *,
    identity_checked: bool,
    permit_expiry: date | None,
    last_due_date: date | None,
    plan_approved: bool,
    guarantee_percent: Decimal,
    guarantee_covered: bool,
    ratio: Decimal | None,
    recommendation: str,
) -> Checklist:
    """The file is complete when every item passes (then it may go to the committee).

    - identity: the adviser saw an identity document;
    - permit: the residence permit runs beyond the last due date of the schedule;
    - plan: the business plan is approved (ticked until plans live in Tremplin);
    - guarantee: the product's guarantee share is covered (ticked until pledges exist), or the
      product asks none;
    - capacity: the installment takes at most CAPACITY_CEILING % of the disposable income;
    - recommendation: the adviser said what they recommend.

    >>> checklist(identity_checked=True, permit_expiry=date(2030, 1, 1),
    ...           last_due_date=date(2029, 1, 1), plan_approved=True,
    ...           guarantee_percent=Decimal(0), guarantee_covered=False,
    ...           ratio=Decimal("20.00"), recommendation="favourable").complete
    True
    """
    permit_ok = (
        permit_expiry is not None and last_due_date is not None and permit_expiry > last_due_date
    )
    return Checklist(
        (
            CheckItem("identity", identity_checked),
            CheckItem("permit", permit_ok, permit_expiry.isoformat() if permit_expiry else ""),
            CheckItem("plan", plan_approved),
            CheckItem("guarantee", guarantee_percent == 0 or guarantee_covered),
            CheckItem(
                "capacity",
                ratio is not None and ratio <= CAPACITY_CEILING,
                str(ratio) if ratio is not None else "",
            ),
            CheckItem("recommendation", bool(recommendation)),
        )
    )
