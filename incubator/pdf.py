"""PDFs of the people side: a workshop's sign-in sheet and the funders' indicators.

Each function takes data already read and computed (it never queries) and renders it in the
reader's language through incubator.lib.pdf (Arabic shaped and laid out right to left).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, TableStyle

from incubator.contributions import IndicatorLine
from incubator.funder_report import Report, outcome_label
from incubator.lib import formats
from incubator.lib import pdf as lib
from incubator.lib.agebands import BANDS
from incubator.lib.charts import Chart
from incubator.models import Participant

# Lines left blank at the end of a sign-in sheet for people who come without being expected.
BLANK_LINES = 3


@dataclass(frozen=True)
class SignInSheet:
    organisation: str
    title: str
    programme: str
    cohort: str
    starts_at: datetime.datetime  # local time
    ends_at: datetime.datetime
    place: str
    facilitator: str
    language: str  # the workshop's language, named in the reader's language
    names: list[str]
    funder_mentions: list[str]
    eu_emblem: bool = False  # a funder asks for the European flag beside its mention


def _page_label(number: int) -> str:
    return _("Page %(number)s") % {"number": number}


def _mentions(styles: lib.Styles, mentions: list[str], *, eu_emblem: bool) -> list[object]:
    """The funders' required mention near the title, where funders ask for it to be seen;
    the European flag beside it when an EU fund is among them."""
    text = styles.para(" · ".join(mentions), styles.cell_bold) if mentions else None
    if not eu_emblem:
        return [text] if text else []
    row = [lib.eu_emblem(9 * mm), text or ""]
    block = lib.table([row], widths=(16 * mm, 158 * mm), styles=styles, header_rows=0,
                      zebra=False)  # fmt: skip
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [block]


def render_sign_in_sheet(sheet: SignInSheet, *, language: str) -> bytes:
    with translation.override(language):
        styles = lib.Styles(language)
        day = formats.date(sheet.starts_at.date(), language, "full")
        hours = f"{sheet.starts_at:%H:%M} – {sheet.ends_at:%H:%M}"
        facts = [
            (_("Date"), day),
            (_("Time"), hours),
            (_("Place"), sheet.place),
            (_("Facilitator"), sheet.facilitator or "—"),
            (_("Programme"), " · ".join(filter(None, [sheet.programme, sheet.cohort]))),
            (_("Language"), sheet.language),
        ]
        rows: list[list[object]] = [["#", _("Name"), _("Signature")]]
        tall = Spacer(1, 7 * mm)
        numbered = [*sheet.names, *([""] * BLANK_LINES)]
        for number, name in enumerate(numbered, start=1):
            rows.append([str(number), name, tall])
        names = lib.table(rows, widths=(10 * mm, 74 * mm, 90 * mm), styles=styles, zebra=False)
        # Ruled boxes, so each person signs on their own line and in the right column.
        names.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, lib.LINE),
                    ("BOX", (0, 0), (-1, -1), 0.8, lib.INK),
                    ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ]
            )
        )
        signature = lib.table(
            [[_("Facilitator's signature"), Spacer(1, 14 * mm)]],
            widths=(60 * mm, 114 * mm),
            styles=styles,
            header_rows=0,
            zebra=False,
        )
        signature.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, lib.INK)]))
        story = [
            styles.para(_("Sign-in sheet"), styles.title),
            *_mentions(styles, sheet.funder_mentions, eu_emblem=sheet.eu_emblem),
            styles.para(sheet.title, styles.heading),
            lib.key_values(facts, styles=styles, widths=(35 * mm, 139 * mm)),
            lib.spacer(5),
            names,
            lib.spacer(6),
            KeepTogether([signature]),
        ]
        return lib.build(
            story,
            title=f"{_('Sign-in sheet')} – {sheet.title}",
            styles=styles,
            header=sheet.organisation,
            footer=" · ".join(sheet.funder_mentions),
            page_label=_page_label,
        )


def format_value(line: IndicatorLine, language: str) -> str:
    if line.kind == "money":
        return formats.money(Decimal(line.value), "EUR", language)
    if line.kind == "percent":
        return formats.percent(Decimal(line.value), language, 1)
    return formats.number(line.value, language)


@dataclass(frozen=True)
class IndicatorsDocument:
    organisation: str
    report: Report
    funders: list[str]
    funder_mentions: list[str]
    people_chart: Chart
    outcomes_chart: Chart
    eu_emblem: bool = False


def render_indicators(doc: IndicatorsDocument, *, language: str) -> bytes:
    report = doc.report
    with translation.override(language):
        styles = lib.Styles(language)
        number = lambda value: formats.number(value, language)  # noqa: E731
        period = f"{formats.date(report.start, language)} – {formats.date(report.end, language)}"
        facts = [
            (_("Programme"), str(report.programme)),
            (_("Period"), period),
            (_("Funders"), ", ".join(doc.funders) or "—"),
        ]
        story: list[object] = [
            styles.para(_("Indicators for funders"), styles.title),
            *_mentions(styles, doc.funder_mentions, eu_emblem=doc.eu_emblem),
            lib.key_values(facts, styles=styles, widths=(35 * mm, 139 * mm)),
            styles.para(_("People supported"), styles.heading),
            lib.key_values(
                [
                    (_("People supported"), number(report.people)),
                    (_("Households"), number(report.households)),
                    (_("People in these households"), number(report.people_in_households)),
                ],
                styles=styles,
                widths=(70 * mm, 104 * mm),
            ),
            lib.spacer(3),
        ]
        header = [_("Gender"), *(band.label for band in BANDS), _("Total")]
        rows: list[list[object]] = [header]
        for gender, bands in report.people_by_gender_band.items():
            counts = [bands[band.key] for band in BANDS]
            rows.append([Participant.Gender(gender).label, *map(number, counts),
                         number(sum(counts))])  # fmt: skip
        totals = report.band_totals()
        rows.append([_("Total"), *(number(totals[b.key]) for b in BANDS), number(report.people)])
        widths = (44 * mm, *([18 * mm] * len(BANDS)), 22 * mm)
        story += [
            lib.table(
                rows,
                widths=widths,
                styles=styles,
                footer_rows=1,
                numeric_columns=range(1, len(BANDS) + 2),
            ),
            styles.para(_("Age on the first day of the period."), styles.small),
            lib.spacer(2),
            *(
                [
                    styles.para(_("People by age band"), styles.small),
                    lib.drawing(doc.people_chart, styles=styles),
                ]
                if report.people
                else []
            ),
            styles.para(_("Activities"), styles.heading),
        ]
        activity = [
            (_("Workshops held"), number(report.workshops_held)),
            (
                _("Attendance rate"),
                f"{formats.percent(report.attendance_rate, language, 1)} "
                f"({number(report.present)} / "
                f"{number(report.present + report.excused + report.absent)})",
            ),
            (_("Excused"), number(report.excused)),
            (_("Absent"), number(report.absent)),
            (_("Individual interviews"), number(report.interviews)),
            (_("People interviewed"), number(report.people_interviewed)),
            (_("Businesses created"), number(report.businesses_created)),
        ]
        story.append(lib.key_values(activity, styles=styles, widths=(70 * mm, 104 * mm)))
        outcome_rows: list[list[object]] = [[_("Outcome"), _("At 6 months"), _("At 12 months")]]
        milestones = list(report.outcomes)
        for outcome in report.outcomes[milestones[0]]:
            outcome_rows.append(
                [outcome_label(outcome), *(number(report.outcomes[m][outcome]) for m in milestones)]
            )
        outcome_rows.append(
            [_("Total"), *(number(sum(report.outcomes[m].values())) for m in milestones)]
        )
        outcomes_table = lib.table(
            outcome_rows,
            widths=(94 * mm, 40 * mm, 40 * mm),
            styles=styles,
            footer_rows=1,
            numeric_columns=(1, 2),
        )
        heading = styles.para(_("Outcomes at 6 and 12 months"), styles.heading)
        if report.outcomes_recorded:
            chart = lib.drawing(doc.outcomes_chart, styles=styles)
        else:  # an empty chart would only be a baseline in a blank box
            chart = styles.para(
                _("No outcome recorded yet for the people of this period."), styles.small
            )
        story.append(KeepTogether([heading, outcomes_table, lib.spacer(3), chart]))
        sections: dict[str, list[IndicatorLine]] = {}
        for line in report.contributed:
            sections.setdefault(str(line.section or _("Other indicators")), []).append(line)
        for section, lines in sections.items():
            story.append(styles.para(section, styles.heading))
            story.append(
                lib.key_values(
                    [(str(line.label), format_value(line, language)) for line in lines],
                    styles=styles,
                    widths=(70 * mm, 104 * mm),
                )
            )
        story += [
            styles.para(_("How these figures are counted"), styles.heading),
            *(
                part
                for text in definitions()
                for part in (styles.para(text, styles.small), lib.spacer(1.5))
            ),
        ]
        return lib.build(
            story,
            title=f"{_('Indicators for funders')} – {report.programme}",
            styles=styles,
            header=f"{doc.organisation} · {report.programme}",
            footer=" · ".join(doc.funder_mentions),
            page_label=_page_label,
        )


def definitions() -> list[str]:
    """The counting rules, in the active language (shown on the page and in the PDF)."""
    return [
        _(
            "People supported: participants whose enrolment in one of the programme's cohorts "
            "was running during the period (started on or before its end, not ended before its "
            "start). Age in whole years on the period's first day."
        ),
        _(
            "Households: each person supported stands for one household; people in households "
            "adds up their household sizes."
        ),
        _(
            "Workshops held: workshops of the programme in the period, not cancelled, with at "
            "least one person present. Attendance rate: people present out of all those marked "
            "present, excused or absent at the workshops that were not cancelled."
        ),
        _(
            "Businesses created and outcomes at 6 and 12 months: what the follow-ups of the "
            "people supported in the period record after they left, as known on the day of "
            "this report."
        ),
    ]
