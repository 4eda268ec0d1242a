"""Browser journeys: Playwright drives Debian's Chromium against the demo site.

A session fixture builds a database of its own (PostgreSQL when DATABASE_URL points there,
otherwise an SQLite file), migrates it, loads ``seed_demo`` and serves it on a free port, as
``make run`` would. The journeys then act only through the browser, as the demo's people.

They run in `make test`. Without /usr/bin/chromium they are skipped locally and fail in CI
(where .ci/run installs it), so they can never silently stop running there.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


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
    root = Path(__file__).resolve().parents[2]
    tmp_dir = tmp_path_factory.mktemp("e2e")
    database_url, drop = _e2e_database(tmp_dir)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DATABASE_URL=database_url,
        DEBUG="false",
        MEDIA_ROOT=str(tmp_dir / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_dir / "private"),
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    manage = [sys.executable, str(root / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run(manage + command, env=env, cwd=root, check=True, capture_output=True)
    log = open(tmp_dir / "server.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
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


@pytest.fixture
def page(browser, demo_site):
    context = browser.new_context(base_url=demo_site, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class AccessibilityError(AssertionError):
    pass


def assert_accessible(page) -> None:
    """axe-core (WCAG 2.1 A and AA rules) finds nothing on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    if violations:
        lines = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
            for v in violations
        ]
        raise AccessibilityError(f"{page.url}\n" + "\n".join(lines))


def keep_screenshot(page, name: str) -> Path:
    """The last page of a journey, kept for CI as test-artifacts/screenshots/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, email: str, password: str, *, keyboard: bool = False) -> None:
    page.goto("/accounts/login/")
    assert_accessible(page)
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
