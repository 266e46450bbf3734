"""The people side's part of a participant's timeline (see incubator.contributions).

Five queries whatever the history's length: enrolments, audit entries, attendance,
interviews, follow-ups with an outcome.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from incubator.contributions import TimelineEvent
from incubator.models import (
    Attendance,
    AuditEntry,
    Enrolment,
    FollowUp,
    Interview,
    Participant,
    User,
)

ATTENDANCE_ICONS = {"present": "check", "excused": "clock", "absent": "x"}
# Attendance, interviews and follow-ups are the staff's (incubator.selectors): advisers who
# read the participant's record do not see these events.
STAFF = frozenset({User.Role.STAFF})


def _record_title(action: str) -> str:
    titles = {
        "participant_created": _("Record created"),
        "participant_imported": _("Record imported from a file"),
        "participant_updated": _("Details updated"),
        "participant_updated_by_self": _("Contact details updated by the person"),
        "consent_given": _("Consent to data processing recorded"),
        "consent_withdrawn": _("Consent to data processing withdrawn"),
        "portal_account_created": _("Portal account created"),
        "invitation_sent": _("Portal invitation sent"),
    }
    return titles.get(action, action)


def _enrolment_title(action: str, cohort: str) -> str:
    titles = {
        "enrolment_created": _("Applied to %(cohort)s"),
        "enrolment:accepted": _("Accepted in %(cohort)s"),
        "enrolment:active": _("Started %(cohort)s"),
        "enrolment:completed": _("Completed %(cohort)s"),
        "enrolment:dropped": _("Left %(cohort)s"),
    }
    return titles.get(action, action) % {"cohort": cohort}


# The day a move took effect (staff may record it later): the enrolment keeps one per move.
_EFFECTIVE = {
    "enrolment_created": "applied_on",
    "enrolment:accepted": "accepted_on",
    "enrolment:active": "started_on",
    "enrolment:completed": "ended_on",
    "enrolment:dropped": "ended_on",
}


def _effective_day(enrolment: Enrolment, action: str) -> Any:
    field = _EFFECTIVE.get(action)
    return getattr(enrolment, field) if field else None


def _who(entry: AuditEntry) -> str:
    return str(entry.actor) if entry.actor else _("Tremplin (automatic)")


def _reason(entry: AuditEntry) -> str:
    if entry.action == "enrolment:dropped" and entry.reason in Enrolment.DropoutReason.values:
        return str(Enrolment.DropoutReason(entry.reason).label)
    return entry.reason


def events(participant: Participant) -> list[TimelineEvent]:
    enrolments = {e.pk: e for e in Enrolment.objects.filter(participant=participant)
                  .select_related("cohort")}  # fmt: skip
    types = ContentType.objects.get_for_models(Participant, Enrolment, User)
    subjects = Q(subject_type=types[Participant], subject_id=participant.pk) | Q(
        subject_type=types[Enrolment], subject_id__in=list(enrolments)
    )
    if participant.user_id:
        subjects |= Q(subject_type=types[User], subject_id=participant.user_id)
    found: list[TimelineEvent] = []
    for entry in AuditEntry.objects.filter(subjects).select_related("actor"):
        if entry.subject_type_id == types[Enrolment].pk:
            enrolment = enrolments[entry.subject_id]
            title = _enrolment_title(entry.action, str(enrolment.cohort))
            detail = " · ".join(filter(None, [_who(entry), _reason(entry)]))
            when = _effective_day(enrolment, entry.action) or entry.created_at
            found.append(TimelineEvent(when, title, detail, "list"))
        else:
            found.append(
                TimelineEvent(entry.created_at, _record_title(entry.action), _who(entry), "user")
            )

    for mark in Attendance.objects.filter(participant=participant).select_related("workshop"):
        workshop = mark.workshop
        found.append(
            TimelineEvent(
                workshop.starts_at,
                _("Workshop “%(title)s”") % {"title": workshop.title},
                mark.get_status_display(),
                ATTENDANCE_ICONS[mark.status],
                reverse("people:workshop", args=[workshop.pk]),
                roles=STAFF,
            )
        )

    for interview in Interview.objects.filter(participant=participant).select_related("staff"):
        found.append(
            TimelineEvent(
                interview.held_on,
                _("Interview with %(name)s") % {"name": interview.staff},
                _next_steps(interview),
                "users",
                roles=STAFF,
            )
        )

    outcomes = FollowUp.objects.filter(enrolment__participant=participant).exclude(outcome="")
    for follow_up in outcomes:
        found.append(
            TimelineEvent(
                follow_up.recorded_at or follow_up.due_on,
                _("Follow-up at %(months)s months") % {"months": follow_up.milestone},
                _outcome_detail(follow_up),
                "briefcase" if follow_up.outcome == FollowUp.Outcome.BUSINESS_CREATED else "phone",
                roles=STAFF,
            )
        )
    return found


def _next_steps(interview: Interview) -> str:
    return interview.next_steps.splitlines()[0][:140] if interview.next_steps else ""


def _outcome_detail(follow_up: Any) -> str:
    text = str(follow_up.get_outcome_display())
    if follow_up.outcome == FollowUp.Outcome.BUSINESS_CREATED:
        text += f" · {follow_up.get_business_sector_display()}"
        text += f" · {follow_up.get_business_legal_form_display()}"
    return text
