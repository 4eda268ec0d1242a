"""The front cache: the project's Varnish configuration, started as it is, in front of the
site; anonymous pages come from Varnish, and a change shows within a second."""

import http.client
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest

from courses.services import enrolment_create
from tests.clients import Client

# Committed rows, which the server thread reads; serialized_rollback brings back the rows the
# migrations made (the locale, the root page) after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
# How soon a change must show through the front cache.
WITHIN_SECONDS = 1.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    """varnishd with deploy/varnish/lms.vcl, its backend the test server; the site sends its
    purges there."""
    if not os.path.exists(VARNISHD):
        if os.environ.get("CI"):
            pytest.fail("varnishd is missing (Debian package varnish)")
        pytest.skip("varnishd is not installed (Debian package varnish)")
    backend = urllib.parse.urlsplit(live_server.url)
    (tmp_path / "backend.vcl").write_text(
        f'backend default {{ .host = "{backend.hostname}"; .port = "{backend.port}"; }}\n'
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "work"),
            "-a", f"127.0.0.1:{port}",
            "-f", str(ROOT / "deploy" / "varnish" / "lms.vcl"),
            "-p", f"vcl_path={tmp_path}:{ROOT / 'deploy' / 'varnish'}",
            "-s", "malloc,32m",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"varnishd did not start: {process.stdout.read()}")
            time.sleep(0.1)
    location = f"http://127.0.0.1:{port}"
    settings.FRONT_CACHE_URLS = [location]
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    yield port
    process.terminate()
    process.wait(timeout=10)


def fetch(port: int, url: str, *, headers=None, source="127.0.0.1", method="GET"):
    """One request to Varnish; ``url`` is the page's full URL, whose host is sent as Host."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        conn.request(method, path, headers={"Host": parts.netloc, **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


def until_shown(port: int, url: str, text: str, **kwargs) -> float:
    """Seconds until ``text`` is on the page through Varnish; fails after the limit."""
    started = time.monotonic()
    while True:
        _status, _headers, body = fetch(port, url, **kwargs)
        waited = time.monotonic() - started
        if text in body:
            return waited
        assert waited < WITHIN_SECONDS, f"{text!r} not shown after {waited:.2f} s"
        time.sleep(0.05)


@pytest.fixture
def course(provider_a, course_with_edition):
    return course_with_edition(provider_a, title="Wijkanalyse in de praktijk")


def test_an_anonymous_page_is_served_by_the_front_cache(varnish, course):
    status, first, body = fetch(varnish, course.full_url)
    assert status == 200 and "Wijkanalyse in de praktijk" in body
    assert first["X-Cache"] == "miss"
    status, second, again = fetch(varnish, course.full_url)
    assert second["X-Cache"] == "hit"
    assert again == body
    # Browsers and caches further on do not keep what only the front cache can purge.
    assert second["Cache-Control"] == "no-cache"
    assert "X-Cache-Scope" not in second and "X-Front-Url" not in second


def test_a_changed_seat_count_shows_within_a_second(varnish, course, junior):
    edition = course.editions.get()
    fetch(varnish, course.full_url)
    assert fetch(varnish, course.full_url)[1]["X-Cache"] == "hit"
    enrolment_create(edition=edition, person=junior, actor=junior)
    until_shown(varnish, course.full_url, f"{edition.capacity - 1} van {edition.capacity}")


def test_a_published_change_shows_within_a_second(varnish, course, catalogue):
    fetch(varnish, course.full_url)
    fetch(varnish, catalogue.full_url)
    course.title = "Wijkanalyse, vernieuwd"
    course.save_revision().publish()
    until_shown(varnish, course.full_url, "Wijkanalyse, vernieuwd")
    until_shown(varnish, catalogue.full_url, "Wijkanalyse, vernieuwd")


def test_the_language_is_part_of_the_key(varnish, course):
    dutch = fetch(varnish, course.full_url, headers={"Accept-Language": "nl-NL,nl;q=0.9"})[2]
    english = fetch(varnish, course.full_url, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert english[1]["X-Cache"] == "miss"
    assert '<html lang="en"' in english[2] and '<html lang="nl"' in dutch
    # A browser asking for neither gets Dutch; the language cookie wins over the browser.
    assert (
        '<html lang="nl"' in fetch(varnish, course.full_url, headers={"Accept-Language": "de"})[2]
    )
    by_cookie = fetch(
        varnish,
        course.full_url,
        headers={"Accept-Language": "nl", "Cookie": "django_language=en; csrftoken=abc"},
    )
    assert by_cookie[1]["X-Cache"] == "hit" and '<html lang="en"' in by_cookie[2]


def test_a_signed_in_person_is_never_served_a_kept_page(varnish, course, junior):
    fetch(varnish, course.full_url)
    assert fetch(varnish, course.full_url)[1]["X-Cache"] == "hit"
    client = Client()
    client.force_login(junior)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    status, headers, body = fetch(varnish, course.full_url, headers={"Cookie": cookie})
    assert status == 200 and headers["X-Cache"] == "miss"
    assert "Uitloggen" in body
    # And what the signed-in person saw was not kept for the next anonymous visitor.
    assert fetch(varnish, course.full_url)[2] != body


def test_wagtails_purge_of_a_url_drops_it_in_both_languages(varnish, course):
    from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

    for language in ("nl", "en"):
        fetch(varnish, course.full_url, headers={"Accept-Language": language})
        assert (
            fetch(varnish, course.full_url, headers={"Accept-Language": language})[1]["X-Cache"]
            == "hit"
        )
    purge_url_from_cache(course.full_url)
    for language in ("nl", "en"):
        headers = fetch(varnish, course.full_url, headers={"Accept-Language": language})[1]
        assert headers["X-Cache"] == "miss"


def test_purges_are_only_taken_from_the_applications_addresses(varnish, course):
    fetch(varnish, course.full_url)
    for method in ("BAN", "PURGE"):
        status, _headers, _body = fetch(varnish, course.full_url, method=method, source="127.0.0.2")
        assert status == 403
    assert fetch(varnish, course.full_url)[1]["X-Cache"] == "hit"
    status, _headers, _body = fetch(
        varnish, course.full_url, method="BAN", headers={"X-Cache-Scope": "pages) || (x"}
    )
    assert status == 400
    assert fetch(varnish, course.full_url)[1]["X-Cache"] == "hit"
