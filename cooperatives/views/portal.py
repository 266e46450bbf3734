"""The participant's pages: my cooperative, my days and hours, my statement.

A participant reaches only cooperatives they are a member of (404 otherwise), sees the shared
calendar and the collective totals, and only their own hours and share: the other members'
hours and shares are personal data (a share can count as income for benefits), so they stay
with the staff; the members decided the rule together and can check their own share with it.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cooperatives import pdf, reports, selectors
from cooperatives.models import MemberShare
from cooperatives.views.closing import pdf_response
from incubator.access import role_required
from incubator.models import User

participant = role_required(User.Role.PARTICIPANT)


@never_cache
@participant
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(selectors.memberships_of_user(request.user))
    if len(memberships) == 1:
        return redirect("cooperatives_portal:detail", pk=memberships[0].cooperative_id)
    return render(request, "cooperatives/portal/home.html", {"memberships": memberships})


@never_cache
@participant
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.get_membership_for(request.user, pk)
    coop = membership.cooperative
    days = selectors.own_days(membership)
    today = timezone.localdate()
    all_days = list(
        coop.days.filter(cancelled=False).order_by("date").values_list("date", flat=True)
    )
    team = [
        m.participant.first_name
        for m in coop.memberships.select_related("participant").filter(left_on__isnull=True)
        if m.pk != membership.pk
    ]
    return render(
        request,
        "cooperatives/portal/detail.html",
        {
            "membership": membership,
            "coop": coop,
            "next_day": next((d for d in all_days if d >= today), None),
            "today": today,
            "day_number": sum(1 for d in all_days if d < today),
            "day_count": len(all_days),
            "days_worked": sum(1 for d in days if d["hours"]),
            "hours": sum((d["hours"] or 0 for d in days), 0),
            "totals": selectors.ledger_totals(coop),
            "team": team,
            "share": MemberShare.objects.filter(membership=membership).first(),
        },
    )


@never_cache
@participant
def days(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.get_membership_for(request.user, pk)
    rows = selectors.own_days(membership)
    return render(
        request,
        "cooperatives/portal/days.html",
        {
            "membership": membership,
            "coop": membership.cooperative,
            "rows": rows,
            "days_worked": sum(1 for r in rows if r["hours"]),
            "hours": sum((r["hours"] or 0 for r in rows), 0),
        },
    )


@never_cache
@participant
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    """My statement, in my own language."""
    membership = selectors.get_membership_for(request.user, pk)
    data = reports.statement(membership)
    if data is None:
        raise Http404(_("The cooperative is not closed yet."))
    language = membership.participant.preferred_language
    content = pdf.render_statement(data, language=language)
    return pdf_response(content, f"statement-{membership.cooperative_id}-{language}.pdf")
