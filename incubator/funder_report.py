"""The funders' report for a programme and a period: counts aggregated in SQL.

Definitions (they are printed on the report page and PDF, and tested on hand counts):

- **People supported**: participants with an enrolment in one of the programme's cohorts that
  was running during the period: it became active on or before the period's end (the cohort's
  start date stands in for enrolments made active before that date was recorded) and did not end
  before the period's start (an enrolment left open counts until its cohort's end date). People
  who applied, or dropped out before starting, are not counted.
- **Age** is counted in whole years on the first day of the period; bands 0–17, 18–25, 26–35,
  36–45, 46–55, 56+.
- **Households**: each person supported stands for one household (Tremplin does not link the
  members of a family), and "people in households" sums their household sizes.
- **Workshops held**: the programme's workshops dated in the period, not cancelled, with at least
  one person marked present. **Attendance rate**: present ÷ all marks (present, excused,
  absent) at the programme's workshops of the period that were not cancelled (a session no one
  came to counts against the rate).
- **Interviews**: individual interviews of the people supported, dated in the period.
- **Businesses created** and **outcomes at 6 and 12 months** follow the people supported in
  the period after they leave: they count the follow-ups of those enrolments, as recorded on the
  day the report is made (a report on 2026 made in 2028 knows what became of people in 2027).
  Businesses: distinct people whose follow-up records a business created. Outcomes: the 6- and
  12-month follow-ups by outcome, "not recorded yet" while no one has reached the person.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incubator import contributions
from incubator.contributions import IndicatorLine
from incubator.lib.agebands import BANDS, band_bounds
from incubator.lib.charts import Chart, Series, bar_chart
from incubator.models import Attendance, Enrolment, FollowUp, Interview, Participant, Programme
from incubator.models import Workshop as WorkshopModel

E = Enrolment.State
OUTCOME_MILESTONES = (FollowUp.Milestone.SIX, FollowUp.Milestone.TWELVE)
NOT_RECORDED = "not_recorded"
GENDERS = Participant.Gender


def running_enrolments(
    programme: Programme, start: datetime.date, end: datetime.date
) -> QuerySet[Enrolment]:
    """The programme's enrolments that were running during the period."""
    return (
        Enrolment.objects.filter(cohort__programme=programme)
        .annotate(began=Coalesce("started_on", "cohort__start_date"))
        .filter(
            Q(state__in=[E.ACTIVE, E.COMPLETED], began__lte=end)
            | Q(state=E.DROPPED, started_on__isnull=False, started_on__lte=end)
        )
        .annotate(finished=Coalesce("ended_on", "cohort__end_date"))
        .filter(finished__gte=start)
    )


