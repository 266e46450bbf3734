"""The split of the result: exact on a hand-computed example, and always summing to the
result, whatever the result (a loss included), the rule and the weights."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cooperatives.result_split import Contribution, NothingToSplitBy, Rule, result, split

D = Decimal

amounts = st.decimals(min_value=D("-1000000"), max_value=D("1000000"), places=2, allow_nan=False)
quarters = st.integers(min_value=0, max_value=4 * 12 * 200).map(lambda q: D(q) / 4)
weights = st.decimals(min_value=D(0), max_value=D(100), places=2, allow_nan=False)
teams = st.lists(
    st.builds(
        lambda k, days, hours, weight: (k, days, hours, weight),
        st.integers(0, 10**6),
        st.integers(0, 200),
        quarters,
        weights,
    ),
    min_size=1,
    max_size=30,
)


def contributions(team):
    return [
        Contribution(member=n, days=d, hours=h, weight=w) for n, (_k, d, h, w) in enumerate(team)
    ]


@given(total=amounts, team=teams, rule=st.sampled_from(list(Rule)))
def test_shares_always_sum_exactly_to_the_result(total, team, rule):
    members = contributions(team)
    try:
        shares = split(total, members, rule)
    except NothingToSplitBy:
        # Only when nobody has a positive basis under the rule.
        assert all((m.hours == 0 if rule is not Rule.WEIGHTS else m.weight == 0) for m in members)
        return
    assert sum((s.amount for s in shares), D(0)) == total
    assert [s.member for s in shares] == [m.member for m in members]
    basis_total = sum((s.basis for s in shares), D(0))
    for share in shares:
        assert share.amount == share.amount.quantize(D("0.01"))
        exact = total * share.basis / basis_total
        assert abs(share.amount - exact) < D("0.01")  # never more than a cent off
        if share.basis == 0:
            assert share.amount == 0


@given(total=amounts, size=st.integers(1, 30))
def test_equal_parts_differ_by_at_most_one_cent(total, size):
    members = [Contribution(member=k, days=1, hours=D(1)) for k in range(size)]
    amounts_ = [s.amount for s in split(total, members, Rule.EQUAL)]
    assert max(amounts_) - min(amounts_) <= D("0.01")


def test_a_closing_by_hours_equals_the_hand_computation():
    # Sales 1 395.00, expenses 381.00: result 1 014.00 over 60 + 54.25 + 20 = 134.25 hours.
    # 1014 × 60 / 134.25 = 453.1843… → 453.18 (remainder .0043)
    # 1014 × 54.25 / 134.25 = 409.7541… → 409.75 (remainder .0041)
    # 1014 × 20 / 134.25 = 151.0614… → 151.06 (remainder .0014)
    # Floors sum to 1 013.99: the cent left goes to the largest remainder, the first member.
    total = result(D("1395.00"), D("381.00"))
    assert total == D("1014.00")
    team = [
        Contribution(1, 10, D("60")),
        Contribution(2, 9, D("54.25")),
        Contribution(3, 5, D("20")),
    ]
    shares = split(total, team, Rule.HOURS)
    assert [s.amount for s in shares] == [D("453.19"), D("409.75"), D("151.06")]
    assert [s.basis for s in shares] == [D("60"), D("54.25"), D("20")]


def test_a_loss_is_split_the_same_way_and_sums_exactly():
    total = result(D("120.00"), D("220.01"))
    assert total == D("-100.01")
    team = [Contribution(k, 3, D("6")) for k in range(3)]
    assert [s.amount for s in split(total, team, Rule.EQUAL)] == [
        D("-33.33"),
        D("-33.34"),
        D("-33.34"),
    ]


def test_equal_parts_leave_out_members_who_never_worked():
    team = [Contribution(1, 5, D("30")), Contribution(2, 0, D("0")), Contribution(3, 2, D("8"))]
    shares = split(D("100.00"), team, Rule.EQUAL)
    assert [(s.basis, s.amount) for s in shares] == [
        (D(1), D("50.00")),
        (D(0), D("0.00")),
        (D(1), D("50.00")),
    ]


def test_agreed_weights_are_followed():
    team = [
        Contribution(1, 10, D("60"), weight=D("1.5")),  # the treasurer
        Contribution(2, 10, D("60"), weight=D("1")),
        Contribution(3, 10, D("60"), weight=D("1")),
    ]
    assert [s.amount for s in split(D("700.00"), team, Rule.WEIGHTS)] == [
        D("300.00"),
        D("200.00"),
        D("200.00"),
    ]


@pytest.mark.parametrize("rule", [Rule.EQUAL, Rule.HOURS])
def test_nothing_to_split_by_when_nobody_worked(rule):
    with pytest.raises(NothingToSplitBy):
        split(D("10.00"), [Contribution(1, 0, D(0))], rule)
    with pytest.raises(NothingToSplitBy):
        split(D("10.00"), [], rule)
