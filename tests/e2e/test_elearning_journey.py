"""E-learning packages in the browser. A provider uploads third-party SCORM packages in the
Wagtail admin (broken ones are refused with the reason, at the field); Noor Smit plays them in
the lesson, leaves halfway, comes back where she was and finishes; a package of our own tries
to reach the site with her session and cannot; and she completes the demo's online course of a
SCORM 1.2, a SCORM 2004 and an H5P package, which puts its points on her record.

The lesson page (site origin) frames the launcher (content origin, elearning/content.py), which
holds the SCORM API and loads the SCO in its frame #sco, or plays H5P in #h5p.

Noor is the learner here and nowhere else, so that no other journey's numbers change."""

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    DEMO_PASSWORD,
    WCAG_TAGS,
    assert_accessible,
    assert_admin_accessible,
    keep_screenshot,
    login,
    messages,
)
from tests.elearning.scorm_samples import sample

pytestmark = pytest.mark.e2e

LEARNER, PROVIDER = "noor.smit@example.org", "aanbieder@example.org"
TRYOUT_COURSE = "Online: e-learning uit andere bronnen"
GOLF_12, GOLF_2004 = "Golfregels (SCORM 1.2)", "Golfregels (SCORM 2004)"
DEMO_COURSE = "Online: wijkanalyse en keukentafelgesprek"
DEMO_LESSONS = (
    "Een wijkanalyse maken",
    "Het keukentafelgesprek",
    "Toets: participatie en beroepscode",
)
NO_PACKAGE = "Deze les heeft nog geen e-learningpakket."
PROBE = Path(__file__).resolve().parents[1] / "data" / "elearning" / "probe"


def _golf_pages(package: Path) -> list[str]:
    """The content pages of a golf sample, in order, as its launch page lists them."""
    with zipfile.ZipFile(package) as archive:
        launch_page = archive.read("shared/launchpage.html").decode()
    return re.findall(r'pageArray\[\d+\] = "([^"?]+)', launch_page)


def _player(page):
    return page.frame_locator("#elearning-frame")


def _sco(page):
    return _player(page).frame_locator("#sco")


def _frame_of(page, pattern: str):
    """The browser frame whose address matches ``pattern`` (a SCO's page, say)."""
    for frame in page.frames:
        if re.search(pattern, frame.url):
            return frame
    return None


def _wait_for_frame(page, pattern: str):
    """The frame at ``pattern`` once it has loaded; it may appear a moment after a click."""
    for _ in range(150):
        frame = _frame_of(page, pattern)
        if frame is not None:
            frame.wait_for_load_state()
            return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame at {pattern} in {[f.url for f in page.frames]}")


def _open_lesson(page, course: str, lesson: str) -> None:
    page.goto("/mijn/")  # her start page lists the courses she follows
    with page.expect_navigation():
        page.get_by_role("link", name=course, exact=True).first.click()
    with page.expect_navigation():
        page.locator("section.lesson-outline").get_by_role("link", name=lesson).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson)


def _admin_package_screen(page, lesson: str) -> None:
    """From the admin's page search to the lesson's editor, then its E-learning button."""
    page.goto(f"/admin/pages/search/?q={quote(lesson)}")
    with page.expect_navigation():
        page.get_by_role("link", name=lesson, exact=True).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page.get_by_role("button", name="Acties", exact=True).click()  # the page header's actions menu
    with page.expect_navigation():
        page.get_by_role("link", name="E-learning").first.click()
    page.wait_for_url(re.compile(r"/admin/e-learning/les/\d+/$"))


def _upload(page, path: Path | None = None, *, name: str = "", content: bytes = b"") -> None:
    field = page.get_by_label("Pakket")
    if path is not None:
        field.set_input_files(str(path))
    else:
        field.set_input_files({"name": name, "mimeType": "application/zip", "buffer": content})
    with page.expect_navigation():
        page.get_by_role("button", name="Uploaden").click()


def _field_error(page) -> str:
    return " ".join(
        page.locator(".errorlist, .error-message, .w-field__errors").all_inner_texts()
    ).strip()


