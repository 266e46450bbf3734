"""Loan terms and the schedule they produce, as small frozen dataclasses.

Amounts are ``Decimal`` in the currency carried by ``LoanTerms.currency`` (an ISO code); the
engine never sees ``Money``. The services wrap results in ``djmoney.money.Money``.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from incubator.lib.money import minor_unit
from incubator.lib.periods import Frequency, step

# Every division, power, exponential and logarithm of the engine runs in this context, passed
# explicitly: 40 significant digits are far more than a cent of 10^12 needs, and no global or
# thread decimal context is read or changed. Rounding to cents is always an explicit
# ``quantize(..., rounding=ROUND_HALF_UP)``; the context's own rounding only trims the 40th digit.
CTX = Context(prec=40, rounding=ROUND_HALF_UP)
ZERO = Decimal(0)
DAYS_PER_YEAR = 365  # interest of an irregular first period and accrued interest: actual / 365


class Method(StrEnum):
    DECLINING_EQUAL_INSTALLMENTS = "declining_equal_installments"
    DECLINING_EQUAL_PRINCIPAL = "declining_equal_principal"
    FLAT = "flat"


class TermsError(ValueError):
    """Terms the engine refuses; ``field`` names the ``LoanTerms`` field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def to_decimal(value: Any, field: str) -> Decimal:
    """``int``, ``str`` or ``Decimal`` to a finite ``Decimal``; floats are refused.

    >>> to_decimal("7.45", "annual_rate")
    Decimal('7.45')
    >>> to_decimal(0.1, "annual_rate")
    Traceback (most recent call last):
    ...
    loans.engine.terms.TermsError: annual_rate: expected a Decimal, an int or a str, not float
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TermsError(field, f"expected a Decimal, an int or a str, not {type(value).__name__}")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise TermsError(field, f"not a number: {value!r}") from None
    if not result.is_finite():
        raise TermsError(field, "must be a finite number")
    return result


@dataclass(frozen=True)
class LoanTerms:
    """What a loan is agreed on. Strings are accepted for ``method``, ``frequency`` and amounts.

    >>> LoanTerms(principal=Decimal("5000.00"), annual_rate=Decimal("7.45"), installments=36,
    ...           frequency="monthly", method="flat",
    ...           disbursement_date=date(2026, 1, 5)).regular_first_due_date
    datetime.date(2026, 2, 5)
    """

    principal: Decimal
    annual_rate: Decimal  # nominal, in percent: Decimal("7.45")
    installments: int
    frequency: Frequency
    method: Method
    disbursement_date: date
    first_due_date: date | None = None  # default: one period after disbursement
    grace_periods: int = 0
    currency: str = "EUR"
    fee_percent: Decimal = ZERO  # of principal, charged at disbursement
    fee_fixed: Decimal = ZERO
    round_installment_to: Decimal | None = None  # e.g. Decimal("1"): installment rounded UP to it

    def __post_init__(self) -> None:
        # Coerce what callers commonly pass (choice strings, ints) so the rest of the engine
        # can trust the types; anything else is a TermsError (a ValueError).
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        for name in ("principal", "annual_rate", "fee_percent", "fee_fixed"):
            put(name, to_decimal(getattr(self, name), name))
        if self.round_installment_to is not None:
            put(
                "round_installment_to",
                to_decimal(self.round_installment_to, "round_installment_to"),
            )
        try:
            put("frequency", Frequency(self.frequency))
        except ValueError:
            raise TermsError("frequency", f"unknown frequency {self.frequency!r}") from None
        try:
            put("method", Method(self.method))
        except ValueError:
            raise TermsError("method", f"unknown method {self.method!r}") from None
        for name in ("installments", "grace_periods"):
            if isinstance(getattr(self, name), bool) or not isinstance(getattr(self, name), int):
                raise TermsError(name, "must be a whole number")
        for name in ("disbursement_date", "first_due_date"):
            value = getattr(self, name)
            if not (value is None and name == "first_due_date") and not isinstance(value, date):
                raise TermsError(name, "must be a date")
        regular = step(self.disbursement_date, self.frequency, 1)
        put("regular_first_due_date", regular)
        put("effective_first_due_date", self.first_due_date or regular)

    # Derived once in __post_init__; left out of __init__, equality and repr.
    regular_first_due_date: date = field(init=False, repr=False, compare=False)
    """One period after disbursement: the default first due date."""
    effective_first_due_date: date = field(init=False, repr=False, compare=False)
    """The first due date given, or the default one."""

    @property
    def first_period_days(self) -> int | None:
        """Days of an irregular first period, or None when it is exactly one period."""
        first = self.effective_first_due_date
        if first == self.regular_first_due_date:
            return None
        return (first - self.disbursement_date).days


def validate_terms(terms: LoanTerms) -> None:
    """Raise ``TermsError`` (a ``ValueError``) for terms no schedule can be built from.

    The engine's limits are wide; the preview API and the forms narrow them (see
    ``loans.simulate_forms``).

    >>> validate_terms(LoanTerms(principal=Decimal("100.00"), annual_rate=Decimal(5),
    ...     installments=3, frequency="weekly", method="flat", disbursement_date=date(2026, 1, 5),
    ...     grace_periods=3))
    Traceback (most recent call last):
    ...
    loans.engine.terms.TermsError: grace_periods: must be at least 0 and fewer than the installments
    """
    unit = minor_unit(terms.currency)
    if len(terms.currency) != 3 or not terms.currency.isalpha() or not terms.currency.isupper():
        raise TermsError("currency", "must be an ISO 4217 code such as EUR")
    if terms.principal <= 0:
        raise TermsError("principal", "must be positive")
    if terms.principal != terms.principal.quantize(unit):
        raise TermsError("principal", f"must be a whole number of {unit}")
    if not 0 <= terms.annual_rate <= 1000:
        raise TermsError("annual_rate", "must be between 0 and 1000 percent")
    if terms.installments < 1:
        raise TermsError("installments", "must be at least 1")
    if not 0 <= terms.grace_periods < terms.installments:
        raise TermsError("grace_periods", "must be at least 0 and fewer than the installments")
    if terms.effective_first_due_date <= terms.disbursement_date:
        raise TermsError("first_due_date", "must be after the disbursement date")
    if not 0 <= terms.fee_percent < 100:
        raise TermsError("fee_percent", "must be at least 0 and below 100")
    if terms.fee_fixed < 0 or terms.fee_fixed != terms.fee_fixed.quantize(unit):
        raise TermsError("fee_fixed", f"must be a non-negative whole number of {unit}")
    multiple = terms.round_installment_to
    if multiple is not None and (multiple <= 0 or multiple != multiple.quantize(unit)):
        raise TermsError("round_installment_to", f"must be a positive multiple of {unit}")
    if upfront_fees(terms) >= terms.principal:
        raise TermsError("fee_fixed", "the fees must leave something to the borrower")


def upfront_fees(terms: LoanTerms) -> Decimal:
    """Fees charged at disbursement: ``round(P × fee_percent / 100) + fee_fixed``.

    >>> upfront_fees(LoanTerms(principal=Decimal("5000.00"), annual_rate=Decimal(7),
    ...     installments=12, frequency="monthly", method="flat", disbursement_date=date(2026, 1, 5),
    ...     fee_percent=Decimal("1.5"), fee_fixed=Decimal("20.00")))
    Decimal('95.00')
    """
    unit = minor_unit(terms.currency)
    percent = CTX.divide(CTX.multiply(terms.principal, terms.fee_percent), Decimal(100))
    return percent.quantize(unit, rounding=ROUND_HALF_UP) + terms.fee_fixed.quantize(unit)


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # 1..n
    due_date: date
    principal: Decimal
    interest: Decimal
    total: Decimal  # principal + interest
    balance: Decimal  # outstanding principal after this installment


@dataclass(frozen=True)
class Schedule:
    terms: LoanTerms
    rows: tuple[Row, ...]
    installment_amount: Decimal  # the regular installment (after grace)
    total_interest: Decimal
    total_fees: Decimal
    total_cost: Decimal  # interest + fees
    apr: Decimal  # percent, 2 decimals

    @property
    def total_repaid(self) -> Decimal:
        """Principal plus interest: what the borrower pays back over the installments."""
        return sum((row.total for row in self.rows), ZERO)
