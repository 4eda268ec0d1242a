"""What needs me: the senior logs a session; the demo junior sees the count in the header, opens
the to-do list, follows the item to confirm the session, and the item is gone. axe-core checks
every page."""

import datetime as dt
import re

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, login, messages

pytestmark = pytest.mark.e2e

JUNIOR = "Jamila de Vries"


def header_count(page) -> int:
    link = page.locator("header a.inbox-link")
    badge = link.locator(".badge")
    return int(badge.inner_text()) if badge.count() else 0


def test_junior_confirms_a_session_from_the_to_do_list(page, open_page):
    # A session of its own, on a day no other journey or demo session uses.
    day = dt.date.today() - dt.timedelta(days=4)
    login(page, "senior@example.org", DEMO_PASSWORD)
    page.goto("/coaching/senior/")
    card = page.locator("li.card").filter(has=page.get_by_role("heading", name=JUNIOR))
    card.get_by_role("link", name="Gesprek vastleggen").click()
    page.wait_for_url("**/gesprek/")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("08:15")
    page.get_by_label("Duur in minuten").fill("30")
    page.get_by_label("Vorm").select_option(label="telefonisch")
    page.get_by_label("Samenvatting (ziet de junior ook)").fill("Kort telefonisch overleg.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert "de junior wordt gevraagd het te bevestigen" in messages(page)

    junior = open_page()
    login(junior, "junior@example.org", DEMO_PASSWORD)
    before = header_count(junior)
    assert before >= 1, "the header counts what waits for the junior"
    assert_accessible(junior)
    junior.locator("header a.inbox-link").click()
    junior.wait_for_url("**/mijn/te-doen/")
    assert junior.get_by_role("heading", level=1).inner_text() == "Te doen"
    assert_accessible(junior)
    item = junior.get_by_role(
        "link", name=re.compile(rf"Bevestig het coachingsgesprek van {day:%d-%m-%Y}")
    )
    assert item.count() == 1
    item.click()
    junior.wait_for_url("**/gesprekken/*/")
    assert "Kort telefonisch overleg." in junior.locator("main").inner_text()
    with junior.expect_navigation():
        junior.get_by_role("button", name="Bevestigen").click()
    assert "Bevestigd. De uren tellen mee." in messages(junior)
    assert header_count(junior) == before - 1

    junior.goto("/mijn/te-doen/")
    assert (
        junior.get_by_role(
            "link", name=re.compile(rf"Bevestig het coachingsgesprek van {day:%d-%m-%Y}")
        ).count()
        == 0
    )
    assert_accessible(junior)
    # The start page shows the same list, grouped per role.
    junior.goto("/mijn/")
    assert junior.get_by_role("heading", name="Te doen", level=2).count() == 1
    assert_accessible(junior)
