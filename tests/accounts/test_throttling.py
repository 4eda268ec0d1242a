"""The sixth wrong password in a row is refused. The site's login is the only form that takes a
password (tests/accounts/test_entrances.py)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SITE_LOGIN = ("/accounts/login/", "login")


def _attempt(client, form, email, password):
    url, field = form
    return client.post(url, {field: email, "password": password})


def test_sixth_wrong_password_is_blocked_and_so_is_the_right_one_after_it(client, junior):
    form = SITE_LOGIN
    for _ in range(5):
        response = _attempt(client, form, junior.email, "fout-wachtwoord")
        assert response.status_code == 200
    sixth = _attempt(client, form, junior.email, "fout-wachtwoord")
    assert sixth.status_code == 429
    assert "Tijdelijk geblokkeerd" in sixth.content.decode()
    assert _attempt(client, form, junior.email, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_known_and_unknown_accounts_get_the_same_answers(client, junior):
    known = [_attempt(client, SITE_LOGIN, junior.email, "fout").status_code for _ in range(6)]
    unknown = [
        _attempt(client, SITE_LOGIN, "niemand@example.org", "fout").status_code for _ in range(6)
    ]
    assert known == unknown == [200] * 5 + [429]


def test_a_right_password_before_the_limit_resets_the_count(client, junior):
    for _ in range(4):
        _attempt(client, SITE_LOGIN, junior.email, "fout")
    assert _attempt(client, SITE_LOGIN, junior.email, PASSWORD).status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 200
