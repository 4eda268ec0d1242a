"""The sixth wrong password in a row is refused, for the combination of an account and the
address it is tried from. The site's login is the only form that takes a password
(tests/accounts/test_entrances.py)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from lms.accounts.throttling import client_address
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/accounts/login/"
ADDRESS_A, ADDRESS_B = "203.0.113.10", "198.51.100.20"
PROXY = "10.0.0.2"  # our own proxy, as the site sees it


def _attempt(client, email, password, *, address="127.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(SITE_LOGIN, {"login": email, "password": password}, **headers)


@pytest.fixture
def trusted_proxies(settings):
    """Set the number of proxies of our own in front of the site (TRUSTED_PROXY_COUNT, which
    the settings hand to allauth's address resolution)."""

    def set_count(count: int) -> None:
        settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = count

    return set_count


def test_sixth_wrong_password_is_blocked_and_so_is_the_right_one_after_it(client, junior):
    for _ in range(5):
        response = _attempt(client, junior.email, "fout-wachtwoord")
        assert response.status_code == 200
    sixth = _attempt(client, junior.email, "fout-wachtwoord")
    assert sixth.status_code == 429
    assert "Tijdelijk geblokkeerd" in sixth.content.decode()
    assert _attempt(client, junior.email, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_known_and_unknown_accounts_get_the_same_answers(client, junior):
    known = [_attempt(client, junior.email, "fout").status_code for _ in range(6)]
    unknown = [_attempt(client, "niemand@example.org", "fout").status_code for _ in range(6)]
    assert known == unknown == [200] * 5 + [429]


def test_a_right_password_before_the_limit_resets_the_count(client, junior):
    for _ in range(4):
        _attempt(client, junior.email, "fout")
    assert _attempt(client, junior.email, PASSWORD).status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 200


# --- Locked: the account from that address, not the account from everywhere ------------------


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another(client, junior):
    for _ in range(6):
        _attempt(client, junior.email, "fout", address=ADDRESS_A)
    assert _attempt(client, junior.email, PASSWORD, address=ADDRESS_A).status_code == 429
    client.cookies.clear()
    assert _attempt(client, junior.email, PASSWORD, address=ADDRESS_B).status_code == 302


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(
    client, junior, trusted_proxies
):
    trusted_proxies(1)
    for _ in range(6):
        _attempt(client, junior.email, "fout", address=PROXY, forwarded=ADDRESS_A)
    locked = _attempt(client, junior.email, PASSWORD, address=PROXY, forwarded=ADDRESS_A)
    assert locked.status_code == 429
    client.cookies.clear()
    owner = _attempt(client, junior.email, PASSWORD, address=PROXY, forwarded=ADDRESS_B)
    assert owner.status_code == 302


@pytest.mark.parametrize(
    ("count", "address", "forwarded"),
    [(0, ADDRESS_A, "192.0.2.{n}"), (1, PROXY, "192.0.2.{n}, " + ADDRESS_A)],
    ids=["no trusted proxy", "one trusted proxy"],
)
def test_a_forged_forwarded_header_does_not_escape_the_lock(
    client, junior, trusted_proxies, count, address, forwarded
):
    """A guesser who writes another address in X-Forwarded-For for every attempt is still
    one client: without trusted proxies the header is ignored, behind one only what that
    proxy added counts."""
    trusted_proxies(count)
    answers = [
        _attempt(
            client, junior.email, "fout", address=address, forwarded=forwarded.format(n=n)
        ).status_code
        for n in range(6)
    ]
    assert answers == [200] * 5 + [429]


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, ADDRESS_A, None, ADDRESS_A),
        (0, ADDRESS_A, "192.0.2.66", ADDRESS_A),  # forged: ignored
        (1, PROXY, ADDRESS_A, ADDRESS_A),
        (1, PROXY, f"192.0.2.66, {ADDRESS_A}", ADDRESS_A),  # forged part: ignored
        (2, PROXY, f"192.0.2.66, {ADDRESS_A}, 10.0.0.1", ADDRESS_A),
        (1, ADDRESS_B, None, ADDRESS_B),  # reached directly, without the header
        (0, "", None, None),  # a request made in code, without an address
    ],
)
def test_the_client_address(trusted_proxies, count, remote, forwarded, expected):
    trusted_proxies(count)
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **headers)) == expected
