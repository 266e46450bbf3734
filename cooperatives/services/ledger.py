"""The shared ledger (sales and expenses) and the cost sheets.

The ledger is append-only. Each entry carries an idempotency key (a hidden field of the form,
the ``Idempotency-Key`` header of the API): the same key recorded twice gives back the first
entry, which the unique ``(cooperative, idempotency_key)`` constraint guarantees even under a
race. A mistake is cancelled by a reversal entry with the opposite quantity and amount, dated
like the entry it cancels, so day, product and category totals net to zero.
"""

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from djmoney.money import Money

from cooperatives.models import Cooperative, CostLine, CostSheet, LedgerEntry
from cooperatives.receipts import check_receipt
from cooperatives.services._common import State, locked, require_staff, require_state, today
from incubator.errors import DomainError
from incubator.lib.money import quantize
from incubator.models import User
from incubator.services import audit_record

CURRENCY = "EUR"
BOOKS_OPEN = {State.PLANNED, State.RUNNING, State.CLOSING}
MAX_AMOUNT = Decimal("1000000")


def _money(amount: Decimal) -> Money:
    return Money(quantize(amount, CURRENCY), CURRENCY)


def _check_date(coop: Cooperative, date: datetime.date) -> None:
    if date > today():
        raise DomainError(_("An entry cannot be dated in the future."), code="future_date")
    earliest = coop.start_date - datetime.timedelta(days=90)
    if date < earliest:
        raise DomainError(
            _("This date is long before the cooperative started: check it."), code="early_date"
        )


def _check_positive(value: Decimal, message: str, code: str) -> None:
    if value <= 0 or value > MAX_AMOUNT:
        raise DomainError(message, code=code)


def _existing(coop: Cooperative, key: uuid.UUID) -> LedgerEntry | None:
    return LedgerEntry.objects.filter(cooperative=coop, idempotency_key=key).first()


def _create(coop: Cooperative, key: uuid.UUID, **fields: Any) -> tuple[LedgerEntry, bool]:
    """Insert the entry, or return the one already recorded under ``key``."""
    try:
        with transaction.atomic():
            return LedgerEntry.objects.create(cooperative=coop, idempotency_key=key, **fields), True
    except IntegrityError:
        entry = _existing(coop, key)
        if entry is None:
            raise
        return entry, False


@transaction.atomic
def sale_record(
    *,
    cooperative: Cooperative,
    actor: User,
    date: datetime.date,
    product: str,
    quantity: Decimal,
    unit_price: Decimal,
    payment_method: str,
    customer_type: str = LedgerEntry.CustomerType.INDIVIDUAL,
    description: str = "",
    idempotency_key: uuid.UUID,
) -> LedgerEntry:
    """Record a sale of ``quantity`` × ``unit_price`` (the amount rounded half-up)."""
    require_staff(actor)
    coop = locked(cooperative)
    already = _existing(coop, idempotency_key)
    if already is not None:
        return already
    require_state(coop, BOOKS_OPEN)
    _check_date(coop, date)
    if not product.strip():
        raise DomainError(_("Name the product sold."), code="no_product")
    _check_positive(quantity, _("The quantity must be more than zero."), "quantity")
    if unit_price < 0 or unit_price > MAX_AMOUNT:
        raise DomainError(_("The unit price cannot be negative."), code="unit_price")
    if payment_method not in LedgerEntry.PaymentMethod.values:
        raise DomainError(_("Choose how the customer paid."), code="payment_method")
    if customer_type not in LedgerEntry.CustomerType.values:
        raise DomainError(_("Choose the kind of customer."), code="customer_type")
    # The amount is what the customer paid: quantity × the price as shown (in cents).
    quantity = quantity.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    price = quantize(unit_price, CURRENCY)
    entry, created = _create(
        coop,
        idempotency_key,
        kind=LedgerEntry.Kind.SALE,
        date=date,
        product=product.strip(),
        quantity=quantity,
        unit_price=_money(price),
        amount=_money(quantity * price),
        payment_method=payment_method,
        customer_type=customer_type,
        description=description.strip(),
        recorded_by=actor,
    )
    if created:
        audit_record(
            subject=coop, actor=actor, action="sale_recorded", reason=f"#{entry.pk} {entry.amount}"
        )
    return entry


@transaction.atomic
def expense_record(
    *,
    cooperative: Cooperative,
    actor: User,
    date: datetime.date,
    category: str,
    amount: Decimal,
    supplier: str = "",
    description: str = "",
    receipt: UploadedFile | None = None,
    idempotency_key: uuid.UUID,
) -> LedgerEntry:
    """Record a purchase or an expense, with its receipt (a PDF or a photo) if there is one."""
    require_staff(actor)
    coop = locked(cooperative)
    already = _existing(coop, idempotency_key)
    if already is not None:
        return already
    require_state(coop, BOOKS_OPEN)
    _check_date(coop, date)
    if category not in LedgerEntry.Category.values:
        raise DomainError(_("Choose a category."), code="category")
    _check_positive(amount, _("The amount must be more than zero."), "amount")
    if receipt is not None:
        check_receipt(receipt)
    entry, created = _create(
        coop,
        idempotency_key,
        kind=LedgerEntry.Kind.EXPENSE,
        date=date,
        category=category,
        supplier=supplier.strip(),
        description=description.strip(),
        amount=_money(amount),
        receipt=receipt or "",
        recorded_by=actor,
    )
    if created:
        audit_record(
            subject=coop,
            actor=actor,
            action="expense_recorded",
            reason=f"#{entry.pk} {entry.amount}",
        )
    return entry


