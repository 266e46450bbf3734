"""The member statement and the closing report, as PDF, in the reader's language.

Functions take the data of ``cooperatives.reports`` (already computed, never a query) and a
language; every label is translated under ``translation.override`` and every amount written
by ``incubator.lib.formats`` (Latin digits in Arabic too). Arabic is shaped and laid out
right to left by ``incubator.lib.pdf``.
"""

import datetime
from decimal import Decimal

from babel.dates import format_date
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from cooperatives.models import Cooperative, LedgerEntry, Membership
from cooperatives.reports import ClosingReportData, CoopFacts, DecisionRef, StatementData
from incubator.lib import charts, formats
from incubator.lib import pdf as lib

WIDTH = 174 * mm  # A4 minus the margins of incubator.lib.pdf.build


class _Writer:
    """Formatting helpers bound to one language."""

    def __init__(self, language: str, currency: str = "EUR") -> None:
        self.language = language
        self.currency = currency
        self.styles = lib.Styles(language)

    def money(self, amount: Decimal) -> str:
        return formats.money(amount, self.currency, self.language)

    def hours(self, value: Decimal) -> str:
        places = 0 if value == value.to_integral_value() else 2
        return formats.number(value, self.language, places)

    def date(self, value: datetime.date | None, style: str = "medium") -> str:
        return formats.date(value, self.language, style) if value else "–"

    def kv(self, pairs: list[tuple[str, str]], first: float = 50 * mm):
        return lib.key_values(pairs, styles=self.styles, widths=(first, WIDTH - first))

    def heading(self, text: str):
        return self.styles.para(text, self.styles.heading)


def _kind(code: str) -> str:
    return str(dict(Cooperative.Kind.choices).get(code, code))


def _sector(facts: CoopFacts) -> str:
    if facts.sector == Cooperative.Sector.OTHER:
        return facts.sector_label
    return str(dict(Cooperative.Sector.choices).get(facts.sector, facts.sector))


def _role(code: str) -> str:
    return str(dict(Membership.Role.choices).get(code, code))


def _rule(code: str) -> str:
    return str(dict(Cooperative.SplitRule.choices).get(code, code))


def _period(w: _Writer, facts: CoopFacts) -> str:
    return f"{w.date(facts.first_day)} – {w.date(facts.last_day)}"


def _facts(w: _Writer, facts: CoopFacts) -> list[tuple[str, str]]:
    pairs = [
        (_("Cooperative"), facts.name),
        (_("Kind"), _kind(facts.kind)),
        (_("Activity"), _sector(facts)),
        (_("Period"), _period(w, facts)),
        (_("Place"), facts.place),
    ]
    if facts.host:
        pairs.append((_("Host partner"), facts.host))
    return pairs


def _decision_text(w: _Writer, decision: DecisionRef | None) -> str:
    if decision is None:
        return ""
    return _(
        "Chosen by the members on %(date)s: %(for)s for, %(against)s against, "
        "%(abstain)s abstentions."
    ) % {
        "date": w.date(decision.date),
        "for": decision.votes_for,
        "against": decision.votes_against,
        "abstain": decision.votes_abstain,
    }


def _how_computed(w: _Writer, data: StatementData) -> str:
    if data.rule == Cooperative.SplitRule.EQUAL:
        return _("The result is split in equal parts among the %(count)s members who worked.") % {
            "count": formats.number(data.total_basis, w.language)
        }
    if data.rule == Cooperative.SplitRule.HOURS:
        return _("Result × your hours ÷ all hours: %(result)s × %(mine)s ÷ %(all)s.") % {
            "result": w.money(data.result),
            "mine": w.hours(data.basis),
            "all": w.hours(data.total_basis),
        }
    return _("Result × your weight ÷ all weights: %(result)s × %(mine)s ÷ %(all)s.") % {
        "result": w.money(data.result),
        "mine": w.hours(data.basis),
        "all": w.hours(data.total_basis),
    }


