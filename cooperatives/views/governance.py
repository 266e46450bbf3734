"""The governance tab: the log of meetings, who came, what was decided and how they voted."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from cooperatives import forms, selectors
from cooperatives.models import Cooperative, Meeting
from cooperatives.services import governance as services
from cooperatives.views._base import attempt, commands, load, managers, page, readers


def _page(request: HttpRequest, coop: Cooperative, form: object = None) -> HttpResponse:
    open_ = coop.state != Cooperative.State.CLOSED and selectors.can_manage(request.user)
    if form is None and open_:
        form = forms.MeetingForm(cooperative=coop)
    return page(
        request,
        coop,
        "cooperatives/governance.html",
        "governance",
        meetings=selectors.meetings_of(coop),
        form=form if open_ else None,
        decision_form=forms.DecisionForm() if open_ else None,
    )


@readers
def governance(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, load(request, pk))


@managers
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    form = forms.MeetingForm(request.POST or None, cooperative=coop)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decisions = []
        if data["decision"]:
            decisions.append(
                services.DecisionInput(
                    text=data["decision"],
                    votes_for=data["votes_for"],
                    votes_against=data["votes_against"],
                    votes_abstain=data["votes_abstain"],
                    split_rule=data["split_rule"],
                )
            )
        if attempt(
            request,
            form,
            lambda: services.meeting_record(
                cooperative=coop,
                actor=request.user,
                date=data["date"],
                agenda=data["agenda"],
                notes=data["notes"],
                attendees=list(data["attendees"]),
                decisions=decisions,
            ),
        ):
            messages.success(request, _("The meeting is recorded."))
            return redirect("cooperatives:governance", pk=coop.pk)
    return _page(request, coop, form)


@commands
def decision_add(request: HttpRequest, pk: int, meeting: int) -> HttpResponse:
    coop = load(request, pk)
    row = get_object_or_404(Meeting, cooperative=coop, pk=meeting)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the decision and the votes."))
    elif attempt(
        request,
        None,
        lambda: services.decision_add(
            meeting=row, actor=request.user, decision=services.DecisionInput(**form.cleaned_data)
        ),
    ):
        messages.success(request, _("The decision is recorded."))
    return redirect("cooperatives:governance", pk=coop.pk)
