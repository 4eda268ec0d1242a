"""The Vakconferentie in the browser. Gert Bos, who is not registered in the demo, finds the
conference through the site search, registers with a workshop per round and proposes a
workshop; the desk finds him by name and checks him in, which completes the accredited day,
so his register status counts its points. A committee member at his organisation is not
offered his proposal and is refused it; another committee member reviews it and accepts it
into the programme. axe-core checks every page."""

import re

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, login, messages

pytestmark = pytest.mark.e2e

PARTICIPANT = "deelnemer4@example.org"
PROPOSAL = "Wijkgesprekken met de telefoon in de hand"
POINTS_ROW = "Punten uit geaccrediteerde scholing"


def _register(page) -> str:
    login(page, PARTICIPANT, DEMO_PASSWORD)
    page.goto("/zoeken/?q=vakconferentie")
    assert_accessible(page)
    page.locator("main").get_by_role(
        "link", name=re.compile("Vakconferentie Opbouwwerk")
    ).first.click()
    page.wait_for_url("**/vakconferentie-*/")
    conference_url = page.url
    assert "Jaarbeurs Utrecht" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Aanmelden voor de Vakconferentie").click()
    page.wait_for_url("**/aanmelden/")
    assert_accessible(page)
    page.get_by_label("Ronde 1 (11:00–12:30)").select_option(
        label="Campagnes die beklijven (Zaal Vredenburg)"
    )
    page.get_by_label("Ronde 2 (13:30–15:00)").select_option(
        label="Bewonersbudgetten in de praktijk (Zaal Domtoren)"
    )
    # The employer pays, but the purchase order is forgotten: refused in Dutch, nothing kept.
    page.get_by_label("Mijn werkgever betaalt").check()
    page.get_by_label("Naam van je werkgever").fill("Stichting Opbouw Utrecht")
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden").click()
    assert "Geef het inkoopordernummer van je werkgever." in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("Inkoopordernummer van je werkgever").fill("PO-8841")
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/mijn/")
    assert "Je bent aangemeld voor de Vakconferentie." in messages(page)
    main = page.locator("main").inner_text()
    assert "Campagnes die beklijven" in main and "PO-8841" in main
    assert_accessible(page)
    return conference_url


def _propose(page, conference_url: str) -> None:
    page.goto(conference_url)
    page.get_by_role("link", name=re.compile("Een workshop voorstellen")).click()
    page.wait_for_url("**/voorstellen/nieuw/")
    assert_accessible(page)
    page.get_by_label("Titel").fill(PROPOSAL)
    page.get_by_label("Samenvatting").fill("Hoe je in de wijk gesprekken vastlegt en deelt.")
    page.get_by_label("Werkwijze").select_option(label="Sociaal-organisatorisch advies")
    page.get_by_label("Werkvorm").select_option(label="Project")
    page.get_by_label("Sprekers:", exact=True).fill("Gert Bos, opbouwwerker in Utrecht")
    with page.expect_navigation():
        page.get_by_role("button", name="Voorstel indienen").click()
    assert "Je voorstel is ingediend." in messages(page)
    assert_accessible(page)


def _check_in(desk) -> None:
    login(desk, "balie@example.org", DEMO_PASSWORD)
    desk.goto("/mijn/")
    desk.get_by_role("link", name="Balie", exact=True).click()
    desk.wait_for_url("**/balie/")
    assert_accessible(desk)
    desk.get_by_label("Naam of e-mailadres").fill("Gert")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Zoeken").click()
    assert_accessible(desk)
    with desk.expect_navigation():
        desk.get_by_role("button", name="Inchecken: Gert Bos").click()
    assert "Gert Bos is ingecheckt." in messages(desk)
    assert "Binnen sinds" in desk.locator("main").inner_text()
    assert_accessible(desk)


def _review_and_accept(member, conflicted, conference_url: str) -> None:
    login(member, "programmacommissie@example.org", DEMO_PASSWORD)
    member.goto("/mijn/")
    member.get_by_role("link", name="Voorstellen beoordelen").click()
    member.wait_for_url("**/voorstellen/")
    assert_accessible(member)
    member.get_by_role("link", name=PROPOSAL).click()
    member.wait_for_url("**/voorstellen/*/")
    proposal_url = member.url
    assert_accessible(member)

    # A committee member of Gert's organisation is not offered it, and is refused it.
    login(conflicted, "programmacommissie2@example.org", DEMO_PASSWORD)
    conflicted.goto("/mijn/")
    conflicted.get_by_role("link", name="Voorstellen beoordelen").click()
    conflicted.wait_for_url("**/voorstellen/")
    assert PROPOSAL not in conflicted.locator("main").inner_text()
    assert_accessible(conflicted)
    response = conflicted.goto(proposal_url)
    assert response.status == 403
    assert_accessible(conflicted)

    member.get_by_label("4").check()
    member.get_by_label("Toelichting").fill("Praktisch en goed over te dragen.")
    with member.expect_navigation():
        member.get_by_role("button", name="Beoordeling opslaan").click()
    assert "Je beoordeling is opgeslagen." in messages(member)
    assert_accessible(member)
    member.get_by_label("Ronde").select_option(label="Ronde 2 (13:30–15:00)")
    member.get_by_label("Zaal").fill("Zaal Catharijne")
    member.get_by_label("Aantal plaatsen").fill("20")
    with member.expect_navigation():
        member.get_by_role("button", name="Accepteren en in het programma zetten").click()
    assert "Het voorstel is geaccepteerd en staat in het programma." in messages(member)
    assert_accessible(member)
    member.goto(conference_url)
    workshop = member.locator("main li.card").filter(has_text=PROPOSAL)
    assert "Zaal Catharijne" in workshop.inner_text()
    assert_accessible(member)


def test_a_practitioner_registers_is_checked_in_and_a_proposal_joins_the_programme(page, open_page):
    conference_url = _register(page)
    _propose(page, conference_url)
    _check_in(open_page())

    page.goto("/register/mijn-status/")
    points = page.get_by_role("row").filter(has_text=POINTS_ROW).first
    assert re.search(r"\b6(,0)?\b", points.inner_text()), points.inner_text()
    assert_accessible(page)
    page.goto("/leren/leeroverzicht/")
    assert "Vakconferentie Opbouwwerk" in page.locator("main").inner_text()
    assert_accessible(page)

    _review_and_accept(open_page(), open_page(), conference_url)