def supported_participants(
    programme: Programme, start: datetime.date, end: datetime.date
) -> QuerySet[Participant]:
    """The people the report counts (see the module docstring), one row each."""
    running = running_enrolments(programme, start, end)
    return Participant.objects.filter(pk__in=running.values("participant_id"))


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Report:
    programme: Programme
    start: datetime.date
    end: datetime.date
    # {gender: {band key: count}} for every gender and band (zeros included)
    people_by_gender_band: dict[str, dict[str, int]]
    households: int
    people_in_households: int
    workshops_held: int
    present: int
    excused: int
    absent: int
    interviews: int
    people_interviewed: int
    businesses_created: int
    # {milestone: {outcome or NOT_RECORDED: count}} for 6 and 12 months
    outcomes: dict[int, dict[str, int]]
    contributed: list[IndicatorLine] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(sum(bands.values()) for bands in self.people_by_gender_band.values())

    @property
    def outcomes_recorded(self) -> bool:
        """Whether any follow-up of the period has an outcome (else its chart would be empty)."""
        return any(
            count
            for counts in self.outcomes.values()
            for outcome, count in counts.items()
            if outcome != NOT_RECORDED
        )

    @property
    def attendance_rate(self) -> Decimal:
        return _percent(self.present, self.present + self.excused + self.absent)

    def band_totals(self) -> dict[str, int]:
        return {
            band.key: sum(row[band.key] for row in self.people_by_gender_band.values())
            for band in BANDS
        }

    def lines(self) -> list[IndicatorLine]:
        """Every figure as a flat line (the CSV), the other apps' contributions last."""
        people: str | Promise = _("People supported")
        activity: str | Promise = _("Activities")
        found = [
            IndicatorLine("participants", _("People supported"), self.people, section=people),
            IndicatorLine("households", _("Households"), self.households, section=people),
            IndicatorLine(
                "people_in_households",
                _("People in these households"),
                self.people_in_households,
                section=people,
            ),
        ]
        for gender, bands in self.people_by_gender_band.items():
            for band in BANDS:
                found.append(
                    IndicatorLine(
                        f"people_{gender}_{band.key}",
                        f"{GENDERS(gender).label} {band.label}",
                        bands[band.key],
                        section=people,
                    )
                )
        found += [
            IndicatorLine("workshops_held", _("Workshops held"), self.workshops_held,
                          section=activity),
            IndicatorLine("attendance_present", _("Present"), self.present, section=activity),
            IndicatorLine("attendance_excused", _("Excused"), self.excused, section=activity),
            IndicatorLine("attendance_absent", _("Absent"), self.absent, section=activity),
            IndicatorLine("attendance_rate", _("Attendance rate"), self.attendance_rate,
                          kind="percent", section=activity),
            IndicatorLine("interviews", _("Individual interviews"), self.interviews,
                          section=activity),
            IndicatorLine("people_interviewed", _("People interviewed"),
                          self.people_interviewed, section=activity),
            IndicatorLine("businesses_created", _("Businesses created"),
                          self.businesses_created, section=activity),
        ]  # fmt: skip
        for milestone, counts in self.outcomes.items():
            section = _("Outcomes at %(months)s months") % {"months": milestone}
            for outcome, count in counts.items():
                found.append(
                    IndicatorLine(
                        f"outcome_{milestone}m_{outcome}",
                        outcome_label(outcome),
                        count,
                        section=section,
                    )
                )
        return found + self.contributed


def outcome_label(outcome: str) -> str | Promise:
    if outcome == NOT_RECORDED:
        return _("Not recorded yet")
    return FollowUp.Outcome(outcome).label


def _age_band_on(on: datetime.date) -> Case:
    whens = []
    for band, earliest, latest in band_bounds(on):
        condition = Q() if earliest is None else Q(date_of_birth__gt=earliest)
        if band.minimum > 0:  # the youngest band also takes any date after `on`
            condition &= Q(date_of_birth__lte=latest)
        whens.append(When(condition, then=Value(band.key)))
    return Case(*whens, output_field=CharField())


