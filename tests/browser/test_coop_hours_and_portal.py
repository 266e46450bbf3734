"""In a real Chromium: staff fill the hours grid; Amina reads her cooperative on a phone, in
French and in Arabic (right to left); Bilal reads his share in Arabic. Screenshots land in
build/screenshots/coops-*.png."""

import datetime
import os
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cooperatives.models import Attendance
from cooperatives.services import closing, cooperatives

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "secret-pass-123")
    page.click("form:not(.langswitch) button[type=submit]")


@pytest.fixture
def running_now(make_coop, amina, participants, record_hours):
    """A flashcoop that started three activity days ago, with Amina and three others."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=3)
    coop = make_coop(
        name="Flashcoop Saveurs du monde",
        start=start,
        members=[amina, *participants(3)],
        start_running=True,
    )
    held = coop.days.filter(date__lt=today).count()
    record_hours(coop, {m: ["6.5"] * held for m in coop.memberships.order_by("pk")[:1]})
    return coop


def test_staff_fill_the_hours_grid(live_server, page: Page, staff, running_now, screenshot_dir):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server.url, "sophie")
    page.goto(f"{live_server.url}/coops/{running_now.pk}/hours/")
    expect(page.locator("h2")).to_contain_text("Heures")
    inputs = page.locator("table.hours-grid input[type=number]")
    editable = inputs.count()
    assert editable >= 4
    empty = [inputs.nth(k) for k in range(editable) if not inputs.nth(k).input_value()]
    for cell in empty[:-1]:
        cell.fill("6.25")
    empty[-1].fill("6.1")  # not a quarter of an hour
    page.click("#hours-grid button[type=submit]")
    expect(page.locator(".errorlist")).to_contain_text("quart")
    assert Attendance.objects.filter(hours=Decimal("6.25")).count() == 0  # nothing saved
    page.screenshot(path=os.path.join(screenshot_dir, "coops-hours-grid-error.png"), full_page=True)
    page.locator("table.hours-grid input[value='6.1']").fill("0")
    page.click("#hours-grid button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Heures enregistrées")
    assert Attendance.objects.filter(hours=Decimal("6.25")).count() == len(empty) - 1
    page.screenshot(path=os.path.join(screenshot_dir, "coops-hours-grid.png"), full_page=True)


def test_amina_reads_her_cooperative_on_a_phone_in_french_and_arabic(
    live_server, page: Page, amina_user, running_now, screenshot_dir
):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "amina")
    page.goto(f"{live_server.url}/me/coop/")
    expect(page).to_have_url(f"{live_server.url}/me/coop/{running_now.pk}/")
    expect(page.locator("h1")).to_have_text("Flashcoop Saveurs du monde")
    expect(page.locator(".next-day h2")).to_contain_text(re.compile("Prochain jour|Aujourd’hui"))
    expect(page.locator(".portal-figures")).to_contain_text("13 h")  # 2 days × 6.5 h
    page.screenshot(path=os.path.join(screenshot_dir, "coops-portal-fr.png"), full_page=True)

    page.click("button[name=language][value=ar]")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".next-day h2")).to_contain_text(re.compile("اليوم القادم|اليوم"))
    title = page.locator("h1").bounding_box()
    assert title["x"] + title["width"] > PHONE["width"] * 0.75  # starts at the right edge
    page.screenshot(path=os.path.join(screenshot_dir, "coops-portal-ar.png"), full_page=True)

    page.click("a[href$='/days/']")
    expect(page.locator(".day-list li")).to_have_count(10)
    page.screenshot(path=os.path.join(screenshot_dir, "coops-portal-days-ar.png"), full_page=True)


def test_bilal_reads_his_share_in_arabic(
    live_server, page: Page, bilal_user, bilal_coop, staff, record_hours, sell, screenshot_dir
):
    member = bilal_coop.memberships.get()
    days = bilal_coop.days.count()
    record_hours(bilal_coop, {member: ["3.5"] * days})
    sell(bilal_coop, "Tote bag en wax", "12", "25.00", date=datetime.date(2026, 3, 5))
    cooperatives.cooperative_transition(cooperative=bilal_coop, to="closing", actor=staff)
    closing.cooperative_close(cooperative=bilal_coop, actor=staff)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "bilal")
    page.goto(f"{live_server.url}/me/coop/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".share-card .big-number")).to_contain_text("300.00")
    statement = page.locator(".share-card a.btn")
    expect(statement).to_have_attribute("href", f"/me/coop/{bilal_coop.pk}/statement.pdf")
    page.screenshot(path=os.path.join(screenshot_dir, "coops-portal-share-ar.png"), full_page=True)
