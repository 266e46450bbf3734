"""What every cooperative page shares: access decorators, the tabs, the workflow buttons."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cooperatives import selectors, workflows
from cooperatives.models import Cooperative
from incubator.access import role_required
from incubator.errors import DomainError
from incubator.models import User

View = Callable[..., HttpResponse]
Role = User.Role

TABS = [
    ("overview", _("Overview"), "cooperatives:detail", "home"),
    ("calendar", _("Calendar"), "cooperatives:calendar", "calendar"),
    ("members", _("Members"), "cooperatives:members", "users"),
    ("hours", _("Hours"), "cooperatives:hours", "clock"),
    ("ledger", _("Ledger"), "cooperatives:ledger", "coins"),
    ("costs", _("Cost sheets"), "cooperatives:costs", "list"),
    ("governance", _("Governance"), "cooperatives:governance", "users"),
    ("closing", _("Closing and split"), "cooperatives:closing", "check"),
]


def readers(view: View) -> View:
    """Staff and loan advisers; every page that shows sensitive data is never cached."""
    return never_cache(
        require_http_methods(["GET", "HEAD"])(role_required(Role.STAFF, Role.ADVISER)(view))
    )


def managers(view: View) -> View:
    """Staff only (GET shows the form, POST changes)."""
    return never_cache(role_required(Role.STAFF)(view))


def commands(view: View) -> View:
    """Staff only, POST only."""
    return never_cache(require_POST(role_required(Role.STAFF)(view)))


def load(request: HttpRequest, pk: Any) -> Cooperative:
    return selectors.get_cooperative_for(request.user, pk)


def workflow_actions(user: Any, coop: Cooperative) -> list[dict[str, str]]:
    if not selectors.can_manage(user):
        return []
    return [
        {"to": to, "label": workflows.action_label(coop.state, to)}
        for to in workflows.COOPERATIVE.targets(coop.state)
        if to != workflows.CLOSED
    ]


def page(
    request: HttpRequest, coop: Cooperative, template: str, tab: str, **context: Any
) -> HttpResponse:
    status = context.pop("status", 200)
    context.update(
        coop=coop,
        tab=tab,
        tabs=TABS,
        can_manage=selectors.can_manage(request.user),
        actions=workflow_actions(request.user, coop),
    )
    return render(request, template, context, status=status)


def attempt(request: HttpRequest, form: Form | None, action: Callable[[], Any]) -> bool:
    """Run a service; on refusal put its message on ``form`` (or in the messages)."""
    try:
        action()
    except DomainError as error:
        if form is not None:
            form.add_error(None, error.message)
        else:
            messages.error(request, error.message)
        return False
    return True