def _probe_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(PROBE.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def _assert_frames_accessible(page) -> None:
    """axe-core finds nothing in the frames of the player (the launcher and what it plays), which
    ``assert_accessible`` does not look into; for the demo's own packages, whose markup is ours."""
    from axe_playwright_python import sync_playwright as axe_module

    source = (Path(axe_module.__file__).parent / "axe.min.js").read_text()
    found = {}
    for frame in page.frames[1:]:
        frame.evaluate(source)
        violations = frame.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']}).then((r) => r.violations.map("
            "(v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))",
            WCAG_TAGS,
        )
        if violations:
            found[frame.url] = violations
    assert not found, found


def _in_package(frame, content_origin: str) -> bool:
    """The frame is a package's page, or a frame inside one."""
    while frame is not None:
        if frame.url.startswith(content_origin + "/e-learning/inhoud/"):
            return True
        frame = frame.parent_frame
    return False


def _wait_for_done(page) -> None:
    """The lesson page shows the lesson done once the site answered the package's commit."""
    expect(page.locator("[data-elearning-done]").first).to_be_visible(timeout=20_000)
    expect(page.locator(".elearning-player__status")).to_contain_text("afgerond")


# --- 1 and 3: the provider uploads; a package of our own tries to reach the site --------------


def test_provider_uploads_packages_and_a_package_cannot_reach_the_site(page, open_page):
    refused = {  # each sample with the reason shown at the field
        sample("badscorm.zip"): "Het bestand imsmanifest.xml staat in de map badscorm; het moet"
        " in de hoofdmap van het zip-bestand staan.",
        sample("invalid.zip"): "Dit is geen SCORM-pakket: er staat geen imsmanifest.xml in het"
        " zip-bestand.",
        sample("singlescobasic_missingorg.zip"): "Het pakket heeft geen organisatie"
        " (inhoudsopgave)",
    }
    golf_12, golf_2004 = (
        sample("singlescobasic.zip"),
        sample("RuntimeBasicCalls_SCORM20043rdEdition.zip"),
    )

    login(page, PROVIDER, DEMO_PASSWORD)
    _admin_package_screen(page, GOLF_12)
    assert NO_PACKAGE in page.locator("main").inner_text()
    assert_admin_accessible(page)
    for path, reason in refused.items():
        _upload(page, path)
        assert reason in _field_error(page), (path.name, _field_error(page), messages(page))
        assert NO_PACKAGE in page.locator("main").inner_text(), path.name
    keep_screenshot(page, "elearning-upload-refused")

    # The probe goes into the first golf lesson first; the golf package replaces it after.
    _upload(page, name="proef.zip", content=_probe_zip())
    assert "staat in de les" in messages(page), _field_error(page)

    learner = open_page()
    content_requests = []
    learner.on(
        "request",
        lambda request: content_requests.append(request),
    )
    login(learner, LEARNER, DEMO_PASSWORD)
    site = learner.evaluate("() => location.origin")
    with learner.expect_response(re.compile(r"/e-learning/inhoud/[^/]+/index\.html$")) as sco:
        _open_lesson(learner, TRYOUT_COURSE, GOLF_12)
    policy = sco.value.all_headers()["content-security-policy"]
    assert "sandbox" in policy and "connect-src 'self'" in policy, policy
    content_origin = "{0.scheme}://{0.netloc}".format(urlsplit(sco.value.url))
    assert content_origin != site
    commit_url = learner.evaluate(
        "() => JSON.parse(document.getElementById('elearning-config').textContent).commit_url"
    )
    probe = _wait_for_frame(learner, r"/e-learning/inhoud/[^/]+/index\.html$")
    probe.evaluate("url => window.probe(url)", commit_url)
    found = _sco(learner)
    expect(found.locator("#klaar")).to_have_text("ja")
    outcomes = {
        name: found.locator(f"#{name}").inner_text()
        for name in ("site", "cookie", "mijn", "voortgang", "img", "form")
    }
    assert outcomes["site"] == site
    cookie_names = {cookie["name"] for cookie in learner.context.cookies(site)}
    assert {"sessionid", "csrftoken"} <= cookie_names, cookie_names
    assert "sessionid" not in outcomes["cookie"] and "csrftoken" not in outcomes["cookie"]
    assert outcomes["mijn"].startswith("refused"), outcomes
    assert outcomes["voortgang"].startswith("refused"), outcomes
    assert outcomes["img"] == "refused", outcomes
    # The form's post was stopped by the browser (form-action): its frame shows an error page.
    assert not learner.frame(name="formulier").url.startswith(("http:", "https:"))
    from_package = [
        request
        for request in content_requests
        if request.url.startswith(site) and _in_package(request.frame, content_origin)
    ]
    for request in from_package:  # the browser refuses them (the policy) before they go out
        assert "sessionid" not in (request.all_headers().get("cookie") or ""), request.url
        assert request.failure is not None and request.response() is None, request.url
    keep_screenshot(learner, "elearning-probe")

    # Now the golf packages.
    _upload(page, golf_12)
    assert "staat in de les" in messages(page), _field_error(page)
    _admin_package_screen(page, GOLF_2004)
    assert NO_PACKAGE in page.locator("main").inner_text()
    _upload(page, golf_2004)
    assert "staat in de les" in messages(page), _field_error(page)

    # Noor plays both, through to the end, with a break halfway.
    _play_golf(learner, GOLF_12, golf_12)
    _play_golf(learner, GOLF_2004, golf_2004)
    # Back on the lesson, it stays done.
    _open_lesson(learner, TRYOUT_COURSE, GOLF_12)
    expect(learner.locator("[data-elearning-done]").first).to_be_visible()


