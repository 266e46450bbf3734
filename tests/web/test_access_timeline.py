"""A participant's timeline follows the rules of the records it gathers: advisers read a
participant's enrolments but not their interviews, attendance nor follow-ups
(``incubator.selectors``), so those events are shown to staff only."""

import datetime

import pytest
from django.urls import reverse

from incubator.models import FollowUp, Interview
from incubator.services.followups import follow_up_record_outcome
from incubator.services.people import record_save

pytestmark = pytest.mark.django_db


def test_advisers_read_the_timeline_without_interviews_attendance_nor_follow_ups(client, world):
    side, staff = world.amina, world.staff
    record_save(
        instance=Interview(participant=side.participant, staff=staff,
                           held_on=datetime.date(2026, 4, 2),
                           next_steps="Orientation vers un suivi psychologique"),
        actor=staff,
    )  # fmt: skip
    follow_up = FollowUp.objects.get(pk=side.follow_up.pk)
    follow_up_record_outcome(follow_up=follow_up, actor=staff, outcome="still_looking",
                             contacted_on=datetime.date(2026, 10, 1))  # fmt: skip
    page = reverse("people:participant", args=[side.participant.pk])
    staff_only = [
        "Orientation vers un suivi psychologique",  # an interview's next steps
        world.workshop.title,  # a workshop she was marked at
        "Suivi à 3 mois",  # a follow-up's outcome
    ]
    client.force_login(staff)
    seen = client.get(page).content.decode()
    assert all(text in seen for text in staff_only), [t for t in staff_only if t not in seen]
    client.force_login(world.adviser)
    seen = client.get(page).content.decode()
    assert [text for text in staff_only if text in seen] == []
    assert "Printemps 2026" in seen  # her enrolments stay in the adviser's sight
