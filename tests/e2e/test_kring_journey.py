"""The Kring Kwaliteitsmanagement as the demo manager, a Kring member, reads it: the benchmark
of Welzijn Rivierenland beside the other organisations (never named), a quarter's chart and
the table under it, the agenda of a meeting, and a topic proposed for the next meeting.
axe-core checks every page."""

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, keep_screenshot, login, messages

pytestmark = pytest.mark.e2e

OTHERS = (
    "Welzijn Achterhoek",
    "Stichting Wijkkracht",
    "Opbouwwerk Haaglanden",
    "Welzijn Zuid-Limburg",
    "Buurtwerk Groningen",
    "Dorpswerk Vlieland",
    "Stichting Opbouw Utrecht",
)


def test_the_manager_compares_the_organisation_and_joins_the_kring(page):
    login(page, "manager@example.org", DEMO_PASSWORD)
    page.goto("/register/kring/")
    main = page.locator("main")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Benchmark van de Kring Kwaliteitsmanagement"
    )
    text = main.inner_text()
    assert "Welzijn Rivierenland" in text
    for other in OTHERS:
        assert other not in page.content(), other

    # Today's figures: the own value beside the median over the organisations.
    today = main.get_by_role("table", name="Je organisatie naast de verdeling")
    points = today.get_by_role("row", name="Registerpunten per opbouwwerker")
    cells = points.locator("td")
    assert "punten" in cells.nth(0).inner_text()
    assert "punten" in cells.nth(2).inner_text()  # the median: enough organisations
    assert "," in cells.nth(0).inner_text()  # Dutch decimals

    # The chart of a figure, and its numbers in the table beneath it.
    section = main.get_by_role("region", name="Registerpunten per opbouwwerker")
    chart = section.get_by_role("img", name="Registerpunten per opbouwwerker per kwartaal")
    assert chart.count() == 1
    assert "tabel" in chart.locator("desc").text_content()
    table = section.get_by_role("table", name="Registerpunten per opbouwwerker per kwartaal")
    assert table.locator("tbody tr").count() == 8
    assert_accessible(page)

    # The meetings: the agenda of the last one opens as a file.
    page.get_by_role("link", name="Naar de bijeenkomsten van de Kring").click()
    page.wait_for_url("**/register/kring/bijeenkomsten/")
    assert_accessible(page)
    page.get_by_role("link", name="Inwerken van junior opbouwwerkers").click()
    page.wait_for_url("**/register/kring/bijeenkomsten/*/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Agenda Inwerken van junior opbouwwerkers").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")

    # A topic for the next meeting, beside the one another member proposed.
    page.get_by_role("link", name="Alle bijeenkomsten").click()
    page.get_by_role("link", name="Coaching en de registereisen").click()
    page.wait_for_url("**/register/kring/bijeenkomsten/*/")
    assert page.get_by_role("heading", name="Snel bevestigen van coachingsgesprekken").count() == 1
    page.get_by_role("textbox", name="Onderwerp:").fill("Scholing in eigen huis")
    page.get_by_label("Toelichting").fill("Welke incompany-cursussen laten jullie accrediteren?")
    page.get_by_role("button", name="Onderwerp voorstellen").click()
    page.wait_for_load_state()
    assert "Je onderwerp is voorgesteld." in messages(page)
    assert page.get_by_role("heading", name="Scholing in eigen huis").count() == 1
    assert_accessible(page)
    keep_screenshot(page, "kring-journey")
