"""The governance log: members' meetings, their decisions and votes, and the split rule the
members choose (which a decision may set)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative, Decision, Meeting, Membership
from cooperatives.services._common import State, locked, require_staff, require_state, today
from incubator.errors import DomainError
from incubator.models import User
from incubator.services import audit_record

OPEN = {State.PLANNED, State.RUNNING, State.CLOSING}


@dataclass(frozen=True)
class DecisionInput:
    text: str
    votes_for: int = 0
    votes_against: int = 0
    votes_abstain: int = 0
    split_rule: str = ""  # when the decision chooses how the result is split


def _check_votes(decision: DecisionInput, present: int) -> None:
    if not decision.text.strip():
        raise DomainError(_("Write what was decided."), code="no_text")
    votes = (decision.votes_for, decision.votes_against, decision.votes_abstain)
    if any(v < 0 for v in votes):
        raise DomainError(_("Votes cannot be negative."), code="negative_votes")
    if sum(votes) > present:
        raise DomainError(
            _("%(votes)s votes but only %(present)s members present."),
            code="too_many_votes",
            params={"votes": sum(votes), "present": present},
        )
    if decision.split_rule and decision.split_rule not in Cooperative.SplitRule.values:
        raise DomainError(_("Choose a split rule."), code="split_rule")
    if decision.split_rule and decision.votes_for <= decision.votes_against:
        raise DomainError(
            _("The split rule changes only with a decision adopted by the members."),
            code="not_adopted",
        )


@transaction.atomic
def meeting_record(
    *,
    cooperative: Cooperative,
    actor: User,
    date: datetime.date,
    agenda: str,
    attendees: Sequence[Membership],
    notes: str = "",
    decisions: Sequence[DecisionInput] = (),
) -> Meeting:
    require_staff(actor)
    coop = locked(cooperative)
    require_state(coop, OPEN)
    if date > today():
        raise DomainError(_("Record a meeting once it has taken place."), code="future_meeting")
    if not agenda.strip():
        raise DomainError(_("Write the agenda."), code="no_agenda")
    if any(m.cooperative_id != coop.pk for m in attendees):
        raise DomainError(_("This member does not exist."), code="unknown_member")
    for decision in decisions:
        _check_votes(decision, len(attendees))
    meeting = Meeting.objects.create(
        cooperative=coop, date=date, agenda=agenda.strip(), notes=notes.strip(), recorded_by=actor
    )
    meeting.attendees.set(attendees)
    audit_record(subject=coop, actor=actor, action="meeting_recorded", reason=str(date))
    for decision in decisions:
        _decision_create(coop, meeting, decision, actor)
    return meeting


@transaction.atomic
def decision_add(*, meeting: Meeting, actor: User, decision: DecisionInput) -> Decision:
    require_staff(actor)
    coop = locked(meeting.cooperative)
    require_state(coop, OPEN)
    _check_votes(decision, meeting.attendees.count())
    return _decision_create(coop, meeting, decision, actor)


def _decision_create(
    coop: Cooperative, meeting: Meeting, decision: DecisionInput, actor: User
) -> Decision:
    row = Decision.objects.create(
        meeting=meeting,
        text=decision.text.strip(),
        votes_for=decision.votes_for,
        votes_against=decision.votes_against,
        votes_abstain=decision.votes_abstain,
    )
    audit_record(
        subject=coop,
        actor=actor,
        action="decision_recorded",
        reason=f"{row.text} ({row.votes_for}/{row.votes_against}/{row.votes_abstain})",
    )
    if decision.split_rule:
        _set_rule(coop, decision.split_rule, row, actor)
    return row


def _set_rule(coop: Cooperative, rule: str, decision: Decision | None, actor: User) -> None:
    Cooperative.objects.filter(pk=coop.pk).update(split_rule=rule, split_decision=decision)
    audit_record(subject=coop, actor=actor, action="split_rule_set", reason=rule)


@transaction.atomic
def split_rule_set(
    *, cooperative: Cooperative, actor: User, rule: str, decision: Decision | None = None
) -> Cooperative:
    """Staff record the rule the members chose (linked to the decision when there is one)."""
    require_staff(actor)
    coop = locked(cooperative)
    require_state(coop, OPEN)
    if rule not in Cooperative.SplitRule.values:
        raise DomainError(_("Choose a split rule."), code="split_rule")
    if decision is not None and decision.meeting.cooperative_id != coop.pk:
        raise DomainError(_("This decision does not exist."), code="unknown_decision")
    _set_rule(coop, rule, decision, actor)
    cooperative.split_rule, cooperative.split_decision = rule, decision
    return cooperative
