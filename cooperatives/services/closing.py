"""The closing: the result (sales − expenses) split among the members by their rule.

In one transaction: the cooperative row is locked, the hours are checked, the totals are
summed by the database, the split is computed (``cooperatives.result_split``, largest
remainder, so the shares sum exactly to the result, a loss included), the closing and every
share are written, and the state moves closing → closed with its audit row. Any refusal or
failure leaves nothing behind; a second closing finds the state moved on and is refused.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from djmoney.money import Money

from cooperatives import result_split, selectors, workflows
from cooperatives.models import Closing, Cooperative, MemberShare
from cooperatives.services._common import State, locked, show_dates, today
from incubator.errors import DomainError
from incubator.models import User
from incubator.services import check_transition, transition

CURRENCY = "EUR"


@transaction.atomic
def cooperative_close(
    *, cooperative: Cooperative, actor: User, rule: str = "", reason: str = ""
) -> Closing:
    """Record the split with ``rule`` (default: the rule the members chose) and close."""
    coop = locked(cooperative)
    if coop.state != cooperative.state:
        coop.state = cooperative.state  # a stale page: transition() reports the conflict
    check_transition(instance=coop, workflow=workflows.COOPERATIVE, to=State.CLOSED, actor=actor)
    rule = rule or coop.split_rule
    if rule not in Cooperative.SplitRule.values:
        raise DomainError(_("Choose a split rule."), code="split_rule")
    missing = selectors.days_missing_hours(coop, until=today())
    if missing:
        raise DomainError(
            _("Hours are not recorded for every member on %(dates)s."),
            code="hours_missing",
            params={"dates": show_dates(missing)},
        )
    totals = selectors.ledger_totals(coop)
    result = result_split.result(totals.sales, totals.expenses, CURRENCY)
    contributions = selectors.contributions(coop)
    try:
        shares = result_split.split(result, contributions, result_split.Rule(rule), CURRENCY)
    except result_split.NothingToSplitBy:
        message = (
            _("Every weight is zero: agree on the weights first.")
            if rule == Cooperative.SplitRule.WEIGHTS
            else _("No hours are recorded: there is nothing to split by.")
        )
        raise DomainError(message, code="nothing_to_split_by") from None
    transition(
        instance=coop,
        workflow=workflows.COOPERATIVE,
        to=State.CLOSED,
        actor=actor,
        reason=reason or f"{rule}: {result} {CURRENCY}",
        action="closed",
        updates={"split_rule": rule},
    )
    closing = Closing.objects.create(
        cooperative=coop,
        rule=rule,
        sales=Money(totals.sales, CURRENCY),
        expenses=Money(totals.expenses, CURRENCY),
        result=Money(result, CURRENCY),
        total_hours=sum((c.hours for c in contributions), Decimal("0.00")),
        closed_by=actor,
    )
    by_member = {c.member: c for c in contributions}
    MemberShare.objects.bulk_create(
        MemberShare(
            closing=closing,
            membership_id=share.member,
            days_worked=by_member[share.member].days,
            hours=by_member[share.member].hours,
            basis=share.basis,
            amount=Money(share.amount, CURRENCY),
        )
        for share in shares
    )
    cooperative.state, cooperative.split_rule = coop.state, rule
    return closing
