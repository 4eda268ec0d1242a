import pytest
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_start_page_says_who_and_which_roles(client, junior, site):
    client.force_login(junior)
    response = client.get(reverse("dashboard:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(junior.get_full_name()) in html
    assert "Junior opbouwwerker" in html


def test_start_page_needs_login(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_completed_course_shows_as_completed_on_the_start_page(client, site):
    from courses import demo as courses_demo
    from lms.accounts import demo as accounts_demo

    people = accounts_demo.seed()
    courses_demo.seed(people)
    client.force_login(people["junior@example.org"])
    html = client.get(reverse("dashboard:home")).content.decode()
    assert "· Afgerond" in html