def build(programme: Programme, start: datetime.date, end: datetime.date) -> Report:
    """Compute the report in a fixed number of queries (seven, plus the contributed lines)."""
    people = supported_participants(programme, start, end)

    by_gender_band = {g: {band.key: 0 for band in BANDS} for g in GENDERS.values}
    grouped = (
        people.order_by()
        .annotate(band=_age_band_on(start))
        .values("gender", "band")
        .annotate(n=Count("pk"))
    )
    for row in grouped:
        by_gender_band.setdefault(row["gender"], {b.key: 0 for b in BANDS})[row["band"]] = row["n"]

    households = people.aggregate(n=Count("pk"), size=Coalesce(Sum("household_size"), 0))

    in_period = Q(starts_at__date__gte=start, starts_at__date__lte=end, cancelled_at__isnull=True)
    workshops_held = (
        WorkshopModel.objects.filter(in_period, programme=programme)
        .filter(attendances__status=Attendance.Status.PRESENT)
        .values("pk")
        .distinct()
        .count()
    )
    marks = Attendance.objects.filter(
        workshop__programme=programme,
        workshop__starts_at__date__gte=start,
        workshop__starts_at__date__lte=end,
        workshop__cancelled_at__isnull=True,
    ).aggregate(
        present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
        excused=Count("pk", filter=Q(status=Attendance.Status.EXCUSED)),
        absent=Count("pk", filter=Q(status=Attendance.Status.ABSENT)),
    )

    interviews = Interview.objects.filter(
        participant__in=people, held_on__gte=start, held_on__lte=end
    ).aggregate(n=Count("pk"), people=Count("participant", distinct=True))

    follow_ups = FollowUp.objects.filter(
        enrolment__in=running_enrolments(programme, start, end).values("pk")
    )
    businesses = follow_ups.filter(outcome=FollowUp.Outcome.BUSINESS_CREATED).aggregate(
        n=Count("enrolment__participant", distinct=True)
    )

    outcomes: dict[int, dict[str, int]] = {
        int(m): {**dict.fromkeys(FollowUp.Outcome.values, 0), NOT_RECORDED: 0}
        for m in OUTCOME_MILESTONES
    }
    rows = (
        follow_ups.filter(milestone__in=OUTCOME_MILESTONES)
        .order_by()
        .values("milestone", "outcome")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        outcomes[row["milestone"]][row["outcome"] or NOT_RECORDED] = row["n"]

    return Report(
        programme=programme,
        start=start,
        end=end,
        people_by_gender_band=by_gender_band,
        households=households["n"],
        people_in_households=households["size"],
        workshops_held=workshops_held,
        present=marks["present"],
        excused=marks["excused"],
        absent=marks["absent"],
        interviews=interviews["n"],
        people_interviewed=interviews["people"],
        businesses_created=businesses["n"],
        outcomes=outcomes,
        contributed=contributions.indicator_lines(participants=people, start=start, end=end),
    )


def chart_outcome_label(outcome: str) -> str | Promise:
    """A short name for a chart's axis, where the full label would overlap its neighbours."""
    short = {
        FollowUp.Outcome.BUSINESS_CREATED: _("Business"),
        FollowUp.Outcome.EMPLOYMENT: _("Job"),
        FollowUp.Outcome.TRAINING: _("Training"),
        FollowUp.Outcome.STILL_LOOKING: _("Looking"),
        FollowUp.Outcome.MOVED_AWAY: _("Moved"),
        FollowUp.Outcome.UNREACHABLE: _("No contact"),
        NOT_RECORDED: _("Not yet"),
    }
    return short[outcome]


def _whole(value: Decimal) -> str:
    """Gridline labels for counts: whole numbers only (a step of 0.25 leaves the others blank)."""
    return str(int(value)) if value == value.to_integral_value() else ""


def charts(report: Report, *, width: int = 640) -> tuple[Chart, Chart]:
    """People by age band (women, men) and outcomes at 6 and 12 months, in the active language.

    The two-colour charts show women and men; people of another or undisclosed gender are in
    the table (and in the totals) beside the chart.
    """
    bands = report.people_by_gender_band

    def counts(gender: str) -> tuple[Decimal, ...]:
        return tuple(Decimal(bands[gender][band.key]) for band in BANDS)

    people = bar_chart(
        [band.label for band in BANDS],
        [
            Series(str(GENDERS.FEMALE.label), counts(GENDERS.FEMALE)),
            Series(str(GENDERS.MALE.label), counts(GENDERS.MALE), "accent"),
        ],
        width=width,
        height=200,
        fmt=_whole,
    )
    keys = list(next(iter(report.outcomes.values())))
    outcomes = bar_chart(
        [str(chart_outcome_label(key)) for key in keys],
        [
            Series(
                str(_("At %(months)s months") % {"months": milestone}),
                tuple(Decimal(report.outcomes[milestone][key]) for key in keys),
                "primary" if k == 0 else "accent",
            )
            for k, milestone in enumerate(report.outcomes)
        ],
        width=width,
        height=200,
        fmt=_whole,
    )
    return people, outcomes