def _page_shown(page, path: str):
    """The golf SCO shows ``path`` in its content frame (inside #sco); returns that frame."""
    return _wait_for_frame(page, re.escape(path) + r"(\?|$)")


def _play_golf(page, lesson: str, package: Path) -> None:
    """Noor plays a golf sample: a few pages, away and back (the SCO asks whether to resume),
    on to the knowledge check, all answers right, Exit; the site then counts the lesson done."""
    pages = _golf_pages(package)
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    # Keeps the newest state the launcher reported to the lesson page between commits
    # ("elearning:progress", launcher.js).
    page.add_init_script(
        "if (window.top === window) { addEventListener('message', (e) => {"
        " if (e.data && e.data.type === 'elearning:progress') window.reported = e.data.cmi; }); }"
    )
    _open_lesson(page, TRYOUT_COURSE, lesson)
    expect(page.locator("[data-elearning-done]").first).to_be_hidden()
    sco = _sco(page)
    _page_shown(page, pages[0])
    for number in (1, 2, 3):
        sco.get_by_role("button", name="Next ->").click()
        _page_shown(page, pages[number])
    # The SCO commits nothing by itself until it ends: the launcher passes the newest state to
    # the lesson page shortly after each change (launcher.js, PROGRESS_DELAY_MS), which sends
    # it when the page goes. Its bookmark is the page's index.
    page.wait_for_function(
        "() => { const cmi = window.reported; if (!cmi) return false;"
        " return String(cmi.core ? cmi.core.lesson_location : cmi.location) === '3'; }"
    )
    with page.expect_request(lambda r: "/voortgang/" in r.url and r.method == "POST"):
        page.goto("/mijn/")
    assert not asked

    _open_lesson(page, TRYOUT_COURSE, lesson)
    _page_shown(page, pages[3])
    assert asked == ["Would you like to resume from where you previously left off?"], asked
    expect(sco.get_by_role("button", name="<- Previous")).to_be_enabled()
    for number in range(4, len(pages)):  # the last page is the knowledge check
        sco.get_by_role("button", name="Next ->").click()
        _page_shown(page, pages[number])
    assert pages[-1] == "shared/assessmenttemplate.html"
    check = _wait_for_frame(page, r"shared/assessmenttemplate\.html\?")
    expect(check.get_by_role("heading", name="Knowledge Check")).to_be_visible()
    for choice in check.locator(".correctAnswer input[type=radio]").all():
        choice.check()
    for number in (
        check.locator(".correctAnswer").filter(has=check.locator("input[type=text]")).all()
    ):
        number.locator("input").fill(re.search(r"\((\d+)\)", number.inner_text()).group(1))
    check.get_by_role("button", name="Submit Answers").click()
    expect(check.locator("#test h3").first).to_have_text("Score: 100")
    sco.get_by_role("button", name="Exit").click()
    _wait_for_done(page)
    page.remove_listener("dialog", answer)
    assert len(asked) == 1, asked


# --- 4: the demo's online course, completed in the browser ------------------------------------


