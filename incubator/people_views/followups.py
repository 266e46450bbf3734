"""Follow-ups due, and recording what became of a person."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator import people_forms, selectors
from incubator.errors import DomainError
from incubator.people_views.common import paginate, staff_only
from incubator.services import followups as followup_services

TABS = ("due", "upcoming", "done")


@staff_only
def follow_ups(request: HttpRequest) -> HttpResponse:
    # Queries: session, user, count, one page of follow-ups joined to their enrolment,
    # participant, cohort, programme and recorder (select_related): four, whatever the rows.
    tab = request.GET.get("tab", "due")
    tab = tab if tab in TABS else "due"
    today = timezone.localdate()
    if tab == "done":
        queryset = (
            selectors.follow_ups_visible_to(request.user)
            .exclude(outcome="")
            .order_by("-recorded_at", "-pk")
        )
    else:
        queryset = selectors.follow_ups_due(request.user)
        queryset = (
            queryset.filter(due_on__lte=today)
            if tab == "due"
            else queryset.filter(due_on__gt=today)
        )
    return render(
        request,
        "incubator/people/follow_ups.html",
        {"page_obj": paginate(request, queryset), "tab": tab, "today": today},
    )


@staff_only
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.get_for(selectors.follow_ups_visible_to(request.user), pk)
    initial = {
        "outcome": record.outcome,
        "contacted_on": record.contacted_on or timezone.localdate(),
        "business_legal_form": record.business_legal_form,
        "business_started_on": record.business_started_on,
        "business_sector": record.business_sector,
        "notes": record.notes,
    }
    form = people_forms.OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            followup_services.follow_up_record_outcome(
                follow_up=record,
                actor=request.user,
                outcome=data["outcome"],
                contacted_on=data["contacted_on"],
                notes=data["notes"],
                business=form.business(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect("people:follow_ups")
    return render(request, "incubator/people/follow_up.html", {"follow_up": record, "form": form})
