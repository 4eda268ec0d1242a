"""Browser journeys: Playwright drives Debian's Chromium against the demo site.

A session fixture builds a database of its own (PostgreSQL when DATABASE_URL points there,
otherwise an SQLite file), migrates it, loads ``seed_demo`` and serves it on a free port, as
``make run`` would. The journeys then act only through the browser, as the demo's people.

They run in `make test`. Without /usr/bin/chromium they are skipped locally and fail in CI
(where .ci/run installs it), so they can never silently stop running there.

The served site uses ``tests.e2e.settings``: the dev settings of ``make run`` with a fast
password hasher and without Wagtail's autosave (that module says why), and without the TOTP
requirement for the College and the register office (that requirement has tests of its own in
tests/accounts). Journeys share the one database, so each works on objects no other journey
changes, or makes what it needs through the screens; they pass in any order.

Two widths, 1280 px (a laptop) and 390 px (a phone). Running every journey twice would double
the slowest part of the suite for little gain: a journey's actions are the same at both widths;
what differs is how each page is laid out. So every journey runs once at 1280 px, and each page
visit it checks goes through ``assert_accessible``, which checks the page at both widths: at
1280 px, then with the viewport set to 390 px, then back. At each width the page may not be wider
than the screen (``assert_fits``: document.documentElement.scrollWidth <= innerWidth; a wide
table scrolls inside its own box) and axe finds nothing. The Wagtail admin is checked at 1280 px
only (``assert_admin_accessible``): it is Wagtail's own layout, not the site's. The ``page``
fixture ends each journey with a screenshot of its last page at both widths in
test-artifacts/screenshots (ARTIFACTS), named after the test; ``keep_screenshot`` keeps a named
one of any other page. What only a phone does (a sticky column in the attendance grid, filters that
fold away) is acted out at 390 px in test_phone_journey.py. Checking each page at the second width
costs a resize and one more axe run per checked page, about a second each, not a second journey.

To write a journey against a demo site you already serve (a fresh ``make run``), set
``E2E_SITE_URL=http://127.0.0.1:8000``: nothing is built or served then.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo-wachtwoord"

# Violations in Wagtail's own admin that this project cannot fix, each as (axe rule, CSS
# selector of the one element it may be reported on), with the upstream issue. Only
# ``assert_admin_accessible`` allows them, and only on exactly those elements.
WAGTAIL_KNOWN_VIOLATIONS = [
    # Draftail, the rich-text editor, renders its own contenteditable role="textbox" while the
    # field's <label for> points at the hidden input it replaces, so the textbox has no name:
    # https://github.com/wagtail/wagtail/issues/14205 (open in Wagtail 8.0).
    ("aria-input-field-name", ".Draftail-Editor .public-DraftEditor-content[role='textbox']"),
    # The date picker that opens beside a date field has icon-only previous, today and next
    # buttons: https://github.com/wagtail/wagtail/issues/5325 (open in Wagtail 8.0).
    ("button-name", ".xdsoft_datetimepicker button"),
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


BUILD_DEMO = """
import django
from django.core.management import call_command

