"""The list of cooperatives, creating and editing one, its overview and workflow moves."""

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperatives import forms, selectors
from cooperatives.models import Cooperative
from cooperatives.services import cooperatives as services
from cooperatives.views._base import attempt, commands, managers, page, readers
from incubator.models import AuditEntry

PAGE_SIZE = 25

# What each audit action of a cooperative means, for its history.
HISTORY = {
    "created": gettext_lazy("Created"),
    "updated": gettext_lazy("Details changed"),
    "state:running": gettext_lazy("Activity started"),
    "state:closing": gettext_lazy("Activity ended"),
    "closed": gettext_lazy("Closed, shares recorded"),
    "calendar_generated": gettext_lazy("Calendar generated"),
    "day_added": gettext_lazy("Day added"),
    "day_moved": gettext_lazy("Day moved"),
    "day_cancelled": gettext_lazy("Day cancelled"),
    "member_added": gettext_lazy("Member added"),
    "member_updated": gettext_lazy("Member changed"),
    "member_left": gettext_lazy("Member left"),
    "hours_recorded": gettext_lazy("Hours recorded"),
    "sale_recorded": gettext_lazy("Sale recorded"),
    "expense_recorded": gettext_lazy("Expense recorded"),
    "entry_reversed": gettext_lazy("Entry cancelled"),
    "cost_sheet_saved": gettext_lazy("Cost sheet saved"),
    "meeting_recorded": gettext_lazy("Meeting recorded"),
    "decision_recorded": gettext_lazy("Decision recorded"),
    "split_rule_set": gettext_lazy("Split rule chosen"),
    "outcome_recorded": gettext_lazy("Outcome recorded"),
}


def history_label(entry: AuditEntry) -> str:
    if entry.action == "state:running" and entry.from_state == Cooperative.State.CLOSING:
        return _("Activity reopened")
    return str(HISTORY.get(entry.action, entry.action))


@readers
def cooperative_list(request: HttpRequest) -> HttpResponse:
    filters = forms.CooperativeFilterForm(request.GET or None)
    values: dict[str, Any] = filters.cleaned_data if filters.is_valid() else {}
    queryset = selectors.cooperative_list(
        request.user,
        state=values.get("state", ""),
        kind=values.get("kind", ""),
        sector=values.get("sector", ""),
        programme=values.get("programme"),
        search=values.get("q", ""),
    )
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperatives/list.html",
        {
            "filters": filters,
            "page_obj": page_obj,
            "can_manage": selectors.can_manage(request.user),
        },
    )


@managers
def cooperative_create(request: HttpRequest) -> HttpResponse:
    form = forms.CooperativeForm(request.POST or None, initial={"lead_staff": request.user})
    created: list[Cooperative] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            form,
            lambda: created.append(
                services.cooperative_create(
                    actor=request.user,
                    name=data["name"],
                    kind=data["kind"],
                    sector=data["sector"],
                    sector_label=data["sector_label"],
                    programme=data["programme"],
                    cohort=data["cohort"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    weekdays=data["weekdays"],
                    place=data["place"],
                    host_partner=data["host_partner"],
                    capacity=data["capacity"],
                    lead_staff=data["lead_staff"],
                    usual_hours=data["usual_hours"],
                    description=data["description"],
                )
            ),
        ):
            coop = created[0]
            messages.success(request, _("%(name)s is created with its calendar.") % {"name": coop})
            return redirect("cooperatives:calendar", pk=coop.pk)
    return render(request, "cooperatives/form.html", {"form": form, "coop": None})


@readers
def cooperative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    coop = get_object_or_404(
        selectors.with_figures(selectors.cooperatives_visible_to(request.user)), pk=pk
    )
    today = timezone.localdate()
    history = (
        AuditEntry.objects.filter(
            subject_type=ContentType.objects.get_for_model(Cooperative), subject_id=coop.pk
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:12]
    )
    missing = (
        selectors.days_missing_hours(coop, until=selectors.missing_hours_horizon(coop))
        if coop.state in {Cooperative.State.RUNNING, Cooperative.State.CLOSING}
        else []
    )
    return page(
        request,
        coop,
        "cooperatives/detail.html",
        "overview",
        totals=selectors.ledger_totals(coop),
        next_day=coop.days.filter(cancelled=False, date__gte=today).order_by("date").first(),
        hours_total=sum(m.hours for m in selectors.memberships_of(coop)),
        missing=missing,
        history=[(entry, history_label(entry)) for entry in history],
    )


@managers
def cooperative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    coop = selectors.get_cooperative_for(request.user, pk)
    initial = {
        name: getattr(coop, name)
        for name in services.EDITABLE
        if name not in {"host_partner", "lead_staff"}
    }
    initial.update(host_partner=coop.host_partner_id, lead_staff=coop.lead_staff_id)
    form = forms.CooperativeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.EDITABLE}
        if attempt(
            request,
            form,
            lambda: services.cooperative_update(cooperative=coop, actor=request.user, **changes),
        ):
            messages.success(request, _("Saved."))
            return redirect("cooperatives:detail", pk=coop.pk)
    return render(request, "cooperatives/form.html", {"form": form, "coop": coop})


@commands
def cooperative_transition(request: HttpRequest, pk: int) -> HttpResponse:
    coop = selectors.get_cooperative_for(request.user, pk)
    shown_state = request.POST.get("from", coop.state)
    if shown_state != coop.state:
        messages.error(
            request, _("Someone else changed this in the meantime. Reload the page and try again.")
        )
        return redirect("cooperatives:detail", pk=coop.pk)
    if attempt(
        request,
        None,
        lambda: services.cooperative_transition(
            cooperative=coop,
            to=request.POST.get("to", ""),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        ),
    ):
        messages.success(
            request,
            _("%(name)s is now “%(state)s”.") % {"name": coop, "state": coop.get_state_display()},
        )
    return redirect("cooperatives:detail", pk=coop.pk)
