"""The loan engine: schedules, APR, payoff, prepayment and allocation, as pure code.

No Django ORM here (tests/unit/test_purity.py checks it): ``Decimal`` amounts in a currency
carried as a code, dates, and small frozen dataclasses. Every rounding is half-up to the
currency's minor unit, written in code; no global decimal context is read or changed.
"""

from incubator.lib.periods import Frequency

from .allocation import Allocation, Due, Part, allocate_payment
from .apr import annual_percentage_rate
from .payoff import InstallmentBalance, PayoffQuote, payoff_quote
from .prepayment import PrepaymentMode, prepay, reschedule
from .schedule import build_schedule
from .terms import LoanTerms, Method, Row, Schedule, TermsError, upfront_fees, validate_terms

__all__ = [
    "Allocation",
    "Due",
    "Frequency",
    "InstallmentBalance",
    "LoanTerms",
    "Method",
    "Part",
    "PayoffQuote",
    "PrepaymentMode",
    "Row",
    "Schedule",
    "TermsError",
    "allocate_payment",
    "annual_percentage_rate",
    "build_schedule",
    "payoff_quote",
    "prepay",
    "reschedule",
    "upfront_fees",
    "validate_terms",
]
