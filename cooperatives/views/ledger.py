"""The ledger tab (sales, expenses, running balance, reversals, receipts) and cost sheets."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives import forms, receipts, selectors
from cooperatives.models import Cooperative, CostSheet, LedgerEntry
from cooperatives.services import ledger as services
from cooperatives.views._base import attempt, load, managers, page, readers

PAGE_SIZE = 30


def _ledger_page(request: HttpRequest, coop: Cooperative, **forms_: object) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in LedgerEntry.Kind.values:
        kind = ""
    entries = Paginator(selectors.ledger_entries(coop, kind=kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return page(
        request,
        coop,
        "cooperatives/ledger.html",
        "ledger",
        page_obj=entries,
        kind=kind,
        kinds=LedgerEntry.Kind.choices,
        totals=selectors.ledger_totals(coop),
        by_product=selectors.sales_by_product(coop),
        by_category=selectors.expenses_by_category(coop),
        category_names=dict(LedgerEntry.Category.choices),
        books_open=coop.books_open and selectors.can_manage(request.user),
        **forms_,
    )


@readers
def ledger(request: HttpRequest, pk: int) -> HttpResponse:
    return _ledger_page(request, load(request, pk))


@managers
def sale_add(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    form = forms.SaleForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            form,
            lambda: services.sale_record(
                cooperative=coop,
                actor=request.user,
                date=data["date"],
                product=data["product"],
                quantity=data["quantity"],
                unit_price=data["unit_price"],
                payment_method=data["payment_method"],
                customer_type=data["customer_type"],
                description=data["description"],
                idempotency_key=data["idempotency_key"],
            ),
        ):
            messages.success(request, _("The sale is recorded."))
            return redirect("cooperatives:ledger", pk=coop.pk)
    products = list(coop.cost_sheets.values_list("product", flat=True))
    return page(
        request,
        coop,
        "cooperatives/entry_form.html",
        "ledger",
        form=form,
        title=_("Record a sale"),
        products=products,
        status=400 if form.errors else 200,
    )


@managers
def expense_add(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    form = forms.ExpenseForm(
        request.POST or None, request.FILES or None, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            form,
            lambda: services.expense_record(
                cooperative=coop,
                actor=request.user,
                date=data["date"],
                supplier=data["supplier"],
                category=data["category"],
                amount=data["amount"],
                description=data["description"],
                receipt=data["receipt"],
                idempotency_key=data["idempotency_key"],
            ),
        ):
            messages.success(request, _("The expense is recorded."))
            return redirect("cooperatives:ledger", pk=coop.pk)
    return page(
        request,
        coop,
        "cooperatives/entry_form.html",
        "ledger",
        form=form,
        title=_("Record an expense"),
        multipart=True,
        status=400 if form.errors else 200,
    )


@managers
def entry_reverse(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    coop = load(request, pk)
    original = get_object_or_404(LedgerEntry, cooperative=coop, pk=entry)
    form = forms.DayCancelForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            lambda: services.entry_reverse(
                entry=original, actor=request.user, reason=form.cleaned_data["reason"]
            ),
        )
    ):
        messages.success(request, _("The entry is cancelled by a correction."))
        return redirect("cooperatives:ledger", pk=coop.pk)
    return page(
        request, coop, "cooperatives/entry_reverse.html", "ledger", entry=original, form=form
    )


@readers
def receipt(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    """The receipt file, to staff and advisers only, always as a download."""
    coop = load(request, pk)
    row = selectors.get_entry_for(request.user, coop, entry)
    if not row.receipt:
        raise Http404
    response = FileResponse(
        row.receipt.open("rb"),
        as_attachment=True,
        filename=f"receipt-{coop.pk}-{row.pk}.{row.receipt.name.rsplit('.', 1)[-1]}",
        content_type=receipts.content_type(row.receipt.name),
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Cost sheets ------------------------------------------------------------------------------


@readers
def costs(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    sheets = []
    for sheet in selectors.cost_sheets_of(coop):
        figures = selectors.compute_sheet(sheet)
        sheets.append(
            (sheet, figures, list(zip(sheet.lines.all(), figures.line_costs, strict=True)))
        )
    return page(request, coop, "cooperatives/costs.html", "costs", sheets=sheets)


@managers
def cost_sheet_edit(request: HttpRequest, pk: int, sheet: int | None = None) -> HttpResponse:
    coop = load(request, pk)
    current = get_object_or_404(CostSheet, cooperative=coop, pk=sheet) if sheet else None
    initial = {}
    lines_initial: list[dict[str, object]] = []
    if current is not None:
        initial = {
            "product": current.product,
            "yield_quantity": current.yield_quantity,
            "yield_unit": current.yield_unit,
            "selling_price": current.selling_price.amount,
            "notes": current.notes,
        }
        lines_initial = [
            {
                "material": line.material,
                "quantity": line.quantity,
                "unit": line.unit,
                "unit_cost": line.unit_cost.amount,
            }
            for line in current.lines.all()
        ]
    form = forms.CostSheetForm(request.POST or None, initial=initial)
    lines = forms.CostLineFormSet(request.POST or None, initial=lines_initial, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        rows = [
            services.LineInput(
                material=line["material"],
                quantity=line["quantity"],
                unit=line["unit"] or "piece",
                unit_cost=line["unit_cost"],
            )
            for line in lines.cleaned_data
            if line and line.get("material")
        ]
        data = form.cleaned_data
        if attempt(
            request,
            form,
            lambda: services.cost_sheet_save(
                cooperative=coop,
                actor=request.user,
                sheet=current,
                product=data["product"],
                yield_quantity=data["yield_quantity"],
                yield_unit=data["yield_unit"],
                selling_price=data["selling_price"],
                notes=data["notes"],
                lines=rows,
            ),
        ):
            messages.success(request, _("The cost sheet is saved."))
            return redirect("cooperatives:costs", pk=coop.pk)
    return page(
        request,
        coop,
        "cooperatives/cost_sheet_form.html",
        "costs",
        form=form,
        lines=lines,
        sheet=current,
    )
