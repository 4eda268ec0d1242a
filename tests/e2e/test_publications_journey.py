"""The vakpublicaties: the demo senior asks the College's advice on a manuscript, the register
office has two College members without a conflict assigned, both advise, the office records the
College's advice and the author reads it with the comments. Then she claims her article in the
library as outside activity, the office accepts it, and the points show on her register status.
axe-core checks every page."""

import re

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, login, messages

pytestmark = pytest.mark.e2e

AUTHOR = "senior@example.org"
TITLE = "Buurtwerk na de decentralisaties"
ARTICLE = "Bewoners aan zet in de wijkbegroting"
COLLEGE = {
    "Cor van Dijk": "college@example.org",
    "Hanneke Smit": "college2@example.org",
    "Youssef Bennani": "college3@example.org",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _advise(page, email: str, advice: str, comments: str) -> None:
    login(page, email, DEMO_PASSWORD)
    page.get_by_role("link", name="Adviseren over manuscripten").click()
    page.wait_for_url("**/register/beoordelen/manuscripten/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    assert_accessible(page)
    page.get_by_label(advice, exact=True).check()
    page.get_by_label("Opmerkingen voor de auteur").fill(comments)
    with page.expect_navigation():
        page.get_by_role("button", name="Advies geven").click()
    assert "Je advies is vastgelegd." in messages(page)
    assert_accessible(page)


def _points_achieved(page) -> str:
    page.goto("/register/mijn-status/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=re.compile("unten")))
    return row.first.get_by_role("cell").nth(1).inner_text()


def test_manuscript_advice_and_a_claimed_publication(page, open_page):
    # The author submits a manuscript from her own pages.
    login(page, AUTHOR, DEMO_PASSWORD)
    page.get_by_role("link", name="Mijn manuscripten").click()
    page.wait_for_url("**/mijn/manuscripten/")
    assert_accessible(page)
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Samenvatting").fill("Wat het opbouwwerk na 2015 anders doet.")
    page.get_by_label("Soort publicatie").select_option(label="Artikel")
    page.get_by_label("Manuscript").set_input_files(
        files=[{"name": "manuscript.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Indienen").click()
    assert "Je manuscript is ingediend bij het College." in messages(page)
    assert "Het College heeft nog niet geadviseerd." in page.locator("main").inner_text()
    assert_accessible(page)

    # The office has two College members without a conflict chosen for it.
    office = open_page()
    login(office, "registerbureau@example.org", DEMO_PASSWORD)
    with office.expect_navigation():
        office.get_by_role("link", name="Manuscripten", exact=True).click()
    assert_accessible(office)
    with office.expect_navigation():
        office.get_by_role("link", name=TITLE).click()
    assert_accessible(office)
    with office.expect_navigation():
        office.get_by_role("button", name="Vragen").click()
    assert "De leden van het College zijn gevraagd." in messages(office)
    assert_accessible(office)
    advisers = office.get_by_role("heading", name="Adviezen").locator(
        "xpath=following-sibling::ul[1]/li"
    )
    names = [text.split(":")[0].strip() for text in advisers.all_inner_texts()]
    assert len(names) == 2 and set(names) <= set(COLLEGE), names

    # Both advise; the author sees nothing before the office records the College's advice.
    _advise(open_page(), COLLEGE[names[0]], "Positief", "")
    _advise(open_page(), COLLEGE[names[1]], "Positief met opmerkingen", "Kort de inleiding in.")
    page.reload()
    assert "Kort de inleiding in." not in page.locator("main").inner_text()
    office.reload()
    office.get_by_label("Positief met opmerkingen", exact=True).check()
    office.get_by_label("Toelichting voor de auteur").fill("Verwerk de opmerkingen.")
    with office.expect_navigation():
        office.get_by_role("button", name="Vastleggen").click()
    assert "Het advies is vastgelegd en de auteur bericht." in messages(office)
    assert_accessible(office)
    page.reload()
    shown = page.locator("main").inner_text()
    assert "Positief met opmerkingen" in shown and "Kort de inleiding in." in shown
    assert "Verwerk de opmerkingen." in shown
    assert not any(name in shown for name in names)
    assert_accessible(page)

    # She claims her article in the library for the register.
    before = _points_achieved(page)
    page.goto("/publicaties/")
    assert_accessible(page)
    page.get_by_label("Soort publicatie").select_option(label="Artikel")
    with page.expect_navigation():
        page.get_by_role("button", name="Filteren").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=ARTICLE).click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Opvoeren voor het register").click()
    assert "De publicatie is opgevoerd" in messages(page)
    assert "Ingediend" in page.locator("main").inner_text()
    assert_accessible(page)

    # The office accepts it as an outside activity; the points count on her status.
    office.goto("/leren/registerbureau/externe-activiteiten/")
    card = office.locator("article").filter(has_text=f"Publicatie: {ARTICLE}")
    with office.expect_navigation():
        card.get_by_role("button", name="Opslaan").click()
    assert_accessible(office)
    after = _points_achieved(page)
    assert after != before, (before, after)
    assert_accessible(page)
    page.goto("/register/mijn-status/points/")
    assert f"Publicatie: {ARTICLE}" in page.locator("main").inner_text()
    assert_accessible(page)
