import pytest
from django.urls import reverse

from lms.accounts.models import Role
from tests.factories import person

pytestmark = pytest.mark.django_db


def _assert_reachable(client, url):
    """The set-up page opens, possibly after allauth asks for the password again."""
    response = client.get(url)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/reauthenticate/")
        response = client.get(response["Location"])
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.REGISTER_OFFICE])
def test_board_and_office_must_set_up_totp_where_required(client, settings, site, role):
    settings.LMS_MFA_REQUIRED = True
    client.force_login(person(role))
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    _assert_reachable(client, reverse("mfa_activate_totp"))


def test_practitioners_are_offered_totp_but_not_forced(client, settings, site):
    settings.LMS_MFA_REQUIRED = True
    client.force_login(person(Role.JUNIOR))
    assert client.get(reverse("dashboard:home")).status_code == 200
    _assert_reachable(client, reverse("mfa_activate_totp"))


def test_a_person_with_totp_passes(client, settings, site):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    settings.LMS_MFA_REQUIRED = True
    member = person(Role.BOARD_MEMBER)
    TOTP.activate(member, generate_totp_secret())
    assert Authenticator.objects.filter(user=member).exists()
    client.force_login(member)
    assert client.get(reverse("dashboard:home")).status_code == 200
