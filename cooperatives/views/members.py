"""The members tab (joining, roles, weights, leaving, outcomes) and the hours grid."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives import forms, selectors
from cooperatives.models import Cooperative, Membership
from cooperatives.services import members as services
from cooperatives.views._base import attempt, load, managers, page, readers
from incubator.errors import DomainError
from incubator.selectors import participants_visible_to

State = Cooperative.State


def _members_page(
    request: HttpRequest, coop: Cooperative, add_form: forms.MemberAddForm | None = None
) -> HttpResponse:
    members = list(selectors.memberships_of(coop))
    can_add = selectors.can_manage(request.user) and coop.state in {State.PLANNED, State.RUNNING}
    if add_form is None and can_add:
        add_form = forms.MemberAddForm(
            cooperative=coop, candidates=participants_visible_to(request.user)
        )
    return page(
        request,
        coop,
        "cooperatives/members.html",
        "members",
        members=members,
        active_count=sum(1 for m in members if m.left_on is None),
        add_form=add_form,
    )


@readers
def members(request: HttpRequest, pk: int) -> HttpResponse:
    return _members_page(request, load(request, pk))


@managers
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    form = forms.MemberAddForm(
        request.POST or None, cooperative=coop, candidates=participants_visible_to(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            form,
            lambda: services.member_add(
                cooperative=coop,
                actor=request.user,
                participant=data["participant"],
                role=data["role"],
                joined_on=data["joined_on"],
                weight=data["weight"],
            ),
        ):
            messages.success(request, _("%(person)s joins.") % {"person": data["participant"]})
            return redirect("cooperatives:members", pk=coop.pk)
    return _members_page(request, coop, add_form=form)


@managers
def member_edit(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    """One member: role and weight, leaving, and the outcome once the cooperative is closed."""
    coop = load(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("participant"), cooperative=coop, pk=member
    )
    action = request.POST.get("action", "") if request.method == "POST" else ""
    edit = forms.MemberEditForm(
        request.POST if action == "edit" else None,
        initial={"role": membership.role, "weight": membership.weight},
    )
    leave = forms.MemberLeaveForm(
        request.POST if action == "leave" else None,
        initial={"left_on": timezone.localdate()},
    )
    outcome = forms.OutcomeForm(
        request.POST if action == "outcome" else None,
        initial={"outcome": membership.outcome, "note": membership.outcome_note},
    )
    done = False
    if action == "edit" and edit.is_valid():
        done = attempt(
            request,
            edit,
            lambda: services.member_update(
                membership=membership,
                actor=request.user,
                role=edit.cleaned_data["role"],
                weight=edit.cleaned_data["weight"],
            ),
        )
    elif action == "leave" and leave.is_valid():
        done = attempt(
            request,
            leave,
            lambda: services.member_leave(
                membership=membership,
                actor=request.user,
                left_on=leave.cleaned_data["left_on"],
                reason=leave.cleaned_data["reason"],
            ),
        )
    elif action == "outcome" and outcome.is_valid():
        done = attempt(
            request,
            outcome,
            lambda: services.outcome_record(
                membership=membership,
                actor=request.user,
                outcome=outcome.cleaned_data["outcome"],
                note=outcome.cleaned_data["note"],
            ),
        )
    if done:
        messages.success(request, _("Saved."))
        return redirect("cooperatives:members", pk=coop.pk)
    return page(
        request,
        coop,
        "cooperatives/member.html",
        "members",
        membership=membership,
        edit_form=edit,
        leave_form=leave,
        outcome_form=outcome,
    )


@readers
def hours(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    return _grid_page(request, coop, selectors.hours_grid(coop, month=request.GET.get("month", "")))


@managers
def hours_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the whole grid at once: every cell is checked first; a bad one saves nothing."""
    coop = load(request, pk)
    if request.method != "POST":
        return redirect("cooperatives:hours", pk=coop.pk)
    month = request.POST.get("month", "")
    grid = selectors.hours_grid(coop, month=month)
    cells: list[services.HoursCell] = []
    typed: dict[str, str] = {}
    errors: list[str] = []
    for row in grid.rows():
        for cell in row["cells"]:
            raw = request.POST.get(cell["name"])
            if raw is None or not cell["editable"]:
                continue
            typed[cell["name"]] = raw
            try:
                cells.append(
                    services.HoursCell(cell["day"].pk, row["member"].pk, services.parse_hours(raw))
                )
            except DomainError as error:
                errors.append(error.message)
    if not errors:
        try:
            changed = services.hours_record(cooperative=coop, actor=request.user, cells=cells)
        except DomainError as error:
            errors.append(error.message)
        else:
            if changed:
                messages.success(
                    request, _("Hours saved (%(count)s changed).") % {"count": changed}
                )
            else:
                messages.info(request, _("Nothing changed."))
            url = reverse("cooperatives:hours", kwargs={"pk": coop.pk})
            return redirect(f"{url}?month={month}" if month else url)
    return _grid_page(request, coop, grid, errors=errors, typed=typed)


def _grid_page(
    request: HttpRequest,
    coop: Cooperative,
    grid: selectors.HoursGrid,
    *,
    errors: list[str] | None = None,
    typed: dict[str, str] | None = None,
) -> HttpResponse:
    rows = grid.rows()
    if typed:
        for row in rows:
            for cell in row["cells"]:
                if cell["name"] in typed:
                    cell["typed"] = typed[cell["name"]]
    editable = selectors.can_manage(request.user) and coop.state in {State.RUNNING, State.CLOSING}
    return page(
        request,
        coop,
        "cooperatives/hours.html",
        "hours",
        grid=grid,
        rows=rows,
        day_totals=grid.day_totals(),
        grand_total=sum(grid.day_totals(), Decimal("0.00")),
        editable=editable,
        errors=errors or [],
        status=400 if errors else 200,
    )