def test_learner_completes_the_online_course_of_three_packages(page):
    login(page, LEARNER, DEMO_PASSWORD)

    # SCORM 1.2: four pages of text and a quiz; two right answers pass.
    _open_lesson(page, DEMO_COURSE, DEMO_LESSONS[0])
    done = page.locator("[data-elearning-done]").first
    expect(done).to_be_hidden()
    sco = _sco(page)
    expect(sco.locator("#voortgang")).to_have_text("Pagina 1 van 5")
    assert_accessible(page)
    _assert_frames_accessible(page)
    for number in range(2, 6):
        sco.get_by_role("button", name="Volgende").click()
        expect(sco.locator("#voortgang")).to_have_text(f"Pagina {number} van 5")
    sco.get_by_label("De kerncijfers wijken en buurten van het CBS").check()
    sco.get_by_label("Omdat de gemeente dat voorschrijft").check()  # wrong
    sco.get_by_label("Een wandeling door de wijk", exact=False).check()
    sco.get_by_role("button", name="Controleer antwoorden").click()
    expect(sco.locator("#uitslag")).to_contain_text("Je hebt 2 van de 3 vragen goed.")
    _wait_for_done(page)
    keep_screenshot(page, "elearning-scorm12-done")

    # SCORM 2004: two SCOs; "Verder" at the end of the first asks the player for the second.
    with page.expect_navigation():
        page.get_by_role("link", name=f"Volgende les: {DEMO_LESSONS[1]}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_LESSONS[1])
    outline = page.get_by_role("navigation", name="Onderdelen van deze e-learning")
    expect(outline).to_be_visible()
    sco = _sco(page)
    expect(sco.locator("#voortgang")).to_have_text("Pagina 1 van 3")
    for number in (2, 3):
        sco.get_by_role("button", name="Volgende").click()
        expect(sco.locator("#voortgang")).to_have_text(f"Pagina {number} van 3")
    sco.get_by_role("button", name="Verder").click()
    expect(sco.get_by_role("heading", name="Oefenvragen")).to_be_visible()
    expect(outline.locator("button[aria-current='true']")).to_have_count(1)
    assert_accessible(page)
    _assert_frames_accessible(page)
    sco.get_by_label('"Hoe ziet een gewone dag er voor je uit?"').check()
    sco.get_by_label("Gratis, onafhankelijke cliëntondersteuning").check()
    sco.get_by_label("Je vat samen wat je gehoord hebt", exact=False).check()
    sco.get_by_role("button", name="Controleer antwoorden").click()
    expect(sco.locator("#uitslag")).to_contain_text("Je hebt 3 van de 3 vragen goed.")
    _wait_for_done(page)  # both SCOs completed
    # "Afronden" ends the SCO with an exit: the learner stays, and may choose a part again.
    sco.get_by_role("button", name="Afronden").click()
    expect(page.locator(".elearning-player__status")).to_have_text(
        "Kies een onderdeel om verder te gaan."
    )
    expect(outline.get_by_role("button", name="Oefenvragen", exact=False)).to_be_focused()

    # H5P: three questions; two right answers score 67 %, above the lesson's 60 %.
    with page.expect_navigation():
        page.get_by_role("link", name=f"Volgende les: {DEMO_LESSONS[2]}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_LESSONS[2])
    h5p = _player(page).frame_locator("#h5p iframe")  # h5p-standalone renders in a frame
    h5p.get_by_label("Wat bewoners zelf belangrijk vinden en kunnen").check()
    h5p.get_by_label("Zeggenschap van burgers").check()
    h5p.get_by_label("Je vertelt over de schulden", exact=False).check()  # wrong
    expect(_player(page).locator("#h5p iframe")).to_have_attribute("title", re.compile(r"\S"))
    assert_accessible(page)
    _assert_frames_accessible(page)
    h5p.get_by_role("button", name="Controleer").click()
    _wait_for_done(page)

    # The course is complete, with its points, on her record of learning.
    page.goto("/leren/leeroverzicht/")
    completed = page.locator("main li.card").filter(
        has=page.get_by_role("heading", name=DEMO_COURSE, exact=True)
    )
    expect(completed).to_contain_text("Afgerond op")
    assert "geaccrediteerd voor 8 punten" in completed.inner_text()
    assert_accessible(page)
