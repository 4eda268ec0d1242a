"""The account forms, fuzzed: login (the site's and the Wagtail admin's), sign-up, password
reset and change, e-mail addresses, TOTP set-up, and the keys in e-mailed links. Hostile input
never gives a 500 and is never saved (see ``tests.fuzzing.submit``)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from lms.accounts.forms import SignupForm
from lms.accounts.models import OutboundEmail, Profile, Role, User
from tests.factories import PASSWORD, person
from tests.fuzzing import (
    any_nul,
    client_for,
    example_scope,
    field,
    form_data,
    fuzz_settings,
    is_blank,
    last,
    submit,
    text,
)

pytestmark = pytest.mark.django_db

KNOWN = "bekend@example.org"
ACCOUNT_TABLES = [User, EmailAddress, Profile, OutboundEmail]


@pytest.fixture
def known(db):
    return person(Role.JUNIOR, email=KNOWN)


def signed_in(user):
    """A client signed in through the login form, so allauth counts it as a fresh sign-in and
    does not ask for the password again before security settings."""
    client = client_for()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def _emails():
    return st.sampled_from([KNOWN, "BEKEND@example.org", "nieuw@example.org", "x@y"])


def _passwords():
    return st.sampled_from([PASSWORD, "buurtkracht-2026!", "kort", ""])


@fuzz_settings(25)
@given(
    data=form_data(
        login=field(_emails()), password=field(_passwords()), remember=field(st.just("on"))
    )
)
@example(data={"login": "bekend@example.org\x00", "password": PASSWORD})
@example(data={"login": KNOWN, "password": PASSWORD + "\x00"})
def test_login_with_any_input(known, data):
    with example_scope():
        submit(
            client_for(),
            reverse("account_login"),
            data,
            watch=[User, EmailAddress],
            clean_exclude={User: ["password"]},
            refused_when_200=False,
        )
        usernames = AccessAttempt.objects.values_list("username", flat=True)
        assert not any("\x00" in name for name in usernames)


@fuzz_settings(15)
@given(data=form_data(username=field(_emails()), password=field(_passwords())))
@example(data={"username": "bekend@example.org\x00", "password": PASSWORD})
def test_wagtail_admin_login_with_any_input(known, data):
    with example_scope():
        submit(client_for(), reverse("wagtailadmin_login"), data, watch=[User])


@fuzz_settings(30)
@given(
    data=form_data(
        first_name=field(st.sampled_from(["Fatima", "Jan-Willem"])),
        last_name=field(st.sampled_from(["Yilmaz", "van den Berg"])),
        email=field(_emails()),
        password1=field(st.just("buurtkracht-2026!")),
        password2=field(st.just("buurtkracht-2026!")),
    )
)
@example(
    data={
        "first_name": "Fa\x00tima",
        "last_name": "Yilmaz",
        "email": "nieuw@example.org",
        "password1": "buurtkracht-2026!",
        "password2": "buurtkracht-2026!",
    }
)
def test_signup_with_any_input(known, data):
    fields = [*SignupForm.base_fields, "email", "password1", "password2"]
    with example_scope():
        submit(
            client_for(),
            reverse("account_signup"),
            data,
            watch=ACCOUNT_TABLES,
            invalid=any_nul(data, *fields)
            or any(is_blank(data, name) for name in fields)
            or last(data, "password1") != last(data, "password2"),
            clean_exclude={User: ["password"]},
        )


@fuzz_settings(15)
@given(data=form_data(email=field(_emails())))
@example(data={"email": "bekend@example.org\x00"})
def test_password_reset_request_with_any_input(known, data):
    with example_scope():
        submit(
            client_for(),
            reverse("account_reset_password"),
            data,
            watch=[OutboundEmail],
            invalid=any_nul(data, "email") or is_blank(data, "email"),
        )


@fuzz_settings(10)
@given(uid=text(12).filter(lambda s: "/" not in s and s.strip()), key=text(40))
@example(uid="\x00", key="\x00")
def test_links_from_emails_take_any_key(known, uid, key):
    with example_scope():
        client = client_for()
        for url in (
            f"/accounts/password/reset/key/{uid}-{key or 'x'}/",
            f"/accounts/confirm-email/{uid}{key}/",
        ):
            submit(client, url, {}, watch=[User, EmailAddress], method="get")
            submit(
                client,
                url,
                {"password1": "buurtkracht-2026!", "password2": "buurtkracht-2026!"},
                watch=[User, EmailAddress],
                clean_exclude={User: ["password"]},
                refused_when_200=False,
            )


@fuzz_settings(15)
@given(
    data=form_data(
        oldpassword=field(_passwords()),
        password1=field(st.just("buurtkracht-2026!")),
        password2=field(st.just("buurtkracht-2026!")),
    )
)
@example(
    data={
        "oldpassword": PASSWORD,
        "password1": "nieuw\x00wacht-26",
        "password2": "nieuw\x00wacht-26",
    }
)
def test_password_change_with_any_input(known, data):
    with example_scope():
        submit(
            signed_in(known),
            reverse("account_change_password"),
            data,
            watch=[User],
            invalid=any_nul(data, "oldpassword", "password1", "password2")
            or last(data, "oldpassword") != PASSWORD,
            clean_exclude={User: ["password"]},
        )


@fuzz_settings(20)
@given(
    data=form_data(
        action_add=field(st.just("")),
        action_primary=field(st.just("")),
        action_remove=field(st.just("")),
        action_send=field(st.just("")),
        email=field(_emails()),
    )
)
@example(data={"action_add": "", "email": "tweede\x00@example.org"})
def test_email_addresses_are_managed_with_any_input(known, data):
    with example_scope():
        submit(
            client_for(known),
            reverse("account_email"),
            data,
            watch=[EmailAddress, User, OutboundEmail],
            invalid=any_nul(data, "email"),
            refused_when_200=False,
        )


@fuzz_settings(10)
@given(data=form_data(code=field(st.integers(0, 999999).map(lambda n: f"{n:06d}"))))
@example(data={"code": "12345\x00"})
def test_totp_set_up_with_any_code(board_member, data):
    with example_scope():
        client = signed_in(board_member)
        page = client.get(reverse("mfa_activate_totp"))
        if page.status_code == 302:  # allauth asks for the password once more
            client.post(page["Location"], {"password": PASSWORD})
            page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 200, page.status_code
        submit(
            client,
            reverse("mfa_activate_totp"),
            data,
            watch=[Authenticator],
            invalid=any_nul(data, "code"),
            refused_when_200=False,
        )