@transaction.atomic
def entry_reverse(*, entry: LedgerEntry, actor: User, reason: str) -> LedgerEntry:
    """Cancel ``entry`` by a mirror entry; the original stays, marked as cancelled."""
    require_staff(actor)
    coop = locked(entry.cooperative)
    require_state(coop, BOOKS_OPEN)
    entry = LedgerEntry.objects.get(pk=entry.pk)
    if entry.reverses_id is not None:
        raise DomainError(_("A correction cannot itself be cancelled."), code="reverse_reversal")
    if not reason.strip():
        raise DomainError(_("Say why the entry is cancelled."), code="no_reason")
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise DomainError(_("This entry is already cancelled."), code="already_reversed")
    try:
        with transaction.atomic():
            reversal = LedgerEntry.objects.create(
                cooperative=coop,
                kind=entry.kind,
                date=entry.date,
                product=entry.product,
                quantity=-entry.quantity if entry.quantity is not None else None,
                unit_price=entry.unit_price,
                payment_method=entry.payment_method,
                customer_type=entry.customer_type,
                supplier=entry.supplier,
                category=entry.category,
                description=reason.strip(),
                amount=-entry.amount,
                reverses=entry,
                recorded_by=actor,
            )
    except IntegrityError:  # a concurrent reversal of the same entry won
        raise DomainError(_("This entry is already cancelled."), code="already_reversed") from None
    audit_record(
        subject=coop,
        actor=actor,
        action="entry_reversed",
        reason=f"#{entry.pk} → #{reversal.pk}: {reason.strip()}",
    )
    return reversal


# --- Cost sheets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineInput:
    material: str
    quantity: Decimal
    unit: str
    unit_cost: Decimal


@transaction.atomic
def cost_sheet_save(
    *,
    cooperative: Cooperative,
    actor: User,
    product: str,
    yield_quantity: Decimal,
    selling_price: Decimal,
    lines: Sequence[LineInput],
    yield_unit: str = "",
    notes: str = "",
    sheet: CostSheet | None = None,
) -> CostSheet:
    """Create or replace a cost sheet and its materials (a planning tool, not the ledger)."""
    require_staff(actor)
    coop = locked(cooperative)
    require_state(coop, BOOKS_OPEN)
    if not product.strip():
        raise DomainError(_("Name the product."), code="no_product")
    _check_positive(yield_quantity, _("A batch makes at least some units."), "yield")
    if selling_price < 0 or selling_price > MAX_AMOUNT:
        raise DomainError(_("The selling price cannot be negative."), code="selling_price")
    if not lines:
        raise DomainError(_("List at least one material."), code="no_lines")
    for line in lines:
        if not line.material.strip():
            raise DomainError(_("Name each material."), code="no_material")
        if line.quantity < 0 or line.unit_cost < 0 or line.unit_cost > MAX_AMOUNT:
            raise DomainError(
                _("Quantities and costs cannot be negative (%(material)s)."),
                code="negative_line",
                params={"material": line.material},
            )
        if line.unit not in CostLine.Unit.values:
            raise DomainError(_("Choose a unit."), code="unit")
    values = {
        "product": product.strip(),
        "yield_quantity": yield_quantity.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        "yield_unit": yield_unit.strip(),
        "selling_price": _money(selling_price),
        "notes": notes.strip(),
    }
    try:
        with transaction.atomic():
            if sheet is None:
                sheet = CostSheet.objects.create(cooperative=coop, **values)
            else:
                if sheet.cooperative_id != coop.pk:
                    raise DomainError(_("This cost sheet does not exist."), code="unknown_sheet")
                CostSheet.objects.filter(pk=sheet.pk).update(**values)
                for name, value in values.items():
                    setattr(sheet, name, value)
                sheet.lines.all().delete()
    except IntegrityError:
        raise DomainError(
            _("There is already a cost sheet for %(product)s."),
            code="duplicate_product",
            params={"product": product.strip()},
        ) from None
    CostLine.objects.bulk_create(
        CostLine(
            sheet=sheet,
            material=line.material.strip(),
            quantity=line.quantity.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
            unit=line.unit,
            unit_cost=_money(line.unit_cost),
        )
        for line in lines
    )
    audit_record(subject=coop, actor=actor, action="cost_sheet_saved", reason=sheet.product)
    return sheet
