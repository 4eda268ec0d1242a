"""The register's numbers as three people read them in the demo. The junior finds the same
points on her start page and on her register status, opens the rows behind them by keyboard and
reads why her second completion of one course adds nothing; Ruud, who is in the register, sees
the renewal he works toward; the register office reads its reports and downloads one as CSV.
axe-core checks every page."""

import csv
import io

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, login

pytestmark = pytest.mark.e2e

POINTS = "Punten uit geaccrediteerde scholing"


def _row_value(table, label: str) -> str:
    """The 'Behaald' cell of a requirement's row."""
    return table.get_by_role("row", name=label).locator("td.num").first.inner_text().strip()


def test_the_junior_reads_one_number_everywhere_and_why_a_repeat_does_not_count(page):
    login(page, "junior@example.org", DEMO_PASSWORD)
    page.goto("/mijn/")
    start = page.get_by_role("table", name="Stand op")
    on_start_page = _row_value(start, POINTS)
    assert "," in on_start_page  # Dutch decimals: 124,0, not 124.0
    assert_accessible(page)

    page.get_by_role("link", name="Mijn registerstatus, met de verwachting en wat meetelt").click()
    page.wait_for_url("**/register/mijn-status/")
    status = page.get_by_role("table", name="Eisen voor inschrijving in het register")
    assert _row_value(status, POINTS) == on_start_page
    assert_accessible(page)

    # The number opens its rows; by keyboard, as any link.
    page.get_by_role("link", name=f"{POINTS}: bekijk wat meetelt").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/register/mijn-status/points/")
    main = page.locator("main").inner_text()
    assert f"Behaald: {on_start_page} van" in main
    assert "telt niet opnieuw mee: dezelfde cursus telt één keer" in main
    # Rows name their course and say in Dutch where they come from, never an internal key.
    assert "afgeronde cursus" in main
    for key in ("completion", "counted_once", "post-hbo", "counts"):
        assert key not in main, key
    assert_accessible(page)


def test_a_registered_practitioner_works_toward_renewal(page):
    login(page, "ruud.visser@example.org", DEMO_PASSWORD)
    page.goto("/register/mijn-status/")
    main = page.locator("main")
    assert "Je werkt nu toe naar herregistratie." in main.inner_text()
    assert main.get_by_role("table", name="Eisen voor herregistratie").count() == 1
    assert main.get_by_role("link", name="Aanvraag voor het register indienen").count() == 0
    assert main.get_by_role("heading", name="Wanneer kun je herregistratie aanvragen?").count() == 1
    assert_accessible(page)
    page.goto("/mijn/")
    assert page.get_by_role("heading", name="Op weg naar herregistratie").count() == 1


def test_the_office_reads_its_reports_and_downloads_one(page):
    login(page, "registerbureau@example.org", DEMO_PASSWORD)
    page.goto("/register/registerbureau/")
    page.get_by_role("link", name="Rapportages").first.click()
    page.wait_for_url("**/register/registerbureau/rapportages/")
    for title in (
        "Registraties per status",
        "Registraties die binnenkort verlopen",
        "Aanvragen per stap",
        "Opbouwwerkers die aan een eis voldoen",
    ):
        assert page.get_by_role("heading", name=title).count() == 1, title
    # The demo's registered practitioner is counted as active.
    by_status = page.get_by_role("region", name="Registraties per status")
    assert by_status.get_by_role("row", name="actief").locator("td").nth(1).inner_text() != "0"
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download „Aanvragen per stap” als CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Soort", "Stap", "Aantal"], rows[0]
    shown = page.get_by_role("region", name="Aanvragen per stap").locator("tbody tr")
    assert len(rows) - 1 == shown.count()
