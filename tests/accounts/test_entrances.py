"""One way in: every login goes through the site's login (allauth) and all of its steps."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django import test
from django.core import mail
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.models import ContentPage
from lms.accounts.models import OutboundEmail, Role, User
from tests.factories import PASSWORD, person

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/accounts/login/"
REVIEWS = "/register/beoordelen/"


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _to_site_login(response, *, next_path: str) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path == SITE_LOGIN and parse_qs(location.query).get("next") == [next_path]


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def member_with_totp(db):
    member = person(Role.BOARD_MEMBER)
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    return member, secret


# --- The site's login asks every step --------------------------------------------------------


def test_a_member_with_totp_is_signed_in_only_after_her_code(client, site, member_with_totp):
    member, secret = member_with_totp
    response = client.post(SITE_LOGIN, {"login": member.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _signed_in(client)
    # Halfway through, no page that needs a login opens.
    assert client.get(REVIEWS).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert _signed_in(client)
    assert client.get(REVIEWS).status_code == 200


# --- The other doors send people to it ---------------------------------------------------------


def test_wagtails_login_signs_nobody_in_and_sends_them_to_the_site_login(
    client, site, member_with_totp
):
    member, _secret = member_with_totp
    response = client.post(
        "/admin/login/?next=/admin/pages/", {"username": member.email, "password": PASSWORD}
    )
    assert _to_site_login(response, next_path="/admin/pages/")
    assert not _signed_in(client)
    assert client.get(REVIEWS).status_code == 302
    assert _to_site_login(client.get("/admin/login/"), next_path="/admin/")


def test_the_django_admins_login_signs_nobody_in_and_sends_them_to_the_site_login(client, site):
    boss = person(is_superuser=True, is_staff=True)
    response = client.post(
        "/django-admin/login/?next=/django-admin/accounts/user/",
        {"username": boss.email, "password": PASSWORD},
    )
    assert _to_site_login(response, next_path="/django-admin/accounts/user/")
    assert not _signed_in(client)
    assert client.get("/django-admin/").status_code == 302
    assert _to_site_login(client.get("/django-admin/login/"), next_path="/django-admin/")


def test_wagtails_login_for_private_pages_signs_nobody_in_either(client, site, member_with_totp):
    member, _secret = member_with_totp
    response = client.post(
        "/_util/login/?next=/cursussen/", {"username": member.email, "password": PASSWORD}
    )
    assert _to_site_login(response, next_path="/cursussen/")
    assert not _signed_in(client)


def test_a_page_for_signed_in_people_only_sends_visitors_to_the_site_login(client, site):
    closed = ContentPage(title="Voor leden", slug="voor-leden", intro="Alleen voor leden.")
    site.add_child(instance=closed)
    closed.save_revision().publish()
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    assert _to_site_login(client.get(closed.url), next_path=closed.url)


def test_a_sign_up_that_never_confirmed_its_address_gets_in_nowhere(client, site):
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Fatima",
            "last_name": "Yilmaz",
            "email": "fatima@example.org",
            "password1": "buurtkracht-2026!",
            "password2": "buurtkracht-2026!",
        },
    )
    assert User.objects.filter(email="fatima@example.org").exists()
    doors = ((SITE_LOGIN, "login"), ("/admin/login/", "username"), ("/_util/login/", "username"))
    for door, field in doors:
        client.post(door, {field: "fatima@example.org", "password": "buurtkracht-2026!"})
        assert not _signed_in(client), door
        assert client.get(reverse("dashboard:home")).status_code == 302, door


def test_next_leads_only_to_a_path_on_this_site(client, site):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert _to_site_login(response, next_path="/admin/")


def test_someone_signed_in_who_may_use_the_admin_goes_on_to_it(client, site):
    client.force_login(person(Role.PROVIDER_EDITOR))
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    client.force_login(person(is_superuser=True, is_staff=True))
    response = client.get("/django-admin/login/")
    assert response.status_code == 302 and response["Location"] == "/django-admin/"


# --- A session made any other way signs nobody in ---------------------------------------------


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.JUNIOR])
def test_a_session_not_made_by_the_site_login_is_ended(site, role):
    # Django's own client signs in as django.contrib.auth.login does, without the site's steps.
    plain = test.Client()
    plain.force_login(person(role))
    response = plain.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == SITE_LOGIN
    assert not _signed_in(plain)


def test_a_session_for_one_person_does_not_count_for_another(client, site):
    first, second = person(Role.JUNIOR), person(Role.JUNIOR)
    client.force_login(first)
    proof = dict(client.session)
    plain = test.Client()
    plain.force_login(second)
    session = plain.session
    session["lms_login_steps_done_for"] = proof["lms_login_steps_done_for"]
    session.save()
    assert plain.get(reverse("dashboard:home")).status_code == 302


# --- Wagtail's password reset is off: allauth's is the one ---------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/verzonnen/",
        "/admin/password_reset/complete/",
    ],
)
def test_wagtails_password_reset_is_switched_off(client, site, path):
    assert client.get(path).status_code == 404


def test_a_reset_asked_from_wagtail_sends_nothing(client, site, junior):
    response = client.post("/admin/password_reset/", {"email": junior.email})
    assert response.status_code == 404
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


# --- Signed in without admin access: a page that says so, no loop ------------------------------


@pytest.mark.parametrize("role", [Role.JUNIOR, Role.SENIOR, Role.MANAGER])
def test_the_wagtail_admin_tells_a_practitioner_she_has_no_access(client, site, role):
    client.force_login(person(role))
    for path in ("/admin/", "/admin/pages/", "/admin/login/"):
        response = client.get(path, follow=True)
        assert response.status_code == 403, path
        assert response.redirect_chain == [], path
        page = response.content.decode()
        assert "Geen toegang" in page
        assert "registerbureau" in page
        assert f'href="{reverse("dashboard:home")}"' in page


def test_the_django_admin_tells_staff_who_are_not_superusers_they_have_no_access(client, site):
    client.force_login(person(Role.REGISTER_OFFICE, is_staff=True))
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403
    assert [urlsplit(url).path for url, _status in response.redirect_chain] == [
        "/django-admin/login/"
    ]
    assert "technisch beheer" in response.content.decode()
