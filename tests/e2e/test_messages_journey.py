"""Messages in a buddy trajectory: the demo senior writes to their junior beside the sessions,
the junior sees that there is a new message, reads it and answers, and the senior reads the
answer. axe-core checks every page."""

import re

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, keep_screenshot, login, messages

pytestmark = pytest.mark.e2e

JUNIOR = "Jamila de Vries"
QUESTION = "Hoe ging de bewonersavond?\nVertel me dinsdag meer."
ANSWER = "Goed! Er kwamen dertig bewoners."


def test_senior_writes_and_the_junior_reads_and_answers(page, open_page):
    login(page, "senior@example.org", DEMO_PASSWORD)
    page.get_by_role("link", name="Mijn juniors").click()
    page.wait_for_url("**/coaching/senior/")
    page.get_by_role("heading", name=JUNIOR).get_by_role("link").click()
    page.wait_for_url("**/coaching/trajecten/*/")
    main = page.locator("main")
    main.get_by_role("link", name=re.compile(r"^Berichten")).click()
    page.wait_for_url("**/gesprekken/#berichten")
    thread = page.locator("#berichten")
    assert_accessible(page)
    thread.get_by_label("Nieuw bericht").fill(QUESTION)
    with page.expect_navigation():
        thread.get_by_role("button", name="Versturen").click()
    assert "Je bericht is verstuurd." in messages(page)
    assert "Hoe ging de bewonersavond?\nVertel me dinsdag meer." in thread.inner_text()
    assert_accessible(page)

    # The junior sees a new message on the trajectory, reads it and answers.
    junior = open_page()
    login(junior, "junior@example.org", DEMO_PASSWORD)
    junior.get_by_role("link", name="Mijn begeleiding").click()
    junior.wait_for_url("**/coaching/junior/")
    junior.get_by_role("link", name=re.compile(r"^Buddytraject met")).first.click()
    junior.wait_for_url("**/coaching/trajecten/*/")
    link = junior.locator("main").get_by_role("link", name=re.compile(r"^Berichten"))
    assert "1 nieuw" in link.inner_text()
    link.click()
    junior.wait_for_url("**/gesprekken/#berichten")
    their_thread = junior.locator("#berichten")
    assert "Vertel me dinsdag meer." in their_thread.inner_text()
    assert "nieuw" in their_thread.locator(".badge").first.inner_text()
    assert_accessible(junior)
    their_thread.get_by_label("Nieuw bericht").fill(ANSWER)
    with junior.expect_navigation():
        their_thread.get_by_role("button", name="Versturen").click()
    assert "Je bericht is verstuurd." in messages(junior)
    text = their_thread.inner_text()
    assert text.index("Vertel me dinsdag meer.") < text.index(ANSWER)
    assert_accessible(junior)

    # The senior reads the answer in the same thread.
    page.reload()
    assert ANSWER in thread.inner_text()
    assert_accessible(page)
    keep_screenshot(page, "trajectory-messages")
