"""Buddy coaching: a senior logs a session with their junior and sees it confirmed once the
junior confirms it; the register office runs matching and proposes a suggested pair. axe-core
checks every page."""

import datetime as dt

import pytest

from tests.e2e.conftest import (
    DEMO_PASSWORD,
    assert_accessible,
    keep_screenshot,
    login,
    messages,
    tab_to,
)

pytestmark = pytest.mark.e2e

JUNIOR = "Jamila de Vries"
PRIVATE_NOTE = "Doorvragen over haar rol bij de bewonersavond."


def test_senior_logs_a_session_that_the_junior_confirms(page, open_page):
    login(page, "senior@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Mijn juniors").click()
    page.wait_for_url("**/coaching/senior/")
    assert_accessible(page)
    card = page.locator("li.card").filter(has=page.get_by_role("heading", name=JUNIOR))
    card.get_by_role("link", name="Gesprek vastleggen").click()
    page.wait_for_url("**/gesprek/")
    assert_accessible(page)
    # Two days back at an hour no demo session uses: in the trajectory, never in the future.
    day = dt.date.today() - dt.timedelta(days=2)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("15:30")
    page.get_by_label("Duur in minuten").fill("45")
    page.get_by_label("Vorm").select_option(label="online")
    page.get_by_label("Strategisch advies").check()
    page.get_by_label("Samenvatting (ziet de junior ook)").fill(
        "Voorbereiding van de bewonersavond."
    )
    page.get_by_label("Eigen aantekening (alleen voor jou)").fill(PRIVATE_NOTE)
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert "de junior wordt gevraagd het te bevestigen" in messages(page)
    facts = page.locator("dl.facts")
    assert "wacht op bevestiging" in facts.inner_text()
    assert_accessible(page)

    # The junior confirms it from their own page; the senior's private note is not theirs.
    junior = open_page()
    login(junior, "junior@example.org", DEMO_PASSWORD)
    junior.get_by_role("link", name="Mijn begeleiding").click()
    junior.wait_for_url("**/coaching/junior/")
    assert_accessible(junior)
    junior.get_by_role("link", name=f"{day:%d-%m-%Y} 15:30").click()
    junior.wait_for_url("**/gesprekken/*/")
    assert "Voorbereiding van de bewonersavond." in junior.locator("main").inner_text()
    assert PRIVATE_NOTE not in junior.content()
    assert_accessible(junior)
    with junior.expect_navigation():
        junior.get_by_role("button", name="Bevestigen").click()
    assert "Bevestigd. De uren tellen mee." in messages(junior)
    assert_accessible(junior)

    page.reload()
    assert "bevestigd" in facts.inner_text()
    assert "Bevestigd" in facts.inner_text()  # the moment of confirmation is shown
    assert PRIVATE_NOTE in page.locator("main").inner_text()
    assert_accessible(page)
    keep_screenshot(page, "senior-session-confirmed")


def test_register_office_matches_a_junior_with_a_senior(page):
    login(page, "registerbureau@example.org", DEMO_PASSWORD)
    page.goto("/coaching/registerbureau/")
    assert_accessible(page)
    page.get_by_label("Pool").select_option(label="Stichting Opbouw Utrecht")
    with page.expect_navigation():
        page.get_by_role("button", name="Suggesties maken").click()
    page.wait_for_url("**/registerbureau/koppelen/*/")
    # Without a broker the run is done at once; with one the page refreshes itself until done.
    page.locator("dl.facts").get_by_text("klaar").wait_for(timeout=60_000)
    assert_accessible(page)

    row = page.get_by_role("row").filter(has_text="Lotte Meijer")
    senior = row.get_by_label("Senior").locator("option:checked").inner_text()
    senior = senior.rsplit(" (", 1)[0]
    with page.expect_navigation():
        row.get_by_role("button", name="Voorstellen").click()
    assert f"{senior} en Lotte Meijer zijn voorgesteld als buddy's." in messages(page)
    assert "voorgesteld" in page.get_by_role("row").filter(has_text="Lotte Meijer").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar de trajecten").click()
    page.wait_for_url("**/coaching/registerbureau/")
    made = page.get_by_role("row").filter(has_text="Lotte Meijer")
    assert senior in made.inner_text() and "voorgesteld" in made.inner_text()
    assert_accessible(page)
    made.get_by_role("link", name="Lotte Meijer").click()
    page.wait_for_url("**/coaching/trajecten/*/")
    assert_accessible(page)
    keep_screenshot(page, "office-trajectory-proposed")


def test_senior_declares_a_conflict_of_interest_by_keyboard(page):
    login(page, "senior@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Belangenverstrengeling").click()
    page.wait_for_url("**/coaching/belangen/")
    assert_accessible(page)
    # A malformed address is answered in Dutch, beside the field, and nothing is recorded.
    address = page.get_by_label("E-mailadres van de ander")
    tab_to(page, address)
    page.keyboard.type("niemand-at-example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Oud-collega bij de gemeente.")
    with page.expect_navigation():
        tab_to(page, page.get_by_role("button", name="Melden"))
        page.keyboard.press("Enter")
    assert "Voer een geldig e-mailadres in." in page.locator("main").inner_text()
    assert_accessible(page)
    # A well-formed address is acknowledged without saying whether it has an account.
    page.get_by_label("E-mailadres van de ander").fill("manager@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Melden").click()
    assert "Je melding is ontvangen." in messages(page)
    row = page.locator("tbody tr").first
    assert "manager@example.org" in row.inner_text()
    assert "Oud-collega bij de gemeente." in row.inner_text()
    assert_accessible(page)
    keep_screenshot(page, "senior-conflict-declared")
