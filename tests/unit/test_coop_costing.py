"""A cost sheet equals its hand computation, to the cent."""

from decimal import Decimal

import pytest

from cooperatives.costing import Material, cost_sheet

D = Decimal


def test_a_mafe_for_twelve_equals_the_hand_computation():
    # chicken 2.4 kg × 7.90 = 18.96; peanut paste 0.6 × 6.45 = 3.87; rice 1.5 × 1.89 = 2.835
    # → 2.84 (half-up); tomatoes 1 × 2.99 = 2.99; onions 0.8 × 1.60 = 1.28; vegetables
    # 1 × 1.80; spices 1.50; 12 trays × 0.35 = 4.20. Batch 37.44; one portion 37.44 / 12 =
    # 3.12; at 9.50 the margin is 6.38, i.e. 6.38 / 9.50 = 67.157… % → 67.16 %;
    # a batch leaves 6.38 × 12 = 76.56.
    sheet = cost_sheet(
        [
            Material("chicken", D("2.4"), D("7.90")),
            Material("peanut paste", D("0.6"), D("6.45")),
            Material("rice", D("1.5"), D("1.89")),
            Material("tomatoes", D("1"), D("2.99")),
            Material("onions", D("0.8"), D("1.60")),
            Material("vegetables", D("1"), D("1.80")),
            Material("spices", D("1"), D("1.50")),
            Material("trays", D("12"), D("0.35")),
        ],
        yield_quantity=D(12),
        selling_price=D("9.50"),
    )
    assert sheet.line_costs == (
        D("18.96"),
        D("3.87"),
        D("2.84"),
        D("2.99"),
        D("1.28"),
        D("1.80"),
        D("1.50"),
        D("4.20"),
    )
    assert sheet.batch_cost == D("37.44")
    assert sheet.unit_cost == D("3.12")
    assert sheet.margin == D("6.38")
    assert sheet.margin_rate == D("67.16")
    assert sheet.batch_margin == D("76.56")


def test_a_wax_tote_bag_sold_below_cost_shows_a_negative_margin():
    # wax 0.5 m × 12.00 = 6.00, lining 0.5 × 4.00 = 2.00, strap 1.2 × 1.50 = 1.80,
    # thread 0.40 → 10.20 a bag; sold 9.00: margin −1.20, −13.33 %.
    sheet = cost_sheet(
        [
            Material("wax", D("0.5"), D("12.00")),
            Material("lining", D("0.5"), D("4.00")),
            Material("strap", D("1.2"), D("1.50")),
            Material("thread", D("1"), D("0.40")),
        ],
        yield_quantity=D(1),
        selling_price=D("9.00"),
    )
    assert (sheet.unit_cost, sheet.margin, sheet.margin_rate) == (
        D("10.20"),
        D("-1.20"),
        D("-13.33"),
    )


def test_a_free_product_has_no_margin_rate():
    sheet = cost_sheet([Material("x", D(1), D("1.00"))], yield_quantity=D(1), selling_price=D(0))
    assert sheet.margin_rate is None and sheet.margin == D("-1.00")


@pytest.mark.parametrize(
    ("materials", "yield_quantity", "price"),
    [([], D(0), D(1)), ([Material("x", D(-1), D(1))], D(1), D(1)), ([], D(1), D(-1))],
)
def test_impossible_sheets_are_refused(materials, yield_quantity, price):
    with pytest.raises(ValueError):
        cost_sheet(materials, yield_quantity=yield_quantity, selling_price=price)
