"""The loan offer and the payment receipt as PDFs (ReportLab through ``incubator.lib.pdf``).

These functions take computed data and never query; call them inside
``translation.override(data.language)`` so the labels come out in the reader's language.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from incubator.lib import formats
from incubator.lib import pdf as kit

WIDTH = 174 * mm  # A4 minus the margins of incubator.lib.pdf.build


@dataclass(frozen=True)
class ScheduleLine:
    number: int
    due_date: datetime.date
    principal: Decimal
    interest: Decimal
    balance: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


@dataclass(frozen=True)
class OfferData:
    language: str
    organisation: str
    reference: str
    application_reference: str
    participant: str
    address: str
    product: str
    purpose: str
    currency: str
    principal: Decimal
    annual_rate: Decimal
    apr: Decimal
    method: str
    frequency: str
    installments: int
    grace_periods: int
    fee_percent_amount: Decimal
    fee_fixed_amount: Decimal
    fee_percent: Decimal
    net_disbursed: Decimal
    total_interest: Decimal
    disbursed_on: datetime.date
    schedule: tuple[ScheduleLine, ...]
    guarantee_percent: Decimal
    guarantee_covered: bool
    conditions: str
    adviser: str


@dataclass(frozen=True)
class ReceiptPart:
    number: int | None
    due_date: datetime.date | None
    fees: Decimal
    interest: Decimal
    principal: Decimal
    credit: Decimal

    @property
    def total(self) -> Decimal:
        return self.fees + self.interest + self.principal + self.credit


@dataclass(frozen=True)
class ReceiptData:
    language: str
    organisation: str
    number: str
    loan_reference: str
    participant: str
    currency: str
    amount: Decimal
    kind: str
    method: str
    reference: str
    value_date: datetime.date
    recorded_by: str
    parts: tuple[ReceiptPart, ...]
    reversed_on: datetime.date | None
    outstanding: Decimal
    credit: Decimal
    next_due: datetime.date | None
    next_amount: Decimal | None
    issued_on: datetime.date


def _page(number: int) -> str:
    return _("Page %(number)s") % {"number": number}


def _signatures(styles: kit.Styles, left: tuple[str, str], right: tuple[str, str]) -> Flowable:
    """Two signature blocks side by side (mirrored in right-to-left documents), with room to
    sign."""
    half = WIDTH / 2
    rows: list[list[object]] = [
        [left[0], right[0]],
        [left[1], right[1]],
        [_("Date:"), _("Date:")],
        [_("Signature:"), _("Signature:")],
        [Spacer(1, 22 * mm), Spacer(1, 22 * mm)],
    ]
    return KeepTogether(
        kit.table(rows, widths=(half, half), styles=styles, header_rows=1, zebra=False)
    )


def _fees_text(data: "OfferData", money: Callable[[Decimal], str]) -> str:
    parts = []
    if data.fee_percent_amount:
        parts.append(
            _("arrangement fee %(percent)s: %(amount)s")
            % {
                "percent": formats.percent(data.fee_percent, data.language),
                "amount": money(data.fee_percent_amount),
            }
        )
    if data.fee_fixed_amount:
        parts.append(_("fixed fee: %(amount)s") % {"amount": money(data.fee_fixed_amount)})
    if not parts:
        return _("none")
    return f"{money(data.fee_percent_amount + data.fee_fixed_amount)} ({'; '.join(parts)})"


def render_offer(data: OfferData) -> bytes:
    lang = data.language
    styles = kit.Styles(lang)
    money = lambda amount: formats.money(amount, data.currency, lang)  # noqa: E731
    day = lambda value: formats.date(value, lang, "long")  # noqa: E731
    rows = data.schedule
    total_interest = sum((row.interest for row in rows), Decimal("0.00"))
    fees = data.fee_percent_amount + data.fee_fixed_amount
    regular = rows[min(data.grace_periods, len(rows) - 1)].total if rows else Decimal(0)
    story: list[object] = [
        styles.para(_("Loan offer"), styles.title),
        styles.para(
            _("%(organisation)s · offer %(reference)s · file %(application)s")
            % {
                "organisation": data.organisation,
                "reference": data.reference,
                "application": data.application_reference,
            },
            styles.small,
        ),
        kit.spacer(3),
        styles.para(
            _(
                "Between %(organisation)s, the lender, and %(participant)s, the borrower, "
                "for: %(purpose)s"
            )
            % {
                "organisation": data.organisation,
                "participant": data.participant,
                "purpose": data.purpose,
            }
        ),
        styles.para(_("The terms"), styles.heading),
        kit.key_values(
            [
                (_("Product"), data.product),
                (_("Amount lent"), money(data.principal)),
                (_("Fees kept back at payout"), _fees_text(data, money)),
                (_("Amount paid out to you"), money(data.net_disbursed)),
                (_("Paid out on"), day(data.disbursed_on)),
                (_("Nominal annual rate"), formats.percent(data.annual_rate, lang)),
                (_("Annual percentage rate (APR)"), formats.percent(data.apr, lang)),
                (_("Method"), data.method),
                (
                    _("Installments"),
                    _("%(count)s, %(frequency)s, of %(amount)s")
                    % {
                        "count": data.installments,
                        "frequency": data.frequency.lower(),
                        "amount": money(regular),
                    },
                ),
                (_("Grace periods (interest only)"), str(data.grace_periods)),
                (
                    _("First and last due dates"),
                    f"{day(rows[0].due_date)} – {day(rows[-1].due_date)}" if rows else "",
                ),
                (_("Total interest"), money(total_interest)),
                (_("Total cost of the credit (interest and fees)"), money(total_interest + fees)),
                (_("Total to repay"), money(data.principal + total_interest)),
            ],
            styles=styles,
            widths=(62 * mm, WIDTH - 62 * mm),
        ),
        styles.para(_("Repayment schedule"), styles.heading),
        kit.table(
            [
                [
                    _("No."),
                    _("Due date"),
                    _("Principal"),
                    _("Interest"),
                    _("Installment"),
                    _("Left to repay"),
                ],
                *[
                    [
                        str(row.number),
                        formats.date(row.due_date, lang),
                        money(row.principal),
                        money(row.interest),
                        money(row.total),
                        money(row.balance),
                    ]
                    for row in rows
                ],
                [
                    "",
                    _("Total"),
                    money(data.principal),
                    money(total_interest),
                    money(data.principal + total_interest),
                    "",
                ],
            ],
            widths=(12 * mm, 32 * mm, 32 * mm, 30 * mm, 34 * mm, 34 * mm),
            styles=styles,
            footer_rows=1,
            numeric_columns=(2, 3, 4, 5),
        ),
        KeepTogether(
            [styles.para(_("Guarantee"), styles.heading), styles.para(_guarantee_text(data, money))]
        ),
    ]
    if data.conditions:
        story.append(
            KeepTogether(
                [
                    styles.para(_("Conditions set by the credit committee"), styles.heading),
                    styles.para(data.conditions),
                ]
            )
        )
    story += [
        styles.para(_("Your rights"), styles.heading),
        styles.para(
            _(
                "You may repay all or part of the loan early at any time: only the interest "
                "accrued up to that day is due. Tell your adviser as soon as a payment is "
                "difficult: the committee can adapt the schedule."
            )
        ),
        kit.spacer(6),
        _signatures(
            styles,
            (_("The borrower"), data.participant),
            (_("For %(organisation)s") % {"organisation": data.organisation}, data.adviser),
        ),
    ]
    return kit.build(
        story,  # type: ignore[arg-type]
        title=_("Loan offer %(reference)s") % {"reference": data.reference},
        styles=styles,
        header=data.organisation,
        footer=_("Loan offer %(reference)s") % {"reference": data.reference},
        page_label=_page,
    )


def _guarantee_text(data: OfferData, money) -> str:  # type: ignore[no-untyped-def]
    if data.guarantee_percent == 0:
        return _("This loan requires no guarantee.")
    share = (data.principal * data.guarantee_percent / 100).quantize(Decimal("0.01"))
    values = {
        "percent": formats.percent(data.guarantee_percent, data.language, 0),
        "amount": money(share),
    }
    if data.guarantee_covered:
        return (
            _(
                "Guarantors must cover %(percent)s of the amount (%(amount)s). No guarantor "
                "pledge is recorded in Tremplin yet: your adviser confirmed that the coverage "
                "is met."
            )
            % values
        )
    return (
        _(
            "Guarantors must cover %(percent)s of the amount (%(amount)s). No guarantor pledge "
            "is recorded yet and the coverage has not been confirmed."
        )
        % values
    )


def render_receipt(data: ReceiptData) -> bytes:
    lang = data.language
    styles = kit.Styles(lang)
    money = lambda amount: formats.money(amount, data.currency, lang)  # noqa: E731
    day = lambda value: formats.date(value, lang, "long")  # noqa: E731
    story: list[object] = [
        styles.para(_("Payment receipt"), styles.title),
        styles.para(
            _("%(organisation)s · receipt %(number)s")
            % {"organisation": data.organisation, "number": data.number},
            styles.small,
        ),
        kit.spacer(3),
    ]
    if data.reversed_on:
        story.append(
            styles.para(
                _("This payment was cancelled (reversed) on %(date)s.")
                % {"date": day(data.reversed_on)},
                styles.heading,
            )
        )
    story += [
        kit.key_values(
            [
                (_("Received from"), data.participant),
                (_("Loan"), data.loan_reference),
                (_("Amount"), money(data.amount)),
                (_("Paid on"), day(data.value_date)),
                (_("Kind"), data.kind),
                (_("Method"), data.method),
                (_("Reference"), data.reference or "—"),
                (_("Recorded by"), data.recorded_by),
            ],
            styles=styles,
            widths=(50 * mm, WIDTH - 50 * mm),
        ),
        styles.para(_("How the payment was used"), styles.heading),
    ]
    table_rows: list[list[str]] = [
        [_("Installment"), _("Due date"), _("Fees"), _("Interest"), _("Principal"), _("Total")]
    ]
    for part in data.parts:
        if part.number is not None and part.due_date is not None:
            label, when = str(part.number), formats.date(part.due_date, lang)
        elif part.credit:
            label, when = _("Credit kept for you"), ""
        else:
            label, when = _("Principal prepaid"), ""
        table_rows.append(
            [
                label,
                when,
                money(part.fees),
                money(part.interest),
                money(part.principal + part.credit),
                money(part.total),
            ]
        )
    table_rows.append(["", _("Total"), "", "", "", money(sum((p.total for p in data.parts),
                                                              Decimal("0.00")))])  # fmt: skip
    story += [
        kit.table(
            table_rows,
            widths=(30 * mm, 30 * mm, 26 * mm, 28 * mm, 30 * mm, 30 * mm),
            styles=styles,
            footer_rows=1,
            numeric_columns=(2, 3, 4, 5),
        ),
        styles.para(_("Your loan today"), styles.heading),
        kit.key_values(
            [
                (_("Still to repay"), money(data.outstanding)),
                (
                    _("Next payment"),
                    _("%(amount)s on %(date)s")
                    % {"amount": money(data.next_amount), "date": day(data.next_due)}
                    if data.next_due and data.next_amount is not None
                    else _("None: the loan is repaid."),
                ),
                (_("Credit kept for you"), money(data.credit)),
                (_("Receipt issued on"), day(data.issued_on)),
            ],
            styles=styles,
            widths=(50 * mm, WIDTH - 50 * mm),
        ),
    ]
    return kit.build(
        story,  # type: ignore[arg-type]
        title=_("Receipt %(number)s") % {"number": data.number},
        styles=styles,
        header=data.organisation,
        footer=_("Receipt %(number)s") % {"number": data.number},
        page_label=_page,
    )
