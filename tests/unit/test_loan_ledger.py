"""The ledger replay (pure): exact amounts, and the properties that make it a ledger."""

import datetime
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from loans.ledger import Entry, Slot, replay

day = datetime.date


def test_a_payment_beyond_everything_due_becomes_a_credit():
    slots = [Slot(10, 1, day(2026, 2, 5), D("0.00"), D("5.00"), D("95.00"))]
    out = replay(slots, [Entry(1, "repayment", D("130.00"), day(2026, 2, 1))])
    assert [
        (line.installment, line.interest, line.principal, line.credit) for line in out.lines
    ] == [
        (10, D("5.00"), D("95.00"), D("0.00")),
        (None, D("0.00"), D("0.00"), D("30.00")),
    ]
    assert out.credit == D("30.00") and out.slots[0].settled_on == day(2026, 2, 1)


def test_a_prepayment_goes_to_no_installment():
    slots = [Slot(10, 1, day(2026, 2, 5), D(0), D("5.00"), D("95.00"))]
    out = replay(slots, [Entry(1, "prepayment", D("40.00"), day(2026, 1, 20))])
    assert [(line.installment, line.principal) for line in out.lines] == [(None, D("40.00"))]
    assert out.slots[0].remaining == D("100.00")


def test_payments_are_taken_in_value_date_order_whatever_the_order_given():
    slots = [
        Slot(1, 1, day(2026, 2, 5), D(0), D(0), D("100.00")),
        Slot(2, 2, day(2026, 3, 5), D(0), D(0), D("100.00")),
    ]
    late = Entry(8, "repayment", D("100.00"), day(2026, 3, 5))
    backdated = Entry(9, "repayment", D("100.00"), day(2026, 2, 20))
    out = replay(slots, [late, backdated])
    assert [(line.payment, line.installment) for line in out.lines] == [(9, 1), (8, 2)]
    assert [s.settled_on for s in out.slots] == [day(2026, 2, 20), day(2026, 3, 5)]


cents = st.integers(min_value=0, max_value=50_000).map(lambda n: D(n) / 100)
positive = st.integers(min_value=1, max_value=80_000).map(lambda n: D(n) / 100)


@st.composite
def ledgers(draw):
    count = draw(st.integers(min_value=1, max_value=8))
    slots = [
        Slot(100 + k, k + 1, day(2026, 1, 5) + datetime.timedelta(days=30 * (k + 1)),
             draw(cents), draw(cents), draw(cents))
        for k in range(count)
    ]  # fmt: skip
    payments = [
        Entry(k + 1, draw(st.sampled_from(["repayment", "repayment", "payoff"])), draw(positive),
              day(2026, 1, 5) + datetime.timedelta(days=draw(st.integers(0, 400))))
        for k in range(draw(st.integers(min_value=0, max_value=8)))
    ]  # fmt: skip
    return slots, payments


@settings(max_examples=200, deadline=None)
@given(ledgers())
def test_allocations_sum_to_the_payments_and_never_exceed_what_is_due(ledger):
    slots, payments = ledger
    out = replay(slots, payments)
    assert sum((line.total for line in out.lines), D(0)) == sum((p.amount for p in payments), D(0))
    for slot in out.slots:
        assert D(0) <= slot.fees_paid <= slot.fees
        assert D(0) <= slot.interest_paid <= slot.interest
        assert D(0) <= slot.principal_paid <= slot.principal
        assert (slot.remaining == 0) == (slot.settled_on is not None)
    # A credit only once everything is paid.
    if out.credit:
        assert all(slot.remaining == 0 for slot in out.slots)


@settings(max_examples=200, deadline=None)
@given(ledgers())
def test_one_payment_at_a_time_gives_the_same_cents_as_a_full_replay(ledger):
    """The services allocate a payment dated last on top of the ledger, and replay the whole
    loan otherwise: both paths must agree to the cent."""
    slots, payments = ledger
    full = replay(slots, payments)
    state, lines = list(replay(slots, []).slots), []
    for payment in sorted(payments, key=lambda p: (p.value_date, p.key)):
        step = replay(state, [payment])
        state = list(step.slots)
        lines += step.lines
    assert tuple(state) == full.slots
    assert tuple(lines) == full.lines
