"""Small helpers of the loans templates: state badges and days late."""

import datetime
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from loans.models import Application, Loan

register = template.Library()

BADGES = {
    "draft": "",
    "submitted": "info",
    "in_review": "info",
    "ready_for_committee": "warn",
    "approved": "ok",
    "disbursed": "ok",
    "rejected": "bad",
    "withdrawn": "",
    "active": "info",
    "repaid": "ok",
    "written_off": "bad",
    "paid": "ok",
    "late": "bad",
    "partial": "warn",
    "due": "warn",
    "upcoming": "",
    "pending": "",
    "running": "info",
    "ready": "ok",
    "failed": "bad",
}


@register.filter
def badge(state: str) -> str:
    """The badge class of a state: ``<span class="badge {{ app.state|badge }}">``."""
    return BADGES.get(str(state), "")


@register.simple_tag
def days_since(day: datetime.date | None, today: datetime.date) -> int:
    return (today - day).days if day else 0


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


ACTIONS = {
    "created": _("created the application"),
    "updated": _("changed the terms"),
    "submitted": _("submitted the application"),
    "review_started": _("started the review"),
    "review": _("recorded the review"),
    "send_to_committee": _("sent it to the committee"),
    "returned_to_review": _("sent it back for more work"),
    "approved": _("approved"),
    "rejected": _("rejected"),
    "withdrawn": _("withdrew the application"),
    "disbursed": _("paid out the loan"),
    "payment_repayment": _("recorded a repayment"),
    "payment_prepayment": _("recorded a prepayment"),
    "payment_payoff": _("recorded an early payoff"),
    "payment_reversed": _("reversed a payment"),
    "repaid": _("loan repaid"),
    "reopened": _("loan reopened"),
    "rescheduled": _("rescheduled the loan"),
    "written_off": _("wrote the loan off"),
}
STATES = {**dict(Application.State.choices), **dict(Loan.State.choices)}


@register.filter
def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


@register.filter
def state_label(state: str) -> str:
    return str(STATES.get(state, state))


@register.filter
def line_status(status: str) -> str:
    """An installment's status in words: paid, late, partly paid, due today, to come."""
    from loans.selectors import STATUS_LABELS

    return str(STATUS_LABELS.get(status, status))
