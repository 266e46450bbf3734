"""The repayment ledger replayed: payments allocated to installments in value-date order.

Pure (no ORM): the services read a loan's current installments and payments, call ``replay``
and write what it returns. The same function serves a new payment (replayed on top of what
is already paid) and a full recomputation after a reversal or a backdated payment (replayed
from nothing), so both paths give the same cents.

Rules, in the spirit of Apache Fineract's default "oldest first" strategy:

- payments are taken in value-date order (ties: the order they were recorded);
- a repayment (or an early payoff) pays the installments oldest due date first, each in the
  order fees, interest, principal (``loans.engine.allocate_payment``), including installments
  not yet due (paying ahead); what is left once everything is paid is a credit;
- a partial prepayment is principal paid outside the schedule: the schedule was recomputed
  from the balance it left (``loans.engine.prepay``), so it goes to no installment.

Amounts are exact: the engine subtracts and takes minima, never rounds, so the parts and the
credit of a payment sum to the payment.

>>> d = date(2026, 2, 5)
>>> slots = [Slot(1, 1, d, Decimal(0), Decimal("10.00"), Decimal("90.00")),
...          Slot(2, 2, date(2026, 3, 5), Decimal(0), Decimal("9.00"), Decimal("91.00"))]
>>> out = replay(slots, [Entry(7, "repayment", Decimal("150.00"), d)])
>>> [(line.installment, str(line.interest), str(line.principal)) for line in out.lines]
[(1, '10.00', '90.00'), (2, '9.00', '41.00')]
>>> [(s.settled_on, str(s.remaining)) for s in out.slots]
[(datetime.date(2026, 2, 5), '0.00'), (None, '50.00')]
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from loans.engine import Due, allocate_payment

ZERO = Decimal("0.00")
PREPAYMENT = "prepayment"


@dataclass(frozen=True)
class Slot:
    """An installment as the replay sees it: what it asks, what it already received."""

    key: int  # the installment's id
    number: int
    due_date: date
    fees: Decimal
    interest: Decimal
    principal: Decimal
    fees_paid: Decimal = ZERO
    interest_paid: Decimal = ZERO
    principal_paid: Decimal = ZERO
    settled_on: date | None = None

    @property
    def remaining(self) -> Decimal:
        return (
            self.fees
            + self.interest
            + self.principal
            - self.fees_paid
            - self.interest_paid
            - self.principal_paid
        )

    def cleared(self) -> "Slot":
        """The same installment with nothing paid yet (the start of a full replay)."""
        return replace(
            self,
            fees_paid=ZERO,
            interest_paid=ZERO,
            principal_paid=ZERO,
            settled_on=None,
        )


@dataclass(frozen=True)
class Entry:
    """A payment to allocate (never a reversal: reversed payments are left out)."""

    key: int  # the payment's id
    kind: str
    amount: Decimal
    value_date: date


@dataclass(frozen=True)
class Line:
    """One allocation: part of a payment to an installment, to prepaid principal or to credit."""

    payment: int
    installment: int | None
    fees: Decimal = ZERO
    interest: Decimal = ZERO
    principal: Decimal = ZERO
    credit: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.fees + self.interest + self.principal + self.credit


@dataclass(frozen=True)
class Outcome:
    lines: tuple[Line, ...]
    slots: tuple[Slot, ...]

    @property
    def credit(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)


def ordered_entries(entries: Sequence[Entry]) -> list[Entry]:
    """Value-date order; payments of the same day in the order they were recorded (their id)."""
    return sorted(entries, key=lambda entry: (entry.value_date, entry.key))


def replay(slots: Sequence[Slot], entries: Sequence[Entry]) -> Outcome:
    """Allocate ``entries`` on top of what ``slots`` already received (see the module doc)."""
    # An installment asking nothing (a schedule whose rounded-up installments repaid the loan
    # early) is settled on its due date.
    state = {
        slot.key: replace(slot, settled_on=slot.due_date)
        if slot.remaining == 0 and slot.settled_on is None
        else slot
        for slot in slots
    }
    order = [slot.key for slot in sorted(slots, key=lambda s: (s.due_date, s.number, s.key))]
    # The engine pays "lowest number first": give it positions in due-date order.
    position = {key: k for k, key in enumerate(order)}
    lines: list[Line] = []
    for entry in ordered_entries(entries):
        if entry.amount <= 0:
            raise ValueError(f"payment {entry.key} is not positive")
        if entry.kind == PREPAYMENT:
            lines.append(Line(entry.key, None, principal=entry.amount))
            continue
        dues = []
        for key in order:
            slot = state[key]
            if slot.remaining > 0:
                dues.append(
                    Due(
                        position[key],
                        slot.fees - slot.fees_paid,
                        slot.interest - slot.interest_paid,
                        slot.principal - slot.principal_paid,
                    )
                )
        allocation = allocate_payment(dues, entry.amount)
        for part in allocation.parts:
            key = order[part.number]
            slot = state[key]
            slot = replace(
                slot,
                fees_paid=slot.fees_paid + part.fees,
                interest_paid=slot.interest_paid + part.interest,
                principal_paid=slot.principal_paid + part.principal,
            )
            if slot.remaining == 0 and slot.settled_on is None:
                slot = replace(slot, settled_on=entry.value_date)
            state[key] = slot
            lines.append(Line(entry.key, key, part.fees, part.interest, part.principal))
        if allocation.excess > 0:
            lines.append(Line(entry.key, None, credit=allocation.excess))
    return Outcome(tuple(lines), tuple(state[key] for key in order))
