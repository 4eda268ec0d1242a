"""A provider's editor publishes a new course with an edition in the Wagtail admin and asks for
accreditation; a member of the College, who has no stake in the provider, grants it in the
admin's review screen; the course page then shows the points. axe-core checks every page, with
only Wagtail's own known violations allowed in its admin (see WAGTAIL_KNOWN_VIOLATIONS)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    DEMO_PASSWORD,
    assert_accessible,
    assert_admin_accessible,
    fill_admin_title,
    keep_screenshot,
    login,
    messages,
    publish_in_admin,
)

pytestmark = pytest.mark.e2e

COURSE = "Werken met buurtnetwerken"
CODE = "KWW-401"


def _fill_date(field, day: dt.date) -> None:
    """Type a date into a Wagtail admin date field and leave it with Tab, as a keyboard user
    does. The date picker opens 100 ms after the field takes the focus; Tab closes it, and
    leaving before it opened would leave it open over the form."""
    field.fill(day.isoformat())
    picker = field.page.locator(".xdsoft_datetimepicker:visible")
    picker.wait_for()
    field.press("Tab")
    expect(picker).to_have_count(0)


def _publish_course(editor, today: dt.date) -> None:
    editor.goto("/admin/")
    assert_admin_accessible(editor)
    editor.goto("/admin/pages/")  # an editor's explorer opens at their provider's section
    assert editor.get_by_role("heading", name="Kenniscentrum Wijkwerk").count()
    assert_admin_accessible(editor)
    editor.get_by_role("link", name="Voeg onderliggende pagina toe", exact=True).first.click()
    editor.wait_for_url("**/add/courses/coursepage/**")
    assert_admin_accessible(editor)
    fill_admin_title(editor, COURSE)
    editor.get_by_role("combobox", name="Soort*").select_option(label="Innovatiecursus")
    editor.get_by_role("textbox", name="Cursuscode*").fill(CODE)
    editor.get_by_role("textbox", name="Samenvatting").fill("Netwerken van bewoners en instanties.")
    editor.get_by_role("checkbox", name="Strategisch advies").check()
    editor.get_by_role("checkbox", name="Campagne").check()
    editor.get_by_role("spinbutton", name="Studiebelasting in uren*").fill("20")
    editor.get_by_role("spinbutton", name="Aangevraagde punten").fill("16")
    editor.get_by_role("button", name="Voeg Uitvoering toe").click()
    editions = editor.locator("#id_editions-FORMS")
    editions.get_by_role("textbox", name="Code*", exact=True).fill(f"{CODE}-1")
    _fill_date(editions.get_by_role("textbox", name="Begindatum*"), today + dt.timedelta(days=40))
    _fill_date(editions.get_by_role("textbox", name="Einddatum*"), today + dt.timedelta(days=41))
    editions.get_by_role("spinbutton", name="Aantal plaatsen*").fill("12")
    assert_admin_accessible(editor)
    published = publish_in_admin(editor)
    assert COURSE in published and "gepubliceerd" in published
    assert_admin_accessible(editor)


def test_provider_publishes_a_course_and_the_college_accredits_it(page, open_page):
    today = dt.date.today()
    login(page, "aanbieder@example.org", DEMO_PASSWORD)
    _publish_course(page, today)

    page.get_by_role("link", name=COURSE, exact=True).click()
    page.wait_for_url("**/edit/")
    page.get_by_role("button", name="Acties").first.click()
    page.get_by_role("link", name="Accreditatie aanvragen").click()
    page.wait_for_url("**/accreditatie/aanvragen/*/")
    assert_admin_accessible(page)
    page.get_by_label("Toelichting voor het College").fill("Nieuw aanbod over buurtnetwerken.")
    with page.expect_navigation():
        page.get_by_role("button", name="Accreditatie aanvragen").click()
    assert f"De accreditatie van {COURSE} is aangevraagd." in messages(page)
    assert_admin_accessible(page)

    # A College member with no stake in Kenniscentrum Wijkwerk reviews and grants it.
    board = open_page()
    login(board, "college@example.org", DEMO_PASSWORD)
    # The request waits in the College member's to-do list, whose item opens the review.
    with board.expect_navigation():
        board.locator("header a.inbox-link").click()
    assert_accessible(board)
    with board.expect_navigation():
        board.get_by_role("link", name=f"Beoordeel de accreditatieaanvraag voor {COURSE}").click()
    board.wait_for_url("**/accreditatie/beoordelen/*/")
    assert "Anouk Jansen" in board.locator("main").inner_text()
    assert "Nieuw aanbod over buurtnetwerken." in board.locator("main").inner_text()
    assert_admin_accessible(board)
    board.get_by_label("Besluit").select_option(label="Toegekend")
    assert board.get_by_label("Toegekende punten").input_value() == "16.0"
    board.get_by_label("Geldig vanaf").fill(f"{today}")
    board.get_by_label("Geldig tot en met").fill(f"{today + dt.timedelta(days=3 * 365)}")
    board.get_by_label("Motivering").fill("Sluit aan bij strategisch advies uit het statuut.")
    with board.expect_navigation():
        board.get_by_role("button", name="Besluit vastleggen").click()
    assert f"Het besluit over {COURSE} is vastgelegd." in messages(board)
    assert board.get_by_role("row").filter(has_text=CODE).count() == 0
    assert_admin_accessible(board)

    # The public course page now carries the accreditation and its points.
    visitor = open_page()
    visitor.goto("/cursussen/?q=buurtnetwerken")
    visitor.get_by_role("link", name=COURSE).click()
    visitor.wait_for_url("**/werken-met-buurtnetwerken/")
    assert "Geaccrediteerd: 16 punten" in visitor.locator("main").inner_text()
    assert_accessible(visitor)
    keep_screenshot(visitor, "course-accredited")
