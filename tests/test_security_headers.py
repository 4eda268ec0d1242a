"""Security headers as production sends them: HSTS, CSP without inline script, nosniff,
Referrer-Policy, and cookies that are Secure and HttpOnly. The settings are read from
``lms.settings.production`` itself, so a change there is a change here."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

_READ_PRODUCTION = """
import json
from django.conf import settings
names = [n for n in dir(settings) if n.startswith("SECURE_") or "_COOKIE_" in n]
print(json.dumps({n: getattr(settings, n) for n in names}))
"""


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The HTTPS and cookie settings of the production settings module."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="a-long-random-production-secret-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="testserver",
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + _READ_PRODUCTION],
        env=env,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        timeout=120,
        check=True,
    )
    values = json.loads(result.stdout)
    if values.get("SECURE_PROXY_SSL_HEADER"):
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_settings):
    for name, value in production_settings.items():
        setattr(settings, name, value)


@pytest.mark.usefixtures("production")
def test_a_page_carries_the_security_headers(client, site):
    response = client.get("/accounts/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src
    assert "object-src 'none'" in csp


@pytest.mark.usefixtures("production")
def test_session_and_csrf_cookies_are_secure_and_httponly(client, junior, site):
    page = client.get("/accounts/login/", secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        "/accounts/login/", {"login": junior.email, "password": PASSWORD}, secure=True
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


@pytest.mark.usefixtures("production")
def test_the_language_cookie_is_secure_httponly_and_same_site(client, site):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    assert response.status_code == 302
    language = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert language.value == "en"
    assert language["secure"] and language["httponly"]
    assert language["samesite"] == "Lax"


@pytest.mark.usefixtures("production")
def test_plain_http_is_redirected_to_https(client, site):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
