"""Each role's home page, with every app's cards over the whole demo data, stays cheap."""

from io import StringIO

import pytest
from django.core.management import call_command

from incubator.models import User

# Queries: session and user, then one aggregate per card: staff (people, follow-ups due,
# cooperatives), adviser (applications by state, loans late, portfolio), committee (ready for
# decision), participants (next workshop, cooperative and next day, loan and next payment...).
BUDGETS = [
    ("staff", "/dashboard/", 4),
    ("adviser", "/dashboard/", 6),
    ("committee", "/dashboard/", 4),
    ("amina", "/me/", 10),
    ("bilal", "/me/", 10),
]


@pytest.fixture
def demo(db, settings, tmp_path, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+01:00")
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = True  # seed_demo refuses production settings
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize(("username", "url", "budget"), BUDGETS)
def test_home_pages_answer_in_a_bounded_number_of_queries(
    client, demo, username, url, budget, django_assert_max_num_queries
):
    client.force_login(User.objects.get(username=username))
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
