"""The shared ledger: sales and expenses in Money, half-up cents, idempotent, corrected by
reversals (never deleted), totals and the running balance summed by the database."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from djmoney.money import Money

from cooperatives import selectors
from cooperatives.models import LedgerEntry
from cooperatives.services import closing, cooperatives, ledger
from incubator.errors import DomainError

D = Decimal
PDF = b"%PDF-1.4\n%%EOF\n"


def test_a_sale_is_quantity_times_price_rounded_half_up(amina_coop, sell):
    # 1.5 × 0.35 = 0.525: half-up gives 0.53 (banker's rounding would give 0.52).
    entry = sell(amina_coop, "Bissap", "1.5", "0.35")
    assert entry.amount == Money(D("0.53"), "EUR")
    assert entry.unit_price == Money(D("0.35"), "EUR")
    entry.refresh_from_db()
    assert entry.amount.amount == D("0.53") and entry.quantity == D("1.50")


def test_the_same_key_records_one_entry(amina_coop, staff):
    key = uuid.uuid4()
    values = {
        "cooperative": amina_coop,
        "actor": staff,
        "date": datetime.date(2026, 7, 10),
        "product": "Mafé",
        "quantity": D(3),
        "unit_price": D("9.50"),
        "payment_method": "cash",
        "idempotency_key": key,
    }
    first = ledger.sale_record(**values)
    again = ledger.sale_record(**values)
    assert first.pk == again.pk
    assert LedgerEntry.objects.count() == 1


def test_a_correction_reverses_an_entry_which_stays(amina_coop, sell, spend, staff):
    sell(amina_coop, "Mafé", "10", "9.50")
    wrong = sell(amina_coop, "Bissap", "25", "25.00")
    spend(amina_coop, "ingredients", "40.10")
    reversal = ledger.entry_reverse(entry=wrong, actor=staff, reason="Prix 2,50 et non 25")
    assert reversal.amount == Money(D("-625.00"), "EUR") and reversal.quantity == D("-25.00")
    assert reversal.date == wrong.date and reversal.reverses == wrong
    assert LedgerEntry.objects.count() == 4  # nothing deleted
    totals = selectors.ledger_totals(amina_coop)
    assert (totals.sales, totals.expenses, totals.balance) == (D("95.00"), D("40.10"), D("54.90"))
    with pytest.raises(DomainError) as refused:
        ledger.entry_reverse(entry=wrong, actor=staff, reason="encore")
    assert refused.value.code == "already_reversed"
    with pytest.raises(DomainError) as refused:
        ledger.entry_reverse(entry=reversal, actor=staff, reason="annuler l'annulation")
    assert refused.value.code == "reverse_reversal"
    assert [row["product"] for row in selectors.sales_by_product(amina_coop)] == ["Mafé"]


def test_the_running_balance_is_computed_by_the_database(amina_coop, sell, spend):
    sell(amina_coop, "Mafé", "10", "9.50", date=datetime.date(2026, 7, 10))  # 95.00
    spend(amina_coop, "rent", "150.00", date=datetime.date(2026, 7, 10))  # -150.00
    sell(amina_coop, "Yassa", "12", "10.00", date=datetime.date(2026, 7, 11))  # 120.00
    spend(amina_coop, "ingredients", "33.33", date=datetime.date(2026, 7, 11))  # -33.33
    rows = [(e.kind, e.amount.amount, e.balance) for e in selectors.ledger_entries(amina_coop)]
    assert [(kind, amount, D(balance).quantize(D("0.01"))) for kind, amount, balance in rows] == [
        ("expense", D("33.33"), D("31.67")),
        ("sale", D("120.00"), D("65.00")),
        ("expense", D("150.00"), D("-55.00")),
        ("sale", D("95.00"), D("95.00")),
    ]


def test_an_expense_keeps_its_receipt_under_a_random_name(amina_coop, spend, coop_media):
    receipt = SimpleUploadedFile("../../etc/ticket metro.PDF", PDF, "application/pdf")
    entry = spend(amina_coop, "ingredients", "186.40", supplier="Metro", receipt=receipt)
    assert entry.receipt.name.startswith(f"receipts/coop-{amina_coop.pk}/")
    assert entry.receipt.name.endswith(".pdf") and "metro" not in entry.receipt.name
    with entry.receipt.open("rb") as stored:
        assert stored.read() == PDF


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("facture.pdf", b"MZ\x90\x00 not a pdf", "receipt_type"),
        ("photo.jpg", b"<svg onload=alert(1)>", "receipt_type"),
        ("big.pdf", b"%PDF-" + b"0" * 2048, "receipt_size"),
    ],
)
def test_a_receipt_must_be_a_small_pdf_or_photo(
    amina_coop, spend, coop_media, settings, name, content, code
):
    settings.FILE_UPLOAD_MAX_SIZE = 1024
    with pytest.raises(DomainError) as refused:
        spend(amina_coop, "ingredients", "10", receipt=SimpleUploadedFile(name, content))
    assert refused.value.code == code
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"quantity": "0"}, "quantity"),
        ({"price": "-1"}, "unit_price"),
        ({"product": " "}, "no_product"),
        ({"date": datetime.date(2099, 1, 1)}, "future_date"),
        ({"payment_method": "cheque"}, "payment_method"),
    ],
)
def test_bad_sales_are_refused_and_change_nothing(amina_coop, sell, values, code):
    args = {"product": "Mafé", "quantity": "1", "price": "9.50"}
    extra = {k: v for k, v in values.items() if k not in args}
    args.update({k: v for k, v in values.items() if k in args})
    with pytest.raises(DomainError) as refused:
        sell(amina_coop, args["product"], args["quantity"], args["price"], **extra)
    assert refused.value.code == code
    assert not LedgerEntry.objects.exists()


def test_the_books_close_with_the_cooperative(amina_coop, record_hours, sell, staff):
    ms = list(amina_coop.memberships.all())
    record_hours(amina_coop, {m: [6] * 10 for m in ms})
    entry = sell(amina_coop, "Mafé", "1", "9.50")
    cooperatives.cooperative_transition(cooperative=amina_coop, to="closing", actor=staff)
    sell(amina_coop, "Dernier reçu", "1", "5.00")  # the last receipts come in while closing
    closing.cooperative_close(cooperative=amina_coop, actor=staff)
    with pytest.raises(DomainError) as refused:
        sell(amina_coop, "Trop tard", "1", "5.00")
    assert refused.value.code == "closed"
    with pytest.raises(DomainError):
        ledger.entry_reverse(entry=entry, actor=staff, reason="après coup")