django.setup()
call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
call_command("seed_demo")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _e2e_database(tmp_dir: Path) -> tuple[str, callable]:
    """A database URL for the served site, and how to remove it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _, _name = url.rpartition("/")
        name = f"lms_e2e_{os.getpid()}"
        admin_url = f"{base}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"{base}/{name}", drop
    return f"sqlite:///{tmp_dir / 'e2e.sqlite3'}", lambda: None


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo site served by a real server process; yields its base URL."""
    if os.environ.get("E2E_SITE_URL"):
        yield os.environ["E2E_SITE_URL"].rstrip("/")
        return
    root = Path(__file__).resolve().parents[2]
    tmp_dir = tmp_path_factory.mktemp("e2e")
    database_url, drop = _e2e_database(tmp_dir)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.e2e.settings",
        DATABASE_URL=database_url,
        DEBUG="false",
        LMS_MFA_REQUIRED="false",
        MEDIA_ROOT=str(tmp_dir / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_dir / "private"),
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    manage = [sys.executable, str(root / "manage.py")]
    # Migrate and seed in one process: Django and Wagtail start once.
    built = subprocess.run(
        [sys.executable, "-c", BUILD_DEMO], env=env, cwd=root, capture_output=True, text=True
    )
    if built.returncode:
        drop()
        pytest.fail("the demo site could not be built:\n" + built.stderr[-3000:])
    log = open(tmp_dir / "server.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        # The checks ran while building; the server need not run them again. Threaded, as a
        # real server: a lesson page frames the e-learning launcher from a second host name
        # (elearning/content.py), and Chromium may hold a spare connection to the first one
        # open without sending on it, which would keep a one-at-a-time server from ever
        # answering the second.
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/health/", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                drop()
                pytest.fail("the demo site did not start: " + (tmp_dir / "server.log").read_text())
            time.sleep(0.3)
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()
    drop()


def _new_page(browser, base_url: str):
    context = browser.new_context(base_url=base_url, locale="nl-NL", viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser, demo_site, request):
    """A browser page at 1280 px; when the journey ends, its last page is kept as a screenshot
    at 1280 and at 390 px (<test name>-1280.png, <test name>-390.png)."""
    context, page = _new_page(browser, demo_site)
    yield page
    if not page.is_closed() and page.url.startswith("http"):
        name = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")
        keep_screenshot(page, f"{name}-1280")
        if "/admin/" not in page.url:
            _set_width(page, PHONE)
            keep_screenshot(page, f"{name}-390")
    context.close()


@pytest.fixture
def open_page(browser, demo_site):
    """Opens a page in a browser context of its own: a second person at another computer."""
    contexts = []

    def opener():
        context, page = _new_page(browser, demo_site)
        contexts.append(context)
        return page

    yield opener
    for context in contexts:
        context.close()


class AccessibilityError(AssertionError):
    pass


def _allowed(page, rule: str, node: dict, allow) -> bool:
    selectors = [selector for allowed_rule, selector in allow if allowed_rule == rule]
    if not selectors or len(node["target"]) != 1:
        return False
    return page.evaluate(
        "([target, selectors]) => { const el = document.querySelector(target);"
        " return !!el && selectors.some((s) => el.matches(s)); }",
        [node["target"][0], selectors],
    )


def _set_width(page, viewport: dict) -> None:
    """Resize the viewport and wait until the browser has laid the page out again."""
    page.set_viewport_size(viewport)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


# The elements that stick out past the right edge of the screen (outside a box that scrolls
# by itself), to say in the failure what makes the page too wide.
_TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll' || x === 'hidden')
    return p !== document.body && p !== document.documentElement; } return false; };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  return [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1
      && (!scrolls(el) || ['absolute', 'fixed'].includes(getComputedStyle(el).position)))
    .slice(0, 8).map((el) => name(el) + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
}"""


def assert_fits(page) -> None:
    """The page is no wider than the screen: nothing makes one scroll sideways."""
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > inner_width:
        raise AssertionError(
            f"{page.url} is {scroll_width} px wide on a screen of {inner_width} px: "
            + ", ".join(page.evaluate(_TOO_WIDE))
        )


def assert_accessible(page, *, allow=()) -> None:
    """A page of the site fits the screen and axe-core (WCAG 2.1 A and AA rules) finds nothing
    on it as it is now, at 1280 px and at 390 px (the viewport is set back to 1280 px after).

    ``allow`` lists (rule, selector) pairs that may be reported on those elements only."""
    if "/admin/" in page.url:  # Wagtail's admin: its own layout, checked at 1280 px only
        _axe(page, allow)
        return
    assert_fits(page)
    _axe(page, allow)
    _set_width(page, PHONE)
    try:
        assert_fits(page)
        _axe(page, allow)
    finally:
        _set_width(page, WIDE)


def _axe(page, allow) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            # Only violations come back: the other result types cost time and are not read.
            "resultTypes": ["violations"],
            # axe is injected into the page's own document only, so it cannot test a frame's
            # (Wagtail's preview panel); asking it to would only wait for frames to answer.
            "iframes": False,
        },
    )
    violations = []
    for violation in results.response["violations"]:
        nodes = [n for n in violation["nodes"] if not _allowed(page, violation["id"], n, allow)]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    if violations:
        lines = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
            for v in violations
        ]
        width = page.viewport_size["width"]
        raise AccessibilityError(f"{page.url} at {width} px\n" + "\n".join(lines))


def assert_admin_accessible(page) -> None:
    """As assert_accessible, for a screen of the Wagtail admin, at 1280 px only (it is Wagtail's
    own layout): Wagtail's own known violations
    (WAGTAIL_KNOWN_VIOLATIONS) are allowed on exactly their elements, nothing else.

    Wagtail fades its messages in after the page loads; axe would measure the contrast of a
    half-transparent message, so this waits until they are fully shown."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')]"
        ".every((ul) => getComputedStyle(ul).opacity === '1')"
    )
    _axe(page, WAGTAIL_KNOWN_VIOLATIONS)


def fill_admin_title(page, title: str) -> None:
    """Type a page title in Wagtail's editor and leave the field with Tab, as a person does;
    Wagtail then derives the slug from it (shortly after, so this waits for the slug)."""
    from playwright.sync_api import expect

    field = page.get_by_role("textbox", name="Titel*")
    field.fill(title)
    field.press("Tab")
    expect(page.locator("#id_slug")).not_to_have_value("")


def publish_in_admin(page) -> str:
    """Publish the page open in Wagtail's editor and wait for the explorer it returns to;
    returns the message it shows there."""
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    try:
        page.wait_for_url(lambda url: re.search(r"/admin/pages/\d+/$", url) is not None)
    except Exception as error:
        errors = page.locator(".messages, .error-message, .w-field__errors").all_inner_texts()
        raise AssertionError(f"not published from {page.url}: {errors}") from error
    page.locator(".messages").wait_for()
    return messages(page)


def keep_screenshot(page, name: str) -> Path:
    """The last page of a journey, kept for CI as test-artifacts/screenshots/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def tab_to(page, target, *, limit: int = 120) -> None:
    """Move the focus with the Tab key alone until ``target`` (a locator) has it; fails when
    ``limit`` presses do not reach it, as a keyboard user would not reach it either."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{limit} presses of Tab did not reach {target} on {page.url}")


def messages(page) -> str:
    """The text of the messages the site shows after an action (empty when there are none)."""
    box = page.locator(".messages")
    return box.inner_text() if box.count() else ""


_LOGIN_PAGE_CHECKED = []


def login(page, email: str, password: str, *, keyboard: bool = False) -> None:
    page.goto("/accounts/login/")
    if not _LOGIN_PAGE_CHECKED:  # the same page for everyone: axe checks it once a session
        assert_accessible(page)
        _LOGIN_PAGE_CHECKED.append(True)
    if keyboard:
        page.get_by_label("E-mail").focus()
        page.keyboard.type(email)
        page.keyboard.press("Tab")
        page.keyboard.type(password)
        page.keyboard.press("Enter")
    else:
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/mijn/")