def render_statement(data: StatementData, *, language: str) -> bytes:
    """One member's days, hours and share, in ``language``."""
    with translation.override(language):
        w = _Writer(language, data.currency)
        s = w.styles
        share_label = (
            _("Your share of the result") if data.share >= 0 else _("Your share of the loss")
        )
        story = [
            s.para(_("Member statement"), s.title),
            s.para(data.coop.name, s.heading),
            lib.spacer(2),
            w.kv(
                [
                    (_("Member"), data.member),
                    (_("Role"), _role(data.role)),
                    *_facts(w, data.coop),
                ]
            ),
            lib.spacer(5),
            lib.table(
                [[share_label, w.money(data.share)]],
                widths=(WIDTH - 50 * mm, 50 * mm),
                styles=s,
                header_rows=1,
                numeric_columns=(1,),
            ),
            lib.spacer(3),
            s.para(_how_computed(w, data), s.small),
        ]
        decision = _decision_text(w, data.decision)
        if decision:
            story.append(s.para(decision, s.small))
        story.append(w.heading(_("Your days and hours")))
        rows: list[list[str]] = [[_("Date"), _("Day"), _("Hours")]]
        for day in data.days:
            worked = day.hours is not None and day.hours > 0
            rows.append(
                [
                    w.date(day.date),
                    _weekday(day.date, language),
                    w.hours(day.hours) if worked else _("absent"),
                ]
            )
        rows.append(
            [
                _("Total"),
                _("%(count)s days worked") % {"count": data.days_worked},
                w.hours(data.hours),
            ]
        )
        story.append(
            lib.table(
                rows,
                widths=(60 * mm, 64 * mm, 50 * mm),
                styles=s,
                footer_rows=1,
                numeric_columns=(2,),
            )
        )
        story.append(w.heading(_("The cooperative's result")))
        story.append(
            w.kv(
                [
                    (_("Sales"), w.money(data.sales)),
                    (_("Expenses"), w.money(data.expenses)),
                    (_("Result"), w.money(data.result)),
                    (_("Split rule"), _rule(data.rule)),
                    (_("Members"), str(data.members)),
                    (_("Hours worked by all members"), w.hours(data.total_hours)),
                ]
            )
        )
        title = _("Member statement")
        return lib.build(
            story,
            title=f"{title} – {data.member}",
            styles=s,
            header=f"{data.coop.organisation} · {data.coop.name}",
            footer=_("Closed on %(date)s") % {"date": w.date(data.closed_on)},
            page_label=lambda n: _("Page %(n)s") % {"n": n},
        )


def _weekday(day: datetime.date, language: str) -> str:
    return format_date(day, "EEEE", locale=formats.babel_locale(language))


def _chart(w: _Writer, data: ClosingReportData):
    labels = [_short(p.start, w.language, p.monthly) for p in data.periods]
    chart = charts.bar_chart(
        labels,
        [
            charts.Series(_("Sales"), tuple(p.sales for p in data.periods)),
            charts.Series(_("Expenses"), tuple(p.expenses for p in data.periods), "accent"),
        ],
        width=int(WIDTH),
        height=200,
        fmt=lambda v: formats.number(v, w.language),
    )
    return lib.drawing(chart, styles=w.styles)


def _short(day: datetime.date, language: str, monthly: bool) -> str:
    return format_date(day, "MMM yy" if monthly else "d/M", locale=formats.babel_locale(language))


