"""The sixth wrong password in a row is refused, on the site and in the Wagtail admin."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SITE_LOGIN = ("/accounts/login/", "login")
ADMIN_LOGIN = ("/admin/login/", "username")


def _attempt(client, form, email, password):
    url, field = form
    return client.post(url, {field: email, "password": password})


@pytest.mark.parametrize("form", [SITE_LOGIN, ADMIN_LOGIN], ids=["site", "wagtail-admin"])
def test_sixth_wrong_password_is_blocked_and_so_is_the_right_one_after_it(client, junior, form):
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


def test_switching_forms_does_not_reset_the_count(client, junior):
    for _ in range(3):
        _attempt(client, SITE_LOGIN, junior.email, "fout")
    for _ in range(2):
        _attempt(client, ADMIN_LOGIN, junior.email, "fout")
    assert _attempt(client, SITE_LOGIN, junior.email, "fout").status_code == 429


def test_a_right_password_before_the_limit_resets_the_count(client, junior):
    for _ in range(4):
        _attempt(client, SITE_LOGIN, junior.email, "fout")
    assert _attempt(client, SITE_LOGIN, junior.email, PASSWORD).status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 200
