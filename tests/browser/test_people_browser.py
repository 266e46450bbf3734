"""Staff find a person and record attendance in a real Chromium; participants see their pages.

Screenshots land in build/screenshots/people-*.png (looked at by hand, in French and Arabic).
"""

import os

import pytest
from playwright.sync_api import Page, expect

from incubator import demo
from incubator.models import Participant, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base_url: str, username: str, language: str = "fr") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "tremplin-demo")
    page.click("form:not(.langswitch) button[type=submit]")
    page.wait_for_load_state()
    if language != "fr":
        page.click(f"button[name=language][value={language}]")
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_staff_search_the_list_and_open_a_persons_page(live_server, page: Page, screenshot_dir,
                                                       language):  # fmt: skip
    demo.seed()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "staff", language)
    page.goto(f"{live_server.url}/people/participants/")
    expect(page.locator("#participants tbody tr")).to_have_count(Participant.objects.count())
    page.screenshot(path=os.path.join(screenshot_dir, f"people-list-{language}.png"),
                    full_page=True)  # fmt: skip

    page.fill("input[name=q]", "diallo")
    page.locator("form.filters button[type=submit]").click()
    rows = page.locator("#participants tbody tr")
    expect(rows).to_have_count(1)
    rows.first.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("Amina Diallo")
    expect(page.locator("#timeline li").first).to_be_visible()
    if language == "ar":
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.screenshot(path=os.path.join(screenshot_dir, f"people-participant-{language}.png"),
                    full_page=True)  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_staff_record_attendance_on_the_grid_and_find_it_saved(
    live_server, page: Page, screenshot_dir, language
):
    demo.seed()
    workshop = Workshop.objects.filter(cohort__name="Printemps 2026").order_by("starts_at").last()
    roster = list(workshop.attendances.select_related("participant")
                  .order_by("participant__last_name"))  # fmt: skip
    first, second = roster[0].participant, roster[1].participant
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "staff", language)
    page.goto(f"{live_server.url}/people/workshops/{workshop.pk}/attendance/")
    page.check(f"input[name=p{first.pk}][value=absent]")
    page.check(f"input[name=p{second.pk}][value=excused]")
    page.screenshot(path=os.path.join(screenshot_dir, f"people-attendance-{language}.png"),
                    full_page=True)  # fmt: skip
    page.locator("form.card button[type=submit]").click()
    expect(page.locator(".messages .success")).to_be_visible()
    page.goto(f"{live_server.url}/people/workshops/{workshop.pk}/attendance/")
    expect(page.locator(f"input[name=p{first.pk}][value=absent]")).to_be_checked()
    expect(page.locator(f"input[name=p{second.pk}][value=excused]")).to_be_checked()
    marks = dict(workshop.attendances.values_list("participant_id", "status"))
    assert (marks[first.pk], marks[second.pk]) == ("absent", "excused")


@pytest.mark.parametrize(("username", "language"), [("amina", "fr"), ("bilal", "ar")])
def test_participants_see_their_workshops_and_profile_on_a_phone(live_server, page: Page,
                                                                 screenshot_dir, username,
                                                                 language):  # fmt: skip
    demo.seed()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, username, language)
    page.goto(f"{live_server.url}/me/workshops/")
    expect(page.locator(".workshop-card").first).to_be_visible()
    page.screenshot(path=os.path.join(screenshot_dir, f"people-portal-workshops-{language}.png"),
                    full_page=True)  # fmt: skip
    page.goto(f"{live_server.url}/me/profile/")
    expect(page.locator("input[name=phone]")).to_be_visible()
    page.screenshot(path=os.path.join(screenshot_dir, f"people-portal-profile-{language}.png"),
                    full_page=True)  # fmt: skip
