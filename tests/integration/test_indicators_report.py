"""The funders' indicators on a crafted data set equal the counts made by hand.

Programme Tremplin 2026, report period 1 March – 31 August 2026 (ages counted on 1 March).

People counted (7), with their age on 1 March 2026 and household size:
  Amina   woman  born 1992-04-02 → 33 (26–35)  household 3  spring, completed 30 June
  Bilal   man    born 1988-11-20 → 37 (36–45)  household 3  spring, dropped 15 May
  Chloé   woman  born 2008-03-01 → 18 (18–25: her birthday is the reference day)  1  summer
  Dawit   man    born 2008-03-02 → 17 (< 18: one day short)  household 2  spring, active
  Esma    woman  born 2000-03-01 → 26 (26–35, boundary)      household 5  spring, completed
  Farid   other  born 1970-03-02 → 55 (46–55)               household 4  spring, completed
  Gisèle  woman  born 1970-03-01 → 56 (56+, boundary)       household 2  summer, active
People not counted: Hugo applied only; Ines dropped before starting; Jamal is in another
programme; Kofi ended in February (winter cohort); Lina is accepted in an autumn cohort.

So: 7 people, 7 households, 3+3+1+2+5+4+2 = 20 people in households.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from incubator import contributions, funder_report
from incubator.models import FollowUp, Interview
from incubator.services.followups import follow_up_record_outcome, follow_ups_create_due
from incubator.services.people import record_save
from incubator.services.workshops import workshop_cancel
from tests.factories import CohortFactory, ParticipantFactory, ProgrammeFactory
from tests.fixtures_incubator import WorkshopFactory, at
from tests.fixtures_loans import disbursed

START, END = datetime.date(2026, 3, 1), datetime.date(2026, 8, 31)
TODAY = datetime.datetime(2027, 7, 15, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def world(db, staff, programme, amina, bilal, enrol, mark):
    with time_machine.travel(TODAY, tick=False):
        yield _build(staff, programme, amina, bilal, enrol, mark)


def person(first, born, gender="female", household=2):
    return ParticipantFactory(
        first_name=first, date_of_birth=born, gender=gender, household_size=household
    )


def _build(staff, programme, amina, bilal, enrol, mark):
    d = datetime.date
    spring = CohortFactory(
        programme=programme,
        name="Spring",
        lead_staff=staff,
        start_date=d(2026, 3, 2),
        end_date=d(2026, 6, 30),
    )
    summer = CohortFactory(
        programme=programme,
        name="Summer",
        lead_staff=staff,
        start_date=d(2026, 7, 6),
        end_date=d(2026, 9, 30),
    )
    winter = CohortFactory(
        programme=programme,
        name="Winter",
        lead_staff=staff,
        start_date=d(2026, 1, 5),
        end_date=d(2026, 2, 20),
    )
    autumn = CohortFactory(
        programme=programme,
        name="Autumn",
        lead_staff=staff,
        start_date=d(2026, 9, 14),
        end_date=d(2026, 12, 18),
    )
    other = CohortFactory(
        programme=ProgrammeFactory(name="Other"),
        name="Elsewhere",
        lead_staff=staff,
        start_date=d(2026, 3, 2),
        end_date=d(2026, 6, 30),
    )
    chloe = person("Chloé", d(2008, 3, 1), household=1)
    dawit = person("Dawit", d(2008, 3, 2), "male", 2)
    esma = person("Esma", d(2000, 3, 1), household=5)
    farid = person("Farid", d(1970, 3, 2), "other", 4)
    gisele = person("Gisèle", d(1970, 3, 1), household=2)
    hugo, ines, jamal, kofi, lina = (person(n, d(1990, 1, 1)) for n in
                                     ("Hugo", "Ines", "Jamal", "Kofi", "Lina"))  # fmt: skip

    ended = d(2026, 6, 30)
    e_amina = enrol(amina, spring, "completed", ended=ended)
    e_bilal = enrol(bilal, spring, "dropped", ended=d(2026, 5, 15), reason="employment")
    enrol(chloe, summer, "active")
    enrol(dawit, spring, "active")
    e_esma = enrol(esma, spring, "completed", ended=ended)
    e_farid = enrol(farid, spring, "completed", ended=ended)
    enrol(gisele, summer, "active")
    enrol(hugo, spring, "applied")
    enrol(ines, spring, "dropped_before_start", ended=d(2026, 3, 1))
    enrol(jamal, other, "active")
    e_kofi = enrol(kofi, winter, "completed", ended=d(2026, 2, 20))
    enrol(lina, autumn, "accepted")

    def workshop(day, cohort=None, prog=programme):
        return WorkshopFactory(programme=prog, cohort=cohort, starts_at=at(day, 14),
                               ends_at=at(day, 16))  # fmt: skip

    w1 = workshop(d(2026, 3, 10), spring)
    mark(w1, {amina: "present", bilal: "present", dawit: "absent", esma: "excused",
              farid: "present"})  # fmt: skip
    w2 = workshop(d(2026, 7, 15))  # open to the whole programme
    mark(w2, {chloe: "present", gisele: "absent", amina: "excused"})
    w3 = workshop(d(2026, 4, 1), spring)
    workshop_cancel(workshop=w3, actor=staff)
    w4 = workshop(d(2026, 5, 5), spring)  # no one came: not held, but the marks count
    mark(w4, {bilal: "absent", dawit: "excused"})
    mark(workshop(d(2026, 2, 10), winter), {kofi: "present"})  # before the period
    mark(workshop(d(2026, 3, 10), other, other.programme), {jamal: "present"})  # elsewhere
    mark(workshop(d(2026, 9, 5), summer), {chloe: "present"})  # after the period

    for who, day in [(amina, d(2026, 3, 5)), (amina, d(2026, 5, 1)), (bilal, d(2026, 2, 15)),
                     (chloe, END), (jamal, d(2026, 4, 1))]:  # fmt: skip
        record_save(instance=Interview(participant=who, held_on=day, staff=staff), actor=staff)

    follow_ups_create_due()

    def outcome(enrolment, milestone, what, business=None):
        follow_up = FollowUp.objects.get(enrolment=enrolment, milestone=milestone)
        follow_up_record_outcome(follow_up=follow_up, actor=staff, outcome=what,
                                 business=business)  # fmt: skip

    micro = {"business_legal_form": "micro", "business_started_on": d(2026, 11, 2),
             "business_sector": "food"}  # fmt: skip
    coop = {"business_legal_form": "cooperative", "business_started_on": d(2026, 9, 1),
            "business_sector": "textile"}  # fmt: skip
    outcome(e_amina, 3, "still_looking")
    outcome(e_amina, 6, "business_created", micro)
    outcome(e_amina, 12, "business_created", micro)
    outcome(e_bilal, 6, "employment")
    outcome(e_bilal, 12, "moved_away")
    outcome(e_esma, 6, "still_looking")
    outcome(e_esma, 12, "training")
    outcome(e_farid, 3, "business_created", coop)
    outcome(e_farid, 12, "unreachable")  # his 6-month follow-up is left unrecorded
    outcome(e_kofi, 6, "business_created", micro)  # not supported in the period
    return programme


def test_people_by_gender_and_age_band_match_the_hand_count(world):
    report = funder_report.build(world, START, END)
    assert report.people_by_gender_band == {
        "female": {"under_18": 0, "18_25": 1, "26_35": 2, "36_45": 0, "46_55": 0, "56_plus": 1},
        "male": {"under_18": 1, "18_25": 0, "26_35": 0, "36_45": 1, "46_55": 0, "56_plus": 0},
        "other": {"under_18": 0, "18_25": 0, "26_35": 0, "36_45": 0, "46_55": 1, "56_plus": 0},
        "undisclosed": dict.fromkeys(
            ["under_18", "18_25", "26_35", "36_45", "46_55", "56_plus"], 0
        ),
    }
    assert report.band_totals() == {"under_18": 1, "18_25": 1, "26_35": 2, "36_45": 1,
                                    "46_55": 1, "56_plus": 1}  # fmt: skip
    assert (report.people, report.households, report.people_in_households) == (7, 7, 20)


def test_activities_match_the_hand_count(world):
    report = funder_report.build(world, START, END)
    # Held: 10 March and 15 July (4 April was cancelled, 5 May had no one present).
    assert report.workshops_held == 2
    # Marks at the non-cancelled workshops of the period: 10 March P P A E P,
    # 15 July P A E, 5 May A E → 4 present, 3 excused, 3 absent: 4 / 10 = 40.0 %.
    assert (report.present, report.excused, report.absent) == (4, 3, 3)
    assert report.attendance_rate == Decimal("40.0")
    # Amina twice and Chloé on the last day; Bilal's was before, Jamal is not in the report.
    assert (report.interviews, report.people_interviewed) == (3, 2)
    # Amina (micro-enterprise) and Farid (cooperative, recorded at 3 months); not Kofi.
    assert report.businesses_created == 2


def test_outcomes_at_6_and_12_months_match_the_hand_count(world):
    report = funder_report.build(world, START, END)
    assert report.outcomes == {
        6: {"business_created": 1, "employment": 1, "training": 0, "still_looking": 1,
            "moved_away": 0, "unreachable": 0, "not_recorded": 1},
        12: {"business_created": 1, "employment": 0, "training": 1, "still_looking": 0,
             "moved_away": 1, "unreachable": 1, "not_recorded": 0},
    }  # fmt: skip


def test_the_lines_other_apps_contribute_see_the_same_people(
    world, amina, bilal, microcredit, honour_loan, adviser, committee
):
    # The real loans app contributes: Amina's loan in the period counts; Bilal's, paid out
    # after it, does not; nor does a loan to someone outside the programme.
    outsider = person("Omar", datetime.date(1990, 5, 5), gender="male")
    disbursed(
        participant=amina,
        product=microcredit,
        adviser=adviser,
        committee=committee,
        on=datetime.date(2026, 4, 6),
    )
    disbursed(
        participant=bilal,
        product=honour_loan,
        adviser=adviser,
        committee=committee,
        amount=Decimal("800.00"),
        installments=8,
        on=datetime.date(2026, 9, 7),
    )
    disbursed(participant=outsider, product=microcredit, adviser=adviser, committee=committee,
              on=datetime.date(2026, 4, 6))  # fmt: skip
    report = funder_report.build(world, START, END)
    contributed = {line.key: line.value for line in report.contributed}
    assert (contributed["loans_granted_count"], contributed["loans_granted_amount"]) == (
        1, Decimal("1200.00")
    )  # fmt: skip
    assert contributed["coops_run_count"] == 0  # no cooperative in this world
    keys = [line.key for line in report.lines()]
    assert keys[:3] == ["participants", "households", "people_in_households"]
    assert keys.index("loans_granted_count") > keys.index("participants")


def test_the_report_takes_a_fixed_number_of_queries(
    world, monkeypatch, django_assert_max_num_queries
):
    # The people side's own figures (other apps' lines are theirs to budget):
    # gender × band, households, workshops held, attendance, interviews, businesses, outcomes
    monkeypatch.setattr(contributions, "APPS", ("incubator",))
    with django_assert_max_num_queries(7):
        funder_report.build(world, START, END)


def test_a_period_with_nobody_gives_zeros_and_no_division_error(world):
    report = funder_report.build(world, datetime.date(2030, 1, 1), datetime.date(2030, 12, 31))
    assert (report.people, report.workshops_held, report.attendance_rate) == (0, 0, Decimal("0.0"))