def render_closing_report(data: ClosingReportData, *, language: str) -> bytes:
    """Sales by product, expenses by category, the result, a chart and the split."""
    with translation.override(language):
        w = _Writer(language, data.currency)
        s = w.styles
        story = [
            s.para(_("Closing report"), s.title),
            s.para(data.coop.name, s.heading),
            lib.spacer(2),
            w.kv(
                [
                    *_facts(w, data.coop),
                    (_("Programme"), data.coop.programme),
                    (_("Lead staff member"), data.coop.lead),
                    (_("Closed on"), f"{w.date(data.closed_on)} · {data.closed_by}"),
                ]
            ),
            lib.spacer(4),
            lib.table(
                [
                    [_("Sales"), _("Expenses"), _("Result")],
                    [w.money(data.sales), w.money(data.expenses), w.money(data.result)],
                ],
                widths=(WIDTH / 3, WIDTH / 3, WIDTH / 3),
                styles=s,
                numeric_columns=(0, 1, 2),
                zebra=False,
            ),
        ]
        if data.periods:
            story.append(
                KeepTogether([w.heading(_("Sales and expenses over time")), _chart(w, data)])
            )
        sales_heading = w.heading(_("Sales by product"))
        rows = [[_("Product"), _("Quantity"), _("Amount")]]
        rows += [
            [
                product,
                formats.number(quantity, language, 0 if quantity % 1 == 0 else 2),
                w.money(amount),
            ]
            for product, quantity, amount in data.sales_by_product
        ]
        rows.append([_("Total"), "", w.money(data.sales)])
        story.append(
            KeepTogether([
                sales_heading,
                lib.table(
                    rows, widths=(94 * mm, 30 * mm, 50 * mm), styles=s, footer_rows=1,
                    numeric_columns=(1, 2),
                ),
            ])
        )  # fmt: skip
        expenses_heading = w.heading(_("Expenses by category"))
        categories = dict(LedgerEntry.Category.choices)
        rows = [[_("Category"), _("Amount")]]
        rows += [
            [str(categories.get(code, code)), w.money(amount)]
            for code, amount in data.expenses_by_category
        ]
        rows.append([_("Total"), w.money(data.expenses)])
        story.append(
            KeepTogether([
                expenses_heading,
                lib.table(
                    rows, widths=(124 * mm, 50 * mm), styles=s, footer_rows=1,
                    numeric_columns=(1,),
                ),
            ])
        )  # fmt: skip
        split_heading = [w.heading(_("Split of the result: %(rule)s") % {"rule": _rule(data.rule)})]
        decision = _decision_text(w, data.decision)
        if decision:
            split_heading.append(s.para(decision, s.small))
        weights = data.rule == Cooperative.SplitRule.WEIGHTS
        header = [_("Member"), _("Role"), _("Days"), _("Hours")]
        header += [_("Weight")] if weights else []
        rows = [[*header, _("Share")]]
        for line in data.shares:
            row = [line.member, _role(line.role), str(line.days_worked), w.hours(line.hours)]
            row += [w.hours(line.basis)] if weights else []
            rows.append([*row, w.money(line.amount)])
        total = [_("Total"), "", "", w.hours(data.total_hours)] + ([""] if weights else [])
        rows.append([*total, w.money(data.result)])
        widths = (
            [60 * mm, 32 * mm, 18 * mm, 24 * mm]
            if not weights
            else [50 * mm, 30 * mm, 16 * mm, 22 * mm, 24 * mm]
        )
        widths.append(WIDTH - sum(widths))
        split_table = lib.table(
            rows,
            widths=widths,
            styles=s,
            footer_rows=1,
            numeric_columns=tuple(range(2, len(widths))),
        )
        story.append(KeepTogether([*split_heading, split_table]))
        story += [
            lib.spacer(10),
            lib.table(
                [[_("For the incubator"), _("For the members")], ["\n\n\n", "\n\n\n"]],
                widths=(WIDTH / 2, WIDTH / 2),
                styles=s,
                zebra=False,
            ),
        ]
        return lib.build(
            story,
            title=f"{_('Closing report')} – {data.coop.name}",
            styles=s,
            header=f"{data.coop.organisation} · {data.coop.name}",
            footer=_("Closed on %(date)s") % {"date": w.date(data.closed_on)},
            page_label=lambda n: _("Page %(n)s") % {"n": n},
        )
