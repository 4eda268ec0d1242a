"""Sign-up, verification, login, logout and password reset, as a visitor meets them."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import OutboundEmail, Role, User
from tests.factories import PASSWORD, person

pytestmark = pytest.mark.django_db


def _signup(client, **overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "Yilmaz",
        "email": "fatima@example.org",
        "password1": "buurtkracht-2026!",
        "password2": "buurtkracht-2026!",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_signup_sends_a_verification_mail_and_the_link_verifies(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="fatima@example.org")
    assert user.get_full_name() == "Fatima Yilmaz"
    assert user.has_role(Role.JUNIOR)
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    [link] = [u for u in _links(mail.outbox[0]) if "/accounts/confirm-email/" in u]
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_unverified_account_cannot_sign_in_yet(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client)
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "fatima@example.org", "password": "buurtkracht-2026!"},
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_signup_with_a_taken_address_looks_like_any_sign_up_and_tells_the_owner(
    client, junior, django_capture_on_commit_callbacks
):
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        taken = _signup(client, email=junior.email.upper())
    assert User.objects.count() == before
    client.logout()
    fresh = _signup(client, email="nieuw@example.org")
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    [notice] = [m for m in mail.outbox if m.to == [junior.email]]
    assert "/accounts/password/reset/" in notice.body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "geen-adres", "Voer een geldig e-mailadres in"),
        ("password1", "kort", "Dit wachtwoord is te kort"),
    ],
)
def test_bad_signup_input_is_refused_in_dutch(client, field, value, message):
    overrides = {field: value}
    if field == "password1":
        overrides["password2"] = value
    response = _signup(client, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_wrong_password_gets_a_dutch_message(client, junior):
    response = client.post(
        reverse("account_login"), {"login": junior.email, "password": "fout-wachtwoord"}
    )
    assert response.status_code == 200
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_login_lands_on_the_personal_start_page_and_logout_ends_the_session(client, junior):
    response = client.post(reverse("account_login"), {"login": junior.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def _request_reset(client, user, capture):
    with capture(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    [link] = [u for u in _links(mail.outbox[-1]) if "/accounts/password/reset/key/" in u]
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, junior, django_capture_on_commit_callbacks
):
    answers = []
    for address in (junior.email, "niemand@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_reset_password"), {"email": address})
        page = client.get(response["Location"]) if response.status_code == 302 else response
        answers.append((response.status_code, response.get("Location"), page.status_code))
        assert "niet bij ons bekend" not in page.content.decode()
    known, unknown = answers
    assert known == unknown == (302, reverse("account_reset_password_done"), 200)
    # Only the account's owner gets an e-mail; nothing goes to, or is kept about, a stranger.
    assert [m.to for m in mail.outbox] == [[junior.email]]
    assert not OutboundEmail.objects.filter(to="niemand@example.org").exists()


def test_password_reset_sets_a_new_password(client, junior, django_capture_on_commit_callbacks):
    path = _request_reset(client, junior, django_capture_on_commit_callbacks)
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "nieuw-sterk-wachtwoord-9", "password2": "nieuw-sterk-wachtwoord-9"}
    )
    assert response.status_code == 302
    junior.refresh_from_db()
    assert junior.check_password("nieuw-sterk-wachtwoord-9")


def test_an_expired_reset_link_is_refused_and_changes_nothing(
    client, junior, settings, django_capture_on_commit_callbacks
):
    path = _request_reset(client, junior, django_capture_on_commit_callbacks)
    later = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT, days=1)
    with time_machine.travel(later, tick=False):
        response = client.get(path, follow=True)
    assert "ongeldig" in response.content.decode().lower()
    junior.refresh_from_db()
    assert junior.check_password(PASSWORD)


def test_every_demo_account_signs_in_with_the_demo_password(client, site):
    from lms.accounts import demo

    demo.seed()
    emails = [row[0] for row in demo.DEMO_PEOPLE] + ["admin@example.org"]
    for email in emails:
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": email, "password": demo.DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        assert response["Location"] == reverse("dashboard:home"), email
        page = client.get(reverse("dashboard:home"))
        assert page.status_code == 200


def test_django_admin_is_for_superusers_only(client):
    staff = person(Role.REGISTER_OFFICE, is_staff=True)
    client.force_login(staff)
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]
    boss = person(is_superuser=True, is_staff=True)
    client.force_login(boss)
    assert client.get("/django-admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.PROVIDER_EDITOR, 200),
        (Role.BOARD_MEMBER, 200),
        (Role.REGISTER_OFFICE, 200),
        (Role.JUNIOR, 403),
        (Role.MANAGER, 403),
    ],
)
def test_wagtail_admin_opens_for_the_roles_that_work_in_it(client, site, role, status):
    client.force_login(person(role))
    assert client.get("/admin/").status_code == status
