"""The portfolio dashboard: outstanding, PAR, ageing, repayment rate, payouts by month, with
filters, a chart and a CSV export (formula-injection safe)."""

import csv
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from incubator.access import role_required
from incubator.lib import charts, formats
from incubator.lib.csvfile import safe_cell
from loans import forms, portfolio, selectors
from loans.views.common import LOAN_OFFICERS, today

BUCKET_LABELS = {
    "current": gettext_lazy("On time"),
    "1-30": gettext_lazy("1 to 30 days late"),
    "31-60": gettext_lazy("31 to 60 days late"),
    "61-90": gettext_lazy("61 to 90 days late"),
    "91-180": gettext_lazy("91 to 180 days late"),
    "180+": gettext_lazy("More than 180 days late"),
}


def _report(request: HttpRequest) -> tuple[forms.PortfolioFilterForm, portfolio.Portfolio]:
    filters = forms.PortfolioFilterForm(request.GET or None)
    loans = selectors.loans_visible_to(request.user)
    start = end = None
    if filters.is_valid():
        data = filters.cleaned_data
        if data["product"]:
            loans = loans.filter(product=data["product"])
        if data["adviser"]:
            loans = loans.filter(adviser=data["adviser"])
        start, end = data["start"], data["end"]
    return filters, portfolio.build(loans, as_of=min(end or today(), today()), start=start)


@never_cache
@role_required(*LOAN_OFFICERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Queries: session, user, the filter's choices, then the report's four aggregates."""
    if request.GET.get("format") == "csv":
        return export(request)
    filters, report = _report(request)
    lang = (request.LANGUAGE_CODE or "fr")[:2]
    month_chart = charts.bar_chart(
        [formats.date(m.month, lang, "MMM y") for m in report.months],
        [charts.Series(_("Paid out"), tuple(m.amount for m in report.months))],
        fmt=lambda v: formats.number(v, lang),
    )  # fmt: skip
    ageing_chart = charts.bar_chart(
        # Short labels under the bars (days late); the table below spells them out.
        [str(_("on time")) if b.key == "current" else b.key.replace("-", "–")
         for b in report.buckets],
        [charts.Series(_("Outstanding principal"), tuple(b.outstanding for b in report.buckets),
                       "accent")],
        fmt=lambda v: formats.number(v, lang),
        height=260,
    )  # fmt: skip
    context = {
        "filters": filters,
        "report": report,
        "labels": BUCKET_LABELS,
        # to_svg escapes every label and value it writes.
        "month_svg": mark_safe(charts.to_svg(month_chart, title=_("Paid out by month"))),
        "ageing_svg": mark_safe(charts.to_svg(ageing_chart, title=_("Ageing of the portfolio"))),
        "query": request.GET.urlencode(),
    }
    return render(request, "loans/portfolio.html", context)


@role_required(*LOAN_OFFICERS)
def export(request: HttpRequest) -> HttpResponse:
    """The report as CSV: one section per table, amounts with a dot and two decimals."""
    filters, report = _report(request)
    data = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="portfolio-{report.as_of}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheets read UTF-8
    writer = csv.writer(response)
    rows: list[list[object]] = [
        [_("As of"), report.as_of.isoformat()],
        [_("From"), report.start.isoformat() if report.start else ""],
        [_("Product"), str(data.get("product") or _("All"))],
        [_("Adviser"), str(data.get("adviser") or _("All"))],
        [_("Currency"), report.currency],
        [_("Loans with principal outstanding"), report.loans],
        [_("Outstanding principal"), report.outstanding],
        *[[f"PAR{days}", report.par[days], report.par_amount[days]] for days in portfolio.PAR_DAYS],
        [_("Repayment rate (%)"), "" if report.repayment_rate is None else report.repayment_rate],
        [_("Collected"), report.collected],
        [_("Due"), report.due],
        [],
        [_("Ageing"), _("Loans"), _("Outstanding principal"), _("Share (%)")],
        *[[str(BUCKET_LABELS[b.key]), b.count, b.outstanding, b.share] for b in report.buckets],
        [],
        [_("Month"), _("Loans paid out"), _("Amount paid out")],
        *[[m.month.strftime("%Y-%m"), m.count, m.amount] for m in report.months],
    ]  # fmt: skip
    for row in rows:
        writer.writerow([safe_cell(str(v) if not isinstance(v, Decimal | int) else v) for v in row])
    return response
