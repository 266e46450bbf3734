"""The application and loan transition tables, four eyes and the checklist, as data."""

import datetime
from decimal import Decimal as D

import pytest

from loans import workflows as wf


@pytest.mark.parametrize(
    ("start", "end", "roles", "allowed"),
    [
        ("draft", "submitted", {"participant"}, True),
        ("draft", "submitted", {"committee"}, False),
        ("submitted", "in_review", {"adviser"}, True),
        ("in_review", "ready_for_committee", {"committee"}, True),
        ("ready_for_committee", "approved", {"committee"}, True),
        ("ready_for_committee", "approved", {"adviser"}, False),
        ("ready_for_committee", "rejected", {"staff"}, False),
        ("approved", "disbursed", {"adviser"}, True),
        ("approved", "disbursed", {"committee"}, False),
        ("submitted", "approved", {"committee"}, False),  # never skip the review
        ("rejected", "withdrawn", {"participant"}, False),  # closed states stay closed
        ("disbursed", "withdrawn", {"adviser"}, False),
    ],
)
def test_the_application_table(start, end, roles, allowed):
    assert wf.APPLICATION.allowed(start, end, roles) is allowed


def test_every_open_state_can_be_withdrawn_by_the_participant_or_the_adviser():
    for state in wf.OPEN_STATES:
        assert wf.APPLICATION.allowed(state, "withdrawn", {"participant"})
        assert wf.APPLICATION.allowed(state, "withdrawn", {"adviser"})


def test_only_the_committee_writes_a_loan_off_and_a_reversal_may_reopen_one():
    assert wf.LOAN.allowed("active", "written_off", {"committee"})
    assert not wf.LOAN.allowed("active", "written_off", {"adviser"})
    assert wf.LOAN.allowed("repaid", "active", {"system"})
    assert not wf.LOAN.allowed("written_off", "active", {"adviser", "committee"})


def test_four_eyes():
    assert wf.may_decide(3, {1, 2})
    assert not wf.may_decide(2, {2})


def test_capacity_is_the_monthly_installment_over_the_disposable_income():
    assert wf.capacity_ratio(
        installment=D("104.08"), frequency="monthly", income=D("1800.00"), charges=D("900.00")
    ) == D("11.56")
    assert wf.capacity_ratio(
        installment=D("10.00"), frequency="monthly", income=D("900.00"), charges=D("900.00")
    ) == D("999.99")
    assert (
        wf.capacity_ratio(installment=D("10.00"), frequency="monthly", income=None, charges=D("0"))
        is None
    )


def test_the_checklist_names_each_missing_item():
    check = wf.checklist(
        identity_checked=False, permit_expiry=datetime.date(2027, 1, 1),
        last_due_date=datetime.date(2027, 6, 5), plan_approved=True, guarantee_percent=D(50),
        guarantee_covered=False, ratio=D("41.00"), recommendation="",
    )  # fmt: skip
    assert not check.complete
    assert check.failing() == ["identity", "permit", "guarantee", "capacity", "recommendation"]
