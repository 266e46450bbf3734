"""The closing on a crafted example equals the hand computation, and it is all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.db import OperationalError, connection
from django.utils import translation
from djmoney.money import Money

from cooperatives.models import Closing, Cooperative, MemberShare
from cooperatives.services import closing, cooperatives, governance, members
from incubator.errors import ConflictError, DomainError
from incubator.models import AuditEntry

D = Decimal


@pytest.fixture
def crafted(amina_coop, record_hours, sell, spend, staff):
    """Sales 1 395.00 (120 mafé × 8.50 + 150 bissap × 2.50), expenses 381.00
    (212.40 + 150.00 + 18.60); hours 60, 54.25 and 20."""
    first, second, third = amina_coop.memberships.order_by("pk")
    record_hours(
        amina_coop,
        {
            first: [6] * 10,
            second: ["5.5", 6, 6, 6, "5.75", 5, 6, 5, "4.5", "4.5"],
            third: [4, 4, 4, 4, 4, 0, 0, 0, 0, 0],
        },
    )
    sell(amina_coop, "Mafé poulet", "120", "8.50")
    sell(amina_coop, "Bissap", "150", "2.50")
    spend(amina_coop, "ingredients", "212.40")
    spend(amina_coop, "rent", "150.00")
    spend(amina_coop, "transport", "18.60")
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    return amina_coop


def test_the_split_by_hours_equals_the_hand_computation(crafted, staff):
    # result = 1395.00 − 381.00 = 1014.00, over 134.25 hours:
    #   60 h → 453.1843… ; 54.25 h → 409.7541… ; 20 h → 151.0614…
    # floors 453.18 + 409.75 + 151.06 = 1013.99; the last cent to the largest remainder.
    record = closing.cooperative_close(cooperative=crafted, actor=staff, rule="hours")
    assert (record.sales, record.expenses, record.result) == (
        Money(D("1395.00"), "EUR"),
        Money(D("381.00"), "EUR"),
        Money(D("1014.00"), "EUR"),
    )
    assert record.total_hours == D("134.25")
    shares = list(MemberShare.objects.filter(closing=record).order_by("membership_id"))
    assert [(s.days_worked, s.hours, s.amount.amount) for s in shares] == [
        (10, D("60.00"), D("453.19")),
        (10, D("54.25"), D("409.75")),
        (5, D("20.00"), D("151.06")),
    ]
    assert sum(s.amount.amount for s in shares) == D("1014.00")
    crafted.refresh_from_db()
    assert (crafted.state, crafted.split_rule) == ("closed", "hours")
    audit = AuditEntry.objects.get(action="closed")
    assert (audit.from_state, audit.to_state, audit.actor) == ("closing", "closed", staff)


def test_a_loss_is_shared_in_equal_parts_to_the_cent(amina_coop, record_hours, sell, spend, staff):
    ms = list(amina_coop.memberships.order_by("pk"))
    record_hours(amina_coop, {m: [6] * 10 for m in ms})
    sell(amina_coop, "Mafé", "10", "10.00")
    spend(amina_coop, "ingredients", "200.01")
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    record = closing.cooperative_close(cooperative=amina_coop, actor=staff, rule="equal")
    assert record.result.amount == D("-100.01")
    assert [s.amount.amount for s in record.shares.order_by("membership_id")] == [
        D("-33.33"),
        D("-33.34"),
        D("-33.34"),
    ]


def test_the_rule_chosen_at_a_meeting_is_the_default(crafted, staff):
    ms = list(crafted.memberships.all())
    governance.meeting_record(
        cooperative=crafted,
        actor=staff,
        date=datetime.date(2026, 7, 22),
        agenda="Partage",
        attendees=ms,
        decisions=[governance.DecisionInput("Parts égales", 2, 1, 0, split_rule="equal")],
    )
    crafted.refresh_from_db()
    assert crafted.split_rule == "equal" and crafted.split_decision.text == "Parts égales"
    record = closing.cooperative_close(cooperative=crafted, actor=staff)
    assert [s.amount.amount for s in record.shares.order_by("membership_id")] == [
        D("338.00"),
        D("338.00"),
        D("338.00"),
    ]


def test_weights_all_zero_are_refused(crafted, staff):
    for m in crafted.memberships.all():
        members.member_update(membership=m, actor=staff, role=m.role, weight=D(0))
    with translation.override("en"), pytest.raises(DomainError) as refused:
        closing.cooperative_close(cooperative=crafted, actor=staff, rule="weights")
    assert refused.value.message == "Every weight is zero: agree on the weights first."
    assert not Closing.objects.exists()


def test_a_running_cooperative_cannot_be_closed(amina_coop, staff):
    with translation.override("en"), pytest.raises(DomainError) as refused:
        closing.cooperative_close(cooperative=amina_coop, actor=staff)
    assert refused.value.message == "This cannot go from “Running” to “Closed”."
    with pytest.raises(DomainError) as refused:
        cooperatives.cooperative_transition(cooperative=amina_coop, to="closed", actor=staff)
    assert refused.value.code == "use_closing"


def test_a_cooperative_closes_once(crafted, staff):
    stale = Cooperative.objects.get(pk=crafted.pk)
    closing.cooperative_close(cooperative=crafted, actor=staff)
    with pytest.raises(ConflictError):
        closing.cooperative_close(cooperative=stale, actor=staff)
    with pytest.raises(DomainError):
        closing.cooperative_close(cooperative=crafted, actor=staff)
    assert Closing.objects.count() == 1 and MemberShare.objects.count() == 3
    assert AuditEntry.objects.filter(action="closed").count() == 1


def test_a_failure_while_writing_the_shares_leaves_nothing_behind(crafted, staff):
    # The database itself refuses the shares' INSERT (a full disk, a lost connection): the
    # statement fails on the real connection, through Django's own execution hook.
    table = MemberShare._meta.db_table

    def disk_full(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and table in sql:
            raise OperationalError("disk full")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(disk_full), pytest.raises(OperationalError):
        closing.cooperative_close(cooperative=crafted, actor=staff)
    crafted.refresh_from_db()
    assert crafted.state == "closing"
    assert not Closing.objects.exists()
    assert not AuditEntry.objects.filter(action="closed").exists()


def test_only_staff_close(crafted, adviser):
    with pytest.raises(DomainError) as refused:
        closing.cooperative_close(cooperative=crafted, actor=adviser)
    assert refused.value.code == "forbidden_role"


def test_outcomes_follow_the_closing(crafted, staff):
    closing.cooperative_close(cooperative=crafted, actor=staff)
    member = crafted.memberships.order_by("pk").first()
    members.outcome_record(
        membership=member, actor=staff, outcome="business", note="Traiteur à domicile"
    )
    member.refresh_from_db()
    assert (member.outcome, member.outcome_note) == ("business", "Traiteur à domicile")
    assert member.outcome_recorded_on is not None
