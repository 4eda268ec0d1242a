"""A name holds no character that is invisible or changes how the text around it reads, by
whichever form or service it is set."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.forms.account import NameEmailForm
from wagtail.users.forms import UserEditForm

from lms.accounts.admin import UserAdmin
from lms.accounts.models import User
from lms.accounts.services import user_create
from lms.accounts.validators import validate_person_name
from tests.factories import person

REFUSED = {
    "line feed": "Fatima\nBcc: iedereen@example.org",
    "carriage return": "Fatima\rYilmaz",
    "tab": "Fatima\tYilmaz",
    "NUL": "Fatima\x00",
    "right-to-left override": "\u202eamitaF",
    "left-to-right embedding": "Fa\u202atima",
    "zero-width space": "Fa\u200btima",
    "zero-width joiner": "Fa\u200dtima",
    "byte order mark": "\ufeffFatima",
    "line separator": "Fatima\u2028Yilmaz",
    "private use": "Fatima\ue000",
}
WELCOME = ["Zoë", "Şükrü", "Nguyễn Thị Minh", "O'Brien-de Vries", "José María", "محمد", "李小龙"]


@pytest.mark.parametrize("name", REFUSED.values(), ids=REFUSED.keys())
def test_a_name_with_an_invisible_or_direction_changing_character_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_person_name(name)
    assert "Een naam mag geen regeleinden" in str(refused.value)


@pytest.mark.parametrize("name", WELCOME)
def test_names_in_every_script_are_welcome(name):
    validate_person_name(name)


def test_the_message_names_the_character_that_was_found():
    with pytest.raises(ValidationError) as refused:
        validate_person_name("Fa\u200btima")
    assert "U+200B" in refused.value.messages[0]


@pytest.mark.django_db
def test_sign_up_refuses_a_line_break_in_a_name_and_makes_no_account(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Fatima\nBcc: iedereen@example.org",
            "last_name": "Yilmaz",
            "email": "fatima@example.org",
            "password1": "buurtkracht-2026!",
            "password2": "buurtkracht-2026!",
        },
    )
    assert response.status_code == 200
    assert "Een naam mag geen regeleinden" in response.content.decode()
    assert not User.objects.filter(email="fatima@example.org").exists()


@pytest.mark.django_db
def test_user_create_refuses_it():
    with pytest.raises(ValidationError):
        user_create(email="fatima@example.org", password=None, last_name="Yil\u202emaz")
    assert not User.objects.exists()


def _as_superuser():
    request = RequestFactory().get("/")
    request.user = person(is_superuser=True, is_staff=True)
    return request


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_for",
    [
        pytest.param(lambda user, data: NameEmailForm(data, instance=user), id="own account"),
        pytest.param(lambda user, data: UserEditForm(data, instance=user), id="wagtail users"),
        pytest.param(
            lambda user, data: UserAdmin(User, admin.site).get_form(_as_superuser(), user)(
                data, instance=user
            ),
            id="django admin",
        ),
    ],
)
def test_the_admins_forms_refuse_it_and_change_nothing(form_for):
    user = person(first_name="Fatima", last_name="Yilmaz")
    data = {
        "email": user.email,
        "first_name": "Fatima\u200b",
        "last_name": "Yilmaz",
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "10:00",
    }
    form = form_for(user, data)
    assert not form.is_valid()
    assert "first_name" in form.errors
    user.refresh_from_db()
    assert user.first_name == "Fatima"
